/**
 * `RealFft` backed by PFFFT (J. Pommier's "pretty fast FFT", BSD licence) compiled to
 * WebAssembly with 128-bit SIMD by @echogarden/pffft-wasm; the non-SIMD build is the
 * fallback when the runtime lacks wasm SIMD. Same contract as the core's `createRealFft`:
 * forward unscaled to interleaved bins 0…N/2 (length N + 2), inverse scaled by 1/N.
 * PFFFT's ordered real layout is [DC, Nyquist, re1, im1, …]; this adapter moves the
 * Nyquist bin to the end. Sizes: powers of two ≥ 32 (PFFFT needs multiples of 32).
 * Each instance holds wasm heap memory (setup, input, output, work); call `dispose()`
 * when done with it. The wasm module is instantiated once per process and shared.
 * Reference: Pommier, PFFFT (bitbucket.org/jpommier/pffft), after FFTPACK (Swarztrauber 1982).
 */
import { checkRealFftBuffers, isPowerOfTwo, type RealFft } from "../core/dsp/real-fft.js";

/** The part of the Emscripten module of pffft-wasm that this adapter uses. */
export interface PffftModule {
  readonly HEAPF32: Float32Array;
  _pffft_new_setup(size: number, transform: number): number;
  _pffft_destroy_setup(setup: number): void;
  _pffft_transform_ordered(setup: number, input: number, output: number, work: number, direction: number): void;
  _pffft_aligned_malloc(bytes: number): number;
  _pffft_aligned_free(pointer: number): void;
}

/** Smallest size PFFFT's SIMD real transform accepts. */
export const PFFFT_MIN_SIZE = 32;

const PFFFT_REAL = 0;
const PFFFT_FORWARD = 0;
const PFFFT_BACKWARD = 1;

let modulePromise: Promise<PffftModule> | null = null;

/** Instantiates the wasm module once (SIMD build, else the plain build). */
export function loadPffftModule(): Promise<PffftModule> {
  modulePromise ??= (async () => {
    try {
      return await (await import("@echogarden/pffft-wasm/simd")).default();
    } catch {
      return await (await import("@echogarden/pffft-wasm")).default();
    }
  })();
  modulePromise.catch(() => {
    modulePromise = null;
  });
  return modulePromise;
}

/** A PFFFT-backed real FFT of `size` (a power of two ≥ 32). Rejects if the wasm module cannot load. */
export async function loadPffftRealFft(size: number): Promise<PffftRealFft> {
  if (!(isPowerOfTwo(size) && size >= PFFFT_MIN_SIZE)) {
    throw new RangeError(`loadPffftRealFft: size must be a power of two ≥ ${PFFFT_MIN_SIZE}, got ${size}`);
  }
  return new PffftRealFft(await loadPffftModule(), size);
}

export class PffftRealFft implements RealFft {
  readonly implementation = "pffft-wasm";
  private readonly setup: number;
  /** Input has room for size + 2 floats so a whole spectrum can be copied in at once. */
  private readonly inputPointer: number;
  private readonly outputPointer: number;
  private readonly workPointer: number;
  private heap: Float32Array;
  private inputView: Float32Array;
  private outputView: Float32Array;
  private disposed = false;

  constructor(
    private readonly wasm: PffftModule,
    readonly size: number,
  ) {
    this.setup = wasm._pffft_new_setup(size, PFFFT_REAL);
    if (this.setup === 0) throw new RangeError(`PffftRealFft: PFFFT refused size ${size}`);
    this.inputPointer = wasm._pffft_aligned_malloc(4 * (size + 4));
    this.outputPointer = wasm._pffft_aligned_malloc(4 * size);
    this.workPointer = wasm._pffft_aligned_malloc(4 * size);
    this.heap = wasm.HEAPF32;
    this.inputView = this.heap.subarray(this.inputPointer >> 2, (this.inputPointer >> 2) + size + 2);
    this.outputView = this.heap.subarray(this.outputPointer >> 2, (this.outputPointer >> 2) + size);
  }

  forward(input: Float32Array, out: Float32Array): void {
    checkRealFftBuffers("PffftRealFft.forward", this.size, input.length, out.length);
    this.refreshViews();
    this.inputView.set(input);
    this.transformForward(out);
  }

  /** The forward transform of the input buffer, into `out` in the core's layout. */
  private transformForward(out: Float32Array): void {
    this.wasm._pffft_transform_ordered(
      this.setup,
      this.inputPointer,
      this.outputPointer,
      this.workPointer,
      PFFFT_FORWARD,
    );
    const size = this.size;
    out.set(this.outputView);
    out[size] = out[1]!;
    out[size + 1] = 0;
    out[1] = 0;
  }

  /** `forward` of frame·window, the products written straight into PFFFT's input buffer. */
  forwardWindowed(frame: Float32Array, window: Float32Array, out: Float32Array): void {
    checkRealFftBuffers("PffftRealFft.forwardWindowed", this.size, frame.length, out.length);
    if (window.length !== this.size) {
      throw new RangeError(`PffftRealFft.forwardWindowed: window must hold ${this.size} values, got ${window.length}`);
    }
    this.refreshViews();
    const input = this.inputView;
    const size = this.size;
    for (let n = 0; n < size; n++) input[n] = frame[n]! * window[n]!;
    this.transformForward(out);
  }

  inverse(spectrum: Float32Array, out: Float32Array): void {
    checkRealFftBuffers("PffftRealFft.inverse", this.size, out.length, spectrum.length);
    this.refreshViews();
    const size = this.size;
    const input = this.inputView;
    if (spectrum.length === size + 2) input.set(spectrum);
    else for (let i = 0; i < size; i++) input[i] = spectrum[i]!;
    input[1] = spectrum[size]!;
    this.wasm._pffft_transform_ordered(
      this.setup,
      this.inputPointer,
      this.outputPointer,
      this.workPointer,
      PFFFT_BACKWARD,
    );
    const output = this.outputView;
    const scale = 1 / size;
    for (let i = 0; i < size; i++) out[i] = output[i]! * scale;
  }

  /** Frees the wasm memory; the object must not be used afterwards. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.wasm._pffft_aligned_free(this.inputPointer);
    this.wasm._pffft_aligned_free(this.outputPointer);
    this.wasm._pffft_aligned_free(this.workPointer);
    this.wasm._pffft_destroy_setup(this.setup);
  }

  /** The heap views go stale when wasm memory grows (another instance allocated). */
  private refreshViews(): void {
    if (this.disposed) throw new Error("PffftRealFft: used after dispose()");
    if (this.wasm.HEAPF32 === this.heap && this.heap.length > 0) return;
    this.heap = this.wasm.HEAPF32;
    this.inputView = this.heap.subarray(this.inputPointer >> 2, (this.inputPointer >> 2) + this.size + 2);
    this.outputView = this.heap.subarray(this.outputPointer >> 2, (this.outputPointer >> 2) + this.size);
  }
}
