/**
 * Local tempo over time: the autocorrelation tempogram of sliding windows of the onset
 * envelope, each window's best period searched within ±`maxDeviation` (ratio) of a
 * reference tempo, so the curve follows drifts and changes without jumping octaves. Each
 * window's likelihood is salience times a Gaussian closeness (in octaves) to the previous
 * window's tempo, which smooths the curve. Windows with no periodicity keep the previous
 * value. Output: one tempo per window centre.
 * Reference: Grosche & Müller (2011), "Extracting predominant local pulse information from
 *   music recordings", IEEE TASLP 19(6) (local autocorrelation tempogram).
 */
import { autocorrelationAt, envelopeAutocorrelation, lagToTempo, tempoToLag } from "./autocorrelation-tempogram.js";

export interface TempoCurveOptions {
  readonly frameRate: number;
  /** Window length (seconds). */
  readonly windowSeconds: number;
  /** Distance between window centres (seconds). */
  readonly hopSeconds: number;
  /** Search range around the reference tempo, as a ratio ≥ 1 (1.3 = ±30 %). */
  readonly maxDeviation: number;
  /** Width (octaves) of the continuity weight between consecutive windows. */
  readonly continuityOctaves: number;
}

export const TEMPO_CURVE_DEFAULTS: Omit<TempoCurveOptions, "frameRate"> = {
  windowSeconds: 8,
  hopSeconds: 1,
  maxDeviation: 1.45,
  continuityOctaves: 0.1,
};

export interface TempoCurve {
  /** Window centre times (seconds). */
  readonly timeSeconds: Float64Array;
  readonly tempoBpm: Float64Array;
}

export function tempoCurve(
  envelope: Float32Array,
  referenceBpm: number,
  options: Pick<TempoCurveOptions, "frameRate"> & Partial<TempoCurveOptions>,
): TempoCurve {
  const { frameRate, windowSeconds, hopSeconds, maxDeviation, continuityOctaves } = {
    ...TEMPO_CURVE_DEFAULTS,
    ...options,
  };
  if (!(referenceBpm > 0)) throw new RangeError(`tempoCurve: referenceBpm must be > 0, got ${referenceBpm}`);
  const windowFrames = Math.min(envelope.length, Math.round(windowSeconds * frameRate));
  const hopFrames = Math.max(1, Math.round(hopSeconds * frameRate));
  const count = envelope.length === 0 ? 0 : 1 + Math.max(0, Math.ceil((envelope.length - windowFrames) / hopFrames));
  const timeSeconds = new Float64Array(count);
  const tempoBpm = new Float64Array(count);
  const minLag = Math.max(1, Math.floor(tempoToLag(referenceBpm * maxDeviation, frameRate)));
  const maxLag = Math.ceil(tempoToLag(referenceBpm / maxDeviation, frameRate));
  const autocorrelation = new Float64Array(2 * maxLag + 2);
  const scratch = new Float64Array(windowFrames);
  let previous = referenceBpm;
  for (let w = 0; w < count; w++) {
    const start = Math.min(w * hopFrames, Math.max(0, envelope.length - windowFrames));
    timeSeconds[w] = (start + windowFrames / 2) / frameRate;
    envelopeAutocorrelation(envelope, 2 * maxLag + 1, start, windowFrames, autocorrelation, scratch);
    let best = 0;
    let bestLag = -1;
    for (let lag = minLag; lag <= maxLag; lag++) {
      const salience = autocorrelationAt(autocorrelation, lag) + 0.5 * autocorrelationAt(autocorrelation, 2 * lag);
      const octaves = Math.log2(lagToTempo(lag, frameRate) / previous) / continuityOctaves;
      const value = salience * Math.exp(-0.5 * octaves * octaves);
      if (value > best) {
        best = value;
        bestLag = lag;
      }
    }
    if (bestLag > minLag && bestLag < maxLag) {
      const left = autocorrelation[bestLag - 1]!;
      const middle = autocorrelation[bestLag]!;
      const right = autocorrelation[bestLag + 1]!;
      const curvature = left - 2 * middle + right;
      const shift = curvature < 0 ? Math.max(-0.5, Math.min(0.5, (0.5 * (left - right)) / curvature)) : 0;
      previous = lagToTempo(bestLag + shift, frameRate);
    }
    tempoBpm[w] = previous;
  }
  return { timeSeconds, tempoBpm };
}

/** Beat period in frames at every envelope frame, interpolated from a tempo curve. */
export function periodPerFrame(
  curve: TempoCurve,
  frames: number,
  frameRate: number,
  fallbackBpm: number,
): Float64Array {
  const periods = new Float64Array(frames);
  const { timeSeconds, tempoBpm } = curve;
  let w = 0;
  for (let t = 0; t < frames; t++) {
    const time = t / frameRate;
    while (w + 1 < timeSeconds.length && timeSeconds[w + 1]! <= time) w++;
    let bpm = fallbackBpm;
    if (timeSeconds.length === 1 || (timeSeconds.length > 1 && time <= timeSeconds[0]!)) bpm = tempoBpm[0]!;
    else if (w + 1 >= timeSeconds.length && timeSeconds.length > 0) bpm = tempoBpm[timeSeconds.length - 1]!;
    else if (timeSeconds.length > 1) {
      const fraction = (time - timeSeconds[w]!) / (timeSeconds[w + 1]! - timeSeconds[w]!);
      bpm = tempoBpm[w]! + fraction * (tempoBpm[w + 1]! - tempoBpm[w]!);
    }
    periods[t] = tempoToLag(bpm, frameRate);
  }
  return periods;
}
