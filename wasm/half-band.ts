// AssemblyScript source of the half-band decimator's inner sums (see src/core/dsp/decimate.ts,
// `filterBlock`): the same Float32 operations in the same order, four outputs per f32x4 lane
// set, so the results are bit-identical to the TypeScript kernel. Built into
// src/accel/wasm-kernels-binary.ts by `npm run build:wasm`.

/**
 * out[j] = seeds[j] ⊕ Σ_i taps[i] ⊗ (odd[oddAt + j − 1 − i] ⊕ odd[oddAt + j + i]), i = 0 … tapCount−1,
 * for j < count, every operation in f32. Pointers are byte addresses in this module's memory;
 * odd, taps, seeds and out all hold f32. Output j + q of a lane set reads odd[… + q]: both
 * operands of a tap are one unaligned v128 load each.
 */
export function halfBandSums(
  odd: usize,
  oddAt: i32,
  taps: usize,
  tapCount: i32,
  seeds: usize,
  out: usize,
  count: i32,
): void {
  let j: i32 = 0;
  for (; j + 16 <= count; j += 16) {
    let s0 = v128.load(seeds + ((<usize>j) << 2));
    let s1 = v128.load(seeds + ((<usize>j) << 2), 16);
    let s2 = v128.load(seeds + ((<usize>j) << 2), 32);
    let s3 = v128.load(seeds + ((<usize>j) << 2), 48);
    let left = odd + ((<usize>(oddAt + j - 1)) << 2);
    let right = odd + ((<usize>(oddAt + j)) << 2);
    for (let i: i32 = 0; i < tapCount; i++, left -= 4, right += 4) {
      const tap = f32x4.splat(load<f32>(taps + ((<usize>i) << 2)));
      s0 = f32x4.add(s0, f32x4.mul(tap, f32x4.add(v128.load(left), v128.load(right))));
      s1 = f32x4.add(s1, f32x4.mul(tap, f32x4.add(v128.load(left, 16), v128.load(right, 16))));
      s2 = f32x4.add(s2, f32x4.mul(tap, f32x4.add(v128.load(left, 32), v128.load(right, 32))));
      s3 = f32x4.add(s3, f32x4.mul(tap, f32x4.add(v128.load(left, 48), v128.load(right, 48))));
    }
    const at = out + ((<usize>j) << 2);
    v128.store(at, s0);
    v128.store(at, s1, 16);
    v128.store(at, s2, 32);
    v128.store(at, s3, 48);
  }
  for (; j + 4 <= count; j += 4) {
    let sum = v128.load(seeds + ((<usize>j) << 2));
    let left = odd + ((<usize>(oddAt + j - 1)) << 2);
    let right = odd + ((<usize>(oddAt + j)) << 2);
    for (let i: i32 = 0; i < tapCount; i++, left -= 4, right += 4) {
      const tap = f32x4.splat(load<f32>(taps + ((<usize>i) << 2)));
      sum = f32x4.add(sum, f32x4.mul(tap, f32x4.add(v128.load(left), v128.load(right))));
    }
    v128.store(out + ((<usize>j) << 2), sum);
  }
  for (; j < count; j++) {
    let sum = load<f32>(seeds + ((<usize>j) << 2));
    let left = odd + ((<usize>(oddAt + j - 1)) << 2);
    let right = odd + ((<usize>(oddAt + j)) << 2);
    for (let i: i32 = 0; i < tapCount; i++, left -= 4, right += 4) {
      sum += load<f32>(taps + ((<usize>i) << 2)) * (load<f32>(left) + load<f32>(right));
    }
    store<f32>(out + ((<usize>j) << 2), sum);
  }
}

/** odd[k] = piece[first + 2k] for first + 2k < to (f32 copies: every sample keeps its bits). */
export function halfBandTakeOdds(piece: usize, first: i32, to: i32, odd: usize): void {
  const count = (to - first + 1) >> 1;
  const from = piece + ((<usize>first) << 2);
  let k: i32 = 0;
  for (; k + 4 <= count && first + 2 * k + 8 <= to; k += 4) {
    const at = from + ((<usize>k) << 3);
    v128.store(odd + ((<usize>k) << 2), v128.shuffle<i32>(v128.load(at), v128.load(at, 16), 0, 2, 4, 6));
  }
  for (; k < count; k++) store<i32>(odd + ((<usize>k) << 2), load<i32>(from + ((<usize>k) << 3)));
}

/** seeds[j] = 0.5·piece[evenAt + 2j] (f32, exact) for j < count, as the TypeScript `seedWithEvens`. */
export function halfBandSeeds(piece: usize, evenAt: i32, seeds: usize, count: i32): void {
  const from = piece + ((<usize>evenAt) << 2);
  const half = f32x4.splat(0.5);
  let j: i32 = 0;
  for (; j + 4 <= count; j += 4) {
    const at = from + ((<usize>j) << 3);
    const evens = v128.shuffle<i32>(v128.load(at), v128.load(at, 16), 0, 2, 4, 6);
    v128.store(seeds + ((<usize>j) << 2), f32x4.mul(half, evens));
  }
  for (; j < count; j++) store<f32>(seeds + ((<usize>j) << 2), <f32>0.5 * load<f32>(from + ((<usize>j) << 3)));
}
