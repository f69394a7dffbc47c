/**
 * The faster kernels the spectrogram paths hand to src/core/spectrogram: src/accel's
 * WebAssembly half-band sums (bit-identical to the TypeScript loop) and PFFFT's real FFT
 * (agrees to Float32 rounding, several times faster than the TypeScript one). The paths
 * that should draw the same picture (streamed or in memory) take the same FFT, so they stay
 * pixel-equal; the half-band kernel changes nothing, so it may be left out.
 */
import { loadRealFftFactory } from "../../accel/select-real-fft.js";
import { loadAccelerators } from "../../accel/wasm-kernels.js";
import type { RealFft } from "../../core/dsp/real-fft.js";

let accelerators: ReturnType<typeof loadAccelerators> | undefined;

/** src/accel's WebAssembly half-band kernel (bit-identical results), or undefined without SIMD. */
export function fastHalfBand() {
  accelerators ??= loadAccelerators();
  return accelerators.halfBandSums;
}

let fftFactory: Promise<(size: number) => RealFft> | undefined;

/**
 * FFTs of the fastest kind that loads (PFFFT in WebAssembly, else the core's), one instance
 * per size for the process: a transform is one synchronous call, so concurrent spectrograms
 * can share it, and no render leaves wasm memory behind.
 */
export function fastFft(): Promise<(size: number) => RealFft> {
  fftFactory ??= loadRealFftFactory().then((make) => {
    const made = new Map<number, RealFft>();
    return (size: number) => {
      let fft = made.get(size);
      if (fft === undefined) {
        fft = make(size);
        made.set(size, fft);
      }
      return fft;
    };
  });
  return fftFactory;
}
