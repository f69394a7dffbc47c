// AssemblyScript source of the STFT's windowing (src/core/dsp/stft-framer.ts, `applyWindow`):
// out[n] = f32(frame[n]·window[n]), four samples per f32x4. A product of two f32 values is exact
// in f64, so the f32 multiply rounds it exactly as the TypeScript Float32Array store does.

/** out[n] = frame[n]·window[n] for n < size (f32 addresses in this module's memory). */
export function applyWindow(frame: usize, window: usize, out: usize, size: i32): void {
  let n: i32 = 0;
  for (; n + 4 <= size; n += 4) {
    const at = (<usize>n) << 2;
    v128.store(out + at, f32x4.mul(v128.load(frame + at), v128.load(window + at)));
  }
  for (; n < size; n++) {
    const at = (<usize>n) << 2;
    store<f32>(out + at, load<f32>(frame + at) * load<f32>(window + at));
  }
}
