/**
 * The twiddle-free first stage of the radix-4 FFT in `fft-tables.ts`, fused with the
 * bit-reversal gather: complex samples z[j] = packed[2j] + i·packed[2j+1] are read in
 * bit-reversed order straight from the caller's array, transformed in blocks of 2, 4 or 8
 * (size-8 DFTs as three radix-2 steps with W8 = (1 − i)/√2, for odd log2 sizes, so every
 * later stage is radix-4) and written in place order to split Float64 re/im arrays.
 * Reading the input once, without a separate permutation pass, is what makes it fast.
 * Reference: Duhamel & Vetterli (1990), "Fast Fourier transforms: a tutorial review and
 *   a state of the art", Signal Processing 19.
 */
import type { ComplexFftTables } from "./fft-tables.js";

export function gatherFirstStage(
  tables: ComplexFftTables,
  packed: Float32Array,
  re: Float64Array,
  im: Float64Array,
): void {
  const rev = tables.bitReversal;
  const points = tables.points;
  switch (tables.firstRadix) {
    case 1:
      re[0] = packed[0]!;
      im[0] = packed[1]!;
      return;
    case 2:
      for (let i = 0; i < points; i += 2) {
        const a = 2 * rev[i]!;
        const b = 2 * rev[i + 1]!;
        re[i] = packed[a]! + packed[b]!;
        im[i] = packed[a + 1]! + packed[b + 1]!;
        re[i + 1] = packed[a]! - packed[b]!;
        im[i + 1] = packed[a + 1]! - packed[b + 1]!;
      }
      return;
    case 4:
      for (let i = 0; i < points; i += 4) {
        // Positions i…i+3 take residues 0, 2, 1, 3: a, c, b, d of a radix-4 butterfly.
        const a = 2 * rev[i]!;
        const c = 2 * rev[i + 1]!;
        const b = 2 * rev[i + 2]!;
        const d = 2 * rev[i + 3]!;
        const t0r = packed[a]! + packed[c]!;
        const t0i = packed[a + 1]! + packed[c + 1]!;
        const t1r = packed[a]! - packed[c]!;
        const t1i = packed[a + 1]! - packed[c + 1]!;
        const t2r = packed[b]! + packed[d]!;
        const t2i = packed[b + 1]! + packed[d + 1]!;
        const t3r = packed[b]! - packed[d]!;
        const t3i = packed[b + 1]! - packed[d + 1]!;
        re[i] = t0r + t2r;
        im[i] = t0i + t2i;
        re[i + 1] = t1r + t3i;
        im[i + 1] = t1i - t3r;
        re[i + 2] = t0r - t2r;
        im[i + 2] = t0i - t2i;
        re[i + 3] = t1r - t3i;
        im[i + 3] = t1i + t3r;
      }
      return;
    case 8:
      for (let i = 0; i < points; i += 8) gatherRadix8(rev, packed, re, im, i);
      return;
  }
}

/** One size-8 DFT of the bit-reversed block at i (three radix-2 decimation-in-time steps). */
function gatherRadix8(rev: Int32Array, packed: Float32Array, re: Float64Array, im: Float64Array, i: number): void {
  const p0 = 2 * rev[i]!;
  const p1 = 2 * rev[i + 1]!;
  const p2 = 2 * rev[i + 2]!;
  const p3 = 2 * rev[i + 3]!;
  const p4 = 2 * rev[i + 4]!;
  const p5 = 2 * rev[i + 5]!;
  const p6 = 2 * rev[i + 6]!;
  const p7 = 2 * rev[i + 7]!;
  // Step 1: size-2 DFTs of neighbours.
  const b0r = packed[p0]! + packed[p1]!;
  const b0i = packed[p0 + 1]! + packed[p1 + 1]!;
  const b1r = packed[p0]! - packed[p1]!;
  const b1i = packed[p0 + 1]! - packed[p1 + 1]!;
  const b2r = packed[p2]! + packed[p3]!;
  const b2i = packed[p2 + 1]! + packed[p3 + 1]!;
  const b3r = packed[p2]! - packed[p3]!;
  const b3i = packed[p2 + 1]! - packed[p3 + 1]!;
  const b4r = packed[p4]! + packed[p5]!;
  const b4i = packed[p4 + 1]! + packed[p5 + 1]!;
  const b5r = packed[p4]! - packed[p5]!;
  const b5i = packed[p4 + 1]! - packed[p5 + 1]!;
  const b6r = packed[p6]! + packed[p7]!;
  const b6i = packed[p6 + 1]! + packed[p7 + 1]!;
  const b7r = packed[p6]! - packed[p7]!;
  const b7i = packed[p6 + 1]! - packed[p7 + 1]!;
  // Step 2: size-4 DFTs (twiddle −i on the odd member).
  const c0r = b0r + b2r;
  const c0i = b0i + b2i;
  const c2r = b0r - b2r;
  const c2i = b0i - b2i;
  const c1r = b1r + b3i;
  const c1i = b1i - b3r;
  const c3r = b1r - b3i;
  const c3i = b1i + b3r;
  const c4r = b4r + b6r;
  const c4i = b4i + b6i;
  const c6r = b4r - b6r;
  const c6i = b4i - b6i;
  const c5r = b5r + b7i;
  const c5i = b5i - b7r;
  const c7r = b5r - b7i;
  const c7i = b5i + b7r;
  // Step 3: twiddles 1, W8, −i, W8³ on the second size-4 DFT.
  const w5r = Math.SQRT1_2 * (c5r + c5i);
  const w5i = Math.SQRT1_2 * (c5i - c5r);
  const w7r = Math.SQRT1_2 * (c7i - c7r);
  const w7i = -Math.SQRT1_2 * (c7r + c7i);
  re[i] = c0r + c4r;
  im[i] = c0i + c4i;
  re[i + 4] = c0r - c4r;
  im[i + 4] = c0i - c4i;
  re[i + 1] = c1r + w5r;
  im[i + 1] = c1i + w5i;
  re[i + 5] = c1r - w5r;
  im[i + 5] = c1i - w5i;
  re[i + 2] = c2r + c6i;
  im[i + 2] = c2i - c6r;
  re[i + 6] = c2r - c6i;
  im[i + 6] = c2i + c6r;
  re[i + 3] = c3r + w7r;
  im[i + 3] = c3i + w7i;
  re[i + 7] = c3r - w7r;
  im[i + 7] = c3i - w7i;
}
