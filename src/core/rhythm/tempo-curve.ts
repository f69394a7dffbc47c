/**
 * Local tempo over time: the autocorrelation tempogram of sliding windows of the onset
 * envelope over the periods within ±`maxDeviation` (ratio) of a reference tempo, and the
 * Viterbi path through it, so the curve follows drifts and real tempo changes without
 * jumping octaves. States are integer lags; a window's log emission is the log of its
 * salience r(P) + ½·r(2P) (normalised by r(0), floored), the log transition a Gaussian in
 * octaves of tempo change per window (σ = `continuityOctaves`). The path's lags are refined
 * by a parabola through each window's neighbouring lags. Windows with no periodicity are
 * uninformative. Output: one tempo per window centre.
 * Reference: Grosche & Müller (2011), "Extracting predominant local pulse information from
 *   music recordings", IEEE TASLP 19(6) (local autocorrelation tempogram); Rabiner (1989)
 *   (Viterbi decoding); the HMM-over-tempogram smoothing follows Peeters (2007),
 *   "Template-based estimation of time-varying tempo", EURASIP JASP.
 */
import { viterbi } from "../sequence/viterbi.js";
import { autocorrelationAt, envelopeAutocorrelation, lagToTempo, tempoToLag } from "./autocorrelation-tempogram.js";

export interface TempoCurveOptions {
  readonly frameRate: number;
  /** Window length (seconds). */
  readonly windowSeconds: number;
  /** Distance between window centres (seconds). */
  readonly hopSeconds: number;
  /** Search range around the reference tempo, as a ratio ≥ 1 (1.3 = ±30 %). */
  readonly maxDeviation: number;
  /** Standard deviation (octaves) of the tempo change between consecutive windows. */
  readonly continuityOctaves: number;
  /** Floor of the normalised salience inside the log (keeps silent windows finite). */
  readonly salienceFloor: number;
}

export const TEMPO_CURVE_DEFAULTS: Omit<TempoCurveOptions, "frameRate"> = {
  windowSeconds: 8,
  hopSeconds: 1,
  maxDeviation: 1.45,
  continuityOctaves: 0.05,
  salienceFloor: 0.05,
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
  const { frameRate, windowSeconds, hopSeconds, maxDeviation, continuityOctaves, salienceFloor } = {
    ...TEMPO_CURVE_DEFAULTS,
    ...options,
  };
  if (!(referenceBpm > 0)) throw new RangeError(`tempoCurve: referenceBpm must be > 0, got ${referenceBpm}`);
  if (!(maxDeviation >= 1)) throw new RangeError(`tempoCurve: maxDeviation must be ≥ 1, got ${maxDeviation}`);
  const windowFrames = Math.min(envelope.length, Math.round(windowSeconds * frameRate));
  const hopFrames = Math.max(1, Math.round(hopSeconds * frameRate));
  const count = envelope.length === 0 ? 0 : 1 + Math.max(0, Math.ceil((envelope.length - windowFrames) / hopFrames));
  const timeSeconds = new Float64Array(count);
  const tempoBpm = new Float64Array(count);
  if (count === 0) return { timeSeconds, tempoBpm };
  const minLag = Math.max(1, Math.floor(tempoToLag(referenceBpm * maxDeviation, frameRate)));
  const maxLag = Math.max(minLag, Math.ceil(tempoToLag(referenceBpm / maxDeviation, frameRate)));
  const states = maxLag - minLag + 1;
  const autocorrelation = new Float64Array(2 * maxLag + 2);
  const scratch = new Float64Array(windowFrames);
  // Salience per window and lag (kept for the refinement), log emissions for the decoder.
  const salience = new Float64Array(count * (states + 2));
  const logEmissions = new Float64Array(count * states);
  for (let w = 0; w < count; w++) {
    const start = Math.min(w * hopFrames, Math.max(0, envelope.length - windowFrames));
    timeSeconds[w] = (start + windowFrames / 2) / frameRate;
    // Only lags from minLag − 1 up are read (the salience's r(P) and r(2P) around the range).
    envelopeAutocorrelation(envelope, 2 * maxLag + 1, start, windowFrames, autocorrelation, scratch, minLag - 1);
    const zero = autocorrelation[0]!;
    let peak = 0;
    for (let s = -1; s <= states; s++) {
      const lag = minLag + s;
      const value =
        zero > 0 && lag >= 1
          ? Math.max(
              0,
              (autocorrelationAt(autocorrelation, lag) + 0.5 * autocorrelationAt(autocorrelation, 2 * lag)) / zero,
            )
          : 0;
      salience[w * (states + 2) + s + 1] = value;
      if (s >= 0 && s < states && value > peak) peak = value;
    }
    for (let s = 0; s < states; s++) {
      logEmissions[w * states + s] =
        peak > 0 ? Math.log(salienceFloor + salience[w * (states + 2) + s + 1]! / peak) : Number.NaN;
    }
  }
  const logTransition = new Float64Array(states * states);
  for (let from = 0; from < states; from++) {
    for (let to = 0; to < states; to++) {
      const octaves = Math.log2((minLag + from) / (minLag + to)) / continuityOctaves;
      logTransition[from * states + to] = -0.5 * octaves * octaves;
    }
  }
  const logInitial = new Float64Array(states);
  const { path } = viterbi(logEmissions, logTransition, logInitial);
  for (let w = 0; w < count; w++) {
    const s = path[w]!;
    const row = w * (states + 2) + s + 1;
    const left = salience[row - 1]!;
    const middle = salience[row]!;
    const right = salience[row + 1]!;
    const curvature = left - 2 * middle + right;
    const shift = curvature < 0 ? Math.max(-0.5, Math.min(0.5, (0.5 * (left - right)) / curvature)) : 0;
    tempoBpm[w] = lagToTempo(minLag + s + shift, frameRate);
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
