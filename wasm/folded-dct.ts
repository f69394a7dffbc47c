// AssemblyScript source of the MFCC's DCT-II over folded mel levels (see src/core/features/mfcc.ts):
// c[k] = Σ_b basis[k, b]·folded_k[b], b < used, folded_k = sums for even k, differences for odd k.
// Coefficients k and k + 2 (same parity, same folded input) share one f64x2: each lane adds its
// products in b order from 0, as the TypeScript loop, so every coefficient is bit-identical.
// The basis comes packed by the caller: per unit (k, k + 2) — or k alone, lane 1 zero — the
// rows interleaved [basis[k, 0], basis[k + 2, 0], basis[k, 1], …], units in ascending k.

import { fdlibmLog, fdlibmLogLanes } from "./fdlibm";

/** The dB level of `mfcc`'s `level` (f64, two lanes): NaN stays NaN. */
function levelLanes(value: v128, amin: v128, floorDb: v128, decibelsPerNeper: v128): v128 {
  const clamped = v128.bitselect(value, amin, f64x2.gt(value, amin));
  const db = f64x2.mul(decibelsPerNeper, fdlibmLogLanes(clamped));
  return v128.bitselect(value, v128.bitselect(db, floorDb, f64x2.gt(db, floorDb)), f64x2.ne(value, value));
}

/**
 * The folded levels of one frame of mel power (melBands f32 values at `mel`), as `mfcc`: the
 * level of every band (`levels`, f64 scratch), then sums[b] = L[b] + L[B − 1 − b] and
 * differences[b] = L[b] − L[B − 1 − b] for b < ⌊B/2⌋, and for odd B sums[⌊B/2⌋] = L[middle],
 * differences[⌊B/2⌋] = 0. Logarithms are fdlibm's (wasm/fdlibm.ts), Math.log's bits.
 */
export function foldedLevels(
  mel: usize,
  melBands: i32,
  levels: usize,
  sums: usize,
  differences: usize,
  amin: f64,
  floorDb: f64,
  decibelsPerNeper: f64,
): void {
  const aminLanes = f64x2.splat(amin);
  const floorLanes = f64x2.splat(floorDb);
  const scaleLanes = f64x2.splat(decibelsPerNeper);
  let b: i32 = 0;
  for (; b + 4 <= melBands; b += 4) {
    const values = v128.load(mel + ((<usize>b) << 2));
    const low = levelLanes(f64x2.promote_low_f32x4(values), aminLanes, floorLanes, scaleLanes);
    const high = levelLanes(
      f64x2.promote_low_f32x4(v128.shuffle<i32>(values, values, 2, 3, 2, 3)),
      aminLanes,
      floorLanes,
      scaleLanes,
    );
    v128.store(levels + ((<usize>b) << 3), low);
    v128.store(levels + ((<usize>b) << 3), high, 16);
  }
  for (; b < melBands; b++) {
    const value = <f64>load<f32>(mel + ((<usize>b) << 2));
    let level = value;
    // biome-ignore lint/suspicious/noGlobalIsNan: AssemblyScript's builtin (it has no Number.isNaN)
    if (!isNaN(value)) {
      const db = decibelsPerNeper * fdlibmLog(value > amin ? value : amin);
      level = db > floorDb ? db : floorDb;
    }
    store<f64>(levels + ((<usize>b) << 3), level);
  }
  const half = melBands >> 1;
  for (b = 0; b < half; b++) {
    const lower = load<f64>(levels + ((<usize>b) << 3));
    const upper = load<f64>(levels + ((<usize>(melBands - 1 - b)) << 3));
    store<f64>(sums + ((<usize>b) << 3), lower + upper);
    store<f64>(differences + ((<usize>b) << 3), lower - upper);
  }
  if (melBands % 2 === 1) {
    store<f64>(sums + ((<usize>half) << 3), load<f64>(levels + ((<usize>half) << 3)));
    store<f64>(differences + ((<usize>half) << 3), 0);
  }
}

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
