/**
 * Drum separation scored against the corpus's own drum stems.
 *
 *   npx tsx eval/drum-separation.ts [--corpus DIR] [--splits dev,val] [--only ID,…] [--no-bss] [--write-doc]
 *       [--write-stems DIR] [--results-json PATH]
 *
 * For each song of each split: the drum reference (the drum stem as it sits in the mix,
 * rendered once by eval/separation/render-drum-reference.py with fluidsynth and cached in
 * <corpus>/<split>-drums/), then three estimates: the mix itself, plain HPSS and the learned
 * mask of separateDrums, each scored by SDR, SI-SDR and BSS Eval SDR (separation-metrics.ts).
 * Prints markdown tables; --write-doc also writes docs/eval-separation.md; --write-stems writes each
 * song's learned drum stem as DIR/<id>.drums.flac (16-bit) for listening. Songs run one after
 * another on one core (the FFT is the WebAssembly one when it loads, as in the analysis).
 */
import { existsSync, readdirSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { loadRealFftFactory } from "../src/accel/select-real-fft.js";
import { separateDrums } from "../src/core/drums/separation/separate-drums.js";
import { writeFlac } from "../src/io/flac-encoder.js";
import { resolveCorpusRoot } from "./corpus-location.js";
import { describeMachine, machineInfo } from "./machine-info.js";
import { readCorpusMix, readStem } from "./separation/corpus-audio.js";
import { ensureDrumReference } from "./separation/drum-reference-cache.js";
import { separationDocument } from "./separation/separation-document.js";
import { bssEvalSdr, sdr, siSdr } from "./separation/separation-metrics.js";
import {
  type EstimateName,
  type EstimateScores,
  type SongResult,
  songTable,
  summaryTable,
} from "./separation/separation-report.js";

const { values } = parseArgs({
  options: {
    corpus: { type: "string" },
    splits: { type: "string" },
    only: { type: "string" },
    "no-bss": { type: "boolean", default: false },
    "write-doc": { type: "boolean", default: false },
    "write-stems": { type: "string" },
    "results-json": { type: "string" },
  },
});

const repositoryRoot = resolve(import.meta.dirname, "..");
const corpusRoot = resolveCorpusRoot(values.corpus);
const splits = (values.splits ?? "dev,val").split(",").filter((split) => {
  const present = existsSync(join(corpusRoot, split, "truth"));
  if (!present) console.warn(`skipping split ${split}: ${join(corpusRoot, split)} is not rendered`);
  return present;
});
const only = values.only === undefined ? null : new Set(values.only.split(","));
const fftFactory = await loadRealFftFactory();

const results: SongResult[] = [];
const skipped: string[] = [];
for (const split of splits) {
  const splitDirectory = join(corpusRoot, split);
  const ids = readdirSync(join(splitDirectory, "truth"))
    .filter((name) => name.endsWith(".json"))
    .map((name) => name.slice(0, -".json".length))
    .filter((id) => only === null || only.has(id))
    .sort();
  for (const id of ids) {
    const result = await evaluateSong(split, splitDirectory, id);
    if (result === null) {
      skipped.push(`${id} (no drums)`);
      continue;
    }
    results.push(result);
    const line = (["mix", "hpss", "learned"] as const)
      .map((name) => `${name} ${result.scores[name].sdr.toFixed(2)}`)
      .join(", ");
    console.error(`${id}: SDR ${line} dB; learned ${(result.learnedMilliseconds / 1000).toFixed(2)} s`);
  }
}

for (const split of splits) {
  const rows = results.filter((result) => result.split === split);
  if (rows.length === 0) continue;
  console.log(`\n## ${split} (${rows.length} songs)\n\n${summaryTable(rows)}\n\n${songTable(rows)}`);
}
if (skipped.length > 0) console.log(`\nskipped: ${skipped.join(", ")}`);
if (values["results-json"] !== undefined) await writeFile(values["results-json"], JSON.stringify(results, null, 1));

if (values["write-doc"]) {
  const path = join(repositoryRoot, "docs", "eval-separation.md");
  const machine = describeMachine(machineInfo(repositoryRoot));
  await writeFile(path, separationDocument({ results, skipped, machine, bss: !values["no-bss"] }));
  console.log(`\nwrote ${path}`);
}

async function evaluateSong(split: string, splitDirectory: string, id: string): Promise<SongResult | null> {
  const reference = await ensureDrumReference(splitDirectory, join(corpusRoot, `${split}-drums`), id);
  if (reference.stats.drum_energy_share_of_mix === 0) return null;
  const mix = await readCorpusMix(join(splitDirectory, "audio", `${id}.wav`));
  const drums = await readStem(reference.wavPath);
  let start = performance.now();
  const hpss = separateDrums(mix.channels, mix.sampleRate, { method: "hpss" }, { fftFactory }).drums;
  const hpssMilliseconds = performance.now() - start;
  start = performance.now();
  const learned = separateDrums(mix.channels, mix.sampleRate, { method: "learned-mask" }, { fftFactory }).drums;
  const learnedMilliseconds = performance.now() - start;
  if (values["write-stems"] !== undefined) {
    await mkdir(values["write-stems"], { recursive: true });
    await writeFlac(join(values["write-stems"], `${id}.drums.flac`), { channels: learned, sampleRate: mix.sampleRate });
  }
  const estimates: Record<EstimateName, Float32Array[]> = { mix: mix.channels, hpss, learned };
  const names = Object.keys(estimates) as EstimateName[];
  const bss = values["no-bss"]
    ? null
    : bssEvalSdr(
        drums.channels,
        names.map((name) => estimates[name]),
      );
  const scores = {} as Record<EstimateName, EstimateScores>;
  names.forEach((name, index) => {
    scores[name] = {
      sdr: sdr(drums.channels, estimates[name]),
      siSdr: siSdr(drums.channels, estimates[name]),
      bssSdr: bss === null ? null : bss[index]!,
    };
  });
  return {
    id,
    split,
    durationSeconds: mix.channels[0]!.length / mix.sampleRate,
    drumSource: reference.stats.drum_source,
    soundfont: reference.stats.soundfont,
    reference: reference.stats,
    scores,
    hpssMilliseconds,
    learnedMilliseconds,
  };
}
