// AssemblyScript source of the half-band decimator's inner sums (see src/core/dsp/decimate.ts,
// `filterBlock`): the same additions in the same order, two outputs per f64x2 lane pair, so the
// results are bit-identical to the TypeScript kernel. Built into src/accel/wasm-kernels-binary.ts by `npm run build:wasm`.

/**
 * out[j] = f32(seeds[j] + Σ_i taps[i]·(odd[oddAt + j − 1 − i] + odd[oddAt + j + i])), i = 0 … tapCount−1,
 * for j < count. Pointers are byte addresses in this module's memory; odd and out hold f32, taps
 * and seeds f64.
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
  for (; j + 8 <= count; j += 8) {
    let s0 = v128.load(seeds + ((<usize>j) << 3));
    let s1 = v128.load(seeds + ((<usize>(j + 2)) << 3));
    let s2 = v128.load(seeds + ((<usize>(j + 4)) << 3));
    let s3 = v128.load(seeds + ((<usize>(j + 6)) << 3));
    let left = odd + ((<usize>(oddAt + j - 1)) << 2);
    let right = odd + ((<usize>(oddAt + j)) << 2);
    for (let i: i32 = 0; i < tapCount; i++, left -= 4, right += 4) {
      const tap = f64x2.splat(load<f64>(taps + ((<usize>i) << 3)));
      const a0 = f64x2.add(
        f64x2.promote_low_f32x4(v128.load64_zero(left)),
        f64x2.promote_low_f32x4(v128.load64_zero(right)),
      );
      const a1 = f64x2.add(
        f64x2.promote_low_f32x4(v128.load64_zero(left, 8)),
        f64x2.promote_low_f32x4(v128.load64_zero(right, 8)),
      );
      const a2 = f64x2.add(
        f64x2.promote_low_f32x4(v128.load64_zero(left, 16)),
        f64x2.promote_low_f32x4(v128.load64_zero(right, 16)),
      );
      const a3 = f64x2.add(
        f64x2.promote_low_f32x4(v128.load64_zero(left, 24)),
        f64x2.promote_low_f32x4(v128.load64_zero(right, 24)),
      );
      s0 = f64x2.add(s0, f64x2.mul(tap, a0));
      s1 = f64x2.add(s1, f64x2.mul(tap, a1));
      s2 = f64x2.add(s2, f64x2.mul(tap, a2));
      s3 = f64x2.add(s3, f64x2.mul(tap, a3));
    }
    const at = out + ((<usize>j) << 2);
    v128.store64_lane(at, f32x4.demote_f64x2_zero(s0), 0);
    v128.store64_lane(at, f32x4.demote_f64x2_zero(s1), 0, 8);
    v128.store64_lane(at, f32x4.demote_f64x2_zero(s2), 0, 16);
    v128.store64_lane(at, f32x4.demote_f64x2_zero(s3), 0, 24);
  }
  for (; j < count; j++) {
    let sum = load<f64>(seeds + ((<usize>j) << 3));
    let left = odd + ((<usize>(oddAt + j - 1)) << 2);
    let right = odd + ((<usize>(oddAt + j)) << 2);
    for (let i: i32 = 0; i < tapCount; i++, left -= 4, right += 4) {
      sum += load<f64>(taps + ((<usize>i) << 3)) * (<f64>load<f32>(left) + <f64>load<f32>(right));
    }
    store<f32>(out + ((<usize>j) << 2), <f32>sum);
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

/** seeds[j] = 0.5·piece[evenAt + 2j] (f64) for j < count, as the TypeScript `seedWithEvens`. */
export function halfBandSeeds(piece: usize, evenAt: i32, seeds: usize, count: i32): void {
  const from = piece + ((<usize>evenAt) << 2);
  const half = f64x2.splat(0.5);
  let j: i32 = 0;
  for (; j + 2 <= count; j += 2) {
    const pair = f64x2.promote_low_f32x4(
      v128.shuffle<i32>(
        v128.load64_zero(from + ((<usize>j) << 3)),
        v128.load64_zero(from + ((<usize>j) << 3), 8),
        0,
        4,
        0,
        4,
      ),
    );
    v128.store(seeds + ((<usize>j) << 3), f64x2.mul(half, pair));
  }
  for (; j < count; j++) store<f64>(seeds + ((<usize>j) << 3), 0.5 * <f64>load<f32>(from + ((<usize>j) << 3)));
}
