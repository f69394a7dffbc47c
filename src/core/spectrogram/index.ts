/**
 * Spectrograms as matrices: linear, log-frequency, mel and constant-Q in dB with their
 * axes, from samples in memory or streamed in chunks (pooled into a fixed number of columns
 * as they arrive, so any length fits in bounded memory); colormaps; uint8 quantisation for
 * web front ends. Pure (no I/O): images and files are written by src/io/images.
 */

export { COLORMAP_NAMES, type ColormapName, createColormap, parseHexColor } from "./colormaps.js";
export { type CqtFrameCallback, type CqtStream, type CqtStreamOptions, constantQ, createCqtStream } from "./cqt.js";
export { CQT_DEFAULTS, type CqtOptions, type CqtPlan, createCqtPlan } from "./cqt-kernel.js";
export { createSpectrogram, type SpectrogramOptions } from "./create-spectrogram.js";
export { quantizeSpectrogram, type SpectrogramAxes, spectrogramAxes } from "./quantize-spectrogram.js";
export {
  createSpectrogramFrames,
  type SpectrogramFrameCallback,
  type SpectrogramFrames,
} from "./spectrogram-frames.js";
export {
  amplitudesToDb,
  centredFrameTimes,
  DECIBEL_DEFAULTS,
  type DecibelOptions,
  type SpectrogramKind,
  type SpectrogramMatrix,
} from "./spectrogram-matrix.js";
export {
  createSpectrogramStream,
  SPECTROGRAM_STREAM_DEFAULTS,
  type SpectrogramStream,
  type SpectrogramStreamOptions,
  streamHopSize,
} from "./spectrogram-stream.js";
export { STFT_SPECTROGRAM_DEFAULTS, type StftSpectrogramOptions } from "./stft-spectrograms.js";
export { createStftStream, type StftFrameVisitor, type StftStream } from "./stft-stream.js";
