/**
 * Test signals for rhythm: drum-like hits (decaying noise bursts, optionally with a low
 * sine "kick") at given times. Used by the rhythm tests only.
 */
import { createSeededRandom } from "../../test-helpers/seeded-random.js";

export interface Hit {
  readonly timeSeconds: number;
  /** Peak amplitude of the noise burst. */
  readonly amplitude: number;
  /** Amplitude of a 60 Hz decaying sine added at the hit (a kick drum); 0 for none. */
  readonly kick?: number;
}

/** Mono signal of `durationSeconds` with a 30-ms decaying noise burst per hit. */
export function renderHits(hits: readonly Hit[], sampleRate: number, durationSeconds: number, seed = 7): Float32Array {
  const out = new Float32Array(Math.round(durationSeconds * sampleRate));
  const random = createSeededRandom(seed);
  const decay = 0.03 * sampleRate;
  for (const hit of hits) {
    const start = Math.round(hit.timeSeconds * sampleRate);
    const length = Math.round(6 * decay);
    for (let n = 0; n < length && start + n < out.length; n++) {
      const envelope = Math.exp(-n / decay);
      const kick = (hit.kick ?? 0) * Math.sin((2 * Math.PI * 60 * n) / sampleRate) * Math.exp(-n / (3 * decay));
      out[start + n] = out[start + n]! + hit.amplitude * envelope * (2 * random() - 1) + kick;
    }
  }
  return out;
}

/** Beat times of a steady tempo from `startSeconds` to `endSeconds`. */
export function beatTimes(tempoBpm: number, startSeconds: number, endSeconds: number): number[] {
  const times: number[] = [];
  for (let time = startSeconds; time < endSeconds; time += 60 / tempoBpm) times.push(time);
  return times;
}
