/**
 * The median-filtered views of a magnitude spectrogram that harmonic/percussive masks are built
 * from, streamed frame by frame: medians along time (a sustained partial survives them, a
 * transient does not) and along frequency (a broadband transient survives them, a partial does
 * not), each at one or more kernel lengths. Magnitude rows arrive in frame order; frame i is
 * handed out once the longest time kernel has seen the frames after it (half that kernel late).
 * Memory: a few rows per kernel frame, independent of the track's length.
 * Reference: Fitzgerald (2010), "Harmonic/percussive separation using median filtering",
 *   DAFx-10; multiple kernel lengths as in FitzGerald, Liutkus, Rafii, Pardo & Daudet (2014),
 *   "Harmonic/percussive separation using kernel additive modelling", ISSC 2014.
 */
import { checkMedianKernel, createTimeMedianFilter, slidingMedian, type TimeMedianFilter } from "./running-median.js";

export interface SpectralMedians {
  /** The frame's magnitudes, `bins` values. */
  readonly magnitude: Float32Array;
  /** Medians along time, one row per entry of `timeKernels`, in that order. */
  readonly timeMedians: readonly Float32Array[];
  /** Medians along frequency, one row per entry of `frequencyKernels`, in that order. */
  readonly frequencyMedians: readonly Float32Array[];
}

export interface SpectralMedianKernels {
  /** Odd lengths in frames of the medians along time. */
  readonly timeKernels: readonly number[];
  /** Odd lengths in bins of the medians along frequency. */
  readonly frequencyKernels: readonly number[];
}

export interface SpectralMedianStream {
  /** The next frame's magnitudes (exactly `bins` values, finite and ≥ 0; copied). */
  push(magnitude: Float32Array): void;
}

/**
 * `onFrame(i, medians)` is called once per frame, in order, with rows valid only during the call.
 * `frames` (the track's frame count) must be known in advance: the end of the track is
 * reflected like its start.
 */
export function createSpectralMedianStream(
  bins: number,
  frames: number,
  kernels: SpectralMedianKernels,
  onFrame: (frameIndex: number, medians: SpectralMedians) => void,
): SpectralMedianStream {
  for (const kernel of kernels.timeKernels) checkMedianKernel("createSpectralMedianStream", kernel);
  for (const kernel of kernels.frequencyKernels) checkMedianKernel("createSpectralMedianStream", kernel);
  return new MedianStream(bins, frames, kernels, onFrame);
}

class MedianStream implements SpectralMedianStream {
  private readonly slots: number;
  private readonly magnitudes: Float32Array;
  private readonly timeRings: Float32Array[];
  private readonly emittedByFilter: Int32Array;
  private readonly filters: TimeMedianFilter[];
  private readonly frameMagnitude: Float32Array;
  private readonly frameTimeMedians: Float32Array[];
  private readonly frameFrequencyMedians: Float32Array[];
  private readonly window: Float32Array;
  private readonly medians: SpectralMedians;
  private received = 0;
  private emitted = 0;

  constructor(
    private readonly bins: number,
    private readonly frames: number,
    private readonly kernels: SpectralMedianKernels,
    private readonly onFrame: (frameIndex: number, medians: SpectralMedians) => void,
  ) {
    const delay = Math.max(0, ...kernels.timeKernels.map((kernel) => kernel >> 1));
    this.slots = delay + 2;
    this.magnitudes = new Float32Array(this.slots * bins);
    this.timeRings = kernels.timeKernels.map(() => new Float32Array(this.slots * bins));
    this.emittedByFilter = new Int32Array(kernels.timeKernels.length);
    this.filters = kernels.timeKernels.map((kernel, index) =>
      createTimeMedianFilter(bins, kernel, frames, (frameIndex, row) => {
        this.timeRings[index]!.set(row, (frameIndex % this.slots) * bins);
        this.emittedByFilter[index] = frameIndex + 1;
      }),
    );
    this.frameMagnitude = new Float32Array(bins);
    this.frameTimeMedians = kernels.timeKernels.map(() => new Float32Array(bins));
    this.frameFrequencyMedians = kernels.frequencyKernels.map(() => new Float32Array(bins));
    this.window = new Float32Array(Math.max(1, ...kernels.frequencyKernels));
    this.medians = {
      magnitude: this.frameMagnitude,
      timeMedians: this.frameTimeMedians,
      frequencyMedians: this.frameFrequencyMedians,
    };
  }

  push(magnitude: Float32Array): void {
    const { bins, frames } = this;
    if (this.received >= frames) throw new RangeError(`SpectralMedianStream.push: all ${frames} frames already pushed`);
    if (magnitude.length !== bins) {
      throw new RangeError(`SpectralMedianStream.push: row must hold ${bins} values, got ${magnitude.length}`);
    }
    this.magnitudes.set(magnitude, (this.received % this.slots) * bins);
    this.received++;
    for (const filter of this.filters) filter.push(magnitude);
    let ready = this.received;
    for (let k = 0; k < this.emittedByFilter.length; k++) ready = Math.min(ready, this.emittedByFilter[k]!);
    while (this.emitted < ready) this.emit(this.emitted++);
  }

  private emit(frame: number): void {
    const { bins, slots } = this;
    const offset = (frame % slots) * bins;
    copyRow(this.magnitudes, offset, this.frameMagnitude);
    for (let k = 0; k < this.timeRings.length; k++) copyRow(this.timeRings[k]!, offset, this.frameTimeMedians[k]!);
    for (let k = 0; k < this.frameFrequencyMedians.length; k++) {
      slidingMedian(
        this.frameMagnitude,
        this.kernels.frequencyKernels[k]!,
        this.frameFrequencyMedians[k]!,
        this.window,
      );
    }
    this.onFrame(frame, this.medians);
  }
}

/** out[i] = ring[offset + i] for the whole of `out` (no view allocated). */
function copyRow(ring: Float32Array, offset: number, out: Float32Array): void {
  for (let i = 0; i < out.length; i++) out[i] = ring[offset + i]!;
}
