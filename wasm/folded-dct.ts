// AssemblyScript source of the MFCC's DCT-II over folded mel levels (see src/core/features/mfcc.ts):
// c[k] = Σ_b basis[k, b]·folded_k[b], b < used, folded_k = sums for even k, differences for odd k.
// Coefficients k and k + 2 (same parity, same folded input) share one f64x2: each lane adds its
// products in b order from 0, as the TypeScript loop, so every coefficient is bit-identical.
// The basis comes packed by the caller: per unit (k, k + 2) — or k alone, lane 1 zero — the
// rows interleaved [basis[k, 0], basis[k + 2, 0], basis[k, 1], …], units in ascending k.

/** One unit's two coefficients: Σ packed[b]·splat(folded[b]). */
function unitSums(packed: usize, folded: usize, used: i32): v128 {
  let sum = f64x2.splat(0);
  for (let b: i32 = 0; b < used; b++) {
    sum = f64x2.add(
      sum,
      f64x2.mul(v128.load(packed + ((<usize>b) << 4)), f64x2.splat(load<f64>(folded + ((<usize>b) << 3)))),
    );
  }
  return sum;
}

/** Both coefficients of a unit (lane 1 only when k + 2 exists). */
function storeUnit(out: usize, k: i32, coefficients: i32, pair: v128): void {
  store<f32>(out + ((<usize>k) << 2), <f32>f64x2.extract_lane(pair, 0));
  if (k + 2 < coefficients) store<f32>(out + ((<usize>(k + 2)) << 2), <f32>f64x2.extract_lane(pair, 1));
}

/** out[k] for k < coefficients; the units of k and k + 1 (k ≡ 0 mod 4) advance together. */
export function foldedDct(
  packed: usize,
  coefficients: i32,
  used: i32,
  sums: usize,
  differences: usize,
  out: usize,
): void {
  const unitBytes = (<usize>used) << 4;
  let unit: usize = packed;
  for (let k: i32 = 0; k < coefficients; k += 4) {
    if (k + 1 >= coefficients) {
      storeUnit(out, k, coefficients, unitSums(unit, sums, used));
      break;
    }
    const next = unit + unitBytes;
    let even = f64x2.splat(0);
    let odd = f64x2.splat(0);
    for (let b: i32 = 0; b < used; b++) {
      const at = (<usize>b) << 4;
      even = f64x2.add(even, f64x2.mul(v128.load(unit + at), f64x2.splat(load<f64>(sums + ((<usize>b) << 3)))));
      odd = f64x2.add(odd, f64x2.mul(v128.load(next + at), f64x2.splat(load<f64>(differences + ((<usize>b) << 3)))));
    }
    storeUnit(out, k, coefficients, even);
    storeUnit(out, k + 1, coefficients, odd);
    unit = next + unitBytes;
  }
}
