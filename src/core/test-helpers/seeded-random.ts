/**
 * Seeded pseudo-random numbers for reproducible tests (never for cryptography).
 * mulberry32: a 32-bit state generator by Tommy Ettinger (public domain), period 2^32.
 * Same seed, same sequence, on every platform.
 */

/** A generator of uniform numbers in [0, 1). */
export type RandomSource = () => number;

/** Uniform numbers in [0, 1) from a 32-bit integer seed. */
export function createSeededRandom(seed: number): RandomSource {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = state;
    mixed = Math.imul(mixed ^ (mixed >>> 15), mixed | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296;
  };
}

/** Uniform numbers in [low, high) from a seed. */
export function createUniformRandom(seed: number, low: number, high: number): RandomSource {
  const random = createSeededRandom(seed);
  const width = high - low;
  return () => low + width * random();
}

/** Standard normal numbers (mean 0, deviation 1) by the Box–Muller transform. */
export function createGaussianRandom(seed: number): RandomSource {
  const random = createSeededRandom(seed);
  let spare: number | null = null;
  return () => {
    if (spare !== null) {
      const value = spare;
      spare = null;
      return value;
    }
    const radius = Math.sqrt(-2 * Math.log(1 - random()));
    const angle = 2 * Math.PI * random();
    spare = radius * Math.sin(angle);
    return radius * Math.cos(angle);
  };
}

/** An integer in [low, high] (both inclusive). */
export function randomInteger(random: RandomSource, low: number, high: number): number {
  return low + Math.floor(random() * (high - low + 1));
}
