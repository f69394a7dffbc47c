// AssemblyScript source of the Linkwitz–Riley crossover loops (see src/core/mastering/
// crossover-filter-bank.ts, `splitKernel` and `highpassKernel`): the same arithmetic in the
// same order in f64, so results are bit-identical; no bounds checks makes them about twice as
// fast as V8's code for this serial recursion. Pointers are byte addresses in the module's memory:
// input and lowpass f32, coefficients [g, −2g, a1, a2], state [s1 … s6] and levels [peak, Σx², count] f64.

/** LR4 high-pass into levels and low-pass (all-pass − high-pass) into lowpass, for count samples. */
export function crossoverSplit(
  input: usize,
  count: i32,
  coefficients: usize,
  state: usize,
  levels: usize,
  lowpass: usize,
): void {
  const gain = load<f64>(coefficients);
  const a1 = load<f64>(coefficients, 16);
  const a2 = load<f64>(coefficients, 24);
  let s1 = load<f64>(state);
  let s2 = load<f64>(state, 8);
  let s3 = load<f64>(state, 16);
  let s4 = load<f64>(state, 24);
  let s5 = load<f64>(state, 32);
  let s6 = load<f64>(state, 40);
  let peak = load<f64>(levels);
  let sumSquares = load<f64>(levels, 8);
  for (let i: i32 = 0; i < count; i++) {
    const x = <f64>load<f32>(input + ((<usize>i) << 2));
    const t1 = gain * x;
    const y1 = t1 + s1;
    s1 = s2 - (t1 + t1) - a1 * y1;
    s2 = t1 - a2 * y1;
    const t2 = gain * y1;
    const y2 = t2 + s3;
    s3 = s4 - (t2 + t2) - a1 * y2;
    s4 = t2 - a2 * y2;
    const allpass = a2 * x + s5;
    s5 = s6 + a1 * (x - allpass);
    s6 = x - a2 * allpass;
    sumSquares += y2 * y2;
    const magnitude = abs<f64>(y2);
    peak = select<f64>(magnitude, peak, magnitude > peak);
    store<f32>(lowpass + ((<usize>i) << 2), <f32>(allpass - y2));
  }
  store<f64>(state, s1);
  store<f64>(state, s2, 8);
  store<f64>(state, s3, 16);
  store<f64>(state, s4, 24);
  store<f64>(state, s5, 32);
  store<f64>(state, s6, 40);
  store<f64>(levels, peak);
  store<f64>(levels, sumSquares, 8);
  store<f64>(levels, load<f64>(levels, 16) + <f64>count, 16);
}

/** The LR4 high-pass alone, into levels. */
export function crossoverHighpass(input: usize, count: i32, coefficients: usize, state: usize, levels: usize): void {
  const gain = load<f64>(coefficients);
  const a1 = load<f64>(coefficients, 16);
  const a2 = load<f64>(coefficients, 24);
  let s1 = load<f64>(state);
  let s2 = load<f64>(state, 8);
  let s3 = load<f64>(state, 16);
  let s4 = load<f64>(state, 24);
  let peak = load<f64>(levels);
  let sumSquares = load<f64>(levels, 8);
  for (let i: i32 = 0; i < count; i++) {
    const x = <f64>load<f32>(input + ((<usize>i) << 2));
    const t1 = gain * x;
    const y1 = t1 + s1;
    s1 = s2 - (t1 + t1) - a1 * y1;
    s2 = t1 - a2 * y1;
    const t2 = gain * y1;
    const y2 = t2 + s3;
    s3 = s4 - (t2 + t2) - a1 * y2;
    s4 = t2 - a2 * y2;
    sumSquares += y2 * y2;
    const magnitude = abs<f64>(y2);
    peak = select<f64>(magnitude, peak, magnitude > peak);
  }
  store<f64>(state, s1);
  store<f64>(state, s2, 8);
  store<f64>(state, s3, 16);
  store<f64>(state, s4, 24);
  store<f64>(levels, peak);
  store<f64>(levels, sumSquares, 8);
  store<f64>(levels, load<f64>(levels, 16) + <f64>count, 16);
}
