/**
 * Real forward FFT speed: tonearm's pure-TypeScript radix-4 `createRealFft` against
 * fft.js (radix-4, plain JS) and @echogarden/pffft-wasm (PFFFT compiled to WebAssembly
 * with 128-bit SIMD). Reports the median over several timed runs of ns per transform
 * for N = 512 … 8192, after a warm-up, and checks the three spectra agree.
 * For pffft two figures: tonearm's `PffftRealFft` adapter (src/accel; copies Float32Array
 * in → wasm heap → reordered spectrum out) and the PFFFT call alone on its heap buffers.
 * Run: npx tsx bench/fft-compare.ts
 */
import { pathToFileURL } from "node:url";
import FFT from "fft.js";
import { loadPffftModule, loadPffftRealFft, type PffftModule } from "../src/accel/pffft-real-fft.js";
import { createRealFft } from "../src/core/dsp/real-fft.js";

/** One size; a type alias (not an interface) so it is indexable as Record<string, unknown>. */
export type Row = {
  readonly size: number;
  readonly tonearmNs: number;
  readonly fftJsNs: number;
  readonly pffftWasmNs: number | null;
  readonly pffftWasmRawNs: number | null;
  /** Largest |difference| of any bin between the implementations, relative to the largest |bin|. */
  readonly maxRelativeDeviation: number;
};

export const FFT_COMPARE_SIZES = [512, 1024, 2048, 4096, 8192] as const;

async function loadPffft(): Promise<PffftModule | null> {
  try {
    return await loadPffftModule();
  } catch {
    return null;
  }
}

type Transform = () => void;

/** ns per call: median of `runs` timed runs of `iterations` calls each, runs interleaved across transforms. */
function timeTransforms(transforms: readonly Transform[], size: number, runs = 9): number[] {
  const iterations = Math.max(200, Math.round(4e7 / (size * Math.log2(size))));
  for (const transform of transforms) for (let i = 0; i < iterations * 2; i++) transform();
  const samples = transforms.map(() => [] as number[]);
  for (let run = 0; run < runs; run++) {
    transforms.forEach((transform, index) => {
      const start = process.hrtime.bigint();
      for (let i = 0; i < iterations; i++) transform();
      samples[index]!.push(Number(process.hrtime.bigint() - start) / iterations);
    });
  }
  return samples.map((values) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)]!);
}

export async function compareFfts(sizes: readonly number[] = FFT_COMPARE_SIZES): Promise<Row[]> {
  const pffft = await loadPffft();
  const rows: Row[] = [];
  for (const size of sizes) {
    const input = new Float32Array(size);
    for (let i = 0; i < size; i++) input[i] = Math.sin(0.37 * i) + 0.5 * Math.cos(1.91 * i * i) - 0.1;
    const bins = size / 2 + 1;

    const tonearm = createRealFft(size);
    const tonearmOut = new Float32Array(size + 2);
    const fftJs = new FFT(size);
    const fftJsOut: number[] = fftJs.createComplexArray();

    const transforms: Transform[] = [
      () => tonearm.forward(input, tonearmOut),
      () => fftJs.realTransform(fftJsOut, input),
    ];
    let pffftOut: Float32Array | null = null;
    let release = (): void => {};
    if (pffft !== null) {
      // The adapter (what tonearm uses), then PFFFT alone on its own heap buffers.
      const adapter = await loadPffftRealFft(size);
      const adapterOut = new Float32Array(size + 2);
      pffftOut = adapterOut;
      const setup = pffft._pffft_new_setup(size, 0);
      const inPtr = pffft._pffft_aligned_malloc(size * 4);
      const outPtr = pffft._pffft_aligned_malloc(size * 4);
      const workPtr = pffft._pffft_aligned_malloc(size * 4);
      pffft.HEAPF32.set(input, inPtr >> 2);
      const raw = (): void => pffft._pffft_transform_ordered(setup, inPtr, outPtr, workPtr, 0);
      transforms.push(() => adapter.forward(input, adapterOut), raw);
      release = () => {
        adapter.dispose();
        pffft._pffft_aligned_free(inPtr);
        pffft._pffft_aligned_free(outPtr);
        pffft._pffft_aligned_free(workPtr);
        pffft._pffft_destroy_setup(setup);
      };
    }

    const nanoseconds = timeTransforms(transforms, size);
    for (const transform of transforms) transform();
    fftJs.completeSpectrum(fftJsOut);
    let largest = 0;
    let deviation = 0;
    for (let i = 0; i < 2 * bins; i++) {
      largest = Math.max(largest, Math.abs(fftJsOut[i]!));
      deviation = Math.max(deviation, Math.abs(tonearmOut[i]! - fftJsOut[i]!));
      if (pffftOut !== null) deviation = Math.max(deviation, Math.abs(pffftOut[i]! - fftJsOut[i]!));
    }
    release();
    rows.push({
      size,
      tonearmNs: Math.round(nanoseconds[0]!),
      fftJsNs: Math.round(nanoseconds[1]!),
      pffftWasmNs: nanoseconds[2] === undefined ? null : Math.round(nanoseconds[2]),
      pffftWasmRawNs: nanoseconds[3] === undefined ? null : Math.round(nanoseconds[3]),
      maxRelativeDeviation: Number((deviation / largest).toPrecision(2)),
    });
  }
  return rows;
}

export function formatFftTable(rows: readonly Row[]): string {
  const ns = (value: number | null): string => (value === null ? "n/a" : value.toFixed(0));
  const lines = [
    "| N | tonearm (ns) | fft.js (ns) | pffft-wasm SIMD, with copies (ns) | pffft-wasm SIMD, raw (ns) | max deviation (rel.) |",
    "| ---: | ---: | ---: | ---: | ---: | ---: |",
  ];
  for (const row of rows) {
    const cells = [row.size, ns(row.tonearmNs), ns(row.fftJsNs), ns(row.pffftWasmNs), ns(row.pffftWasmRawNs)];
    lines.push(`| ${cells.join(" | ")} | ${row.maxRelativeDeviation.toExponential(1)} |`);
  }
  return lines.join("\n");
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const rows = await compareFfts();
  console.log(formatFftTable(rows));
}
