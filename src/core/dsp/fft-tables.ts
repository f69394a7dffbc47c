/**
 * Precomputed tables for the radix-4 decimation-in-time complex FFT behind `createRealFft`:
 * the bit-reversal permutation and, per radix-4 stage, the twiddle factors
 * W^k, W^2k, W^3k (W = e^(−2πi/4L)) stored contiguously so a stage reads them in order.
 * Twiddles are computed directly with cos/sin in Float64 (no recurrence), so the
 * table error is ≈ 1 ulp regardless of size.
 * Reference: Cooley & Tukey (1965); radix-2² ordering as in Duhamel & Vetterli (1990),
 * "Fast Fourier transforms: a tutorial review and a state of the art", Signal Processing 19.
 */

/** Tables for one complex FFT size (a power of two ≥ 1). */
export interface ComplexFftTables {
  /** Number of complex points. */
  readonly points: number;
  /** log2(points). */
  readonly log2Points: number;
  /** bitReversal[i] = i with its log2Points bits reversed (an involution). */
  readonly bitReversal: Int32Array;
  /** Radix of the twiddle-free first stage: 8 for odd log2Points ≥ 3, 2 for 2 points, else 4 (1 for 1 point). */
  readonly firstRadix: 1 | 2 | 4 | 8;
  /** Sub-transform length L before each remaining radix-4 stage (L, 4L, 16L, …). */
  readonly stageLengths: Int32Array;
  /** Offset of each stage's twiddles in `twiddles`. */
  readonly stageOffsets: Int32Array;
  /** Per stage and k in [0, L): w1re, w1im, w2re, w2im, w3re, w3im. */
  readonly twiddles: Float64Array;
}

export function createComplexFftTables(points: number): ComplexFftTables {
  const log2Points = Math.round(Math.log2(points));
  const bitReversal = new Int32Array(points);
  // rev(i) is rev(i >> 1) shifted down one bit, with i's lowest bit on top: one step per index.
  const topBit = log2Points > 0 ? 1 << (log2Points - 1) : 0;
  for (let i = 1; i < points; i++) bitReversal[i] = (bitReversal[i >> 1]! >> 1) | (i & 1 ? topBit : 0);
  const firstRadix = points === 1 ? 1 : points === 2 ? 2 : log2Points % 2 === 1 ? 8 : 4;
  // The first stage (radix-2, -4 or -8 on blocks of bit-reversed input) needs no twiddles.
  let length = Math.max(firstRadix, 1);
  const lengths: number[] = [];
  for (; length * 4 <= points; length *= 4) lengths.push(length);
  const stageLengths = Int32Array.from(lengths);
  const stageOffsets = new Int32Array(lengths.length);
  let total = 0;
  for (let stage = 0; stage < lengths.length; stage++) {
    stageOffsets[stage] = total;
    total += 6 * lengths[stage]!;
  }
  const twiddles = new Float64Array(total);
  for (let stage = 0; stage < lengths.length; stage++) {
    const quarter = lengths[stage]!;
    const offset = stageOffsets[stage]!;
    for (let k = 0; k < quarter; k++) {
      const angle = (-2 * Math.PI * k) / (4 * quarter);
      const at = offset + 6 * k;
      twiddles[at] = Math.cos(angle);
      twiddles[at + 1] = Math.sin(angle);
      twiddles[at + 2] = Math.cos(2 * angle);
      twiddles[at + 3] = Math.sin(2 * angle);
      twiddles[at + 4] = Math.cos(3 * angle);
      twiddles[at + 5] = Math.sin(3 * angle);
    }
  }
  return { points, log2Points, bitReversal, firstRadix, stageLengths, stageOffsets, twiddles };
}

/**
 * Radix-4 butterflies of all stages after the first, in place on split re/im arrays
 * whose first stage is done. Forward transform (e^(−i…)); the inverse conjugates around it.
 */
export function runRadix4Stages(tables: ComplexFftTables, re: Float64Array, im: Float64Array): void {
  const points = tables.points;
  const lengths = tables.stageLengths;
  const offsets = tables.stageOffsets;
  const twiddles = tables.twiddles;
  for (let stage = 0; stage < lengths.length; stage++) {
    const quarter = lengths[stage]!;
    const offset = offsets[stage]!;
    const span = 4 * quarter;
    for (let k = 0, t = offset; k < quarter; k++, t += 6) {
      const w1r = twiddles[t]!;
      const w1i = twiddles[t + 1]!;
      const w2r = twiddles[t + 2]!;
      const w2i = twiddles[t + 3]!;
      const w3r = twiddles[t + 4]!;
      const w3i = twiddles[t + 5]!;
      for (let base = 0; base < points; base += span) {
        const i0 = base + k;
        const i1 = i0 + quarter;
        const i2 = i1 + quarter;
        const i3 = i2 + quarter;
        // Bit-reversed order: i1 holds the residue-2 sub-DFT, i2 residue 1, i3 residue 3.
        const ar = re[i0]!;
        const ai = im[i0]!;
        const x1r = re[i1]!;
        const x1i = im[i1]!;
        const cr = x1r * w2r - x1i * w2i;
        const ci = x1r * w2i + x1i * w2r;
        const x2r = re[i2]!;
        const x2i = im[i2]!;
        const br = x2r * w1r - x2i * w1i;
        const bi = x2r * w1i + x2i * w1r;
        const x3r = re[i3]!;
        const x3i = im[i3]!;
        const dr = x3r * w3r - x3i * w3i;
        const di = x3r * w3i + x3i * w3r;
        const t0r = ar + cr;
        const t0i = ai + ci;
        const t1r = ar - cr;
        const t1i = ai - ci;
        const t2r = br + dr;
        const t2i = bi + di;
        const t3r = br - dr;
        const t3i = bi - di;
        re[i0] = t0r + t2r;
        im[i0] = t0i + t2i;
        re[i2] = t0r - t2r;
        im[i2] = t0i - t2i;
        re[i1] = t1r + t3i;
        im[i1] = t1i - t3r;
        re[i3] = t1r - t3i;
        im[i3] = t1i + t3r;
      }
    }
  }
}
