/**
 * The spectrogram matrix every renderer and exporter reads: decibels over frames × bins
 * with its two axes. Layout: frame-major, `data[t·bins + b]` is frame t, bin b; bin 0 is
 * the LOWEST frequency (frequencies ascend with b); frame t is centred at `times[t]` s.
 * Levels are dB re a full-scale sinusoid (a sine of amplitude 1 centred on a bin reads
 * ≈ 0 dB; on mel bands, which sum the power of the window's main lobe, up to +1.8 dB), clamped to [ceilingDb − rangeDb, ceilingDb] like librosa's amplitude_to_db
 * with top_db (Reference: McFee et al. (2015), librosa `amplitude_to_db`).
 */

export type SpectrogramKind = "linear" | "log" | "mel" | "cqt";

export interface SpectrogramMatrix {
  readonly kind: SpectrogramKind;
  readonly frames: number;
  readonly bins: number;
  /** frames·bins dB values, frame-major, each in [floorDb, ceilingDb]. */
  readonly data: Float32Array;
  /** Centre time of each frame (s). */
  readonly times: Float64Array;
  /** Centre frequency of each bin (Hz), ascending. */
  readonly frequencies: Float64Array;
  /** Seconds between frames. */
  readonly hopSeconds: number;
  /** The lowest level in `data` after clamping (= ceilingDb − rangeDb). */
  readonly floorDb: number;
  /** The level mapped to the top of the colour scale. */
  readonly ceilingDb: number;
}

export interface DecibelOptions {
  /** Range kept below the ceiling (dB); > 0. */
  readonly rangeDb: number;
  /** The ceiling in dB re full scale, or "max": the loudest value of the matrix. */
  readonly ceilingDb: number | "max";
}

export const DECIBEL_DEFAULTS: DecibelOptions = { rangeDb: 80, ceilingDb: "max" };

/** Smallest amplitude before the logarithm (−200 dB). */
const AMPLITUDE_FLOOR = 1e-10;

/**
 * Amplitudes (power when `power` is true) → dB in place, clamped to the range; returns
 * the floor and ceiling used. An all-silent matrix with ceiling "max" reads −200 dB.
 */
export function amplitudesToDb(
  values: Float32Array,
  power: boolean,
  options: Partial<DecibelOptions> = {},
): { floorDb: number; ceilingDb: number } {
  const { rangeDb, ceilingDb } = { ...DECIBEL_DEFAULTS, ...options };
  if (!(rangeDb > 0)) throw new RangeError(`amplitudesToDb: rangeDb must be > 0, got ${rangeDb}`);
  const scale = power ? 10 : 20;
  const floorInput = power ? AMPLITUDE_FLOOR * AMPLITUDE_FLOOR : AMPLITUDE_FLOOR;
  let top = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < values.length; i++) {
    const db = scale * Math.log10(Math.max(floorInput, values[i]!));
    values[i] = db;
    if (db > top) top = db;
  }
  const ceiling = ceilingDb === "max" ? (Number.isFinite(top) ? top : -200) : ceilingDb;
  const floor = ceiling - rangeDb;
  for (let i = 0; i < values.length; i++) values[i] = Math.min(ceiling, Math.max(floor, values[i]!));
  return { floorDb: floor, ceilingDb: ceiling };
}

/** Centre times t·hop/sampleRate of `frames` centred frames. */
export function centredFrameTimes(frames: number, hopSize: number, sampleRate: number): Float64Array {
  const times = new Float64Array(frames);
  for (let t = 0; t < frames; t++) times[t] = (t * hopSize) / sampleRate;
  return times;
}
