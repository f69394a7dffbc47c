/**
 * Spectrogram images and files: RGBA rendering at any size, PNG/WebP encoding with optional
 * axes (sharp), uint8 data + JSON axes for web front ends, zoom tiles, and IDTAP's
 * spec_data.gz / spec_shape.json format. The matrices come from src/core/spectrogram; the
 * `…OfFile` functions stream an audio file's decoding through them in bounded memory.
 */
export {
  ENCODE_DEFAULTS,
  type EncodeOptions,
  encodeSpectrogramImage,
  type ImageFormat,
  imageFormatFor,
  type SpectrogramImageOptions,
  writeSpectrogramImage,
} from "./encode-spectrogram-image.js";
export {
  IDTAP_SPECTROGRAM_DEFAULTS,
  type IdtapSpectrogramOptions,
  type IdtapSpectrogramShape,
  idtapSpectrogramBytes,
  writeIdtapSpectrogram,
  writeIdtapSpectrogramOfFile,
} from "./idtap-spectrogram.js";
export { type RenderOptions, type RgbaImage, renderSpectrogram, resample1d } from "./render-spectrogram.js";
export { AXIS_MARGINS, axesOverlaySvg, formatClock, frequencyTicks, type Tick, timeTicks } from "./spectrogram-axes.js";
export {
  frameRange,
  type TileIndex,
  type TileOptions,
  writeSpectrogramData,
  writeSpectrogramTiles,
} from "./spectrogram-export.js";
export {
  type FileDecoding,
  type FileSpectrogramOptions,
  spectrogramOfFile,
  streamMonoFile,
  writeSpectrogramImageOfFile,
} from "./spectrogram-from-file.js";
export { type FileTileOptions, writeSpectrogramTilesOfFile } from "./spectrogram-tiles-of-file.js";
