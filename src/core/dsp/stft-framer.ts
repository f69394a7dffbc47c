/**
 * Streaming STFT framing: samples arrive in chunks of any length and every frame is handed
 * out as soon as the samples it needs have arrived, exactly as `visitStftFrames` frames the
 * whole signal. Frame t covers samples t·hop − pad … t·hop − pad + N − 1 (N = frameSize,
 * pad = ⌊N/2⌋ when centred, else 0); samples outside the signal come from numpy "reflect"
 * padding (repeated for very short signals, via `reflectIndex`) or are zero. Frame count
 * `stftFrameCount(n, …)`: centred 1 + ⌊n/hop⌋, uncentred 1 + ⌊(n − N)/hop⌋, 0 for n = 0.
 * A frame waits for its last sample (and, reflected at the start, for sample −start); frames
 * that reach past the end wait for `finish`, when the length is known.
 * Memory: only the samples from the next frame's start are kept (plus one or two before it:
 * reflected at the end, the last centred frame starts at n − pad and reads sample
 * n − pad − 1 for even N, n − pad − 2 for odd N), at most N + 2 samples between calls,
 * all of a signal shorter than pad + 1 samples; one buffer of max(4N, 4096) samples, reused.
 * `createStreamingStft` windows each frame and runs the real FFT: spectra bit-identical to
 * `visitStftFrames` for any chunking.
 * Reference: framing as librosa.stft (center, pad_mode); numpy.pad "reflect".
 */
import { createRealFft, isPowerOfTwo, type RealFft } from "./real-fft.js";
import type { FrameWindowKernel } from "./spectrum-frame-kernels.js";
import { reflectIndex, resolveWindow, stftFrameCount } from "./stft.js";
import type { WindowKind } from "./windows.js";

export interface StftFramerOptions {
  /** Samples per frame; integer ≥ 1 (a power of two ≥ 2 for `createStreamingStft`). */
  readonly frameSize: number;
  /** Samples between frame starts; integer ≥ 1. */
  readonly hopSize: number;
  /** Centre frame t on sample t·hop by padding ⌊frameSize/2⌋ on both sides. */
  readonly center: boolean;
  /** How centred frames see samples beyond the edges. */
  readonly padMode: "reflect" | "constant";
}

export interface StftFramer {
  /** Feeds the next samples (any length, may be 0); calls onFrame for every frame now complete. */
  push(samples: Float32Array): void;
  /**
   * Ends the signal: emits the remaining frames (end padding), returns the total frame count
   * (== stftFrameCount(received, …)). Further push/finish calls throw.
   */
  finish(): number;
  /** Samples received so far. */
  readonly received: number;
}

/**
 * Called with `frame` = the frameSize raw (unwindowed) samples of frame `index`, padded as
 * `visitStftFrames` pads; a view valid only during the call. [validFrom, validTo) are the
 * positions in `frame` holding real signal samples (not padding), so a consumer that wants
 * another padding (zeros for frame RMS, edge repetition) can rebuild it.
 */
export type StftFrameCallback = (frame: Float32Array, index: number, validFrom: number, validTo: number) => void;

/** Smallest internal buffer (samples): fewer compactions for small frames. */
const MIN_CAPACITY = 4096;

export function createStftFramer(
  options: StftFramerOptions & {
    /** Where frames are built (frameSize values; e.g. an accelerator's buffer); default its own. */
    readonly frame?: Float32Array;
  },
  onFrame: StftFrameCallback,
): StftFramer {
  const { frameSize, hopSize, center, padMode } = options;
  if (!(Number.isInteger(frameSize) && frameSize >= 1 && frameSize <= 2 ** 30)) {
    throw new RangeError(`createStftFramer: frameSize must be an integer ≥ 1, got ${frameSize}`);
  }
  if (!(Number.isInteger(hopSize) && hopSize >= 1)) {
    throw new RangeError(`createStftFramer: hopSize must be an integer ≥ 1, got ${hopSize}`);
  }
  if (padMode !== "reflect" && padMode !== "constant") {
    throw new RangeError(`createStftFramer: padMode must be "reflect" or "constant", got ${padMode}`);
  }
  const frame = options.frame ?? new Float32Array(frameSize);
  if (frame.length !== frameSize) {
    throw new RangeError(`createStftFramer: frame must hold frameSize = ${frameSize} values, got ${frame.length}`);
  }
  return new Framer(frameSize, hopSize, center, padMode === "reflect", onFrame, frame);
}

/**
 * Streaming STFT: each frame windowed and transformed by `fft` (a RealFft of size frameSize,
 * built when absent); `visit` gets the spectrum (interleaved complex bins 0…N/2, one buffer
 * reused for every frame, as `visitStftFrames`), the raw frame and its valid range.
 */
export function createStreamingStft(
  options: StftFramerOptions & {
    readonly window: WindowKind | Float32Array;
    readonly fft?: RealFft;
    /** Where the FFT writes each frame's spectrum (frameSize + 2 values; e.g. a kernel's own buffer). */
    readonly spectrum?: Float32Array;
    /**
     * Windowing by an accelerator: frames are built in its `frame` and windowed into its
     * `windowed` (its window must be this STFT's window, value for value).
     */
    readonly windowKernel?: FrameWindowKernel;
  },
  visit: (index: number, spectrum: Float32Array, frame: Float32Array, validFrom: number, validTo: number) => void,
): StftFramer {
  const { frameSize, fft: givenFft } = options;
  if (!isPowerOfTwo(frameSize)) {
    throw new RangeError(`createStreamingStft: frameSize must be a power of two ≥ 2, got ${frameSize}`);
  }
  if (givenFft !== undefined && givenFft.size !== frameSize) {
    throw new RangeError(`createStreamingStft: fft.size must equal frameSize ${frameSize}, got ${givenFft.size}`);
  }
  const window = resolveWindow("createStreamingStft", options.window, frameSize);
  const fft = givenFft ?? createRealFft(frameSize);
  const windowed = new Float32Array(frameSize);
  const spectrum = options.spectrum ?? new Float32Array(frameSize + 2);
  if (spectrum.length !== frameSize + 2) {
    throw new RangeError(
      `createStreamingStft: spectrum must hold frameSize + 2 = ${frameSize + 2}, got ${spectrum.length}`,
    );
  }
  const { windowKernel } = options;
  if (windowKernel !== undefined) {
    if (firstMismatch(windowKernel.window, window) >= 0) {
      throw new RangeError("createStreamingStft: windowKernel.window must equal the STFT's window");
    }
    const windowed = windowKernel.windowed;
    return createStftFramer({ ...options, frame: windowKernel.frame }, (frame, index, validFrom, validTo) => {
      windowKernel.applyWindow();
      fft.forward(windowed, spectrum);
      visit(index, spectrum, frame, validFrom, validTo);
    });
  }
  if (fft.forwardWindowed !== undefined) {
    return createStftFramer(options, (frame, index, validFrom, validTo) => {
      fft.forwardWindowed!(frame, window, spectrum);
      visit(index, spectrum, frame, validFrom, validTo);
    });
  }
  return createStftFramer(options, (frame, index, validFrom, validTo) => {
    applyWindow(frame, window, windowed);
    fft.forward(windowed, spectrum);
    visit(index, spectrum, frame, validFrom, validTo);
  });
}

/** First index where two windows differ (or the shorter length), −1 when they are equal. */
function firstMismatch(a: Float32Array, b: Float32Array): number {
  if (a.length !== b.length) return Math.min(a.length, b.length);
  for (let n = 0; n < a.length; n++) if (!Object.is(a[n], b[n])) return n;
  return -1;
}

/** out[n] = frame[n]·window[n], rounded to Float32 as `visitStftFrames` rounds it. */
function applyWindow(frame: Float32Array, window: Float32Array, out: Float32Array): void {
  const size = out.length;
  for (let n = 0; n < size; n++) out[n] = frame[n]! * window[n]!;
}

class Framer implements StftFramer {
  private readonly pad: number;
  /** Samples kept before the next frame's start for the end reflection (see the header). */
  private readonly margin: number;
  private readonly buffer: Float32Array;
  private readonly views: (Float32Array | undefined)[];
  /** Absolute index of buffer[0]; above `count` while samples nobody needs are skipped. */
  private bufferStart = 0;
  private count = 0;
  private next = 0;
  private finished = false;

  constructor(
    private readonly frameSize: number,
    private readonly hopSize: number,
    private readonly center: boolean,
    private readonly reflect: boolean,
    private readonly onFrame: StftFrameCallback,
    private readonly frame: Float32Array,
  ) {
    this.pad = center ? frameSize >> 1 : 0;
    this.margin = center && reflect ? 1 + (frameSize & 1) : 0;
    // Between calls at most frameSize + margin samples are kept, so a full buffer always
    // frees at least half of itself when compacted.
    this.buffer = new Float32Array(Math.max(4 * frameSize, MIN_CAPACITY));
    this.views = new Array<Float32Array | undefined>(this.buffer.length - frameSize + 1);
  }

  get received(): number {
    return this.count;
  }

  push(samples: Float32Array): void {
    if (this.finished) throw new Error("StftFramer.push: the framer has finished");
    const length = samples.length;
    let offset = 0;
    while (offset < length) {
      if (this.count < this.bufferStart) {
        // Samples between frames (hop > frame size): never read.
        const skip = Math.min(length - offset, this.bufferStart - this.count);
        offset += skip;
        this.count += skip;
        continue;
      }
      if (this.count - this.bufferStart === this.buffer.length) this.compact();
      if (this.count < this.bufferStart) continue;
      const stored = this.count - this.bufferStart;
      const take = Math.min(length - offset, this.buffer.length - stored);
      if (take === length) this.buffer.set(samples, stored);
      else copySamples(samples, offset, this.buffer, stored, take);
      offset += take;
      this.count += take;
      this.emitReady();
    }
  }

  finish(): number {
    if (this.finished) throw new Error("StftFramer.finish: the framer has already finished");
    this.finished = true;
    const { frameSize, hopSize, pad, count } = this;
    const frames = stftFrameCount(count, frameSize, hopSize, this.center);
    for (; this.next < frames; this.next++) this.emit(this.next * hopSize - pad, count);
    return frames;
  }

  /** Emits every frame whose samples have all arrived (and whose start reflection is known). */
  private emitReady(): void {
    const { frameSize, hopSize, pad, count } = this;
    for (;;) {
      const start = this.next * hopSize - pad;
      if (start + frameSize > count) return;
      // Reflected at the start, frame samples −1 … start read 1 … −start: sample −start must
      // have arrived, and then reflecting within `count` samples equals reflecting within n.
      if (start < 0 && this.reflect && count <= -start) return;
      this.emit(start, count);
      this.next++;
    }
  }

  /** Builds frame `next` (first sample `start`) from samples [0, length) and hands it out. */
  private emit(start: number, length: number): void {
    const { frame, frameSize } = this;
    const validFrom = start < 0 ? -start : 0;
    const validTo = Math.min(frameSize, length - start);
    if (validFrom === 0 && validTo === frameSize) {
      frame.set(this.view(start - this.bufferStart));
    } else {
      padFrame(this.buffer, this.bufferStart, start, length, this.reflect, frame);
    }
    this.onFrame(frame, this.next, validFrom, validTo);
  }

  /**
   * buffer[offset, offset + frameSize) as a view, made once per offset: frames start at
   * offsets t·hop − pad before the first compaction and margin + k·hop after any, so there
   * are at most about 2·capacity/hop distinct views, and copying a frame by `set` (memcpy
   * speed, several times faster than an element loop) allocates nothing in the steady state.
   */
  private view(offset: number): Float32Array {
    let view = this.views[offset];
    if (view === undefined) {
      view = this.buffer.subarray(offset, offset + this.frameSize);
      this.views[offset] = view;
    }
    return view;
  }

  /** Drops the samples before the next frame's start (less the margin); may start skipping. */
  private compact(): void {
    const keepFrom = Math.max(0, this.next * this.hopSize - this.pad - this.margin);
    if (keepFrom <= this.bufferStart) return;
    const shift = Math.min(keepFrom, this.count) - this.bufferStart;
    this.buffer.copyWithin(0, shift, this.count - this.bufferStart);
    this.bufferStart = keepFrom;
  }
}

/**
 * to[toOffset + i] = from[fromOffset + i] for i < count. Short runs by an element loop (no
 * view allocated); long ones by `set` on a view, about 15 times faster per sample: one small
 * view per buffer fill (thousands of samples) is a negligible allocation.
 */
function copySamples(from: Float32Array, fromOffset: number, to: Float32Array, toOffset: number, count: number): void {
  if (count >= SET_MIN_SAMPLES) {
    to.set(from.subarray(fromOffset, fromOffset + count), toOffset);
    return;
  }
  for (let i = 0; i < count; i++) to[toOffset + i] = from[fromOffset + i]!;
}

/** Runs at least this long are copied by `set` (see `copySamples`). */
const SET_MIN_SAMPLES = 64;

/** A frame reaching outside [0, length): reflected or zero samples there, as `visitStftFrames`. */
function padFrame(
  buffer: Float32Array,
  bufferStart: number,
  start: number,
  length: number,
  reflect: boolean,
  frame: Float32Array,
): void {
  const frameSize = frame.length;
  for (let n = 0; n < frameSize; n++) {
    const index = start + n;
    const inside = index >= 0 && index < length;
    frame[n] = inside ? buffer[index - bufferStart]! : reflect ? buffer[reflectIndex(index, length) - bufferStart]! : 0;
  }
}
