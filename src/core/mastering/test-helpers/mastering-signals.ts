/**
 * Signals for the mastering tests: sines with a fade-in (so crossover filters see no onset
 * step), band-limited pink noise with an exact 1/f power spectrum (inverse FFT of random
 * phases), tone bursts with linear attack ramps, and a deep check that a result holds no NaN.
 */
import { createRealFft } from "../../dsp/real-fft.js";
import { createSeededRandom } from "../../test-helpers/seeded-random.js";

export const RATE = 44_100;

/** amplitude·sin(2πft) with a raised-cosine fade-in of `fadeSeconds`. */
export function fadedSine(
  frequencyHz: number,
  seconds: number,
  amplitude = 0.5,
  sampleRate = RATE,
  fadeSeconds = 0.05,
) {
  const length = Math.round(seconds * sampleRate);
  const fade = Math.round(fadeSeconds * sampleRate);
  const out = new Float32Array(length);
  const step = (2 * Math.PI * frequencyHz) / sampleRate;
  for (let i = 0; i < length; i++) {
    const gain = i < fade ? 0.5 - 0.5 * Math.cos((Math.PI * i) / fade) : 1;
    out[i] = gain * amplitude * Math.sin(step * i);
  }
  return out;
}

/** Noise whose power density is ∝ 1/f between lowHz and highHz (zero outside), RMS `rms`; length a power of two. */
export function pinkNoise(length: number, seed: number, lowHz = 20, highHz = 20_000, sampleRate = RATE, rms = 0.1) {
  const fft = createRealFft(length);
  const spectrum = new Float32Array(length + 2);
  const random = createSeededRandom(seed);
  for (let k = 1; k < length / 2; k++) {
    const frequency = (k * sampleRate) / length;
    const phase = 2 * Math.PI * random();
    if (frequency < lowHz || frequency >= highHz) continue;
    const magnitude = 1 / Math.sqrt(frequency);
    spectrum[2 * k] = magnitude * Math.cos(phase);
    spectrum[2 * k + 1] = magnitude * Math.sin(phase);
  }
  const out = new Float32Array(length);
  fft.inverse(spectrum, out);
  let sum = 0;
  for (const value of out) sum += value * value;
  const scale = rms / Math.sqrt(sum / length);
  for (let i = 0; i < length; i++) out[i] = out[i]! * scale;
  return out;
}

/**
 * `count` bursts of a sine: `gapSeconds` of silence, a linear amplitude ramp from 0 over
 * `rampSeconds`, `holdSeconds` at `amplitude`, then silence again.
 */
export function toneBursts(
  frequencyHz: number,
  count: number,
  rampSeconds: number,
  { amplitude = 0.5, gapSeconds = 0.4, holdSeconds = 0.4, sampleRate = RATE } = {},
) {
  const gap = Math.round(gapSeconds * sampleRate);
  const ramp = Math.round(rampSeconds * sampleRate);
  const hold = Math.round(holdSeconds * sampleRate);
  const period = gap + ramp + hold;
  const out = new Float32Array(count * period + gap);
  const step = (2 * Math.PI * frequencyHz) / sampleRate;
  for (let burst = 0; burst < count; burst++) {
    const start = burst * period + gap;
    for (let i = 0; i < ramp + hold; i++) {
      const gain = i < ramp ? i / ramp : 1;
      out[start + i] = gain * amplitude * Math.sin(step * i);
    }
  }
  return out;
}

/** Paths of every NaN or infinite number inside `value` (objects, arrays, typed arrays). */
export function nonFinitePaths(value: unknown, path = "result"): string[] {
  if (typeof value === "number") return Number.isFinite(value) ? [] : [path];
  if (value === null || typeof value !== "object") return [];
  if (ArrayBuffer.isView(value)) {
    return Array.from(value as unknown as ArrayLike<number>).flatMap((item, i) =>
      nonFinitePaths(item, `${path}[${i}]`),
    );
  }
  return Object.entries(value).flatMap(([key, item]) => nonFinitePaths(item, `${path}.${key}`));
}
