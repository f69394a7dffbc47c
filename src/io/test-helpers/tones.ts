/**
 * Test signals for the io tests and the measurements that check them: stereo sine
 * pairs with a different frequency in each channel (to prove channels are not
 * swapped or mixed), seeded noise bytes, frequency by interpolated zero crossings,
 * RMS. Deterministic: no unseeded randomness.
 */
import type { AudioSignal } from "../../core/types.js";

/** A signal whose channel k is a sine at frequencies[k], amplitude `amplitude`. */
export function sineChannels(
  frequencies: readonly number[],
  sampleRate: number,
  seconds: number,
  amplitude = 0.5,
): AudioSignal {
  const length = Math.round(seconds * sampleRate);
  const channels = frequencies.map((frequency) => {
    const samples = new Float32Array(length);
    const step = (2 * Math.PI * frequency) / sampleRate;
    for (let i = 0; i < length; i++) samples[i] = amplitude * Math.sin(step * i);
    return samples;
  });
  return { channels, sampleRate };
}

/** 440 Hz left, 660 Hz right. */
export function stereoTones(sampleRate: number, seconds: number, amplitude = 0.5): AudioSignal {
  return sineChannels([440, 660], sampleRate, seconds, amplitude);
}

/**
 * Frequency of a steady tone from its rising zero crossings (linearly interpolated),
 * ignoring the first and last 10 % where codecs fade in and out.
 */
export function zeroCrossingFrequency(samples: Float32Array, sampleRate: number): number {
  const start = Math.floor(samples.length * 0.1);
  const end = Math.floor(samples.length * 0.9);
  let first = -1;
  let last = -1;
  let crossings = 0;
  for (let i = start + 1; i < end; i++) {
    const before = samples[i - 1]!;
    const after = samples[i]!;
    if (before < 0 && after >= 0) {
      const position = i - 1 + before / (before - after);
      if (first < 0) first = position;
      last = position;
      crossings++;
    }
  }
  return crossings < 2 ? 0 : ((crossings - 1) * sampleRate) / (last - first);
}

/** Root mean square over the middle 80 % of the samples. */
export function middleRms(samples: Float32Array): number {
  const start = Math.floor(samples.length * 0.1);
  const end = Math.floor(samples.length * 0.9);
  let sum = 0;
  for (let i = start; i < end; i++) sum += samples[i]! * samples[i]!;
  return Math.sqrt(sum / Math.max(1, end - start));
}

/** Seeded pseudo-random bytes (mulberry32). */
export function seededBytes(length: number, seed: number): Uint8Array {
  const bytes = new Uint8Array(length);
  let state = seed >>> 0;
  for (let i = 0; i < length; i++) {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = Math.imul(state ^ (state >>> 15), state | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    bytes[i] = ((mixed ^ (mixed >>> 14)) >>> 0) & 0xff;
  }
  return bytes;
}
