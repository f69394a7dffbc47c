// AssemblyScript ports of the fdlibm logarithm and exponential that V8 uses for Math.log,
// Math.log10 and Math.exp (V8's src/base/ieee754.cc: `log`, `log10`, `exp`, adapted from
// fdlibm, Sun Microsystems 1993, freely redistributable with this notice). Same constants,
// same operations in the same order: WebAssembly's f64 arithmetic is IEEE 754 binary64 with
// round-to-nearest and no contraction, as V8's compiled C++ is on x64, so the results are the
// same bits (src/accel/wasm-fdlibm.test.ts compares them with Math.* on millions of inputs).
// AssemblyScript's own Math.log is a different algorithm (musl), whose last bits differ.
// Constants are given by their bits (V8's source lists them so), the decimal in a comment.

function highWord(x: f64): i32 {
  return <i32>(reinterpret<u64>(x) >> 32);
}

function lowWord(x: f64): u32 {
  return <u32>reinterpret<u64>(x);
}

function fromWords(high: i32, low: u32): f64 {
  return reinterpret<f64>(((<u64>(<u32>high)) << 32) | <u64>low);
}

const LN2_HI: f64 = reinterpret<f64>(((<u64>0x3fe62e42) << 32) | 0xfee00000); // 6.9314718036912381649e-1
const LN2_LO: f64 = reinterpret<f64>(((<u64>0x3dea39ef) << 32) | 0x35793c76); // 1.90821492927058770002e-10
const TWO54: f64 = reinterpret<f64>(((<u64>0x43500000) << 32) | 0x00000000); // 1.8014398509481984e16
const LG1: f64 = reinterpret<f64>(((<u64>0x3fe55555) << 32) | 0x55555593); // 6.66666666666673513e-1
const LG2: f64 = reinterpret<f64>(((<u64>0x3fd99999) << 32) | 0x9997fa04); // 3.999999999940941908e-1
const LG3: f64 = reinterpret<f64>(((<u64>0x3fd24924) << 32) | 0x94229359); // 2.857142874366239149e-1
const LG4: f64 = reinterpret<f64>(((<u64>0x3fcc71c5) << 32) | 0x1d8e78af); // 2.222219843214978396e-1
const LG5: f64 = reinterpret<f64>(((<u64>0x3fc74664) << 32) | 0x96cb03de); // 1.818357216161805012e-1
const LG6: f64 = reinterpret<f64>(((<u64>0x3fc39a09) << 32) | 0xd078c69f); // 1.531383769920937332e-1
const LG7: f64 = reinterpret<f64>(((<u64>0x3fc2f112) << 32) | 0xdf3e5244); // 1.479819860511658591e-1
const ONE_THIRD: f64 = reinterpret<f64>(((<u64>0x3fd55555) << 32) | 0x55555555); // 0.33333333333333333 (fdlibm's literal)

/** Natural logarithm, V8's `ieee754::log` (fdlibm e_log.c) step for step. */
export function fdlibmLog(value: f64): f64 {
  let x = value;
  let hx = highWord(x);
  const lx = lowWord(x);
  let k: i32 = 0;
  if (hx < 0x00100000) {
    // x < 2^-1022
    if (((hx & 0x7fffffff) | lx) === 0) return -Infinity; // log(±0) = −∞
    if (hx < 0) return NaN; // log(−#) = NaN
    k -= 54;
    x *= TWO54; // subnormal: scale up
    hx = highWord(x);
  }
  if (hx >= 0x7ff00000) return x + x;
  k += (hx >> 20) - 1023;
  hx &= 0x000fffff;
  let i = (hx + 0x95f64) & 0x100000;
  x = fromWords(hx | (i ^ 0x3ff00000), lowWord(x)); // normalise x or x/2
  k += i >> 20;
  const f = x - 1.0;
  if ((0x000fffff & (2 + hx)) < 3) {
    // −2^-20 ≤ f < 2^-20
    if (f === 0.0) {
      if (k === 0) return 0.0;
      const dk = <f64>k;
      return dk * LN2_HI + dk * LN2_LO;
    }
    const R = f * f * (0.5 - ONE_THIRD * f);
    if (k === 0) return f - R;
    const dk = <f64>k;
    return dk * LN2_HI - (R - dk * LN2_LO - f);
  }
  const s = f / (2.0 + f);
  const dk = <f64>k;
  const z = s * s;
  i = hx - 0x6147a;
  const w = z * z;
  const j = 0x6b851 - hx;
  const t1 = w * (LG2 + w * (LG4 + w * LG6));
  const t2 = z * (LG1 + w * (LG3 + w * (LG5 + w * LG7)));
  i |= j;
  const R = t2 + t1;
  if (i > 0) {
    const hfsq = 0.5 * f * f;
    if (k === 0) return f - (hfsq - s * (hfsq + R));
    return dk * LN2_HI - (hfsq - (s * (hfsq + R) + dk * LN2_LO) - f);
  }
  if (k === 0) return f - s * (f - R);
  return dk * LN2_HI - (s * (f - R) - dk * LN2_LO - f);
}

const IVLN10: f64 = reinterpret<f64>(((<u64>0x3fdbcb7b) << 32) | 0x1526e50e); // 4.34294481903251816668e-1
const LOG10_2HI: f64 = reinterpret<f64>(((<u64>0x3fd34413) << 32) | 0x509f6000); // 3.01029995663611771306e-1
const LOG10_2LO: f64 = reinterpret<f64>(((<u64>0x3d59fef3) << 32) | 0x11f12b36); // 3.69423907715893078616e-13

/** Base-10 logarithm, V8's `ieee754::log10` step for step. */
export function fdlibmLog10(value: f64): f64 {
  let x = value;
  let hx = highWord(x);
  let lx = lowWord(x);
  let k: i32 = 0;
  if (hx < 0x00100000) {
    if (((hx & 0x7fffffff) | lx) === 0) return -Infinity;
    if (hx < 0) return NaN;
    k -= 54;
    x *= TWO54;
    hx = highWord(x);
    lx = lowWord(x);
  }
  if (hx >= 0x7ff00000) return x + x;
  if (hx === 0x3ff00000 && lx === 0) return 0.0; // log10(1) = +0
  k += (hx >> 20) - 1023;
  const i = <i32>((<u32>k & 0x80000000) >> 31);
  hx = (hx & 0x000fffff) | ((0x3ff - i) << 20);
  const y = <f64>(k + i);
  x = fromWords(hx, lx);
  const z = y * LOG10_2LO + IVLN10 * fdlibmLog(x);
  return z + y * LOG10_2HI;
}

const O_THRESHOLD: f64 = reinterpret<f64>(((<u64>0x40862e42) << 32) | 0xfefa39ef); // 7.09782712893383973096e2
const U_THRESHOLD: f64 = reinterpret<f64>(((<u64>0xc0874910) << 32) | 0xd52d3051); // -7.4513321910194110842e2
const LN2HI_EXP: f64 = reinterpret<f64>(((<u64>0x3fe62e42) << 32) | 0xfee00000); // 6.9314718036912381649e-1
const LN2LO_EXP: f64 = reinterpret<f64>(((<u64>0x3dea39ef) << 32) | 0x35793c76); // 1.90821492927058770002e-10
const INVLN2: f64 = reinterpret<f64>(((<u64>0x3ff71547) << 32) | 0x652b82fe); // 1.442695040888963387
const P1: f64 = reinterpret<f64>(((<u64>0x3fc55555) << 32) | 0x5555553e); // 1.66666666666666019037e-1
const P2: f64 = reinterpret<f64>(((<u64>0xbf66c16c) << 32) | 0x16bebd93); // -2.77777777770155933842e-3
const P3: f64 = reinterpret<f64>(((<u64>0x3f11566a) << 32) | 0xaf25de2c); // 6.61375632143793436117e-5
const P4: f64 = reinterpret<f64>(((<u64>0xbebbbd41) << 32) | 0xc5d26bf1); // -1.6533902205465251539e-6
const P5: f64 = reinterpret<f64>(((<u64>0x3e663769) << 32) | 0x72bea4d0); // 4.13813679705723846039e-8
const E: f64 = reinterpret<f64>(((<u64>0x4005bf0a) << 32) | 0x8b145769); // 2.718281828459045
const HUGE: f64 = reinterpret<f64>(((<u64>0x7e37e43c) << 32) | 0x8800759c); // 1.0e300
const TWOM1000: f64 = reinterpret<f64>(((<u64>0x01700000) << 32) | 0x00000000); // 9.3326361850321887899e-302 (2^-1000)
const TWO1023: f64 = reinterpret<f64>(((<u64>0x7fe00000) << 32) | 0x00000000); // 8.988465674311579539e307 (2^1023)

/** Exponential, V8's `ieee754::exp` (fdlibm e_exp.c with V8's exp(1) = E) step for step. */
export function fdlibmExp(value: f64): f64 {
  let x = value;
  let hx = <u32>highWord(x);
  const xsb = <i32>((hx >> 31) & 1); // sign bit of x
  hx &= 0x7fffffff; // high word of |x|
  let hi: f64 = 0;
  let lo: f64 = 0;
  let k: i32 = 0;
  if (hx >= 0x40862e42) {
    // |x| ≥ 709.78…
    if (hx >= 0x7ff00000) {
      if (((hx & 0xfffff) | lowWord(x)) !== 0) return x + x; // NaN
      return xsb === 0 ? x : 0.0; // exp(±∞) = {∞, 0}
    }
    if (x > O_THRESHOLD) return HUGE * HUGE; // overflow
    if (x < U_THRESHOLD) return TWOM1000 * TWOM1000; // underflow
  }
  if (hx > 0x3fd62e42) {
    // |x| > 0.5 ln2
    if (hx < 0x3ff0a2b2) {
      // and |x| < 1.5 ln2
      if (x === 1.0) return E;
      hi = xsb === 0 ? x - LN2HI_EXP : x - -LN2HI_EXP;
      lo = xsb === 0 ? LN2LO_EXP : -LN2LO_EXP;
      k = 1 - xsb - xsb;
    } else {
      k = <i32>(INVLN2 * x + (xsb === 0 ? 0.5 : -0.5));
      const t = <f64>k;
      hi = x - t * LN2HI_EXP; // t·ln2HI is exact here
      lo = t * LN2LO_EXP;
    }
    x = hi - lo;
  } else if (hx < 0x3e300000) {
    // |x| < 2^-28
    if (HUGE + x > 1.0) return 1.0 + x;
  } else {
    k = 0;
  }
  const t = x * x;
  const twopk = k >= -1021 ? fromWords(0x3ff00000 + (k << 20), 0) : fromWords(0x3ff00000 + ((k + 1000) << 20), 0);
  const c = x - t * (P1 + t * (P2 + t * (P3 + t * (P4 + t * P5))));
  if (k === 0) return 1.0 - ((x * c) / (c - 2.0) - x);
  const y = 1.0 - (lo - (x * c) / (2.0 - c) - hi);
  if (k >= -1021) {
    if (k === 1024) return y * 2.0 * TWO1023;
    return y * twopk;
  }
  return y * twopk * TWOM1000;
}

// The same functions two lanes at a time (f64x2), for the kernels' bulk loops. For a normal
// positive x each lane runs the scalar function's operations: every branch of fdlibm's `if`s
// is computed and the lane's own taken by a mask, which leaves every lane's bits as the scalar
// code gives them. A pair with any other lane (0, subnormal, negative, ∞, NaN) goes to the
// scalar function.

function splat32(value: i32): v128 {
  return i32x4.splat(value);
}

/** The high words of both lanes in i32 lanes 0 and 1 (and again in 2 and 3). */
function highWords(x: v128): v128 {
  return v128.shuffle<i32>(x, x, 1, 3, 1, 3);
}

/** Both lanes' low words with new high words (i32 lanes 0 and 1 of `high`). */
function withHighWords(x: v128, high: v128): v128 {
  return v128.shuffle<i32>(x, high, 0, 4, 2, 5);
}

/** An f64 lane mask from i32 lanes 0 and 1 of `mask`. */
function laneMask(mask: v128): v128 {
  return v128.shuffle<i32>(mask, mask, 0, 0, 1, 1);
}

/** fdlibmLog of both lanes. */
export function fdlibmLogLanes(x: v128): v128 {
  const hx = highWords(x);
  const mantissaHigh = v128.and(hx, splat32(0x000fffff));
  const special = v128.or(i32x4.lt_s(hx, splat32(0x00100000)), i32x4.ge_s(hx, splat32(0x7ff00000)));
  if (v128.any_true(special)) {
    const pair = f64x2.splat(fdlibmLog(f64x2.extract_lane(x, 0)));
    return f64x2.replace_lane(pair, 1, fdlibmLog(f64x2.extract_lane(x, 1)));
  }
  const i = v128.and(i32x4.add(mantissaHigh, splat32(0x95f64)), splat32(0x100000));
  const k = i32x4.add(i32x4.sub(i32x4.shr_s(hx, 20), splat32(1023)), i32x4.shr_s(i, 20));
  const normalised = withHighWords(x, v128.or(mantissaHigh, v128.xor(i, splat32(0x3ff00000))));
  const f = f64x2.sub(normalised, f64x2.splat(1.0));
  const s = f64x2.div(f, f64x2.add(f64x2.splat(2.0), f));
  const dk = f64x2.convert_low_i32x4_s(k);
  const z = f64x2.mul(s, s);
  const w = f64x2.mul(z, z);
  const above = v128.or(i32x4.sub(mantissaHigh, splat32(0x6147a)), i32x4.sub(splat32(0x6b851), mantissaHigh));
  const t1 = f64x2.mul(
    w,
    f64x2.add(f64x2.splat(LG2), f64x2.mul(w, f64x2.add(f64x2.splat(LG4), f64x2.mul(w, f64x2.splat(LG6))))),
  );
  const t2 = f64x2.mul(
    z,
    f64x2.add(
      f64x2.splat(LG1),
      f64x2.mul(
        w,
        f64x2.add(f64x2.splat(LG3), f64x2.mul(w, f64x2.add(f64x2.splat(LG5), f64x2.mul(w, f64x2.splat(LG7))))),
      ),
    ),
  );
  const R = f64x2.add(t2, t1);
  const kHigh = f64x2.mul(dk, f64x2.splat(LN2_HI));
  const kLow = f64x2.mul(dk, f64x2.splat(LN2_LO));
  const hfsq = f64x2.mul(f64x2.mul(f64x2.splat(0.5), f), f);
  const product = f64x2.mul(s, f64x2.add(hfsq, R));
  // i > 0: f − (hfsq − s(hfsq + R)) when k = 0, else k·ln2_hi − ((hfsq − (s(hfsq + R) + k·ln2_lo)) − f).
  const wideZero = f64x2.sub(f, f64x2.sub(hfsq, product));
  const wide = f64x2.sub(kHigh, f64x2.sub(f64x2.sub(hfsq, f64x2.add(product, kLow)), f));
  // i ≤ 0: f − s(f − R) when k = 0, else k·ln2_hi − ((s(f − R) − k·ln2_lo) − f).
  const narrowProduct = f64x2.mul(s, f64x2.sub(f, R));
  const narrowZero = f64x2.sub(f, narrowProduct);
  const narrow = f64x2.sub(kHigh, f64x2.sub(f64x2.sub(narrowProduct, kLow), f));
  const kZero = laneMask(i32x4.eq(k, splat32(0)));
  const common = v128.bitselect(
    v128.bitselect(wideZero, wide, kZero),
    v128.bitselect(narrowZero, narrow, kZero),
    laneMask(i32x4.gt_s(above, splat32(0))),
  );
  // −2^-20 ≤ f < 2^-20: R = f²(1/2 − f/3), f − R when k = 0, else k·ln2_hi − ((R − k·ln2_lo) − f);
  // f = 0 gives +0 (k = 0) and k·ln2_hi + k·ln2_lo (x − (−y) is x + y exactly), as fdlibm's branch.
  const shortR = f64x2.mul(f64x2.mul(f, f), f64x2.sub(f64x2.splat(0.5), f64x2.mul(f64x2.splat(ONE_THIRD), f)));
  const short = v128.bitselect(f64x2.sub(f, shortR), f64x2.sub(kHigh, f64x2.sub(f64x2.sub(shortR, kLow), f)), kZero);
  const isShort = i32x4.lt_s(v128.and(i32x4.add(mantissaHigh, splat32(2)), splat32(0x000fffff)), splat32(3));
  return v128.bitselect(short, common, laneMask(isShort));
}

/** fdlibmLog10 of both lanes. */
export function fdlibmLog10Lanes(x: v128): v128 {
  const hx = highWords(x);
  // x = 1 needs no case of its own here: the lanes give log10(1) = +0 as fdlibm's early return.
  const special = v128.or(i32x4.lt_s(hx, splat32(0x00100000)), i32x4.ge_s(hx, splat32(0x7ff00000)));
  if (v128.any_true(special)) {
    const pair = f64x2.splat(fdlibmLog10(f64x2.extract_lane(x, 0)));
    return f64x2.replace_lane(pair, 1, fdlibmLog10(f64x2.extract_lane(x, 1)));
  }
  const k = i32x4.sub(i32x4.shr_s(hx, 20), splat32(1023));
  const negative = i32x4.shr_u(k, 31);
  const high = v128.or(v128.and(hx, splat32(0x000fffff)), i32x4.shl(i32x4.sub(splat32(0x3ff), negative), 20));
  const dy = f64x2.convert_low_i32x4_s(i32x4.add(k, negative));
  const z = f64x2.add(
    f64x2.mul(dy, f64x2.splat(LOG10_2LO)),
    f64x2.mul(f64x2.splat(IVLN10), fdlibmLogLanes(withHighWords(x, high))),
  );
  return f64x2.add(z, f64x2.mul(dy, f64x2.splat(LOG10_2HI)));
}

/** out[i] = fdlibmLog(values[i]) for i < count (f64 arrays), two at a time: the bulk entry the tests compare. */
export function logOf(values: usize, count: i32, out: usize): void {
  let i: i32 = 0;
  for (; i + 4 <= count; i += 4) {
    const a = fdlibmLogLanes(v128.load(values + ((<usize>i) << 3)));
    const b = fdlibmLogLanes(v128.load(values + ((<usize>i) << 3), 16));
    v128.store(out + ((<usize>i) << 3), a);
    v128.store(out + ((<usize>i) << 3), b, 16);
  }
  for (; i + 2 <= count; i += 2) {
    v128.store(out + ((<usize>i) << 3), fdlibmLogLanes(v128.load(values + ((<usize>i) << 3))));
  }
  for (; i < count; i++) {
    store<f64>(out + ((<usize>i) << 3), fdlibmLog(load<f64>(values + ((<usize>i) << 3))));
  }
}

/** out[i] = fdlibmLog10(values[i]) for i < count (f64 arrays). */
export function log10Of(values: usize, count: i32, out: usize): void {
  let i: i32 = 0;
  for (; i + 2 <= count; i += 2) {
    v128.store(out + ((<usize>i) << 3), fdlibmLog10Lanes(v128.load(values + ((<usize>i) << 3))));
  }
  for (; i < count; i++) {
    store<f64>(out + ((<usize>i) << 3), fdlibmLog10(load<f64>(values + ((<usize>i) << 3))));
  }
}

/** out[i] = fdlibmExp(values[i]) for i < count (f64 arrays). */
export function expOf(values: usize, count: i32, out: usize): void {
  for (let i: i32 = 0; i < count; i++) {
    store<f64>(out + ((<usize>i) << 3), fdlibmExp(load<f64>(values + ((<usize>i) << 3))));
  }
}

/** out[i] = fdlibmLog(values[i]), one value at a time (the scalar function alone, for the tests). */
export function logOfScalar(values: usize, count: i32, out: usize): void {
  for (let i: i32 = 0; i < count; i++) {
    store<f64>(out + ((<usize>i) << 3), fdlibmLog(load<f64>(values + ((<usize>i) << 3))));
  }
}

/** out[i] = fdlibmLog10(values[i]), one value at a time. */
export function log10OfScalar(values: usize, count: i32, out: usize): void {
  for (let i: i32 = 0; i < count; i++) {
    store<f64>(out + ((<usize>i) << 3), fdlibmLog10(load<f64>(values + ((<usize>i) << 3))));
  }
}
