// AssemblyScript source of the track ingest's native-rate loops over one block of channels (see
// src/core/signal/channel-block-kernels.ts): level statistics (src/core/signal/signal-statistics.ts,
// `accumulateBlock` and its exact and clipped-run loops), the mono mix (mix-to-mono.ts, f32x4 sums,
// f64x2 scaling) and the high-band energy (src/core/rhythm/high-band-flux.ts, `highPassEnergy`).
// The TypeScript loops' arithmetic in their order, so every figure is bit-identical.

// Slots of a channel's level state (signal-statistics.ts) and of the options block.
const PEAK = 0;
const SUM = 8;
const SUM_SQUARES = 16;
const NON_FINITE = 24;
const CLIPPED_SAMPLES = 32;
const CLIPPING_EVENTS = 40;
const RUN = 48;
const PREVIOUS = 56;
const CLIP_THRESHOLD = 0;
const MIN_CLIP_RUN = 8;
const FLAT_TOLERANCE = 16;
/** Samples per block, as the TypeScript accumulation (results do not depend on it). */
const KERNEL_BLOCK: i32 = 4096;
/** Bytes of one channel's level state (LEVEL_STATE_SIZE f64, src/core/signal/channel-block-kernels.ts). */
const STATE_BYTES: i32 = 64;

/** Whether x is neither ±∞ nor NaN (x − x is 0 exactly then, NaN otherwise). */
function finite(x: f64): bool {
  return x - x === 0;
}

function followClippedRuns(samples: usize, from: i32, to: i32, options: usize, state: usize): void {
  const clipThreshold = load<f64>(options + CLIP_THRESHOLD);
  const minClipRun = load<f64>(options + MIN_CLIP_RUN);
  const flatTolerance = load<f64>(options + FLAT_TOLERANCE);
  let run = load<f64>(state + RUN);
  let previous = load<f64>(state + PREVIOUS);
  for (let i = from; i < to; i++) {
    const value = <f64>load<f32>(samples + ((<usize>i) << 2));
    if (abs<f64>(value) < clipThreshold) {
      run = 0;
      continue;
    }
    const continuesRun = run > 0 && value * previous > 0 && abs<f64>(value - previous) <= flatTolerance;
    run = continuesRun ? run + 1 : 1;
    if (run === minClipRun) {
      store<f64>(state + CLIPPING_EVENTS, load<f64>(state + CLIPPING_EVENTS) + 1);
      store<f64>(state + CLIPPED_SAMPLES, load<f64>(state + CLIPPED_SAMPLES) + minClipRun);
    } else if (run > minClipRun) {
      store<f64>(state + CLIPPED_SAMPLES, load<f64>(state + CLIPPED_SAMPLES) + 1);
    }
    previous = value;
  }
  store<f64>(state + RUN, run);
  store<f64>(state + PREVIOUS, previous);
}

function accumulateBlockExactly(samples: usize, from: i32, to: i32, options: usize, state: usize): void {
  const clipThreshold = load<f64>(options + CLIP_THRESHOLD);
  const minClipRun = load<f64>(options + MIN_CLIP_RUN);
  const flatTolerance = load<f64>(options + FLAT_TOLERANCE);
  let peak = load<f64>(state + PEAK);
  let sum = load<f64>(state + SUM);
  let sumSquares = load<f64>(state + SUM_SQUARES);
  let run = load<f64>(state + RUN);
  let previous = load<f64>(state + PREVIOUS);
  for (let i = from; i < to; i++) {
    const value = <f64>load<f32>(samples + ((<usize>i) << 2));
    const magnitude = value < 0 ? -value : value;
    if (magnitude < clipThreshold) {
      sum += value;
      sumSquares += value * value;
      if (magnitude > peak) peak = magnitude;
      run = 0;
      continue;
    }
    if (!finite(value)) {
      store<f64>(state + NON_FINITE, load<f64>(state + NON_FINITE) + 1);
      run = 0;
      continue;
    }
    sum += value;
    sumSquares += value * value;
    if (magnitude > peak) peak = magnitude;
    const continuesRun = run > 0 && value * previous > 0 && abs<f64>(value - previous) <= flatTolerance;
    run = continuesRun ? run + 1 : 1;
    if (run === minClipRun) {
      store<f64>(state + CLIPPING_EVENTS, load<f64>(state + CLIPPING_EVENTS) + 1);
      store<f64>(state + CLIPPED_SAMPLES, load<f64>(state + CLIPPED_SAMPLES) + minClipRun);
    } else if (run > minClipRun) {
      store<f64>(state + CLIPPED_SAMPLES, load<f64>(state + CLIPPED_SAMPLES) + 1);
    }
    previous = value;
  }
  store<f64>(state + PEAK, peak);
  store<f64>(state + SUM, sum);
  store<f64>(state + SUM_SQUARES, sumSquares);
  store<f64>(state + RUN, run);
  store<f64>(state + PREVIOUS, previous);
}

/** signal-statistics.ts `accumulateBlock`: the branch-free sums, then the exact or clipped-run loop. */
function accumulateBlock(samples: usize, from: i32, to: i32, options: usize, state: usize): void {
  if (to <= from) return;
  let blockPeak: f64 = 0;
  let sum = load<f64>(state + SUM);
  let sumSquares = load<f64>(state + SUM_SQUARES);
  for (let i = from; i < to; i++) {
    const value = <f64>load<f32>(samples + ((<usize>i) << 2));
    sum += value;
    sumSquares += value * value;
    const magnitude = abs<f64>(value);
    blockPeak = magnitude > blockPeak ? magnitude : blockPeak;
  }
  finishBlock(samples, from, to, options, state, blockPeak, sum, sumSquares);
}

/** The rest of `accumulateBlock` once its branch-free sums are taken. */
function finishBlock(
  samples: usize,
  from: i32,
  to: i32,
  options: usize,
  state: usize,
  blockPeak: f64,
  sum: f64,
  sumSquares: f64,
): void {
  if (!(finite(sum) && finite(sumSquares))) {
    accumulateBlockExactly(samples, from, to, options, state);
    return;
  }
  if (blockPeak > load<f64>(state + PEAK)) store<f64>(state + PEAK, blockPeak);
  store<f64>(state + SUM, sum);
  store<f64>(state + SUM_SQUARES, sumSquares);
  if (blockPeak < load<f64>(options + CLIP_THRESHOLD)) store<f64>(state + RUN, 0);
  else followClippedRuns(samples, from, to, options, state);
}

/**
 * `accumulateBlock` of two channels in one loop: each channel's sums are its own chains of
 * additions in sample order, as alone, but the two chains overlap, where one channel's loop
 * waits on every addition's latency.
 */
function accumulateBlockPair(
  first: usize,
  second: usize,
  from: i32,
  to: i32,
  options: usize,
  firstState: usize,
  secondState: usize,
): void {
  if (to <= from) return;
  let firstPeak: f64 = 0;
  let firstSum = load<f64>(firstState + SUM);
  let firstSquares = load<f64>(firstState + SUM_SQUARES);
  let secondPeak: f64 = 0;
  let secondSum = load<f64>(secondState + SUM);
  let secondSquares = load<f64>(secondState + SUM_SQUARES);
  for (let i = from; i < to; i++) {
    const a = <f64>load<f32>(first + ((<usize>i) << 2));
    const b = <f64>load<f32>(second + ((<usize>i) << 2));
    firstSum += a;
    secondSum += b;
    firstSquares += a * a;
    secondSquares += b * b;
    const magnitudeA = abs<f64>(a);
    const magnitudeB = abs<f64>(b);
    firstPeak = magnitudeA > firstPeak ? magnitudeA : firstPeak;
    secondPeak = magnitudeB > secondPeak ? magnitudeB : secondPeak;
  }
  finishBlock(first, from, to, options, firstState, firstPeak, firstSum, firstSquares);
  finishBlock(second, from, to, options, secondState, secondPeak, secondSum, secondSquares);
}

/** Level statistics of samples[0, count) added to `state`, in blocks of KERNEL_BLOCK. */
export function levelStatistics(samples: usize, count: i32, options: usize, state: usize): void {
  for (let from: i32 = 0; from < count; from += KERNEL_BLOCK) {
    accumulateBlock(samples, from, min<i32>(count, from + KERNEL_BLOCK), options, state);
  }
}

/**
 * `levelStatistics` of every channel: `channels` holds channelCount i32 sample addresses and
 * `states` the channels' level states one after another (8 f64 each); channels go in pairs.
 */
export function levelStatisticsOfChannels(
  channels: usize,
  channelCount: i32,
  count: i32,
  options: usize,
  states: usize,
): void {
  let c: i32 = 0;
  for (; c + 2 <= channelCount; c += 2) {
    const first = <usize>load<i32>(channels + ((<usize>c) << 2));
    const second = <usize>load<i32>(channels + ((<usize>c) << 2), 4);
    const firstState = states + <usize>(c * STATE_BYTES);
    for (let from: i32 = 0; from < count; from += KERNEL_BLOCK) {
      const to = min<i32>(count, from + KERNEL_BLOCK);
      accumulateBlockPair(first, second, from, to, options, firstState, firstState + STATE_BYTES);
    }
  }
  if (c < channelCount) {
    levelStatistics(<usize>load<i32>(channels + ((<usize>c) << 2)), count, options, states + <usize>(c * STATE_BYTES));
  }
}

/**
 * out[i] = f32(f64(Σ_c channel_c[i], each partial sum rounded to f32) · scale) for i < count;
 * `channels` holds channelCount i32 addresses. f32x4 adds round each partial sum as the
 * TypeScript Math.fround; the scaling is f64, as in TypeScript, rounded once to f32.
 */
export function mixChannels(channels: usize, channelCount: i32, count: i32, scale: f64, out: usize): void {
  const first = <usize>load<i32>(channels);
  const scales = f64x2.splat(scale);
  let i: i32 = 0;
  for (; i + 4 <= count; i += 4) {
    const at = (<usize>i) << 2;
    let sum = v128.load(first + at);
    for (let c: i32 = 1; c < channelCount; c++) {
      sum = f32x4.add(sum, v128.load(<usize>load<i32>(channels + ((<usize>c) << 2)) + at));
    }
    const low = f64x2.mul(f64x2.promote_low_f32x4(sum), scales);
    const high = f64x2.mul(f64x2.promote_low_f32x4(v128.shuffle<i32>(sum, sum, 2, 3, 2, 3)), scales);
    v128.store(out + at, v128.shuffle<i32>(f32x4.demote_f64x2_zero(low), f32x4.demote_f64x2_zero(high), 0, 1, 4, 5));
  }
  for (; i < count; i++) {
    const at = (<usize>i) << 2;
    let sum = load<f32>(first + at);
    for (let c: i32 = 1; c < channelCount; c++) sum += load<f32>(<usize>load<i32>(channels + ((<usize>c) << 2)) + at);
    store<f32>(out + at, <f32>(<f64>sum * scale));
  }
}

/**
 * high-band-flux.ts `highPassEnergy`: Σ z² of two cascaded biquads over samples[from, to) added
 * to state[6], coefficients [b0, b1, a1, a2], state [x1, x2, y1, y2, z1, z2, energy] (f64).
 */
export function highPassEnergy(samples: usize, from: i32, to: i32, coefficients: usize, state: usize): void {
  const b0 = load<f64>(coefficients);
  const b1 = load<f64>(coefficients, 8);
  const a1 = load<f64>(coefficients, 16);
  const a2 = load<f64>(coefficients, 24);
  let x1 = load<f64>(state);
  let x2 = load<f64>(state, 8);
  let y1 = load<f64>(state, 16);
  let y2 = load<f64>(state, 24);
  let z1 = load<f64>(state, 32);
  let z2 = load<f64>(state, 40);
  let energy = load<f64>(state, 48);
  for (let n = from; n < to; n++) {
    const sample = <f64>load<f32>(samples + ((<usize>n) << 2));
    const x = finite(sample) ? sample : 0;
    const y = b0 * x + b1 * x1 + b0 * x2 - a1 * y1 - a2 * y2;
    const z = b0 * y + b1 * y1 + b0 * y2 - a1 * z1 - a2 * z2;
    x2 = x1;
    x1 = x;
    y2 = y1;
    y1 = y;
    z2 = z1;
    z1 = z;
    energy += z * z;
  }
  store<f64>(state, x1);
  store<f64>(state, x2, 8);
  store<f64>(state, y1, 16);
  store<f64>(state, y2, 24);
  store<f64>(state, z1, 32);
  store<f64>(state, z2, 40);
  store<f64>(state, energy, 48);
}
