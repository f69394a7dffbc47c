/**
 * The features' summary statistics (src/core/features/summarize-series.ts) in WebAssembly
 * (wasm/series-summary.ts): the gathering pass, the squared deviations and the quickselect of the
 * TypeScript function, compiled ahead instead of interpreted while V8 warms up to a loop that runs
 * a few dozen times per track. Bit-identical to `summarizeSeries`.
 */
import type { SeriesSummaryKernel, SeriesSummaryKernelFactory } from "../core/features/summarize-series.js";
import { instantiate, kernelModule, MemoryPlan } from "./wasm-instance.js";

interface SeriesSummaryExports {
  seriesSummary(values: number, offset: number, stride: number, count: number, buffer: number, out: number): void;
}

/** Summary values per call: [finite count, mean, Σ squares, min, max, median]. */
const SUMMARY_VALUES = 6;

/** The summary kernel in WebAssembly (bit-identical to `summarizeSeries` on Float32 values), or null. */
export function wasmSeriesSummary(): SeriesSummaryKernelFactory | null {
  const module = kernelModule();
  if (module === null) return null;
  return (capacity): SeriesSummaryKernel => {
    if (!(Number.isInteger(capacity) && capacity >= 1)) {
      throw new RangeError(`wasmSeriesSummary: capacity must be an integer ≥ 1, got ${capacity}`);
    }
    const plan = new MemoryPlan();
    const at = {
      values: plan.reserve(capacity, 4),
      buffer: plan.reserve(capacity, 8),
      out: plan.reserve(SUMMARY_VALUES, 8),
    };
    const { exports, base } = instantiate<SeriesSummaryExports>(module, plan.bytes);
    const { buffer } = exports.memory;
    const out = new Float64Array(buffer, base + at.out, SUMMARY_VALUES);
    return {
      values: new Float32Array(buffer, base + at.values, capacity),
      summarize(offset, stride, count) {
        if (!(Number.isInteger(offset) && Number.isInteger(stride) && Number.isInteger(count) && count >= 0)) {
          throw new RangeError(`wasmSeriesSummary.summarize: need integers, got ${offset}, ${stride}, ${count}`);
        }
        if (count > 0 && (offset < 0 || stride < 1 || offset + (count - 1) * stride >= capacity)) {
          throw new RangeError(
            `wasmSeriesSummary.summarize: ${count} values from ${offset} by ${stride} exceed ${capacity}`,
          );
        }
        exports.seriesSummary(base + at.values, offset, stride, count, base + at.buffer, base + at.out);
        return out;
      },
    };
  };
}
