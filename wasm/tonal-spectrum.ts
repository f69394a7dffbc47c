// AssemblyScript source of the tonal frame pass's per-frame spectrum sums (see
// src/core/dsp/spectrum-frame-kernels.ts, TonalSpectrumKernel): magnitudes (f64x2 SIMD square
// roots), the spectral shape sums and roll-off bin, the flatness products (two f64x2 chain
// pairs), the mel filterbank, spectral contrast's peak and valley means, and the local maxima of
// the peak picker. Each is the TypeScript loop's arithmetic in its order (f64 from f32 inputs),
// so every output is bit-identical; no logarithm is taken here (Math.log stays in JavaScript).
// The caller passes one descriptor of i32 fields (addresses and sizes) and f64 parameters.

// Descriptor fields (i32, byte offset = 4 × index).
const SPECTRUM = 0;
const MAGNITUDES = 4;
const BINS = 8;
const SHAPE = 12;
const CUMULATIVE = 16;
const PRODUCTS = 20;
const MEL_BANDS = 24;
const MEL_START = 28;
const MEL_OFFSET = 32;
const MEL_WEIGHTS = 36;
const MEL_OUT = 40;
const CONTRAST_BANDS = 44;
const CONTRAST_START = 48;
const CONTRAST_END = 52;
const CONTRAST_COUNT = 56;
const SMALLEST = 60;
const LARGEST = 64;
const PEAKS_OUT = 68;
const VALLEYS_OUT = 72;
const PEAK_FROM = 76;
const PEAK_THROUGH = 80;
const CANDIDATE_BINS = 84;
const CANDIDATE_MAGNITUDES = 88;
/** Scratch for contrast: (largest count + 1) v128s. */
const LANE_LISTS = 92;
// f64 parameters.
const ROLLOFF_FRACTION = 96;
const AMIN = 104;
const PEAK_FLOOR = 112;

function field(descriptor: usize, offset: usize): usize {
  return <usize>load<i32>(descriptor + offset);
}

/** out[k] = f32(√(re² + im²)) in f64, two bins per f64x2. */
export function spectrumMagnitudesInto(spectrum: usize, bins: i32, out: usize): void {
  let k: i32 = 0;
  for (; k + 2 <= bins; k += 2) {
    const pair = v128.load(spectrum + ((<usize>k) << 3));
    const low = f64x2.promote_low_f32x4(pair);
    const high = f64x2.promote_low_f32x4(v128.shuffle<i32>(pair, pair, 2, 3, 2, 3));
    const lowSquares = f64x2.mul(low, low);
    const highSquares = f64x2.mul(high, high);
    const re = v128.shuffle<f64>(lowSquares, highSquares, 0, 2);
    const im = v128.shuffle<f64>(lowSquares, highSquares, 1, 3);
    const magnitude = f64x2.sqrt(f64x2.add(re, im));
    v128.store64_lane(out + ((<usize>k) << 2), f32x4.demote_f64x2_zero(magnitude), 0);
  }
  for (; k < bins; k++) {
    const re = <f64>load<f32>(spectrum + ((<usize>k) << 3));
    const im = <f64>load<f32>(spectrum + ((<usize>k) << 3), 4);
    store<f32>(out + ((<usize>k) << 2), <f32>sqrt<f64>(re * re + im * im));
  }
}

/** Shape sums and cumulative magnitudes (spectral-shape.ts, first loop); roll-off by bisection. */
function shapeSums(magnitudes: usize, bins: i32, shape: usize, cumulative: usize, rolloffFraction: f64): void {
  let total: f64 = 0;
  let first: f64 = 0;
  let second: f64 = 0;
  for (let k: i32 = 0; k < bins; k++) {
    const value = <f64>load<f32>(magnitudes + ((<usize>k) << 2));
    total += value;
    store<f64>(cumulative + ((<usize>k) << 3), total);
    const weighted = <f64>k * value;
    first += weighted;
    second += <f64>k * weighted;
  }
  const threshold = rolloffFraction * total;
  let low: i32 = 0;
  let high: i32 = bins - 1;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (load<f64>(cumulative + ((<usize>middle) << 3)) >= threshold) high = middle;
    else low = middle + 1;
  }
  store<f64>(shape, total);
  store<f64>(shape, first, 8);
  store<f64>(shape, second, 16);
  store<f64>(shape, <f64>low, 32);
}

/** max(amin, x) for each lane, NaN → amin (the TypeScript `p > amin ? p : amin`). */
function floorPowers(powers: v128, amin: v128): v128 {
  return v128.bitselect(powers, amin, f64x2.gt(powers, amin));
}

/** Flatness products and Σ floored powers (spectral-shape.ts, `flatnessOf` before the logs). */
function flatnessProducts(magnitudes: usize, bins: i32, amin: f64, shape: usize, products: usize): void {
  const floor = f64x2.splat(amin);
  let power: f64 = 0;
  let block: i32 = 0;
  let k: i32 = 0;
  for (; k + 16 <= bins; k += 16, block++) {
    let chains01 = f64x2.splat(1);
    let chains23 = f64x2.splat(1);
    for (let j: i32 = k; j < k + 16; j += 4) {
      const values = v128.load(magnitudes + ((<usize>j) << 2));
      const low = f64x2.promote_low_f32x4(values);
      const high = f64x2.promote_low_f32x4(v128.shuffle<i32>(values, values, 2, 3, 2, 3));
      const powers01 = floorPowers(f64x2.mul(low, low), floor);
      const powers23 = floorPowers(f64x2.mul(high, high), floor);
      power +=
        f64x2.extract_lane(powers01, 0) +
        f64x2.extract_lane(powers01, 1) +
        f64x2.extract_lane(powers23, 0) +
        f64x2.extract_lane(powers23, 1);
      chains01 = f64x2.mul(chains01, powers01);
      chains23 = f64x2.mul(chains23, powers23);
    }
    store<f64>(
      products + ((<usize>block) << 3),
      f64x2.extract_lane(chains01, 0) *
        f64x2.extract_lane(chains01, 1) *
        f64x2.extract_lane(chains23, 0) *
        f64x2.extract_lane(chains23, 1),
    );
  }
  let rest: f64 = 1;
  for (; k < bins; k++) {
    const value = <f64>load<f32>(magnitudes + ((<usize>k) << 2));
    const floored = value * value > amin ? value * value : amin;
    power += floored;
    rest *= floored;
  }
  store<f64>(products + ((<usize>block) << 3), rest);
  store<f64>(shape, power, 24);
}

/** Adds weights[w]·|X|² for w in [from, to) to `sum`, in w order (mel-spectrogram.ts). */
function melBandFrom(magnitudes: usize, weights: usize, first: i32, from: i32, to: i32, sum: f64): f64 {
  for (let w = from; w < to; w++) {
    const value = <f64>load<f32>(magnitudes + ((<usize>(first + w)) << 2));
    sum += <f64>load<f32>(weights + ((<usize>w) << 2)) * value * value;
  }
  return sum;
}

/** One weight of band-sum `sum`: sum + weights[w]·|X[first + w]|². */
function melTerm(magnitudes: usize, weights: usize, first: i32, w: i32, sum: f64): f64 {
  const value = <f64>load<f32>(magnitudes + ((<usize>(first + w)) << 2));
  return sum + <f64>load<f32>(weights + ((<usize>w) << 2)) * value * value;
}

/**
 * Power mel energies. Four bands' sums advance together over their common length (four
 * independent chains, each adding in its own weight order), then each finishes alone: every
 * band's sum is the TypeScript loop's, bit for bit.
 */
function melEnergies(descriptor: usize, magnitudes: usize): void {
  const bands = load<i32>(descriptor + MEL_BANDS);
  const startBin = field(descriptor, MEL_START);
  const offsets = field(descriptor, MEL_OFFSET);
  const weights = field(descriptor, MEL_WEIGHTS);
  const out = field(descriptor, MEL_OUT);
  let band: i32 = 0;
  for (; band + 4 <= bands; band += 4) {
    const at = (<usize>band) << 2;
    const from0 = load<i32>(offsets + at);
    const from1 = load<i32>(offsets + at, 4);
    const from2 = load<i32>(offsets + at, 8);
    const from3 = load<i32>(offsets + at, 12);
    const to3 = load<i32>(offsets + at, 16);
    const first0 = load<i32>(startBin + at) - from0;
    const first1 = load<i32>(startBin + at, 4) - from1;
    const first2 = load<i32>(startBin + at, 8) - from2;
    const first3 = load<i32>(startBin + at, 12) - from3;
    const common = min<i32>(min<i32>(from1 - from0, from2 - from1), min<i32>(from3 - from2, to3 - from3));
    let sum0: f64 = 0;
    let sum1: f64 = 0;
    let sum2: f64 = 0;
    let sum3: f64 = 0;
    for (let i: i32 = 0; i < common; i++) {
      sum0 = melTerm(magnitudes, weights, first0, from0 + i, sum0);
      sum1 = melTerm(magnitudes, weights, first1, from1 + i, sum1);
      sum2 = melTerm(magnitudes, weights, first2, from2 + i, sum2);
      sum3 = melTerm(magnitudes, weights, first3, from3 + i, sum3);
    }
    store<f32>(out + at, <f32>melBandFrom(magnitudes, weights, first0, from0 + common, from1, sum0));
    store<f32>(out + at, <f32>melBandFrom(magnitudes, weights, first1, from1 + common, from2, sum1), 4);
    store<f32>(out + at, <f32>melBandFrom(magnitudes, weights, first2, from2 + common, from3, sum2), 8);
    store<f32>(out + at, <f32>melBandFrom(magnitudes, weights, first3, from3 + common, to3, sum3), 12);
  }
  for (; band < bands; band++) {
    const from = load<i32>(offsets + ((<usize>band) << 2));
    const to = load<i32>(offsets + ((<usize>band) << 2), 4);
    const first = load<i32>(startBin + ((<usize>band) << 2)) - from;
    store<f32>(out + ((<usize>band) << 2), <f32>melBandFrom(magnitudes, weights, first, from, to, 0));
  }
}

function insertAscending(buffer: usize, length: i32, value: f64): void {
  let i = length;
  while (i > 0 && load<f64>(buffer + ((<usize>(i - 1)) << 3)) > value) {
    store<f64>(buffer + ((<usize>i) << 3), load<f64>(buffer + ((<usize>(i - 1)) << 3)));
    i--;
  }
  store<f64>(buffer + ((<usize>i) << 3), value);
}

function insertDescending(buffer: usize, length: i32, value: f64): void {
  let i = length;
  while (i > 0 && load<f64>(buffer + ((<usize>(i - 1)) << 3)) < value) {
    store<f64>(buffer + ((<usize>i) << 3), load<f64>(buffer + ((<usize>(i - 1)) << 3)));
    i--;
  }
  store<f64>(buffer + ((<usize>i) << 3), value);
}

/**
 * Σ of the `keep` largest of magnitudes[from, to) (no NaN among them), descending. The band is
 * read as four interleaved lanes; each lane keeps its own `keep` largest, sorted, in `lists`
 * (keep v128s) by a branch-free compare-exchange cascade (pmax/pmin are exact maxima and minima
 * without NaN); missing tail lanes are −∞. The union of the lanes' lists holds the band's keep
 * largest, which the TypeScript loop's insertion then picks from those 4·keep values into
 * `buffer`: the same multiset as the TypeScript loop over the whole band, summed in the same
 * sorted order, so the sum is bit-identical.
 */
function largestSum(magnitudes: usize, from: i32, to: i32, keep: i32, lists: usize, buffer: usize): f64 {
  const sentinel = f32x4.splat(-Infinity);
  const listsEnd = lists + ((<usize>keep) << 4);
  for (let at = lists; at < listsEnd; at += 16) v128.store(at, sentinel);
  let k = from;
  for (; k < to; k += 4) {
    let values: v128;
    if (k + 4 <= to) values = v128.load(magnitudes + ((<usize>k) << 2));
    else {
      v128.store(listsEnd, sentinel);
      for (let j = k; j < to; j++)
        store<f32>(listsEnd + ((<usize>(j - k)) << 2), load<f32>(magnitudes + ((<usize>j) << 2)));
      values = v128.load(listsEnd);
    }
    for (let at = lists; at < listsEnd; at += 16) {
      const kept = v128.load(at);
      v128.store(at, f32x4.pmax(kept, values));
      values = f32x4.pmin(kept, values);
    }
  }
  const count = keep << 2;
  const last = (<usize>(keep - 1)) << 3;
  let largestKept: f64 = 0;
  for (let i: i32 = 0; i < count; i++) {
    const value = <f64>load<f32>(lists + ((<usize>i) << 2));
    if (i < keep) {
      insertDescending(buffer, i, value);
      largestKept = load<f64>(buffer + last);
    } else if (value > largestKept) {
      insertDescending(buffer, keep - 1, value);
      largestKept = load<f64>(buffer + last);
    }
  }
  let sum: f64 = 0;
  for (let i: i32 = 0; i < keep; i++) sum += load<f64>(buffer + ((<usize>i) << 3));
  return sum;
}

/** Σ of the `keep` smallest, ascending: `largestSum` mirrored (+∞ sentinels). */
function smallestSum(magnitudes: usize, from: i32, to: i32, keep: i32, lists: usize, buffer: usize): f64 {
  const sentinel = f32x4.splat(Infinity);
  const listsEnd = lists + ((<usize>keep) << 4);
  for (let at = lists; at < listsEnd; at += 16) v128.store(at, sentinel);
  let k = from;
  for (; k < to; k += 4) {
    let values: v128;
    if (k + 4 <= to) values = v128.load(magnitudes + ((<usize>k) << 2));
    else {
      v128.store(listsEnd, sentinel);
      for (let j = k; j < to; j++)
        store<f32>(listsEnd + ((<usize>(j - k)) << 2), load<f32>(magnitudes + ((<usize>j) << 2)));
      values = v128.load(listsEnd);
    }
    for (let at = lists; at < listsEnd; at += 16) {
      const kept = v128.load(at);
      v128.store(at, f32x4.pmin(kept, values));
      values = f32x4.pmax(kept, values);
    }
  }
  const count = keep << 2;
  const last = (<usize>(keep - 1)) << 3;
  let smallestKept: f64 = 0;
  for (let i: i32 = 0; i < count; i++) {
    const value = <f64>load<f32>(lists + ((<usize>i) << 2));
    if (i < keep) {
      insertAscending(buffer, i, value);
      smallestKept = load<f64>(buffer + last);
    } else if (value < smallestKept) {
      insertAscending(buffer, keep - 1, value);
      smallestKept = load<f64>(buffer + last);
    }
  }
  let sum: f64 = 0;
  for (let i: i32 = 0; i < keep; i++) sum += load<f64>(buffer + ((<usize>i) << 3));
  return sum;
}

/** Whether magnitudes[0, bins) holds a NaN. */
function holdsNaN(magnitudes: usize, bins: i32): bool {
  let unordered = i32x4.splat(0);
  let k: i32 = 0;
  for (; k + 4 <= bins; k += 4) {
    const values = v128.load(magnitudes + ((<usize>k) << 2));
    unordered = v128.or(unordered, f32x4.ne(values, values));
  }
  let found = v128.any_true(unordered);
  for (; k < bins; k++) {
    // NaN: all exponent bits set and a non-zero fraction.
    found = found || (load<u32>(magnitudes + ((<usize>k) << 2)) & 0x7fffffff) > 0x7f800000;
  }
  return found;
}

/**
 * Peak and valley means of each contrast band (spectral-contrast.ts, the frame function): by
 * `largestSum` and `smallestSum`, or, when the frame holds a NaN (whose place among the kept
 * values depends on the bin order), by the TypeScript loop itself.
 */
function contrastMeans(descriptor: usize, magnitudes: usize): void {
  const bands = load<i32>(descriptor + CONTRAST_BANDS);
  const starts = field(descriptor, CONTRAST_START);
  const ends = field(descriptor, CONTRAST_END);
  const counts = field(descriptor, CONTRAST_COUNT);
  const smallest = field(descriptor, SMALLEST);
  const largest = field(descriptor, LARGEST);
  const lists = field(descriptor, LANE_LISTS);
  const peaks = field(descriptor, PEAKS_OUT);
  const valleys = field(descriptor, VALLEYS_OUT);
  const exact = holdsNaN(magnitudes, load<i32>(descriptor + BINS));
  for (let band: i32 = 0; band < bands; band++) {
    const keep = load<i32>(counts + ((<usize>band) << 2));
    const from = load<i32>(starts + ((<usize>band) << 2));
    const to = load<i32>(ends + ((<usize>band) << 2));
    let low: f64 = 0;
    let high: f64 = 0;
    if (!exact) {
      low = smallestSum(magnitudes, from, to, keep, lists, smallest);
      high = largestSum(magnitudes, from, to, keep, lists, largest);
    } else {
      for (let i: i32 = 0; i < keep; i++) {
        const value = <f64>load<f32>(magnitudes + ((<usize>(from + i)) << 2));
        insertAscending(smallest, i, value);
        insertDescending(largest, i, value);
      }
      const lastSlot = (<usize>(keep - 1)) << 3;
      let smallestKept = load<f64>(smallest + lastSlot);
      let largestKept = load<f64>(largest + lastSlot);
      for (let k = from + keep; k < to; k++) {
        const value = <f64>load<f32>(magnitudes + ((<usize>k) << 2));
        if (value < smallestKept) {
          insertAscending(smallest, keep - 1, value);
          smallestKept = load<f64>(smallest + lastSlot);
        }
        if (value > largestKept) {
          insertDescending(largest, keep - 1, value);
          largestKept = load<f64>(largest + lastSlot);
        }
      }
      for (let i: i32 = 0; i < keep; i++) {
        low += load<f64>(smallest + ((<usize>i) << 3));
        high += load<f64>(largest + ((<usize>i) << 3));
      }
    }
    store<f32>(valleys + ((<usize>band) << 2), <f32>(low / <f64>keep));
    store<f32>(peaks + ((<usize>band) << 2), <f32>(high / <f64>keep));
  }
}

/** The largest f32 ≤ x (so that, for any f32 b, b > result ⟺ b > x in f64). */
function f32AtMost(x: f64): f32 {
  const rounded = <f32>x;
  if (!(<f64>rounded > x)) return rounded;
  if (rounded > 0) return reinterpret<f32>(reinterpret<u32>(rounded) - 1);
  if (rounded === 0) return -reinterpret<f32>(<u32>1);
  return reinterpret<f32>(reinterpret<u32>(rounded) + 1);
}

/**
 * Local maxima above the floor (spectral-peaks.ts, `localMaxima`), four bins per f32x4 test,
 * the same comparisons (f32 against the floor rounded down to f32 is the f64 comparison);
 * returns how many, in ascending bin order.
 */
function localMaxima(descriptor: usize, magnitudes: usize): i32 {
  const through = load<i32>(descriptor + PEAK_THROUGH);
  const floor = f32AtMost(load<f64>(descriptor + PEAK_FLOOR));
  const floors = f32x4.splat(floor);
  const bins = field(descriptor, CANDIDATE_BINS);
  const values = field(descriptor, CANDIDATE_MAGNITUDES);
  let found: i32 = 0;
  let j = load<i32>(descriptor + PEAK_FROM);
  for (; j + 3 <= through; j += 4) {
    const at = magnitudes + ((<usize>j) << 2);
    const beta = v128.load(at);
    const peaks = v128.and(
      v128.and(f32x4.gt(beta, floors), f32x4.gt(beta, v128.load(at - 4))),
      f32x4.ge(beta, v128.load(at, 4)),
    );
    let lanes = i32x4.bitmask(peaks);
    while (lanes !== 0) {
      const lane = <i32>ctz<u32>(lanes);
      lanes &= lanes - 1;
      store<i32>(bins + ((<usize>found) << 2), j + lane);
      store<f32>(values + ((<usize>found) << 2), load<f32>(at + ((<usize>lane) << 2)));
      found++;
    }
  }
  for (; j <= through; j++) {
    const at = magnitudes + ((<usize>j) << 2);
    const beta = load<f32>(at);
    if (!(beta > floor && beta > load<f32>(at - 4) && beta >= load<f32>(at + 4))) continue;
    store<i32>(bins + ((<usize>found) << 2), j);
    store<f32>(values + ((<usize>found) << 2), beta);
    found++;
  }
  return found;
}

/** Every output of one tonal frame from its spectrum; returns the number of peak candidates. */
export function tonalSpectrum(descriptor: usize): i32 {
  const magnitudes = field(descriptor, MAGNITUDES);
  const bins = load<i32>(descriptor + BINS);
  const shape = field(descriptor, SHAPE);
  spectrumMagnitudesInto(field(descriptor, SPECTRUM), bins, magnitudes);
  shapeSums(magnitudes, bins, shape, field(descriptor, CUMULATIVE), load<f64>(descriptor + ROLLOFF_FRACTION));
  flatnessProducts(magnitudes, bins, load<f64>(descriptor + AMIN), shape, field(descriptor, PRODUCTS));
  melEnergies(descriptor, magnitudes);
  contrastMeans(descriptor, magnitudes);
  return localMaxima(descriptor, magnitudes);
}
