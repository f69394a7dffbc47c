/**
 * Spectrogram data for web front ends: the dB matrix quantised to one byte per cell,
 *   q = round(255·(dB − floorDb)/(ceilingDb − floorDb)),  dB = floorDb + q·(ceilingDb − floorDb)/255,
 * so 0 is the floor (silence), 255 the ceiling, and a front end applies its own colormap
 * as a 256-entry lookup. The byte layout follows the matrix: frame-major, `bins` bytes
 * per frame, bin 0 = lowest frequency. `spectrogramAxes` gives the JSON sidecar
 * (shape, level range, frame times and bin frequencies) that lets a viewer label axes.
 */
import type { SpectrogramMatrix } from "./spectrogram-matrix.js";

/** dB → uint8 levels (frame-major, as the matrix). */
export function quantizeSpectrogram(matrix: SpectrogramMatrix): Uint8Array {
  const { data, floorDb, ceilingDb } = matrix;
  const out = new Uint8Array(data.length);
  const scale = ceilingDb > floorDb ? 255 / (ceilingDb - floorDb) : 0;
  for (let i = 0; i < data.length; i++) {
    const level = Math.round((data[i]! - floorDb) * scale);
    out[i] = level < 0 ? 0 : level > 255 ? 255 : level;
  }
  return out;
}

export interface SpectrogramAxes {
  readonly kind: SpectrogramMatrix["kind"];
  /** [frames, bins]: the quantised bytes hold `frames` rows of `bins` bytes. */
  readonly shape: readonly [number, number];
  readonly layout: "frame-major, bin 0 = lowest frequency";
  readonly floorDb: number;
  readonly ceilingDb: number;
  readonly hopSeconds: number;
  /** Centre time of frame 0 (s); frame t is at firstFrameSeconds + t·hopSeconds. */
  readonly firstFrameSeconds: number;
  /** Bin centre frequencies (Hz), rounded to 0.001 Hz. */
  readonly frequencies: readonly number[];
}

export function spectrogramAxes(matrix: SpectrogramMatrix): SpectrogramAxes {
  return {
    kind: matrix.kind,
    shape: [matrix.frames, matrix.bins],
    layout: "frame-major, bin 0 = lowest frequency",
    floorDb: matrix.floorDb,
    ceilingDb: matrix.ceilingDb,
    hopSeconds: matrix.hopSeconds,
    firstFrameSeconds: matrix.frames > 0 ? matrix.times[0]! : 0,
    frequencies: Array.from(matrix.frequencies, (f) => Math.round(f * 1000) / 1000),
  };
}
