/**
 * Synthetic signals with a known tonic for the tonic and melograph tests (test support,
 * not used by the product): a tanpura-like drone (steady Sa, Pa and upper Sa tones with
 * 8 harmonics at 1/h and a slow swell standing in for the strings' plucks) and a seeded,
 * gliding, vibrato melody over the degrees of a Bilawal-like scale. Deterministic.
 * Reference: the tanpura's Pa–Sa–Sa–Sa tuning as described by Gulati et al. (2014), JNMR.
 */
import { createSeededRandom } from "../../test-helpers/seeded-random.js";

/**
 * Drone on `saHz`: Sa, Pa (3/2) and upper Sa at the relative `gains`, 8 harmonics each at
 * 1/h, amplitude ≈ `amplitude`.
 */
export function tanpuraDrone(
  saHz: number,
  sampleRate: number,
  seconds: number,
  amplitude = 0.08,
  gains: readonly [number, number, number] = [1, 0.7, 0.6],
): Float32Array {
  const out = new Float32Array(Math.round(seconds * sampleRate));
  for (const [ratio, gain] of [
    [1, gains[0]],
    [1.5, gains[1]],
    [2, gains[2]],
  ] as const) {
    for (let h = 1; h <= 8; h++) {
      const hz = saHz * ratio * h;
      if (hz >= sampleRate / 2) break;
      const step = (2 * Math.PI * hz) / sampleRate;
      const phase = (ratio * 7 + h) % (2 * Math.PI);
      for (let n = 0; n < out.length; n++) {
        // A swell every 1.2 s (the strings are plucked in turn), never silent.
        const swell = 0.75 + 0.25 * Math.cos((2 * Math.PI * (n / sampleRate)) / 1.2 + ratio);
        out[n] = out[n]! + ((amplitude * gain) / h) * swell * Math.sin(step * n + phase);
      }
    }
  }
  return out;
}

/** Cents above Sa of the scale degrees the melody uses (Bilawal-like: Sa Re Ga Ma Pa Dha Ni Sa'). */
const DEGREES = [0, 204, 386, 498, 702, 884, 1088, 1200] as const;

/**
 * A melody on `saHz`: notes of 0.25–0.6 s on random scale degrees (seed `seed`), with
 * 60 ms glides between them and a 5.5 Hz, ±15-cent vibrato; 5 harmonics at 1/h.
 * Returns the samples and its true f0 at any time (Hz).
 */
export function wanderingMelody(
  saHz: number,
  sampleRate: number,
  seconds: number,
  seed: number,
  amplitude = 0.25,
): { samples: Float32Array; hzAt: (time: number) => number } {
  const random = createSeededRandom(seed);
  const starts: number[] = [];
  const cents: number[] = [];
  for (let time = 0; time < seconds; time += 0.25 + 0.35 * random()) {
    starts.push(time);
    cents.push(DEGREES[Math.floor(random() * DEGREES.length)]!);
  }
  const hzAt = (time: number): number => {
    let i = 0;
    while (i + 1 < starts.length && starts[i + 1]! <= time) i++;
    const glide = Math.min(1, (time - starts[i]!) / 0.06);
    const previous = i > 0 ? cents[i - 1]! : cents[i]!;
    const base = previous + (cents[i]! - previous) * glide;
    return saHz * 2 ** ((base + 15 * Math.sin(2 * Math.PI * 5.5 * time)) / 1200);
  };
  const samples = new Float32Array(Math.round(seconds * sampleRate));
  let phase = 0;
  for (let n = 0; n < samples.length; n++) {
    let value = 0;
    for (let h = 1; h <= 5; h++) value += Math.sin(h * phase) / h;
    samples[n] = amplitude * value;
    phase += (2 * Math.PI * hzAt(n / sampleRate)) / sampleRate;
  }
  return { samples, hzAt };
}

/** a + b, sample by sample (the shorter length). */
export function mix(a: Float32Array, b: Float32Array): Float32Array {
  const out = new Float32Array(Math.min(a.length, b.length));
  for (let n = 0; n < out.length; n++) out[n] = a[n]! + b[n]!;
  return out;
}
