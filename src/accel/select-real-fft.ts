/**
 * The fastest available `RealFft` for a size: PFFFT in WebAssembly (≈ 5–7× faster than
 * the pure TypeScript FFT on Node 20, see bench/fft-compare.ts) when the module loads
 * and the size is ≥ 32, else the core's pure TypeScript `createRealFft`. Both follow the
 * same contract, so results agree to Float32 rounding.
 */
import { createRealFft, isPowerOfTwo, type RealFft } from "../core/dsp/real-fft.js";
import { loadPffftModule, loadPffftRealFft, PFFFT_MIN_SIZE, type PffftModule, PffftRealFft } from "./pffft-real-fft.js";

export async function createFastestRealFft(size: number): Promise<RealFft> {
  if (!isPowerOfTwo(size)) throw new RangeError(`createFastestRealFft: size must be a power of two ≥ 2, got ${size}`);
  if (size >= PFFFT_MIN_SIZE) {
    try {
      return await loadPffftRealFft(size);
    } catch {
      // WebAssembly unavailable or the package missing: the pure TypeScript FFT is always there.
    }
  }
  return createRealFft(size);
}

/** Makes a `RealFft` of a size, synchronously, once the fast implementation has loaded. */
export type RealFftFactory = (size: number) => RealFft;

/**
 * A synchronous factory that hands out PFFFT-backed FFTs (sizes ≥ 32) when the wasm module
 * loads and pure TypeScript ones otherwise. Load it once per process, then create freely.
 */
export async function loadRealFftFactory(): Promise<RealFftFactory> {
  let wasm: PffftModule | undefined;
  try {
    wasm = await loadPffftModule();
  } catch {
    // Fall back to the pure TypeScript FFT for every size.
  }
  return (size) =>
    wasm && isPowerOfTwo(size) && size >= PFFFT_MIN_SIZE ? new PffftRealFft(wasm, size) : createRealFft(size);
}
