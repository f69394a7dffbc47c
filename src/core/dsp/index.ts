/**
 * Digital signal processing base of the core: real FFT, windows, STFT and its inverse,
 * spectrogram axes, band-limited resampling and mel filterbanks. Pure (no I/O, no
 * dependencies); a faster FFT can be injected through the `RealFft` interface.
 */
export { ISTFT_DEFAULTS, type IstftOptions, istft } from "./istft.js";
export {
  applyMelFilterbank,
  createMelFilterbank,
  hzToMel,
  MEL_FILTERBANK_DEFAULTS,
  type MelFilterbank,
  type MelFilterbankOptions,
  type MelScale,
  melFrequencies,
  melToHz,
} from "./mel.js";
export { checkRealFftBuffers, createRealFft, isPowerOfTwo, type RealFft } from "./real-fft.js";
export { createResampler, RESAMPLER_DEFAULTS, type Resampler, type ResamplerOptions, resample } from "./resample.js";
export {
  createResampleFilter,
  kaiserBetaForAttenuation,
  RESAMPLE_FILTER_PRESETS,
  type ResampleFilter,
  type ResampleFilterPreset,
  type ResamplerQuality,
} from "./resample-filter.js";
export {
  binFrequency,
  frameTime,
  magnitudeSpectrogram,
  powerSpectrogram,
  type Spectrogram,
  type Stft,
} from "./spectrogram.js";
export { reflectIndex, STFT_DEFAULTS, type StftOptions, stft } from "./stft.js";
export {
  besselI0,
  blackmanHarrisWindow,
  blackmanWindow,
  createWindow,
  hammingWindow,
  hannWindow,
  kaiserWindow,
  WINDOW_DEFAULTS,
  type WindowKind,
  type WindowOptions,
  type WindowSymmetry,
} from "./windows.js";
