/**
 * The frame passes' per-frame spectrum kernels in WebAssembly SIMD (wasm/tonal-spectrum.ts,
 * wasm/rhythm-spectrum.ts): one call per frame computes, from the spectrum the FFT wrote into
 * the kernel's memory, every sum the core's TypeScript loops take over the magnitudes, bit for
 * bit (same arithmetic, same order; the logarithms stay in JavaScript). Each kernel has its own
 * instance, laid out once: a descriptor of addresses and sizes, the configured banks, the
 * outputs; the arrays it hands out are views of that memory, valid for the kernel's life.
 */
import type {
  FrameWindowKernel,
  RhythmSpectrumKernel,
  RhythmSpectrumKernelFactory,
  RhythmSpectrumLayout,
  TonalSpectrumKernel,
  TonalSpectrumKernelFactory,
  TonalSpectrumLayout,
} from "../core/dsp/spectrum-frame-kernels.js";
import { FLATNESS_BLOCK, SHAPE_VALUES } from "../core/dsp/spectrum-frame-kernels.js";
import type { FoldedDctKernel, FoldedDctKernelFactory } from "../core/features/mfcc.js";
import {
  type ChannelBlockKernels,
  type ChannelBlockKernelsFactory,
  HIGH_PASS_STATE_SIZE,
  LEVEL_STATE_SIZE,
} from "../core/signal/channel-block-kernels.js";
import { instantiate, kernelModule, MemoryPlan } from "./wasm-instance.js";

interface SpectrumExports {
  applyWindow(frame: number, window: number, out: number, size: number): void;
  foldedDct(packed: number, coefficients: number, used: number, sums: number, differences: number, out: number): void;
  tonalSpectrum(descriptor: number): number;
  rhythmFilter(descriptor: number): void;
  rhythmCompress(descriptor: number, multiplier: number): void;
  foldedLevels(
    mel: number,
    melBands: number,
    levels: number,
    sums: number,
    differences: number,
    amin: number,
    floorDb: number,
    decibelsPerNeper: number,
  ): void;
  rhythmFlux(descriptor: number): void;
}

/** Descriptor size: 24 i32 fields, then 3 f64 parameters at byte 96 (wasm/tonal-spectrum.ts). */
const TONAL_DESCRIPTOR_BYTES = 96 + 3 * 8;
/** Descriptor size: 18 i32 fields (wasm/rhythm-spectrum.ts). */
const RHYTHM_DESCRIPTOR_BYTES = 18 * 4;

/** Room for a window kernel's window, raw frame and windowed frame (`size` values each). */
function reserveWindow(plan: MemoryPlan, size: number) {
  return { window: plan.reserve(size, 4), frame: plan.reserve(size, 4), windowed: plan.reserve(size, 4) };
}

/** The window kernel in an instance laid out with `reserveWindow`. */
function windowKernelIn(
  exports: SpectrumExports,
  buffer: ArrayBuffer,
  base: number,
  at: { readonly window: number; readonly frame: number; readonly windowed: number },
  window: Float32Array,
): FrameWindowKernel {
  const size = window.length;
  const windowView = new Float32Array(buffer, base + at.window, size);
  windowView.set(window);
  const frameAt = base + at.frame;
  const windowAt = base + at.window;
  const windowedAt = base + at.windowed;
  return {
    window: windowView,
    frame: new Float32Array(buffer, frameAt, size),
    windowed: new Float32Array(buffer, windowedAt, size),
    applyWindow: () => exports.applyWindow(frameAt, windowAt, windowedAt, size),
  };
}

/** The tonal pass's spectrum sums in WebAssembly (bit-identical to the TypeScript loops), or null. */
export function wasmTonalSpectrumKernel(): TonalSpectrumKernelFactory | null {
  const module = kernelModule();
  if (module === null) return null;
  return (layout: TonalSpectrumLayout): TonalSpectrumKernel => {
    const { bins } = layout;
    const melBands = layout.melStartBin.length;
    const contrastBands = layout.contrastStart.length;
    const largestCount = Math.max(1, ...layout.contrastCount);
    const candidates = Math.max(1, layout.peakThrough - layout.peakFrom + 1);
    const products = Math.floor(bins / FLATNESS_BLOCK) + 1;
    if (!(layout.peakFrom >= 1 && layout.peakThrough <= bins - 2)) {
      throw new RangeError(
        `wasmTonalSpectrumKernel: peak bins must lie in [1, ${bins - 2}], got ${layout.peakFrom}…${layout.peakThrough}`,
      );
    }
    const plan = new MemoryPlan();
    const at = {
      descriptor: plan.reserve(TONAL_DESCRIPTOR_BYTES, 1),
      spectrum: plan.reserve(2 * bins, 4),
      magnitudes: plan.reserve(bins, 4),
      shape: plan.reserve(SHAPE_VALUES, 8),
      cumulative: plan.reserve(bins, 8),
      products: plan.reserve(products, 8),
      melStart: plan.reserve(melBands, 4),
      melOffset: plan.reserve(melBands + 1, 4),
      melWeights: plan.reserve(layout.melWeights.length, 4),
      mel: plan.reserve(melBands, 4),
      contrastStart: plan.reserve(contrastBands, 4),
      contrastEnd: plan.reserve(contrastBands, 4),
      contrastCount: plan.reserve(contrastBands, 4),
      smallest: plan.reserve(largestCount, 8),
      largest: plan.reserve(largestCount, 8),
      peaks: plan.reserve(contrastBands, 4),
      valleys: plan.reserve(contrastBands, 4),
      candidateBins: plan.reserve(candidates, 4),
      candidateMagnitudes: plan.reserve(candidates, 4),
      laneLists: plan.reserve(largestCount + 1, 16),
      ...reserveWindow(plan, layout.window.length),
    };
    const { exports, base } = instantiate<SpectrumExports>(module, plan.bytes);
    const { buffer } = exports.memory;
    const address = (offset: number) => base + offset;
    const windowKernel = windowKernelIn(exports, buffer, base, at, layout.window);
    new Int32Array(buffer, address(at.melStart), melBands).set(layout.melStartBin);
    new Int32Array(buffer, address(at.melOffset), melBands + 1).set(layout.melWeightOffset);
    new Float32Array(buffer, address(at.melWeights), layout.melWeights.length).set(layout.melWeights);
    new Int32Array(buffer, address(at.contrastStart), contrastBands).set(layout.contrastStart);
    new Int32Array(buffer, address(at.contrastEnd), contrastBands).set(layout.contrastEnd);
    new Int32Array(buffer, address(at.contrastCount), contrastBands).set(layout.contrastCount);
    const descriptor = address(at.descriptor);
    new Int32Array(buffer, descriptor, 24).set([
      address(at.spectrum),
      address(at.magnitudes),
      bins,
      address(at.shape),
      address(at.cumulative),
      address(at.products),
      melBands,
      address(at.melStart),
      address(at.melOffset),
      address(at.melWeights),
      address(at.mel),
      contrastBands,
      address(at.contrastStart),
      address(at.contrastEnd),
      address(at.contrastCount),
      address(at.smallest),
      address(at.largest),
      address(at.peaks),
      address(at.valleys),
      layout.peakFrom,
      layout.peakThrough,
      address(at.candidateBins),
      address(at.candidateMagnitudes),
      address(at.laneLists),
    ]);
    new Float64Array(buffer, descriptor + 96, 3).set([layout.rolloffFraction, layout.flatnessAmin, layout.peakFloor]);
    return {
      ...windowKernel,
      spectrum: new Float32Array(buffer, address(at.spectrum), 2 * bins),
      magnitudes: new Float32Array(buffer, address(at.magnitudes), bins),
      shape: new Float64Array(buffer, address(at.shape), SHAPE_VALUES),
      flatnessProducts: new Float64Array(buffer, address(at.products), products),
      mel: new Float32Array(buffer, address(at.mel), melBands),
      contrastPeaks: new Float32Array(buffer, address(at.peaks), contrastBands),
      contrastValleys: new Float32Array(buffer, address(at.valleys), contrastBands),
      candidateBins: new Int32Array(buffer, address(at.candidateBins), candidates),
      candidateMagnitudes: new Float32Array(buffer, address(at.candidateMagnitudes), candidates),
      run: () => exports.tonalSpectrum(descriptor),
    };
  };
}

/** The rhythm pass's filterbank and SuperFlux sums in WebAssembly (bit-identical), or null. */
export function wasmRhythmSpectrumKernel(): RhythmSpectrumKernelFactory | null {
  const module = kernelModule();
  if (module === null) return null;
  return (layout: RhythmSpectrumLayout): RhythmSpectrumKernel => {
    const { bins, regions, lag, radius } = layout;
    if (!(Number.isInteger(radius) && radius >= 0)) {
      throw new RangeError(`wasmRhythmSpectrumKernel: radius must be an integer ≥ 0, got ${radius}`);
    }
    const bands = layout.bankFirstBin.length;
    if (!(Number.isInteger(lag) && lag >= 1)) {
      throw new RangeError(`wasmRhythmSpectrumKernel: lag must be an integer ≥ 1, got ${lag}`);
    }
    const slots = lag + 1;
    const plan = new MemoryPlan();
    const at = {
      descriptor: plan.reserve(RHYTHM_DESCRIPTOR_BYTES, 1),
      spectrum: plan.reserve(2 * bins, 4),
      magnitudes: plan.reserve(bins, 4),
      firstBin: plan.reserve(bands, 4),
      weightOffset: plan.reserve(bands + 1, 4),
      weights: plan.reserve(layout.bankWeights.length, 4),
      bandSums: plan.reserve(bands, 8),
      logBands: plan.reserve(bands, 4),
      // Each ring row has `radius` guard values (−∞) on both sides.
      ring: plan.reserve(slots * (bands + 2 * radius), 4),
      differences: plan.reserve(bands, 8),
      ...reserveWindow(plan, layout.window.length),
      bandRegion: plan.reserve(bands, 4),
      regionSums: plan.reserve(regions, 8),
    };
    const { exports, base } = instantiate<SpectrumExports>(module, plan.bytes);
    const { buffer } = exports.memory;
    const address = (offset: number) => base + offset;
    new Int32Array(buffer, address(at.firstBin), bands).set(layout.bankFirstBin);
    new Int32Array(buffer, address(at.weightOffset), bands + 1).set(layout.bankWeightOffset);
    new Float32Array(buffer, address(at.weights), layout.bankWeights.length).set(layout.bankWeights);
    const windowKernel = windowKernelIn(exports, buffer, base, at, layout.window);
    new Int32Array(buffer, address(at.bandRegion), bands).set(layout.bandRegion);
    new Float32Array(buffer, address(at.ring), slots * (bands + 2 * radius)).fill(Number.NEGATIVE_INFINITY);
    const descriptor = address(at.descriptor);
    new Int32Array(buffer, descriptor, 18).set([
      address(at.spectrum),
      address(at.magnitudes),
      bins,
      bands,
      address(at.firstBin),
      address(at.weightOffset),
      address(at.weights),
      address(at.bandSums),
      address(at.logBands),
      address(at.ring),
      slots,
      lag,
      radius,
      address(at.bandRegion),
      regions,
      address(at.regionSums),
      0,
      address(at.differences),
    ]);
    return {
      ...windowKernel,
      spectrum: new Float32Array(buffer, address(at.spectrum), 2 * bins),
      bandSums: new Float64Array(buffer, address(at.bandSums), bands),
      logBands: new Float32Array(buffer, address(at.logBands), bands),
      regionSums: new Float64Array(buffer, address(at.regionSums), regions),
      filter: () => exports.rhythmFilter(descriptor),
      compress: (multiplier) => exports.rhythmCompress(descriptor, multiplier),
      flux: () => exports.rhythmFlux(descriptor),
    };
  };
}

/**
 * The MFCC's DCT over folded mel levels in WebAssembly (wasm/folded-dct.ts; bit-identical), or
 * null. The basis rows are packed once: coefficients k and k + 2 interleaved per unit, units in
 * ascending k (k ≡ 0 or 1 mod 4), lane 1 zero when k + 2 is past the last coefficient.
 */
export function wasmFoldedDct(): FoldedDctKernelFactory | null {
  const module = kernelModule();
  if (module === null) return null;
  return (basis, melBands, coefficients, used): FoldedDctKernel => {
    if (!(Number.isInteger(coefficients) && coefficients >= 1 && basis.length >= coefficients * melBands)) {
      throw new RangeError(`wasmFoldedDct: basis must hold ${coefficients} × ${melBands} values, got ${basis.length}`);
    }
    if (!(Number.isInteger(used) && used >= 0 && used <= melBands)) {
      throw new RangeError(`wasmFoldedDct: used must be an integer in [0, ${melBands}], got ${used}`);
    }
    const units: number[] = [];
    for (let k = 0; k < coefficients; k++) if ((k & 2) === 0) units.push(k);
    const plan = new MemoryPlan();
    const at = {
      packed: plan.reserve(units.length * used * 2, 8),
      sums: plan.reserve(used + 1, 8),
      differences: plan.reserve(used + 1, 8),
      out: plan.reserve(coefficients, 4),
      mel: plan.reserve(melBands, 4),
      levels: plan.reserve(melBands, 8),
    };
    const { exports, base } = instantiate<SpectrumExports>(module, plan.bytes);
    const { buffer } = exports.memory;
    const packed = new Float64Array(buffer, base + at.packed, units.length * used * 2);
    units.forEach((k, unit) => {
      for (let b = 0; b < used; b++) {
        packed[(unit * used + b) * 2] = basis[k * melBands + b]!;
        packed[(unit * used + b) * 2 + 1] = k + 2 < coefficients ? basis[(k + 2) * melBands + b]! : 0;
      }
    });
    const addresses = [
      base + at.packed,
      coefficients,
      used,
      base + at.sums,
      base + at.differences,
      base + at.out,
    ] as const;
    return {
      sums: new Float64Array(buffer, base + at.sums, used + 1),
      differences: new Float64Array(buffer, base + at.differences, used + 1),
      out: new Float32Array(buffer, base + at.out, coefficients),
      run: () => exports.foldedDct(...addresses),
      mel: new Float32Array(buffer, base + at.mel, melBands),
      levels: (amin, floorDb, decibelsPerNeper) =>
        exports.foldedLevels(
          base + at.mel,
          melBands,
          base + at.levels,
          base + at.sums,
          base + at.differences,
          amin,
          floorDb,
          decibelsPerNeper,
        ),
    };
  };
}

interface ChannelBlockExports {
  levelStatistics(samples: number, count: number, options: number, state: number): void;
  levelStatisticsOfChannels(
    channels: number,
    channelCount: number,
    count: number,
    options: number,
    states: number,
  ): void;
  mixChannels(channels: number, channelCount: number, count: number, scale: number, out: number): void;
  highPassEnergy(samples: number, from: number, to: number, coefficients: number, state: number): void;
}

/** The ingest's native-rate block loops in WebAssembly (wasm/channel-block.ts; bit-identical), or null. */
export function wasmChannelBlockKernels(): ChannelBlockKernelsFactory | null {
  const module = kernelModule();
  if (module === null) return null;
  return (channelCount, capacity): ChannelBlockKernels => {
    if (!(Number.isInteger(channelCount) && channelCount >= 1)) {
      throw new RangeError(`wasmChannelBlockKernels: channelCount must be an integer ≥ 1, got ${channelCount}`);
    }
    if (!(Number.isInteger(capacity) && capacity >= 1)) {
      throw new RangeError(`wasmChannelBlockKernels: capacity must be an integer ≥ 1, got ${capacity}`);
    }
    const plan = new MemoryPlan();
    const channelAt = Array.from({ length: channelCount }, () => plan.reserve(capacity, 4));
    const at = {
      mono: plan.reserve(capacity, 4),
      addresses: plan.reserve(channelCount, 4),
      options: plan.reserve(3, 8),
      levelStates: plan.reserve(channelCount * LEVEL_STATE_SIZE, 8),
      coefficients: plan.reserve(4, 8),
      highPassState: plan.reserve(HIGH_PASS_STATE_SIZE, 8),
    };
    const { exports, base } = instantiate<ChannelBlockExports>(module, plan.bytes);
    const { buffer } = exports.memory;
    const channels = channelAt.map((offset) => new Float32Array(buffer, base + offset, capacity));
    new Int32Array(buffer, base + at.addresses, channelCount).set(channelAt.map((offset) => base + offset));
    const options = new Float64Array(buffer, base + at.options, 3);
    const levelStates = Array.from(
      { length: channelCount },
      (_, c) => new Float64Array(buffer, base + at.levelStates + c * LEVEL_STATE_SIZE * 8, LEVEL_STATE_SIZE),
    );
    const scale = 1 / channelCount;
    const check = (length: number, method: string) => {
      if (!(Number.isInteger(length) && length >= 0 && length <= capacity)) {
        throw new RangeError(
          `wasmChannelBlockKernels.${method}: length must be an integer in [0, ${capacity}], got ${length}`,
        );
      }
    };
    return {
      capacity,
      channels,
      mono: new Float32Array(buffer, base + at.mono, capacity),
      levelStates,
      levels(channel, length, { clipThreshold, minClipRun, flatTolerance }) {
        check(length, "levels");
        options[0] = clipThreshold;
        options[1] = minClipRun;
        options[2] = flatTolerance;
        const state = levelStates[channel];
        if (state === undefined) throw new RangeError(`wasmChannelBlockKernels.levels: no channel ${channel}`);
        exports.levelStatistics(channels[channel]!.byteOffset, length, base + at.options, state.byteOffset);
      },
      levelsOfChannels(length, { clipThreshold, minClipRun, flatTolerance }) {
        check(length, "levelsOfChannels");
        options[0] = clipThreshold;
        options[1] = minClipRun;
        options[2] = flatTolerance;
        exports.levelStatisticsOfChannels(
          base + at.addresses,
          channelCount,
          length,
          base + at.options,
          base + at.levelStates,
        );
      },
      mix(length) {
        check(length, "mix");
        exports.mixChannels(base + at.addresses, channelCount, length, scale, base + at.mono);
      },
      highPassCoefficients: new Float64Array(buffer, base + at.coefficients, 4),
      highPassState: new Float64Array(buffer, base + at.highPassState, HIGH_PASS_STATE_SIZE),
      highPassEnergy(from, to) {
        check(to, "highPassEnergy");
        exports.highPassEnergy(base + at.mono, from, to, base + at.coefficients, base + at.highPassState);
      },
    };
  };
}
