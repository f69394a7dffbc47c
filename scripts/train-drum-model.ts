/**
 * Trains tonearm's drum transcription models and writes them as generated modules,
 * src/core/drums/transcription/trained-drum-model-{full-band,rhythm-bands}.ts.
 * Reproducible: every random choice is seeded, and all audio comes from Debian packages,
 * never from the evaluation corpus:
 *   - one-shot samples of Hydrogen's sampled drum kits (hydrogen-drumkits) and of the GM
 *     drum kits of FluidR3_GM, TimGM6mb and MuseScore_General (fluidsynth; train-drum-samples.ts),
 *   - random song-like drum parts played from them (train-drum-patterns.ts),
 *   - random accompaniments rendered by fluidsynth with those soundfonts, mixed at random
 *     ratios and loudness and peak-limited (train-drum-mixes.ts),
 *   - their log-filtered bands and onset envelopes (drumInputFromSignal; below 4 kHz bit for
 *     bit what the analysis layer's rhythm frame pass computes; train-drum-dataset.ts),
 *     for NO_HIGH_BAND_SHARE of the clips without the flux above 14 kHz (as sources at
 *     22.05 or 24 kHz have none).
 * For each model (full-band: every band to Nyquist, for signals and stems; rhythm-bands:
 * bands to 4 kHz, for the "drums" analysis) the frame-wise network is trained
 * (train-drum-network.ts) and each detector's threshold chosen on held-out clips.
 *
 *   npx tsx scripts/train-drum-model.ts [--work DIR] [--shards 36] [--epochs 12]
 *                                       [--hidden 128,64] [--models full-band,rhythm-bands]
 *
 * Each generated module's header names the command that reproduces it (--work and the
 * other models do not change a model).
 *
 * Needs ffmpeg, fluidsynth and the packages above. The audio (≈ 7 hours, cached as features
 * in --work, default $TMPDIR/tonearm-drum-training) takes about 20 minutes to make on one
 * core; each model then about 20 minutes to train (10–12 with --hidden 64,32). Never run
 * by npm test.
 */
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import type { DrumFeatureLayout } from "../src/core/drums/transcription/drum-frame-features.js";
import { DRUM_DETECTOR_NAMES, type DrumDetector } from "../src/core/drums/transcription/drum-model.js";
import { createSeededRandom } from "../src/core/test-helpers/seeded-random.js";
import { trainingShard } from "./train-drum-dataset.js";
import { writeDrumModelModule } from "./train-drum-module.js";
import { type Example, toExample, trainNetwork, tuneThresholds } from "./train-drum-network.js";
import { loadTrainingKits } from "./train-drum-samples.js";

/** Pools (Hz) shared by both models: finer where kick, toms and snare body differ. */
const LOW_POOLS_HZ = [55, 90, 120, 160, 210, 270, 350, 450, 600, 800, 1050, 1400, 1850, 2450, 3200, 4000];
const CONTEXT = {
  windowFrom: -3,
  windowTo: 6,
  spans: [
    [7, 20],
    [-24, -4],
  ] as const,
  levelGain: 1000,
};

/** The models: generated module name, its constant, input layout. */
const MODELS: Readonly<Record<string, { readonly constant: string; readonly layout: DrumFeatureLayout }>> = {
  "full-band": {
    constant: "FULL_BAND_DRUM_MODEL",
    layout: { poolEdgesHz: [...LOW_POOLS_HZ, 5500, 7500, 11_100], ...CONTEXT },
  },
  "rhythm-bands": { constant: "RHYTHM_BANDS_DRUM_MODEL", layout: { poolEdgesHz: LOW_POOLS_HZ, ...CONTEXT } },
};

/**
 * Share of the clips (training and held out) whose high-band flux is dropped: the clips are
 * rendered at 44.1 kHz, but sources at 22.05 or 24 kHz have no band above 14 kHz.
 */
const NO_HIGH_BAND_SHARE = 0.15;
/** Every HELD_OUT_EVERY-th shard is held out to choose the thresholds. */
const HELD_OUT_EVERY = 6;

const { values } = parseArgs({
  options: {
    work: { type: "string", default: join(tmpdir(), "tonearm-drum-training") },
    shards: { type: "string", default: "36" },
    epochs: { type: "string", default: "12" },
    hidden: { type: "string", default: "128,64" },
    models: { type: "string", default: Object.keys(MODELS).join(",") },
  },
});
const work = values.work;
const shards = Number(values.shards);
const epochs = Number(values.epochs);
const hidden = values.hidden.split(",").map(Number);
if (!(Number.isInteger(shards) && shards >= HELD_OUT_EVERY && Number.isInteger(epochs) && epochs >= 1)) {
  throw new Error(`--shards must be a whole number ≥ ${HELD_OUT_EVERY} and --epochs ≥ 1`);
}
if (hidden.length === 0 || !hidden.every((size) => Number.isInteger(size) && size >= 1)) {
  throw new Error(`--hidden must list layer sizes, e.g. 128,64; got ${values.hidden}`);
}
/** What reproduces a model (the work directory and the other models do not change it). */
const command = `npx tsx scripts/train-drum-model.ts --shards ${shards} --epochs ${epochs} --hidden ${hidden.join(",")}`;
const log = (line: string) => console.log(line);

log("drum kits (one-shot samples):");
const kits = loadTrainingKits(join(work, "kits"), log);
log(`  ${kits.length} kits`);
log("training clips:");
for (let shard = 0; shard < shards; shard++) trainingShard(shard, kits, join(work, "shards"), log);

for (const name of values.models.split(",")) {
  const model = MODELS[name];
  if (model === undefined) throw new Error(`unknown model ${name}; known: ${Object.keys(MODELS).join(", ")}`);
  log(`model ${name}:`);
  const started = performance.now();
  const training: Example[] = [];
  const heldOut: Example[] = [];
  const withoutHighBand = createSeededRandom(3);
  for (let shard = 0; shard < shards; shard++) {
    for (const clip of trainingShard(shard, kits, join(work, "shards"), log)) {
      // As a source sampled at 22.05 or 24 kHz gives it: no onset flux above 14 kHz.
      const input = withoutHighBand() < NO_HIGH_BAND_SHARE ? { ...clip.input, highBandFlux: null } : clip.input;
      (shard % HELD_OUT_EVERY === HELD_OUT_EVERY - 1 ? heldOut : training).push(
        toExample({ ...clip, input }, model.layout),
      );
    }
  }
  log(`  ${training.length} training clips, ${heldOut.length} held out`);
  const network = trainNetwork(
    training,
    model.layout,
    { hidden, epochs, batchSize: 64, learningRate: 0.002, negativeShare: 0.3, seed: 2 },
    createSeededRandom(1),
    log,
  );
  const scores = tuneThresholds(heldOut, network, 2);
  const thresholds = Object.fromEntries(
    DRUM_DETECTOR_NAMES.map((detector, k) => [detector, Math.round(scores[k]!.threshold * 100) / 100]),
  ) as Record<DrumDetector, number>;
  const summary = DRUM_DETECTOR_NAMES.map((detector, k) => {
    const score = scores[k]!;
    return `${detector} threshold ${score.threshold.toFixed(2)}: F ${score.fMeasure.toFixed(3)} (P ${score.precision.toFixed(3)}, R ${score.recall.toFixed(3)})`;
  });
  for (const line of summary) log(`  ${line}`);
  const written = writeDrumModelModule(name, model.constant, { network, thresholds }, [
    `Reproduce: ${command} --models ${name}`,
    `Input: ${name === "full-band" ? "every band from 60 Hz to Nyquist" : "the rhythm frame pass's bands, 60 Hz to 4 kHz"}.`,
    `Held-out synthetic clips (${heldOut.length}), onset F at ±50 ms:`,
    ...summary.map((line) => `  ${line}`),
  ]);
  const minutes = (performance.now() - started) / 60_000;
  log(`  wrote ${written.path} (${(written.bytes / 1024).toFixed(0)} KB) after ${minutes.toFixed(1)} min`);
}
