/**
 * Streaming multirate constant-Q transform (magnitudes). Frame t is centred on input
 * sample t·hop (hop a multiple of the plan's `hopQuantum`); samples outside the signal
 * are zeros (librosa's cqt pad_mode "constant"); frames: 1 + ⌊n/hop⌋ as a centred STFT.
 * Frames are computed in blocks: a block of frames [t₀, t₁) needs the input samples
 * within `margin` of its centres (half the longest kernel at the lowest octave plus the
 * decimators' reach), which are copied, decimated by 2^p (half-band stages, zero delay),
 * then for each octave o (top first) framed at rate r₀/2^o, transformed by an N-point
 * FFT and multiplied by the one sparse spectral kernel; then halved again.
 * Memory: the block's samples (blockSeconds + 2·margin, kept in a buffer of at most twice
 * that) and their decimations, whatever the length of the signal; frames are handed to `onFrame` and not kept.
 * Output frame layout: `bins` magnitudes, bin 0 = minHz (ascending frequency); a full-scale
 * sinusoid at a bin's centre frequency reads ≈ 1.
 * References: Schörkhuber & Klapuri (2010), SMC; Brown & Puckette (1992), JASA 92(5).
 */
import { createDecimator, decimateByTwo, type HalfBandSumsFactory, halfBandFilter } from "../dsp/decimate.js";
import { createRealFft, type RealFft } from "../dsp/real-fft.js";
import type { Resampler } from "../dsp/resample.js";
import { type CqtOptions, type CqtPlan, createCqtPlan } from "./cqt-kernel.js";

export interface CqtStreamOptions extends CqtOptions {
  /** Samples between frames at the input rate; rounded up to a multiple of the plan's hopQuantum. */
  readonly hopSize: number;
  /** Frames per block ≈ blockSeconds/hop (default 60 s); bounds memory. */
  readonly blockSeconds: number;
  /**
   * A faster half-band kernel for the octave decimations (src/accel's WebAssembly SIMD one);
   * the results are bit for bit those of the TypeScript loop.
   */
  readonly halfBandSums?: HalfBandSumsFactory | undefined;
  /**
   * Makes the per-octave FFT (default the core's `createRealFft`); src/accel's PFFFT one is
   * several times faster and agrees to Float32 rounding.
   */
  readonly fftFactory?: ((size: number) => RealFft) | undefined;
}

export interface CqtStream {
  readonly plan: CqtPlan;
  /** The hop actually used (input samples). */
  readonly hopSize: number;
  /** Feeds samples; calls onFrame for every frame whose inputs are complete. */
  push(samples: Float32Array): void;
  /** Ends the signal, emits the remaining frames and returns the total frame count. */
  finish(): number;
}

/** `magnitudes` (plan.bins values) is reused between calls: copy what you keep. */
export type CqtFrameCallback = (frameIndex: number, magnitudes: Float32Array) => void;

export function createCqtStream(
  sampleRate: number,
  options: Partial<CqtStreamOptions>,
  onFrame: CqtFrameCallback,
): CqtStream {
  const plan = createCqtPlan(sampleRate, options);
  const requested = options.hopSize ?? 512;
  if (!(requested >= 1)) throw new RangeError(`createCqtStream: hopSize must be ≥ 1, got ${requested}`);
  const hopSize = Math.ceil(requested / plan.hopQuantum) * plan.hopQuantum;
  const blockFrames = Math.max(1, Math.round(((options.blockSeconds ?? 60) * sampleRate) / hopSize));
  const fft = (options.fftFactory ?? createRealFft)(plan.fftSize);
  if (fft.size !== plan.fftSize) {
    throw new RangeError(`createCqtStream: fftFactory(${plan.fftSize}) made an FFT of size ${fft.size}`);
  }
  return new Stream(plan, hopSize, blockFrames, onFrame, fft, options.halfBandSums);
}

/** All frames of a signal in memory: frames × bins magnitudes, frame-major. */
export function constantQ(
  samples: Float32Array,
  sampleRate: number,
  options: Partial<CqtStreamOptions> = {},
): { plan: CqtPlan; hopSize: number; frames: number; data: Float32Array } {
  let data = new Float32Array(0);
  let bins = 0;
  const stream = createCqtStream(sampleRate, options, (t, magnitudes) => data.set(magnitudes, t * bins));
  bins = stream.plan.bins;
  data = new Float32Array((1 + Math.floor(samples.length / stream.hopSize)) * bins);
  stream.push(samples);
  const frames = stream.finish();
  return { plan: stream.plan, hopSize: stream.hopSize, frames, data: data.subarray(0, frames * bins) };
}

const EMPTY = new Float32Array(0);

class Stream implements CqtStream {
  private readonly margin: number;
  private readonly stride: number;
  private readonly frame: Float32Array;
  private readonly spectrum: Float32Array;
  private readonly magnitudes: Float32Array;
  private decimator: Resampler | undefined;
  /** Samples kept from earlier pushes: absolute index bufferStart on, at buffer[bufferOffset] on. */
  private buffer: Float32Array = EMPTY;
  private bufferStart = 0;
  private bufferOffset = 0;
  private bufferLength = 0;
  /** The samples of the push under way, from absolute index `currentStart` on. */
  private current: Float32Array = EMPTY;
  private currentStart = 0;
  private received = 0;
  private nextFrame = 0;
  private finished = false;

  constructor(
    readonly plan: CqtPlan,
    readonly hopSize: number,
    private readonly blockFrames: number,
    private readonly onFrame: CqtFrameCallback,
    private readonly fft: RealFft,
    private readonly halfBandSums?: HalfBandSumsFactory,
  ) {
    this.stride = 2 ** (plan.preDecimation + plan.octaves - 1);
    // The deepest octave reads ±N/2 samples at rate sampleRate/stride; the decimation stages
    // before it reach ±(2·taps − 1) samples at their own rates, less than 2·taps·stride in all.
    const filterReach = 2 * halfBandFilter().oddTaps.length;
    this.margin = (plan.fftSize / 2 + filterReach + 1) * this.stride;
    this.frame = new Float32Array(plan.fftSize);
    this.spectrum = new Float32Array(plan.fftSize + 2);
    this.magnitudes = new Float32Array(plan.bins);
  }

  push(samples: Float32Array): void {
    if (this.finished) throw new Error("CqtStream.push: the stream has finished");
    // Blocks read straight from `samples`; only what later blocks still need is kept, appended
    // to a buffer that is compacted (or doubled) only when full, so a push costs about its own
    // length, however small the pushes and however long the pending block.
    this.current = samples;
    this.currentStart = this.received;
    this.received += samples.length;
    while ((this.nextFrame + this.blockFrames - 1) * this.hopSize + this.margin <= this.received) {
      this.runBlock(this.nextFrame + this.blockFrames);
    }
    const keepFrom = Math.max(0, this.blockStart(this.nextFrame));
    if (keepFrom >= this.currentStart) {
      this.bufferOffset = 0;
      this.bufferLength = 0;
      this.bufferStart = Math.min(keepFrom, this.received);
    } else if (keepFrom > this.bufferStart) {
      const drop = keepFrom - this.bufferStart;
      this.bufferOffset += drop;
      this.bufferLength -= drop;
      this.bufferStart = keepFrom;
    }
    const tail = samples.subarray(Math.max(0, keepFrom - this.currentStart));
    const length = this.bufferLength;
    if (this.bufferOffset + length + tail.length > this.buffer.length) {
      const kept = this.buffer.subarray(this.bufferOffset, this.bufferOffset + length);
      if (length + tail.length <= this.buffer.length / 2) {
        this.buffer.copyWithin(0, this.bufferOffset, this.bufferOffset + length);
      } else {
        const grown = new Float32Array(2 * (length + tail.length));
        grown.set(kept);
        this.buffer = grown;
      }
      this.bufferOffset = 0;
    }
    this.buffer.set(tail, this.bufferOffset + length);
    this.bufferLength += tail.length;
    this.current = EMPTY;
    this.currentStart = this.received;
  }

  finish(): number {
    if (this.finished) throw new Error("CqtStream.finish: the stream has finished");
    this.finished = true;
    const total = this.received === 0 ? 0 : 1 + Math.floor(this.received / this.hopSize);
    while (this.nextFrame < total) this.runBlock(Math.min(total, this.nextFrame + this.blockFrames));
    return total;
  }

  /** First input sample (a multiple of the stride, maybe < 0) that frame `frame`'s block reads. */
  private blockStart(frame: number): number {
    return Math.floor((frame * this.hopSize - this.margin) / this.stride) * this.stride;
  }

  /** Samples [from, to) (absolute, within what was received and kept) into dest at (index − origin). */
  private copyRange(from: number, to: number, dest: Float32Array, origin: number): void {
    const kept = this.bufferStart + this.bufferLength;
    const first = Math.max(from, this.bufferStart);
    if (first < kept && to > first) {
      const end = Math.min(to, kept);
      const at = this.bufferOffset - this.bufferStart;
      dest.set(this.buffer.subarray(first + at, end + at), first - origin);
    }
    const begin = Math.max(from, this.currentStart);
    if (to > begin) dest.set(this.current.subarray(begin - this.currentStart, to - this.currentStart), begin - origin);
  }

  /** One half-band decimation of a whole block (zero padding at its ends), as decimateByTwo. */
  private halve(signal: Float32Array): Float32Array {
    if (!this.halfBandSums) return decimateByTwo(signal);
    this.decimator ??= createDecimator(2, 1, { halfBandSums: this.halfBandSums });
    const out = new Float32Array(Math.ceil(signal.length / 2));
    const body = this.decimator.process(signal);
    out.set(body);
    out.set(this.decimator.flush(), body.length);
    this.decimator.reset();
    return out;
  }

  /** Frames [nextFrame, end): copy their samples (zeros outside the signal), decimate, transform. */
  private runBlock(end: number): void {
    const { plan, hopSize, margin } = this;
    const first = this.nextFrame;
    const start = this.blockStart(first);
    const stop = (end - 1) * hopSize + margin;
    let signal: Float32Array = new Float32Array(stop - start);
    this.copyRange(Math.max(start, 0), Math.min(stop, this.received), signal, start);
    for (let i = 0; i < plan.preDecimation; i++) signal = this.halve(signal);
    const { binsPerOctave, bins, fftSize, rowStart, rowOffset, weights } = plan;
    const half = fftSize / 2;
    const octaveData: Float32Array[] = [];
    for (let o = 0; o < plan.octaves; o++) {
      if (o > 0) signal = this.halve(signal);
      octaveData.push(signal);
    }
    for (let t = first; t < end; t++) {
      for (let o = 0; o < plan.octaves; o++) {
        const factor = 2 ** (plan.preDecimation + o);
        const x = octaveData[o]!;
        const from = (t * hopSize - start) / factor - half;
        copyFrame(x, from, this.frame);
        this.fft.forward(this.frame, this.spectrum);
        const top = bins - 1 - o * binsPerOctave;
        applyKernel(
          this.spectrum,
          rowStart,
          rowOffset,
          weights,
          Math.min(binsPerOctave, top + 1),
          top,
          this.magnitudes,
        );
      }
      this.onFrame(t, this.magnitudes);
    }
    this.nextFrame = end;
  }
}

/*
 * The per-frame loops live in functions of their own, called once per frame and octave, so
 * V8 optimises them whole instead of running them as on-stack-replaced code of the block loop.
 */

/**
 * frame[n] = x[from + n] (the block's margins keep the frame inside x). A view and a block
 * copy: several times faster than an element loop, whose index is a double here.
 */
function copyFrame(x: Float32Array, from: number, frame: Float32Array): void {
  frame.set(x.subarray(from, from + frame.length));
}

/** Kernel rows j < rows of one octave → magnitudes[top − j]. */
function applyKernel(
  spectrum: Float32Array,
  rowStart: Int32Array,
  rowOffset: Int32Array,
  weights: Float32Array,
  rows: number,
  top: number,
  magnitudes: Float32Array,
): void {
  for (let j = 0; j < rows; j++) {
    let re = 0;
    let im = 0;
    // Two running indices rather than base + 2·i: fewer operations in the hottest loop.
    const end = 2 * rowOffset[j + 1]!;
    let s = 2 * rowStart[j]!;
    for (let w = 2 * rowOffset[j]!; w < end; w += 2, s += 2) {
      const xr = spectrum[s]!;
      const xi = spectrum[s + 1]!;
      const kr = weights[w]!;
      const ki = weights[w + 1]!;
      re += xr * kr - xi * ki;
      im += xr * ki + xi * kr;
    }
    magnitudes[top - j] = Math.sqrt(re * re + im * im);
  }
}
