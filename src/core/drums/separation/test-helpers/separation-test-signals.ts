/**
 * Test signals with known parts for the separation tests: sustained harmonic tones (the
 * "harmonic" part) and decaying noise bursts with a click at known times (the "drums").
 * Test-only helper (imported by *.test.ts files).
 */
import { createGaussianRandom } from "../../../test-helpers/seeded-random.js";

export interface KnownMix {
  readonly tones: Float32Array;
  readonly bursts: Float32Array;
  readonly mix: Float32Array;
  /** Start samples of the bursts. */
  readonly burstStarts: readonly number[];
}

/**
 * `seconds` of: three sustained notes (partials 1–6, 1/h amplitudes) at 220, 277 and 330 Hz,
 * plus a burst every `burstInterval` seconds (white noise and a 60 Hz thump, 40 ms decay).
 */
export function tonesAndBursts(sampleRate: number, seconds: number, seed = 3, burstInterval = 0.5): KnownMix {
  const length = Math.round(sampleRate * seconds);
  const tones = new Float32Array(length);
  for (const f0 of [220, 277.18, 329.63]) {
    for (let h = 1; h <= 6; h++) {
      const frequency = f0 * h;
      if (frequency >= sampleRate / 2) break;
      for (let i = 0; i < length; i++) tones[i]! += (0.06 / h) * Math.sin((2 * Math.PI * frequency * i) / sampleRate);
    }
  }
  const noise = createGaussianRandom(seed);
  const bursts = new Float32Array(length);
  const burstStarts: number[] = [];
  const decay = 0.04 * sampleRate;
  for (let start = Math.round(0.1 * sampleRate); start < length; start += Math.round(burstInterval * sampleRate)) {
    burstStarts.push(start);
    for (let n = 0; n < 6 * decay && start + n < length; n++) {
      const envelope = Math.exp(-n / decay);
      const thump = Math.sin((2 * Math.PI * 60 * n) / sampleRate);
      bursts[start + n] = envelope * (0.25 * noise() + 0.3 * thump);
    }
  }
  const mix = new Float32Array(length);
  for (let i = 0; i < length; i++) mix[i] = tones[i]! + bursts[i]!;
  return { tones, bursts, mix, burstStarts };
}

/** 10·log10(‖reference‖² / ‖reference − estimate‖²). */
export function signalToDistortionDb(reference: Float32Array, estimate: Float32Array): number {
  let signal = 0;
  let error = 0;
  for (let i = 0; i < reference.length; i++) {
    signal += reference[i]! * reference[i]!;
    error += (reference[i]! - estimate[i]!) ** 2;
  }
  return 10 * Math.log10(signal / error);
}

/** ⟨estimate, part⟩ / ‖part‖²: how much of `part` (by projection) is in `estimate`. */
export function shareOf(part: Float32Array, estimate: Float32Array): number {
  let dot = 0;
  let energy = 0;
  for (let i = 0; i < part.length; i++) {
    dot += part[i]! * estimate[i]!;
    energy += part[i]! * part[i]!;
  }
  return dot / energy;
}
