// AssemblyScript source of the rhythm frame pass's per-frame spectrum sums (see
// src/core/dsp/spectrum-frame-kernels.ts, RhythmSpectrumKernel): magnitudes through the log
// filterbank (src/core/rhythm/log-filterbank.ts), its log10 compression (fdlibm's, as V8's
// Math.log10: wasm/fdlibm.ts) and the SuperFlux of each region (src/core/rhythm/onset-strength.ts,
// `regionFluxOfFrame`). The TypeScript loops' arithmetic in their order (f64 sums of f32
// products), so bit-identical.

import { fdlibmLog10, fdlibmLog10Lanes } from "./fdlibm";
import { spectrumMagnitudesInto } from "./tonal-spectrum";

// Descriptor fields (i32, byte offset = 4 × index).
const SPECTRUM = 0;
const MAGNITUDES = 4;
const BINS = 8;
const BANDS = 12;
const FIRST_BIN = 16;
const WEIGHT_OFFSET = 20;
const WEIGHTS = 24;
const BAND_SUMS = 28;
const LOG_BANDS = 32;
const RING = 36;
const SLOTS = 40;
const LAG = 44;
const RADIUS = 48;
const BAND_REGION = 52;
const REGIONS = 56;
const REGION_SUMS = 60;
const FRAME_INDEX = 64;
const DIFFERENCES = 68;

function field(descriptor: usize, offset: usize): usize {
  return <usize>load<i32>(descriptor + offset);
}

/** bandSums[b] = Σ weights·|X_k| over band b's bins; two bands advance together (independent chains). */
export function rhythmFilter(descriptor: usize): void {
  const magnitudes = field(descriptor, MAGNITUDES);
  spectrumMagnitudesInto(field(descriptor, SPECTRUM), load<i32>(descriptor + BINS), magnitudes);
  const bands = load<i32>(descriptor + BANDS);
  const firstBin = field(descriptor, FIRST_BIN);
  const offsets = field(descriptor, WEIGHT_OFFSET);
  const weights = field(descriptor, WEIGHTS);
  const out = field(descriptor, BAND_SUMS);
  let b: i32 = 0;
  for (; b + 2 <= bands; b += 2) {
    const from0 = load<i32>(offsets + ((<usize>b) << 2));
    const to0 = load<i32>(offsets + ((<usize>b) << 2), 4);
    const to1 = load<i32>(offsets + ((<usize>b) << 2), 8);
    const bin0 = magnitudes + ((<usize>load<i32>(firstBin + ((<usize>b) << 2))) << 2);
    const bin1 = magnitudes + ((<usize>load<i32>(firstBin + ((<usize>b) << 2), 4)) << 2);
    const common = min<i32>(to0 - from0, to1 - to0);
    let sum0: f64 = 0;
    let sum1: f64 = 0;
    for (let i: i32 = 0; i < common; i++) {
      const at = (<usize>i) << 2;
      sum0 += <f64>load<f32>(weights + ((<usize>from0) << 2) + at) * <f64>load<f32>(bin0 + at);
      sum1 += <f64>load<f32>(weights + ((<usize>to0) << 2) + at) * <f64>load<f32>(bin1 + at);
    }
    for (let i = common; i < to0 - from0; i++) {
      const at = (<usize>i) << 2;
      sum0 += <f64>load<f32>(weights + ((<usize>from0) << 2) + at) * <f64>load<f32>(bin0 + at);
    }
    for (let i = common; i < to1 - to0; i++) {
      const at = (<usize>i) << 2;
      sum1 += <f64>load<f32>(weights + ((<usize>to0) << 2) + at) * <f64>load<f32>(bin1 + at);
    }
    store<f64>(out + ((<usize>b) << 3), sum0);
    store<f64>(out + ((<usize>b) << 3), sum1, 8);
  }
  for (; b < bands; b++) {
    const from = load<i32>(offsets + ((<usize>b) << 2));
    const to = load<i32>(offsets + ((<usize>b) << 2), 4);
    const bin = magnitudes + ((<usize>load<i32>(firstBin + ((<usize>b) << 2))) << 2);
    let sum: f64 = 0;
    for (let i: i32 = 0; i < to - from; i++) {
      const at = (<usize>i) << 2;
      sum += <f64>load<f32>(weights + ((<usize>from) << 2) + at) * <f64>load<f32>(bin + at);
    }
    store<f64>(out + ((<usize>b) << 3), sum);
  }
}

/**
 * logBands[b] = f32(log10(1 + multiplier·bandSums[b])), as `logCompressBands` (Math.log10),
 * four bands per step (two independent pairs keep the divider busy).
 */
export function rhythmCompress(descriptor: usize, multiplier: f64): void {
  const bands = load<i32>(descriptor + BANDS);
  const sums = field(descriptor, BAND_SUMS);
  const out = field(descriptor, LOG_BANDS);
  const one = f64x2.splat(1);
  const scale = f64x2.splat(multiplier);
  let b: i32 = 0;
  for (; b + 4 <= bands; b += 4) {
    const at = sums + ((<usize>b) << 3);
    const low = fdlibmLog10Lanes(f64x2.add(one, f64x2.mul(scale, v128.load(at))));
    const high = fdlibmLog10Lanes(f64x2.add(one, f64x2.mul(scale, v128.load(at, 16))));
    v128.store(
      out + ((<usize>b) << 2),
      v128.shuffle<i32>(f32x4.demote_f64x2_zero(low), f32x4.demote_f64x2_zero(high), 0, 1, 4, 5),
    );
  }
  for (; b < bands; b++) {
    store<f32>(out + ((<usize>b) << 2), <f32>fdlibmLog10(1 + multiplier * load<f64>(sums + ((<usize>b) << 3))));
  }
}

/**
 * The next frame's logBands into the ring and its SuperFlux per region into regionSums. Ring
 * rows carry `radius` guard values of −∞ on each side, which never win a maximum, so the
 * maximum filter runs four bands per f32x4 with no edge cases; each lane takes its maximum in
 * the TypeScript loop's order (`value > peak`, NaN never taken). A rectified difference that is
 * not > 0 adds +0, which leaves every sum as skipping it does (sums start at +0).
 */
export function rhythmFlux(descriptor: usize): void {
  const bands = load<i32>(descriptor + BANDS);
  const ring = field(descriptor, RING);
  const slots = load<i32>(descriptor + SLOTS);
  const lag = load<i32>(descriptor + LAG);
  const radius = load<i32>(descriptor + RADIUS);
  const region = field(descriptor, BAND_REGION);
  const regions = load<i32>(descriptor + REGIONS);
  const sums = field(descriptor, REGION_SUMS);
  const differences = field(descriptor, DIFFERENCES);
  const t = load<i32>(descriptor + FRAME_INDEX);
  const stride = bands + 2 * radius;
  const row = ring + ((<usize>((t % slots) * stride + radius)) << 2);
  memory.copy(row, field(descriptor, LOG_BANDS), (<usize>bands) << 2);
  const previous = ring + ((<usize>((max<i32>(0, t - lag) % slots) * stride + radius)) << 2);
  const zero = f64x2.splat(0);
  let b: i32 = 0;
  for (; b + 4 <= bands; b += 4) {
    let peak = f32x4.splat(-Infinity);
    for (let k = -radius; k <= radius; k++) {
      const values = v128.load(previous + <usize>((b + k) << 2));
      peak = v128.bitselect(values, peak, f32x4.gt(values, peak));
    }
    const current = v128.load(row + ((<usize>b) << 2));
    const low = f64x2.sub(f64x2.promote_low_f32x4(current), f64x2.promote_low_f32x4(peak));
    const high = f64x2.sub(
      f64x2.promote_low_f32x4(v128.shuffle<i32>(current, current, 2, 3, 2, 3)),
      f64x2.promote_low_f32x4(v128.shuffle<i32>(peak, peak, 2, 3, 2, 3)),
    );
    v128.store(differences + ((<usize>b) << 3), v128.and(low, f64x2.gt(low, zero)));
    v128.store(differences + ((<usize>b) << 3), v128.and(high, f64x2.gt(high, zero)), 16);
  }
  for (; b < bands; b++) {
    let peak: f32 = -Infinity;
    for (let k = -radius; k <= radius; k++) {
      const value = load<f32>(previous + <usize>((b + k) << 2));
      peak = select<f32>(value, peak, value > peak);
    }
    const difference = <f64>load<f32>(row + ((<usize>b) << 2)) - <f64>peak;
    store<f64>(differences + ((<usize>b) << 3), difference > 0 ? difference : 0);
  }
  memory.fill(sums, 0, (<usize>regions) << 3);
  for (b = 0; b < bands; b++) {
    const r = load<i32>(region + ((<usize>b) << 2));
    if (r < 0) continue;
    const at = sums + ((<usize>r) << 3);
    store<f64>(at, load<f64>(at) + load<f64>(differences + ((<usize>b) << 3)));
  }
  store<i32>(descriptor + FRAME_INDEX, t + 1);
}
