/**
 * Trains the drum-mask perceptron of `separateDrums` ("learned-mask") and writes its weights to
 * src/core/drums/separation/drum-mask-weights.ts.
 *
 *   /usr/bin/python3 eval/separation/render-training-songs.py --out ~/tonearm-corpus/drum-separation-train
 *   npx tsx eval/separation/train-drum-mask.ts [--songs DIR] [--hidden 8] [--epochs 12]
 *       [--examples 40000] [--seed 1] [--frame-size 4096|2048] [--inputs a,b,…] [--out PATH] [--dry-run]
 *
 * Songs: DIR/<id>.mix.wav and DIR/<id>.drums.wav (render-training-songs.py: a seed of their own,
 * one in three on the dev recipe, two in three on the validation/hidden recipe). Every fifth
 * song is held out; the held-out SDR of the new model and of plain HPSS is printed and written
 * into the weights file's description. Same songs and seed, same weights.
 */
import { execFileSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { homedir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { loadRealFftFactory } from "../../src/accel/select-real-fft.js";
import {
  DRUM_MASK_FEATURE_NAMES,
  type DrumMaskFeatureName,
} from "../../src/core/drums/separation/drum-mask-features.js";
import type { DrumMaskModel } from "../../src/core/drums/separation/drum-mask-model.js";
import { separateDrums } from "../../src/core/drums/separation/separate-drums.js";
import { createSeededRandom } from "../../src/core/test-helpers/seeded-random.js";
import { readCorpusMix, readStem } from "./corpus-audio.js";
import { collectMaskExamples, EXAMPLE_INPUTS, type ExampleSettings } from "./mask-training-examples.js";
import { sdr } from "./separation-metrics.js";
import { trainPerceptron } from "./train-perceptron.js";

const { values } = parseArgs({
  options: {
    songs: { type: "string", default: join(homedir(), "tonearm-corpus", "drum-separation-train") },
    hidden: { type: "string", default: "8" },
    epochs: { type: "string", default: "12" },
    examples: { type: "string", default: "40000" },
    seed: { type: "string", default: "1" },
    out: {
      type: "string",
      default: resolve(import.meta.dirname, "../../src/core/drums/separation/drum-mask-weights.ts"),
    },
    "frame-size": { type: "string", default: "4096" },
    inputs: { type: "string", default: DRUM_MASK_FEATURE_NAMES.join(",") },
    "dry-run": { type: "boolean", default: false },
  },
});
const inputNames = values.inputs.split(",") as DrumMaskFeatureName[];
const inputColumns = inputNames.map((name) => {
  const column = (DRUM_MASK_FEATURE_NAMES as readonly string[]).indexOf(name);
  if (column < 0) throw new Error(`--inputs: unknown feature ${name}; known: ${DRUM_MASK_FEATURE_NAMES.join(", ")}`);
  return column;
});

// Pooling and kernels keep their widths in Hz and seconds: at 4096 points (hop 1024, 23 ms),
// 9 and 31 frames are ±0.1 s and ±0.35 s; bands are single below 1.375 kHz, then 2, 4, 8 bins.
const SETTINGS: ExampleSettings =
  values["frame-size"] === "2048"
    ? {
        frameSizeAt44100: 2048,
        pooling: { edgesHz: [2750, 8250], groupSizes: [2, 4] },
        kernels: { harmonicKernelFrames: 17, longHarmonicKernelFrames: 61, percussiveKernelBands: 17 },
        examplesPerSong: Number(values.examples),
      }
    : {
        frameSizeAt44100: 4096,
        pooling: { edgesHz: [1375, 2750, 8250], groupSizes: [2, 4, 8] },
        kernels: { harmonicKernelFrames: 9, longHarmonicKernelFrames: 31, percussiveKernelBands: 17 },
        examplesPerSong: Number(values.examples),
      };

const songIds = readdirSync(values.songs)
  .filter((name) => name.endsWith(".drums.wav"))
  .map((name) => name.slice(0, -".drums.wav".length))
  .sort();
const heldOut = songIds.filter((_, index) => index % 5 === 4);
const training = songIds.filter((_, index) => index % 5 !== 4);
console.log(`${training.length} training songs, ${heldOut.length} held out (${values.songs})`);

const random = createSeededRandom(Number(values.seed));
const parts: { inputs: Float32Array; targets: Float32Array }[] = [];
for (const id of training) {
  const mix = await readCorpusMix(join(values.songs, `${id}.mix.wav`));
  const drums = await readStem(join(values.songs, `${id}.drums.wav`));
  parts.push(collectMaskExamples(mix.channels, drums.channels, mix.sampleRate, SETTINGS, random));
}
const count = parts.reduce((sum, part) => sum + part.targets.length, 0);
const inputs = new Float32Array(count * inputColumns.length);
const targets = new Float32Array(count);
let offset = 0;
for (const part of parts) {
  for (let e = 0; e < part.targets.length; e++) {
    for (let j = 0; j < inputColumns.length; j++) {
      inputs[(offset + e) * inputColumns.length + j] = part.inputs[e * EXAMPLE_INPUTS + inputColumns[j]!]!;
    }
  }
  targets.set(part.targets, offset);
  offset += part.targets.length;
}
console.log(`${count} examples`);
const trained = trainPerceptron(
  inputs,
  targets,
  inputColumns.length,
  { hidden: Number(values.hidden), epochs: Number(values.epochs), batchSize: 256, learningRate: 3e-3, seed: 7 },
  random,
  (epoch, loss) => console.log(`epoch ${epoch + 1}: loss ${loss.toFixed(5)}`),
);

const model: DrumMaskModel = {
  description: "",
  frameSizeAt44100: SETTINGS.frameSizeAt44100,
  pooling: SETTINGS.pooling,
  kernels: SETTINGS.kernels,
  inputs: inputNames,
  hidden: Number(values.hidden),
  ...trained,
};

const fftFactory = await loadRealFftFactory();
const learnedScores: number[] = [];
const hpssScores: number[] = [];
for (const id of heldOut) {
  const mix = await readCorpusMix(join(values.songs, `${id}.mix.wav`));
  const drums = await readStem(join(values.songs, `${id}.drums.wav`));
  const learned = separateDrums(mix.channels, mix.sampleRate, { method: "learned-mask", model }, { fftFactory });
  const hpss = separateDrums(mix.channels, mix.sampleRate, { method: "hpss" }, { fftFactory });
  learnedScores.push(sdr(drums.channels, learned.drums));
  hpssScores.push(sdr(drums.channels, hpss.drums));
  console.log(`${id}: learned ${learnedScores.at(-1)!.toFixed(2)} dB, hpss ${hpssScores.at(-1)!.toFixed(2)} dB`);
}
const mean = (list: number[]) => list.reduce((a, b) => a + b, 0) / list.length;
const summary =
  `trained by eval/separation/train-drum-mask.ts on ${training.length} songs of render-training-songs.py ` +
  `(seed 2718; ${count} examples, ${SETTINGS.frameSizeAt44100}-point frames, hidden ${values.hidden}, ` +
  `${values.epochs} epochs, seed ${values.seed}); ` +
  `held-out SDR ${mean(learnedScores).toFixed(2)} dB on ${heldOut.length} songs (plain HPSS ${mean(hpssScores).toFixed(2)} dB)`;
console.log(summary);
if (!values["dry-run"]) {
  await writeFile(values.out, weightsModule({ ...model, description: summary }));
  // The repository's formatter decides the line breaks of the long arrays.
  execFileSync("npx", ["biome", "format", "--write", values.out], { stdio: "ignore" });
  console.log(`wrote ${values.out}`);
}

function weightsModule(trainedModel: DrumMaskModel): string {
  const numbers = (list: readonly number[]) => `[${list.map((value) => Number(value.toPrecision(7))).join(", ")}]`;
  return `/**
 * Weights of the learned drum mask (drum-mask-model.ts), written by
 * eval/separation/train-drum-mask.ts: do not edit by hand, re-run the training.
 * ${trainedModel.description}
 */
import type { DrumMaskModel } from "./drum-mask-model.js";

export const DRUM_MASK_MODEL: DrumMaskModel = {
  description: ${JSON.stringify(trainedModel.description)},
  frameSizeAt44100: ${trainedModel.frameSizeAt44100},
  pooling: ${JSON.stringify(trainedModel.pooling)},
  kernels: ${JSON.stringify(trainedModel.kernels)},
  inputs: ${JSON.stringify(trainedModel.inputs)},
  inputMean: ${numbers(trainedModel.inputMean)},
  inputScale: ${numbers(trainedModel.inputScale)},
  hidden: ${trainedModel.hidden},
  inputWeights: ${numbers(trainedModel.inputWeights)},
  hiddenBias: ${numbers(trainedModel.hiddenBias)},
  outputWeights: ${numbers(trainedModel.outputWeights)},
  outputBias: ${Number(trainedModel.outputBias.toPrecision(7))},
};
`;
}
