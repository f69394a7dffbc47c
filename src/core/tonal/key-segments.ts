/**
 * Key over time: a hidden Markov model over the 24 keys decoded by Viterbi. Observations
 * are mean chroma vectors over sliding windows (`windowSeconds` long, every `hopSeconds`);
 * the log emission of key k is its profile correlation r_k divided by `temperature`
 * (a log-linear model), the transition stays in the same key with probability
 * `stayProbability` per hop and otherwise moves to any other key alike, which makes the
 * decoder ignore short tonicisations and follow real modulations. Runs of one key become
 * segments from the first window's centre to the next run's (the first starts at 0, the
 * last ends at the end of the chroma); each segment's confidence is that key's confidence
 * on the segment's own mean chroma (see estimate-key.ts). Windows without tonal content
 * (silence) are uninformative. No tonal content at all gives no segments.
 * Reference: Noland & Sandler (2007), "Signal processing parameters for tonality
 *   estimation", AES 122nd Convention (HMM key tracking); Papadopoulos & Peeters (2012),
 *   "Local key estimation from an audio signal relying on harmony and metrical
 *   structures", IEEE TASLP 20(4).
 */
import { frameTime } from "../dsp/spectrogram.js";
import { CHROMA_BINS, type Chroma } from "../features/chroma.js";
import { viterbi } from "../sequence/viterbi.js";
import {
  estimateKey,
  KEY_ESTIMATE_DEFAULTS,
  type KeyEstimateOptions,
  keyConfidence,
  keyCorrelations,
} from "./estimate-key.js";
import { KEY_COUNT, keyName } from "./key-names.js";
import { KEY_PROFILES } from "./key-profiles.js";

export interface KeySegmentsOptions extends KeyEstimateOptions {
  /** Length of the chroma window behind one observation, seconds; > 0. */
  readonly windowSeconds: number;
  /** Time between observations, seconds; > 0. */
  readonly hopSeconds: number;
  /** Probability of staying in the same key from one observation to the next; in (0, 1). */
  readonly stayProbability: number;
  /** Temperature of the log-linear emission model (correlation units); > 0. */
  readonly emissionTemperature: number;
}

export const KEY_SEGMENTS_DEFAULTS: KeySegmentsOptions = {
  ...KEY_ESTIMATE_DEFAULTS,
  windowSeconds: 12,
  hopSeconds: 2,
  stayProbability: 0.999,
  emissionTemperature: 0.2,
};

export interface KeySegment {
  /** Seconds. */
  readonly start: number;
  /** Seconds. */
  readonly end: number;
  /** Index 0–23 (see key-names.ts). */
  readonly index: number;
  /** "A minor". */
  readonly key: string;
  /** 0 … 1: the key's confidence on the segment's mean chroma. */
  readonly confidence: number;
}

export function estimateKeySegments(chroma: Chroma, options: Partial<KeySegmentsOptions> = {}): KeySegment[] {
  const resolved = { ...KEY_SEGMENTS_DEFAULTS, ...options };
  const { windowSeconds, hopSeconds, stayProbability, emissionTemperature } = resolved;
  if (!(windowSeconds > 0 && hopSeconds > 0)) {
    throw new RangeError(`estimateKeySegments: window and hop must be > 0, got ${windowSeconds} and ${hopSeconds}`);
  }
  if (!(stayProbability > 0 && stayProbability < 1)) {
    throw new RangeError(`estimateKeySegments: stayProbability must be in (0, 1), got ${stayProbability}`);
  }
  if (!(emissionTemperature > 0)) {
    throw new RangeError(`estimateKeySegments: emissionTemperature must be > 0, got ${emissionTemperature}`);
  }
  const { frames, data } = chroma;
  if (frames === 0) return [];
  const profile = typeof resolved.profile === "string" ? KEY_PROFILES[resolved.profile] : resolved.profile;
  const frameSeconds = frameTime(chroma, 1) - frameTime(chroma, 0);
  const endSeconds = frameTime(chroma, frames - 1) + frameSeconds / 2;
  // Prefix sums per pitch class make every window mean O(12).
  const prefix = prefixSums(data, frames);
  const hopFrames = Math.max(1, Math.round(hopSeconds / frameSeconds));
  const halfWindow = Math.max(1, Math.round(windowSeconds / frameSeconds / 2));
  const steps = Math.max(1, Math.ceil(frames / hopFrames));
  const emissions = new Float64Array(steps * KEY_COUNT);
  const mean = new Float64Array(CHROMA_BINS);
  const correlations = new Float64Array(KEY_COUNT);
  let informative = 0;
  for (let step = 0; step < steps; step++) {
    const center = Math.min(frames - 1, step * hopFrames + (hopFrames >> 1));
    windowMean(prefix, Math.max(0, center - halfWindow), Math.min(frames, center + halfWindow), mean);
    let energy = 0;
    for (let c = 0; c < CHROMA_BINS; c++) energy += mean[c]!;
    if (!(energy > 0)) continue;
    informative++;
    keyCorrelations(mean, profile, correlations);
    for (let k = 0; k < KEY_COUNT; k++) emissions[step * KEY_COUNT + k] = correlations[k]! / emissionTemperature;
  }
  if (informative === 0) return [];
  const logStay = Math.log(stayProbability);
  const logMove = Math.log((1 - stayProbability) / (KEY_COUNT - 1));
  const transition = new Float64Array(KEY_COUNT * KEY_COUNT).fill(logMove);
  for (let k = 0; k < KEY_COUNT; k++) transition[k * KEY_COUNT + k] = logStay;
  const initial = new Float64Array(KEY_COUNT).fill(-Math.log(KEY_COUNT));
  const { path } = viterbi(emissions, transition, initial);
  const segments: KeySegment[] = [];
  let runStart = 0;
  for (let step = 1; step <= steps; step++) {
    if (step < steps && path[step] === path[runStart]) continue;
    const startFrame = runStart * hopFrames;
    const endFrame = step < steps ? step * hopFrames : frames;
    const start = runStart === 0 ? 0 : frameTime(chroma, startFrame);
    const end = step < steps ? frameTime(chroma, endFrame) : endSeconds;
    windowMean(prefix, startFrame, endFrame, mean);
    const estimate = estimateKey(mean, resolved);
    const index = path[runStart]!;
    const confidence = estimate.best === null ? 0 : keyConfidence(estimate.correlations, index, resolved.temperature);
    segments.push({ start, end, index, key: keyName(index), confidence });
    runStart = step;
  }
  return segments;
}

/** (frames + 1) × 12 running sums of the chroma's finite values, row t = frames [0, t). */
function prefixSums(data: Float32Array, frames: number): Float64Array {
  const prefix = new Float64Array((frames + 1) * CHROMA_BINS);
  for (let t = 0; t < frames; t++) {
    for (let c = 0; c < CHROMA_BINS; c++) {
      const value = data[t * CHROMA_BINS + c]!;
      prefix[(t + 1) * CHROMA_BINS + c] = prefix[t * CHROMA_BINS + c]! + (Number.isFinite(value) ? value : 0);
    }
  }
  return prefix;
}

/** Mean chroma of frames [first, end) from the prefix sums, into `out`. */
function windowMean(prefix: Float64Array, first: number, end: number, out: Float64Array): void {
  const count = Math.max(1, end - first);
  for (let c = 0; c < CHROMA_BINS; c++) {
    out[c] = (prefix[end * CHROMA_BINS + c]! - prefix[first * CHROMA_BINS + c]!) / count;
  }
}
