/**
 * Synthetic test signals with known answers: sines, sums of sines, linear and
 * exponential chirps, white noise from a seeded PRNG, impulses, click trains.
 * All return Float32Array samples; frequencies in Hz, durations in seconds.
 * Phases are computed in Float64 from the sample index, so long signals do not drift.
 */
import { createGaussianRandom, createSeededRandom } from "./seeded-random.js";

export interface SineOptions {
  /** Peak amplitude (linear, 1 = full scale). */
  readonly amplitude?: number;
  /** Initial phase in radians. */
  readonly phase?: number;
}

/** `amplitude · sin(2π·frequency·t + phase)` for `length` samples. */
export function sine(frequency: number, sampleRate: number, length: number, options: SineOptions = {}): Float32Array {
  const amplitude = options.amplitude ?? 1;
  const phase = options.phase ?? 0;
  const out = new Float32Array(length);
  const step = (2 * Math.PI * frequency) / sampleRate;
  for (let i = 0; i < length; i++) out[i] = amplitude * Math.sin(step * i + phase);
  return out;
}

/** Sum of sines given as `[frequencyHz, amplitude]` pairs. */
export function sumOfSines(
  partials: readonly (readonly [number, number])[],
  sampleRate: number,
  length: number,
): Float32Array {
  const out = new Float32Array(length);
  for (const [frequency, amplitude] of partials) {
    const step = (2 * Math.PI * frequency) / sampleRate;
    for (let i = 0; i < length; i++) out[i] = out[i]! + amplitude * Math.sin(step * i);
  }
  return out;
}

/**
 * Chirp from `startHz` to `endHz` over `length` samples, linear or exponential in frequency.
 * Instantaneous frequency at sample i: linear f0 + (f1 − f0)·i/length, exponential f0·(f1/f0)^(i/length).
 */
export function chirp(
  startHz: number,
  endHz: number,
  sampleRate: number,
  length: number,
  kind: "linear" | "exponential" = "linear",
): Float32Array {
  const out = new Float32Array(length);
  const duration = length / sampleRate;
  for (let i = 0; i < length; i++) {
    const time = i / sampleRate;
    let phase: number;
    if (kind === "linear") {
      phase = 2 * Math.PI * (startHz * time + ((endHz - startHz) * time * time) / (2 * duration));
    } else {
      const ratio = endHz / startHz;
      const rate = Math.log(ratio) / duration;
      phase = (2 * Math.PI * startHz * (Math.exp(rate * time) - 1)) / rate;
    }
    out[i] = Math.sin(phase);
  }
  return out;
}

/** Uniform white noise in [−amplitude, amplitude) from a seed. */
export function whiteNoise(length: number, seed: number, amplitude = 1): Float32Array {
  const random = createSeededRandom(seed);
  const out = new Float32Array(length);
  for (let i = 0; i < length; i++) out[i] = amplitude * (2 * random() - 1);
  return out;
}

/** Gaussian white noise with the given standard deviation from a seed. */
export function gaussianNoise(length: number, seed: number, deviation = 1): Float32Array {
  const random = createGaussianRandom(seed);
  const out = new Float32Array(length);
  for (let i = 0; i < length; i++) out[i] = deviation * random();
  return out;
}

/** A unit impulse at `position` (samples). */
export function impulse(length: number, position = 0, amplitude = 1): Float32Array {
  const out = new Float32Array(length);
  if (position >= 0 && position < length) out[position] = amplitude;
  return out;
}

/** Clicks (single-sample impulses) at a steady tempo starting at `offsetSeconds`. */
export function clickTrain(tempoBpm: number, sampleRate: number, length: number, offsetSeconds = 0): Float32Array {
  const out = new Float32Array(length);
  const periodSeconds = 60 / tempoBpm;
  for (let beat = 0; ; beat++) {
    const position = Math.round((offsetSeconds + beat * periodSeconds) * sampleRate);
    if (position >= length) break;
    if (position >= 0) out[position] = 1;
  }
  return out;
}
