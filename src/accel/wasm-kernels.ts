/**
 * tonearm's own WebAssembly SIMD kernels (AssemblyScript sources in wasm/, the compiled
 * module in wasm-kernels-binary.ts): faster implementations of core interfaces that
 * compute the same numbers: the decimator's and the crossover's loops here, the frame passes'
 * spectrum kernels, the MFCC's DCT and the native-rate block loops in wasm-spectrum-kernels.ts.
 * The module is compiled once per process (wasm-instance.ts); every kernel object gets its own
 * instance and memory, laid out once at creation, so no memory growth ever detaches a view
 * another kernel holds. When WebAssembly or its SIMD extension is unavailable, the factories
 * are null and callers keep the TypeScript loops.
 */

import type { Accelerators } from "../core/accelerators.js";
import type { HalfBandSums, HalfBandSumsFactory } from "../core/dsp/decimate.js";
import type { CrossoverKernels, CrossoverKernelsFactory } from "../core/mastering/crossover-filter-bank.js";
import { align, instantiate as instantiateModule, kernelModule } from "./wasm-instance.js";
import { wasmSeriesSummary } from "./wasm-series-summary.js";
import {
  wasmChannelBlockKernels,
  wasmFoldedDct,
  wasmRhythmSpectrumKernel,
  wasmTonalSpectrumKernel,
} from "./wasm-spectrum-kernels.js";

interface KernelExports {
  halfBandSums(
    odd: number,
    oddAt: number,
    taps: number,
    tapCount: number,
    seeds: number,
    out: number,
    count: number,
  ): void;
  crossoverSplit(
    input: number,
    count: number,
    coefficients: number,
    state: number,
    levels: number,
    lowpass: number,
  ): void;
  crossoverHighpass(input: number, count: number, coefficients: number, state: number, levels: number): void;
  halfBandTakeOdds(piece: number, first: number, to: number, odd: number): void;
  halfBandSeeds(piece: number, evenAt: number, seeds: number, count: number): void;
}

/** The half-band decimator's Float32 inner sums in WebAssembly SIMD (bit-identical to the TypeScript loop), or null. */
export function wasmHalfBandSums(): HalfBandSumsFactory | null {
  const module = kernelModule();
  if (module === null) return null;
  return (taps, oddCapacity, blockCapacity, pieceCapacity): HalfBandSums => {
    const tapsBytes = align(taps.length * 4);
    const seedsBytes = align(blockCapacity * 4);
    const oddBytes = align(oddCapacity * 4);
    // The piece comes first: its kernels may read one value past a piece's last sample.
    const pieceBytes = align(Math.max(1, pieceCapacity) * 4);
    const { exports, base } = instantiate(module, pieceBytes + tapsBytes + seedsBytes + oddBytes + blockCapacity * 4);
    const { buffer } = exports.memory;
    const pieceAt = base;
    const tapsAt = pieceAt + pieceBytes;
    const seedsAt = tapsAt + tapsBytes;
    const oddAt = seedsAt + seedsBytes;
    const outAt = oddAt + oddBytes;
    new Float32Array(buffer, tapsAt, taps.length).set(taps);
    const tapCount = taps.length;
    return {
      odd: new Float32Array(buffer, oddAt, oddCapacity),
      seeds: new Float32Array(buffer, seedsAt, blockCapacity),
      out: new Float32Array(buffer, outAt, blockCapacity),
      run(from, count) {
        exports.halfBandSums(oddAt, from, tapsAt, tapCount, seedsAt, outAt, count);
      },
      piece: new Float32Array(buffer, pieceAt, pieceCapacity),
      takeOdds(first, to, at) {
        if (!(first >= 0 && to <= pieceCapacity && at >= 0 && at + ((to - first + 1) >> 1) <= oddCapacity)) {
          throw new RangeError(`wasmHalfBandSums.takeOdds: piece ${first}…${to} to odd ${at} exceeds the buffers`);
        }
        exports.halfBandTakeOdds(pieceAt, first, to, oddAt + 4 * at);
      },
      runFromPiece(evenAt, from, count) {
        if (!(evenAt >= 0 && count <= blockCapacity && (count === 0 || evenAt + 2 * (count - 1) < pieceCapacity))) {
          throw new RangeError(`wasmHalfBandSums.runFromPiece: ${count} evens from ${evenAt} exceed the piece`);
        }
        exports.halfBandSeeds(pieceAt, evenAt, seedsAt, count);
        exports.halfBandSums(oddAt, from, tapsAt, tapCount, seedsAt, outAt, count);
      },
    };
  };
}

/**
 * The Linkwitz–Riley crossover loops in WebAssembly (bit-identical to the TypeScript ones, about
 * twice as fast), or null. Buffers come from two bump regions of the instance's memory, Float64
 * first; the arrays handed to the loops are views of it, so their byteOffset is their address.
 */
export function wasmCrossoverKernels(): CrossoverKernelsFactory | null {
  const module = kernelModule();
  if (module === null) return null;
  return (float32Count, float64Count): CrossoverKernels => {
    const float64Bytes = align(float64Count * 8);
    const { exports, base } = instantiate(module, float64Bytes + float32Count * 4);
    const { buffer } = exports.memory;
    let float64At = base;
    let float32At = base + float64Bytes;
    const float64End = float32At;
    const float32End = float32At + float32Count * 4;
    return {
      float64(length) {
        if (float64At + length * 8 > float64End)
          throw new RangeError("wasmCrossoverKernels: more Float64 values than announced");
        const view = new Float64Array(buffer, float64At, length);
        float64At += length * 8;
        return view;
      },
      float32(length) {
        if (float32At + length * 4 > float32End)
          throw new RangeError("wasmCrossoverKernels: more Float32 values than announced");
        const view = new Float32Array(buffer, float32At, length);
        float32At += length * 4;
        return view;
      },
      split(input, from, to, coefficients, state, levels, lowpass) {
        if (input.buffer !== buffer) throw new Error("wasmCrossoverKernels: input is not one of this kernel's buffers");
        exports.crossoverSplit(
          input.byteOffset + from * 4,
          to - from,
          coefficients.byteOffset,
          state.byteOffset,
          levels.byteOffset,
          lowpass.byteOffset,
        );
      },
      highpass(input, from, to, coefficients, state, levels) {
        if (input.buffer !== buffer) throw new Error("wasmCrossoverKernels: input is not one of this kernel's buffers");
        exports.crossoverHighpass(
          input.byteOffset + from * 4,
          to - from,
          coefficients.byteOffset,
          state.byteOffset,
          levels.byteOffset,
        );
      },
    };
  };
}

function instantiate(module: WebAssembly.Module, bytes: number) {
  return instantiateModule<KernelExports>(module, bytes);
}

/** Every WebAssembly kernel that loads on this runtime, for the track ingest and the analyses. */
export function loadAccelerators(): Accelerators {
  return {
    halfBandSums: wasmHalfBandSums() ?? undefined,
    crossoverKernels: wasmCrossoverKernels() ?? undefined,
    tonalSpectrumKernel: wasmTonalSpectrumKernel() ?? undefined,
    rhythmSpectrumKernel: wasmRhythmSpectrumKernel() ?? undefined,
    foldedDct: wasmFoldedDct() ?? undefined,
    channelBlockKernels: wasmChannelBlockKernels() ?? undefined,
    seriesSummary: wasmSeriesSummary() ?? undefined,
  };
}
