/**
 * Fits the learned metrical-level decision (src/core/rhythm/metrical-level-model.ts) from
 * corpus splits rendered for training, never dev or val:
 *   sh scripts/corpus/render-split.sh --out $HOME/tonearm-corpus/train-9001 --seed 9001 --n 20 --style hidden
 *   sh scripts/corpus/render-split.sh --out $HOME/tonearm-corpus/train-9002 --seed 9002 --n 20 --style dev
 *   sh scripts/corpus/render-split.sh --out $HOME/tonearm-corpus/train-9003 --seed 9003 --n 12 --style hidden
 *   sh scripts/corpus/render-split.sh --out $HOME/tonearm-corpus/train-9004 --seed 9004 --n 20 --style hidden
 *   sh scripts/corpus/render-split.sh --out $HOME/tonearm-corpus/train-9005 --seed 9005 --n 20 --style dev
 *   sh scripts/corpus/render-split.sh --out $HOME/tonearm-corpus/train-9006 --seed 9006 --n 20 --style hidden
 *   sh scripts/corpus/render-split.sh --out $HOME/tonearm-corpus/train-9007 --seed 9007 --n 20 --style hidden
 *   sh scripts/corpus/render-split.sh --out $HOME/tonearm-corpus/train-9008 --seed 9008 --n 20 --style hidden
 *   npx tsx scripts/rhythm/train-metrical-level.ts [--corpus DIR] [--split train-9001,…,train-9008]
 *     [--l2 PENALTY] [--out FILE] [--dry-run]
 * For every song: the tempo estimate and the beats tracked around it, exactly as the rhythm
 * analysis computes them (src/analysis/analyses/rhythm.ts), and also the beats tracked around
 * twice and half the estimate; the truth's beats, every other truth beat (both phases) and the
 * truth's beats with their midpoints. Each sequence whose tempo (60 ÷ median inter-beat
 * interval) lies within LABEL_TOLERANCE of ½, 1 or 2 times the truth's tempo is one example,
 * labelled with the factor (×2, ×1, ×½) that brings it to the truth; others (2:3 levels) are
 * left out. The model is a softmax regression on the standardised features, fitted from zero
 * weights by full-batch gradient descent with momentum on the mean log loss plus an L2
 * penalty: deterministic, no random numbers. Before fitting, a leave-one-split-out check fits
 * on all splits but one and scores the one left out, against the fixed thresholds of
 * metrical-level.ts on the same sequences. Features are cached per song in the temp folder.
 * Writes src/core/rhythm/metrical-level-weights.ts, or --out FILE (unless --dry-run).
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { deserialize, serialize } from "node:v8";
import { resolveCorpusRoot } from "../../eval/corpus-location.js";
import { onsetEnvelopeOf, regionOnsetEnvelopesOf } from "../../src/analysis/analyses/onsets.js";
import { AnalysisContext } from "../../src/analysis/analysis-context.js";
import { createIngestFor } from "../../src/analysis/analyze-audio.js";
import { frameTime } from "../../src/core/dsp/spectrogram.js";
import { median } from "../../src/core/median.js";
import { estimateTempo } from "../../src/core/rhythm/estimate-tempo.js";
import { metricalLevel } from "../../src/core/rhythm/metrical-level.js";
import {
  METRICAL_LEVEL_FACTORS,
  METRICAL_LEVEL_FEATURES,
  type MetricalLevelModel,
  metricalLevelFeatures,
  metricalLevelProbabilities,
} from "../../src/core/rhythm/metrical-level-model.js";
import { periodPerFrame, tempoCurve } from "../../src/core/rhythm/tempo-curve.js";
import { trackBeats } from "../../src/core/rhythm/track-beats.js";
import { decodeAudioTo } from "../../src/io/decode-audio.js";

/** Largest departure (ratio) of a sequence's tempo from ½, 1 or 2 times the truth's for it to be an example. */
const LABEL_TOLERANCE = 0.06;
/** As in rhythm.ts. */
const CURVE_HOP_SECONDS = 2;
const LEVEL_FROM_REGION = 1;
/** Fit settings (the L2 penalty is on the weights, not the biases). */
const FIT_DEFAULTS = { l2: 0.01, iterations: 4000, learningRate: 0.3, momentum: 0.9 };
let FIT = FIT_DEFAULTS;
const CACHE_VERSION = "v1";
/** The splits the shipped weights were fitted on (both soundfont styles; see the header). */
const DEFAULT_SPLITS = [9001, 9002, 9003, 9004, 9005, 9006, 9007, 9008].map((seed) => `train-${seed}`).join(",");

/** Kinds of beat sequence per song; "tracked" is the one the rhythm analysis judges. */
type SequenceKind = "tracked" | "trackedDouble" | "trackedHalf" | "truth" | "truthEven" | "truthOdd" | "truthDoubled";

interface SongData {
  readonly id: string;
  readonly frameRate: number;
  readonly truthTempoBpm: number;
  readonly estimateBpm: number | null;
  readonly envelopes: Float32Array[];
  readonly sequences: { readonly kind: SequenceKind; readonly frames: Int32Array }[];
}

interface Example {
  readonly split: string;
  readonly song: string;
  readonly kind: SequenceKind;
  readonly features: Float64Array;
  /** Index into METRICAL_LEVEL_FACTORS. */
  readonly label: number;
  /** The fixed thresholds' factor (metricalLevel) for the same sequence. */
  readonly thresholdFactor: number;
}

/** As beatsAround in rhythm.ts: the tempo curve around a reference tempo and the beats that follow it. */
function beatsAround(envelope: Float32Array, frameRate: number, referenceBpm: number): Int32Array {
  const curve = tempoCurve(envelope, referenceBpm, { frameRate, hopSeconds: CURVE_HOP_SECONDS });
  return trackBeats(envelope, periodPerFrame(curve, envelope.length, frameRate, referenceBpm), { frameRate });
}

async function computeSong(audioPath: string, truthPath: string, id: string): Promise<SongData> {
  const truth = JSON.parse(readFileSync(truthPath, "utf8")) as { tempo: number; beats: number[] };
  const { ingest } = await createIngestFor(["rhythm"]);
  try {
    await decodeAudioTo(audioPath, ingest);
  } catch (error) {
    ingest.dispose();
    throw error;
  }
  const context = new AnalysisContext(ingest.result());
  const { envelope, frameRate } = onsetEnvelopeOf(context);
  const envelopes = regionOnsetEnvelopesOf(context).envelopes.map((region) => region.slice());
  const estimate = estimateTempo(envelope, { frameRate }, context.fftFactory);
  const sequences: SongData["sequences"] = [];
  if (estimate.tempoBpm !== null) {
    sequences.push({ kind: "tracked", frames: beatsAround(envelope, frameRate, estimate.tempoBpm) });
    sequences.push({ kind: "trackedDouble", frames: beatsAround(envelope, frameRate, 2 * estimate.tempoBpm) });
    sequences.push({ kind: "trackedHalf", frames: beatsAround(envelope, frameRate, estimate.tempoBpm / 2) });
  }
  const offset = frameTime(context.rhythmFrames().harmony, 0);
  const last = envelope.length - 1;
  const toFrame = (time: number) => Math.max(0, Math.min(last, Math.round((time - offset) * frameRate)));
  const beats = truth.beats.filter((time) => time >= offset && (time - offset) * frameRate <= last);
  const frames = Int32Array.from(beats, toFrame);
  const midpoints = beats.slice(1).map((time, i) => (time + beats[i]!) / 2);
  sequences.push({ kind: "truth", frames });
  sequences.push({ kind: "truthEven", frames: frames.filter((_, i) => i % 2 === 0) });
  sequences.push({ kind: "truthOdd", frames: frames.filter((_, i) => i % 2 === 1) });
  sequences.push({
    kind: "truthDoubled",
    frames: Int32Array.from(
      [...beats, ...midpoints].sort((a, b) => a - b),
      toFrame,
    ),
  });
  context.dispose();
  return { id, frameRate, truthTempoBpm: truth.tempo, estimateBpm: estimate.tempoBpm, envelopes, sequences };
}

async function loadSplit(root: string, split: string): Promise<SongData[]> {
  const directory = join(root, split);
  const cacheFolder = join(tmpdir(), "tonearm-metrical-level");
  mkdirSync(cacheFolder, { recursive: true });
  const ids = readdirSync(join(directory, "truth"))
    .filter((file) => file.endsWith(".json"))
    .map((file) => file.slice(0, -5))
    .sort();
  const songs: SongData[] = [];
  for (const id of ids) {
    const audioPath = join(directory, "audio", `${id}.wav`);
    if (!existsSync(audioPath)) continue;
    const cache = join(cacheFolder, `${split}-${id}-${readFileSync(audioPath).length}.${CACHE_VERSION}.v8`);
    if (existsSync(cache)) {
      songs.push(deserialize(readFileSync(cache)) as SongData);
      continue;
    }
    const song = await computeSong(audioPath, join(directory, "truth", `${id}.json`), id);
    writeFileSync(cache, serialize(song));
    songs.push(song);
    process.stderr.write(
      `  ${split}/${id}: estimate ${song.estimateBpm?.toFixed(1)}, truth ${song.truthTempoBpm.toFixed(1)}\n`,
    );
  }
  return songs;
}

function sequenceTempo(frames: Int32Array, frameRate: number): number {
  const intervals = Array.from(frames.subarray(1), (frame, i) => frame - frames[i]!);
  return (60 * frameRate) / median(intervals);
}

/** The examples of a song: each sequence near ½, 1 or 2 times the truth's tempo. */
function examplesOf(split: string, song: SongData): Example[] {
  const examples: Example[] = [];
  for (const { kind, frames } of song.sequences) {
    const features = metricalLevelFeatures(frames, song.envelopes, { frameRate: song.frameRate });
    if (features === null) continue;
    const ratio = song.truthTempoBpm / sequenceTempo(frames, song.frameRate);
    const label = METRICAL_LEVEL_FACTORS.findIndex((factor) => Math.abs(ratio / factor - 1) <= LABEL_TOLERANCE);
    if (label < 0) continue;
    const thresholdFactor = metricalLevel(frames, song.envelopes.slice(LEVEL_FROM_REGION)).factor;
    examples.push({ split, song: song.id, kind, features, label, thresholdFactor });
  }
  return examples;
}

/** Softmax regression by full-batch gradient descent with momentum from zero weights (deterministic). */
function fitSoftmax(examples: readonly Example[]): MetricalLevelModel {
  const d = METRICAL_LEVEL_FEATURES.length;
  const classes = METRICAL_LEVEL_FACTORS.length;
  const n = examples.length;
  const mean = new Array<number>(d).fill(0);
  const scale = new Array<number>(d).fill(0);
  for (const { features } of examples) for (let i = 0; i < d; i++) mean[i]! += features[i]! / n;
  for (const { features } of examples) for (let i = 0; i < d; i++) scale[i]! += (features[i]! - mean[i]!) ** 2 / n;
  for (let i = 0; i < d; i++) scale[i] = Math.sqrt(scale[i]!) || 1;
  const x = examples.map(({ features }) => Float64Array.from(features, (value, i) => (value - mean[i]!) / scale[i]!));
  const weights = new Float64Array(classes * d);
  const biases = new Float64Array(classes);
  const weightStep = new Float64Array(classes * d);
  const biasStep = new Float64Array(classes);
  const weightGradient = new Float64Array(classes * d);
  const biasGradient = new Float64Array(classes);
  const model = (): MetricalLevelModel => ({
    features: METRICAL_LEVEL_FEATURES,
    mean: new Array<number>(d).fill(0),
    scale: new Array<number>(d).fill(1),
    weights: [...weights],
    biases: [...biases],
  });
  for (let iteration = 0; iteration < FIT.iterations; iteration++) {
    weightGradient.fill(0);
    biasGradient.fill(0);
    const current = model();
    for (let k = 0; k < n; k++) {
      const p = metricalLevelProbabilities(current, x[k]!);
      for (let c = 0; c < classes; c++) {
        const error = (p[c]! - (examples[k]!.label === c ? 1 : 0)) / n;
        biasGradient[c]! += error;
        for (let i = 0; i < d; i++) weightGradient[c * d + i]! += error * x[k]![i]!;
      }
    }
    for (let j = 0; j < weights.length; j++) {
      weightStep[j] = FIT.momentum * weightStep[j]! - FIT.learningRate * (weightGradient[j]! + FIT.l2 * weights[j]!);
      weights[j]! += weightStep[j]!;
    }
    for (let c = 0; c < classes; c++) {
      biasStep[c] = FIT.momentum * biasStep[c]! - FIT.learningRate * biasGradient[c]!;
      biases[c]! += biasStep[c]!;
    }
  }
  return { features: METRICAL_LEVEL_FEATURES, mean, scale, weights: [...weights], biases: [...biases] };
}

function predictedFactor(model: MetricalLevelModel, features: Float64Array): number {
  const p = metricalLevelProbabilities(model, features);
  let best = 0;
  for (let c = 1; c < p.length; c++) if (p[c]! > p[best]!) best = c;
  return METRICAL_LEVEL_FACTORS[best]!;
}

/** Accuracy of the model and of the thresholds on the examples, overall and on the tracked sequences. */
function score(model: MetricalLevelModel, examples: readonly Example[]): string {
  const rate = (subset: readonly Example[], factorOf: (example: Example) => number) => {
    const right = subset.filter((example) => factorOf(example) === METRICAL_LEVEL_FACTORS[example.label]).length;
    return `${right}/${subset.length} (${(right / Math.max(1, subset.length)).toFixed(3)})`;
  };
  const tracked = examples.filter((example) => example.kind === "tracked");
  const learned = (example: Example) => predictedFactor(model, example.features);
  const thresholds = (example: Example) => example.thresholdFactor;
  return [
    `all sequences: learned ${rate(examples, learned)}, thresholds ${rate(examples, thresholds)}`,
    `tracked at the estimate: learned ${rate(tracked, learned)}, thresholds ${rate(tracked, thresholds)}`,
  ].join("\n    ");
}

/** `score` over several held-out sets, each with the model that did not see it. */
function scoreHeldOut(sets: readonly { model: MetricalLevelModel; examples: readonly Example[] }[]): string {
  const count = (tracked: boolean, learned: boolean) => {
    let right = 0;
    let total = 0;
    for (const { model, examples } of sets) {
      for (const example of examples) {
        if (tracked && example.kind !== "tracked") continue;
        const factor = learned ? predictedFactor(model, example.features) : example.thresholdFactor;
        total++;
        if (factor === METRICAL_LEVEL_FACTORS[example.label]) right++;
      }
    }
    return `${right}/${total} (${(right / Math.max(1, total)).toFixed(3)})`;
  };
  return [
    `all sequences: learned ${count(false, true)}, thresholds ${count(false, false)}`,
    `tracked at the estimate: learned ${count(true, true)}, thresholds ${count(true, false)}`,
  ].join("\n    ");
}

/** Errors of the model on the tracked sequences (what the rhythm analysis would get wrong). */
function trackedErrors(model: MetricalLevelModel, examples: readonly Example[]): string[] {
  return examples
    .filter((example) => example.kind === "tracked")
    .filter((example) => predictedFactor(model, example.features) !== METRICAL_LEVEL_FACTORS[example.label])
    .map(
      (example) =>
        `${example.split}/${example.song}: truth ×${METRICAL_LEVEL_FACTORS[example.label]}, learned ×${predictedFactor(model, example.features)}, thresholds ×${example.thresholdFactor}`,
    );
}

const round = (value: number): number => Number(value.toPrecision(5));

function moduleText(model: MetricalLevelModel, split: string, songs: number, examples: number): string {
  const list = (values: readonly number[]) => `[${values.map(round).join(", ")}]`;
  return `/**
 * Weights of the learned metrical-level decision (metrical-level-model.ts). Generated by
 *   npx tsx scripts/rhythm/train-metrical-level.ts --split ${split}
 * from ${examples} beat sequences of ${songs} songs of splits rendered for training (never dev
 * or val); do not edit by hand.
 */
import type { MetricalLevelModel } from "./metrical-level-model.js";

/** Softmax regression over the factors ×½, ×1, ×2 (METRICAL_LEVEL_FACTORS). */
export const METRICAL_LEVEL_WEIGHTS: MetricalLevelModel = {
  features: ${JSON.stringify(model.features)},
  mean: ${list(model.mean)},
  scale: ${list(model.scale)},
  weights: ${list(model.weights)},
  biases: ${list(model.biases)},
};
`;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      corpus: { type: "string" },
      split: { type: "string" },
      l2: { type: "string" },
      out: { type: "string" },
      "dry-run": { type: "boolean" },
    },
  });
  if (values.l2 !== undefined) FIT = { ...FIT_DEFAULTS, l2: Number(values.l2) };
  const split = values.split ?? DEFAULT_SPLITS;
  const splits = split.split(",");
  const root = resolveCorpusRoot(values.corpus);
  const bySplit = new Map<string, Example[]>();
  let songs = 0;
  for (const name of splits) {
    const data = await loadSplit(root, name);
    songs += data.length;
    bySplit.set(
      name,
      data.flatMap((song) => examplesOf(name, song)),
    );
  }
  const examples = [...bySplit.values()].flat();
  console.log(`${examples.length} beat sequences of ${songs} songs from ${split}`);
  for (const label of [0, 1, 2]) {
    console.log(`  ×${METRICAL_LEVEL_FACTORS[label]}: ${examples.filter((example) => example.label === label).length}`);
  }
  if (splits.length > 1) {
    console.log("leave one split out (fit on the others, scored on it):");
    const heldOut: { model: MetricalLevelModel; examples: Example[] }[] = [];
    for (const held of splits) {
      const model = fitSoftmax(examples.filter((example) => example.split !== held));
      heldOut.push({ model, examples: bySplit.get(held)! });
      console.log(`  ${held}:\n    ${score(model, bySplit.get(held)!)}`);
      for (const line of trackedErrors(model, bySplit.get(held)!)) console.log(`      ${line}`);
    }
    console.log(`  all splits, each held out:\n    ${scoreHeldOut(heldOut)}`);
  }
  const model = fitSoftmax(examples);
  console.log(`fit on all (training accuracy):\n    ${score(model, examples)}`);
  for (const line of trackedErrors(model, examples)) console.log(`      ${line}`);
  for (const name of splits) console.log(`  ${name}:\n    ${score(model, bySplit.get(name)!)}`);
  if (values["dry-run"]) return;
  const path = values.out ?? fileURLToPath(new URL("../../src/core/rhythm/metrical-level-weights.ts", import.meta.url));
  writeFileSync(path, moduleText(model, split, songs, examples.length));
  execFileSync("npx", ["biome", "format", "--write", path], { stdio: "ignore" });
  console.log(`wrote ${path}`);
}

await main();
