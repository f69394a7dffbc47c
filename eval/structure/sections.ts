/**
 * Song structure on a corpus split, without the rest of the pipeline: each song's structure
 * inputs (beats, bar lines, chroma, MFCCs, RMS, as the structure analysis reads them) are
 * computed once and cached in the temp folder, then core/structure/segment-structure.ts runs
 * with optional overrides and is scored as `npm run eval` scores the `sections` field
 * (boundary F at 0.5 s and 3 s, pairwise label F).
 *   npx tsx eval/structure/sections.ts [--corpus DIR] [--split dev] [--only ID,…] [--set KEY=VALUE,…] [--per-song]
 * --set overrides numeric SegmentStructureOptions (e.g. boundaryThreshold=0.12).
 * The cache holds the rhythm analysis's beats: after changing the beat tracker, delete
 * $TMPDIR/tonearm-structure (or pass --fresh).
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { deserialize, serialize } from "node:v8";
import { beatGridOf } from "../../src/analysis/analyses/rhythm.js";
import { AnalysisContext } from "../../src/analysis/analysis-context.js";
import { chromaOf } from "../../src/analysis/representations/chroma.js";
import { frameFeaturesOf } from "../../src/analysis/representations/frame-features.js";
import type { CorpusTruth } from "../../src/core/evaluation/corpus-schema.js";
import { scoreSong } from "../../src/core/evaluation/score-song.js";
import { CHROMA_BINS } from "../../src/core/features/chroma.js";
import {
  type SegmentStructureOptions,
  type StructureInput,
  segmentStructure,
} from "../../src/core/structure/segment-structure.js";
import { decodeAudio } from "../../src/io/decode-audio.js";
import { resolveCorpusRoot } from "../corpus-location.js";

const CACHE = join(tmpdir(), "tonearm-structure");

/** The structure analysis's inputs for one song, cached (keyed by split, id and audio size). */
async function structureInput(path: string, key: string): Promise<StructureInput> {
  mkdirSync(CACHE, { recursive: true });
  const cache = join(CACHE, `${key}-${readFileSync(path).length}.v2.v8`);
  if (existsSync(cache)) return deserialize(readFileSync(cache)) as StructureInput;
  const decoded = await decodeAudio(path);
  const context = AnalysisContext.fromSignal(decoded.audio);
  const rhythm = beatGridOf(context);
  const chroma = chromaOf(context);
  const features = frameFeaturesOf(context);
  const features1 = (data: Float32Array, width: number) => ({
    data: data.slice(),
    frames: features.frames,
    width,
    hopSeconds: features.hopSize / features.sampleRate,
  });
  const input: StructureInput = {
    durationSeconds: context.durationSeconds,
    beatTimes: Float64Array.from(rhythm.beats),
    downbeatTimes: Float64Array.from(rhythm.downbeats),
    beatsPerBar: rhythm.beatsPerBar,
    meterConfidence: rhythm.tempoConfidence,
    chroma: {
      data: chroma.data.slice(),
      frames: chroma.frames,
      width: CHROMA_BINS,
      hopSeconds: chroma.hopSize / chroma.sampleRate,
    },
    mfcc: features1(features.mfcc, features.mfccCoefficients),
    rms: features1(features.rms, 1),
  };
  writeFileSync(cache, serialize(input));
  context.dispose();
  return input;
}

function parseSets(text: string | undefined): Partial<SegmentStructureOptions> {
  const sets: Record<string, number> = {};
  for (const item of (text ?? "").split(",").filter(Boolean)) {
    const [key, value] = item.split("=");
    if (key === undefined || value === undefined || !Number.isFinite(Number(value))) {
      throw new Error(`--set: expected KEY=NUMBER, got "${item}"`);
    }
    sets[key] = Number(value);
  }
  return sets;
}

/** Highest combined (homogeneity/repetition) novelty within ±0.6 s of each inner truth boundary. */
function diagnose(result: ReturnType<typeof segmentStructure>, truth: CorpusTruth): string {
  const { grid, novelty } = result;
  return truth.sections
    .slice(1)
    .map((section) => {
      let best = -1;
      for (let g = 0; g < grid.length; g++) {
        if (Math.abs(grid[g]! - section.start) <= 0.6 && (best < 0 || novelty.combined[g]! > novelty.combined[best]!))
          best = g;
      }
      if (best < 0) return `${section.start.toFixed(1)}:—`;
      const v = (curve: Float32Array) => curve[best]!.toFixed(2);
      return `${section.start.toFixed(1)}:${v(novelty.combined)}(${v(novelty.homogeneity)}/${v(novelty.repetition)})`;
    })
    .join(" ");
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      corpus: { type: "string" },
      split: { type: "string", default: "dev" },
      only: { type: "string" },
      set: { type: "string" },
      "per-song": { type: "boolean", default: false },
      fresh: { type: "boolean", default: false },
      diagnose: { type: "boolean", default: false },
    },
  });
  if (values.fresh) rmSync(CACHE, { recursive: true, force: true });
  const sets = parseSets(values.set);
  const root = join(resolveCorpusRoot(values.corpus), values.split);
  const only = values.only?.split(",");
  const ids = readdirSync(join(root, "truth"))
    .filter((name) => name.endsWith(".json"))
    .map((name) => name.slice(0, -5))
    .filter((id) => only === undefined || only.includes(id))
    .filter((id) => existsSync(join(root, "audio", `${id}.wav`)))
    .sort();
  const metrics = ["section.boundary_f_0.5", "section.boundary_f_3", "section.pairwise_f"] as const;
  const totals = [0, 0, 0];
  for (const id of ids) {
    const truth = JSON.parse(readFileSync(join(root, "truth", `${id}.json`), "utf8")) as CorpusTruth;
    const input = await structureInput(join(root, "audio", `${id}.wav`), `${values.split}-${id}`);
    const result = segmentStructure(input, sets);
    const sections = result.sections.map((section) => ({
      start: section.start,
      end: section.end,
      label: String(section.cluster),
    }));
    const scores = scoreSong(truth, { sections });
    metrics.forEach((metric, k) => {
      totals[k]! += scores[metric] ?? 0;
    });
    if (values["per-song"]) {
      const fmt = (time: number) => time.toFixed(1);
      console.log(
        `${id.padEnd(10)} F.5 ${scores[metrics[0]]!.toFixed(3)} F3 ${scores[metrics[1]]!.toFixed(3)} pair ${scores[metrics[2]]!.toFixed(3)}`,
      );
      console.log(`  truth ${truth.sections.map((s) => `${fmt(s.start)}${s.label[0]}`).join(" ")}`);
      console.log(
        `  ours  ${result.sections.map((s) => `${fmt(s.start)}${"ABCDEFGHIJ"[s.cluster] ?? "?"}`).join(" ")}`,
      );
      if (values.diagnose) console.log(`  novelty at truth boundaries ${diagnose(result, truth)}`);
    }
  }
  const mean = (k: number) => (totals[k]! / Math.max(1, ids.length)).toFixed(3);
  console.log(`mean of ${ids.length} songs: F@0.5 ${mean(0)} F@3 ${mean(1)} pairwise F ${mean(2)}`);
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
