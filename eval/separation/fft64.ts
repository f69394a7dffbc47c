/**
 * Complex FFT in Float64 (iterative radix-2, in place on split real/imaginary arrays), for the
 * evaluation's long correlations where Float32 rounding would matter. forward: X[k] =
 * Σ x[n]·e^(−2πikn/N); inverse: x[n] = (1/N)·Σ X[k]·e^(2πikn/N).
 * Reference: Cooley & Tukey (1965), "An algorithm for the machine calculation of complex
 *   Fourier series", Math. Comp. 19.
 */
export interface ComplexFft64 {
  readonly size: number;
  forward(re: Float64Array, im: Float64Array): void;
  inverse(re: Float64Array, im: Float64Array): void;
}

export function createComplexFft64(size: number): ComplexFft64 {
  if (!(Number.isInteger(size) && size >= 2 && (size & (size - 1)) === 0)) {
    throw new RangeError(`createComplexFft64: size must be a power of two ≥ 2, got ${size}`);
  }
  const bits = Math.log2(size);
  const reversed = new Uint32Array(size);
  for (let i = 0; i < size; i++) {
    let r = 0;
    for (let b = 0; b < bits; b++) r |= ((i >> b) & 1) << (bits - 1 - b);
    reversed[i] = r;
  }
  // Twiddles of each stage stored contiguously: stage with half-size h at offset h − 1.
  const twiddleRe = new Float64Array(size);
  const twiddleIm = new Float64Array(size);
  for (let half = 1; half < size; half <<= 1) {
    for (let k = 0; k < half; k++) {
      twiddleRe[half - 1 + k] = Math.cos((Math.PI * k) / half);
      twiddleIm[half - 1 + k] = Math.sin((Math.PI * k) / half);
    }
  }
  const transform = (re: Float64Array, im: Float64Array, sign: number): void => {
    for (let i = 0; i < size; i++) {
      const j = reversed[i]!;
      if (j > i) {
        const tr = re[i]!;
        re[i] = re[j]!;
        re[j] = tr;
        const ti = im[i]!;
        im[i] = im[j]!;
        im[j] = ti;
      }
    }
    for (let half = 1; half < size; half <<= 1) {
      for (let k = 0; k < half; k++) {
        const wr = twiddleRe[half - 1 + k]!;
        const wi = sign * twiddleIm[half - 1 + k]!;
        for (let a = k; a < size; a += 2 * half) {
          const b = a + half;
          const xr = re[b]! * wr - im[b]! * wi;
          const xi = re[b]! * wi + im[b]! * wr;
          re[b] = re[a]! - xr;
          im[b] = im[a]! - xi;
          re[a]! += xr;
          im[a]! += xi;
        }
      }
    }
  };
  return {
    size,
    forward: (re, im) => transform(re, im, -1),
    inverse: (re, im) => {
      transform(re, im, 1);
      const scale = 1 / size;
      for (let i = 0; i < size; i++) {
        re[i]! *= scale;
        im[i]! *= scale;
      }
    },
  };
}
