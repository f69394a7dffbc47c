/**
 * Spectrograms as matrices: linear, log-frequency, mel and constant-Q in dB with their
 * axes; colormaps; uint8 quantisation for web front ends. Pure (no I/O): images and
 * files are written by src/io/images.
 */

export { COLORMAP_NAMES, type ColormapName, createColormap, parseHexColor } from "./colormaps.js";
export { type CqtFrameCallback, type CqtStream, type CqtStreamOptions, constantQ, createCqtStream } from "./cqt.js";
export { CQT_DEFAULTS, type CqtOptions, type CqtPlan, createCqtPlan } from "./cqt-kernel.js";
export { createSpectrogram, type SpectrogramOptions } from "./create-spectrogram.js";
export { quantizeSpectrogram, type SpectrogramAxes, spectrogramAxes } from "./quantize-spectrogram.js";
export {
  amplitudesToDb,
  centredFrameTimes,
  DECIBEL_DEFAULTS,
  type DecibelOptions,
  type SpectrogramKind,
  type SpectrogramMatrix,
} from "./spectrogram-matrix.js";
export { STFT_SPECTROGRAM_DEFAULTS, type StftSpectrogramOptions } from "./stft-spectrograms.js";
