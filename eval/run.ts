/**
 * The evaluation harness (`npm run eval`): predicts every song of a corpus split with
 * tonearm in a pool of worker threads, scores the predictions with the mir_eval-equivalent
 * metrics of src/core/evaluation, prints a table in PEERS.md's layout and writes
 * docs/eval.md. Also scores existing predictions (--score-only) or predicts any folder of
 * audio (--predict-only). See eval/cli-options.ts for the command line.
 */
import { existsSync, readFileSync } from "node:fs";
import { mkdir, readdir, rm, writeFile } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { type EvalOptions, parseEvalOptions, USAGE } from "./cli-options.js";
import {
  audioFileFor,
  type CorpusSplit,
  corpusSplit,
  isRendered,
  listAudioFiles,
  predictionNames,
  RENDER_INSTRUCTION,
  resolveCorpusRoot,
} from "./corpus-location.js";
import { evalDocument, resultsTable } from "./eval-document.js";
import { machineInfo } from "./machine-info.js";
import type { PredictionOutcome } from "./predict.js";
import type { PredictionJob } from "./predict-worker.js";
import { comparisonTable, coverageRow, metricTable, parsePeersRows, systemRowFromSummary } from "./report-table.js";
import { loadTruth, scorePredictionDirectory } from "./score-predictions.js";
import { defaultJobCount, predictInPool } from "./worker-pool.js";

const REPO_ROOT = dirname(dirname(fileURLToPath(import.meta.url)));
const PEERS_PATH = join(REPO_ROOT, "..", "shared", "corpus", "PEERS.md");
const DOCUMENT_PATH = join(REPO_ROOT, "docs", "eval.md");

async function main(args: readonly string[]): Promise<number> {
  let options: EvalOptions;
  try {
    options = parseEvalOptions(args);
  } catch (error) {
    console.error(`tonearm eval: ${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
    return 64;
  }
  if (options.help) {
    console.log(USAGE);
    return 0;
  }
  if (options.mode.kind === "predict-only") {
    return predictOnly(options.mode.audioDirectory, options.mode.outputDirectory, options.jobs ?? defaultJobCount());
  }
  const location = corpusSplit(resolveCorpusRoot(options.corpus), options.split);
  if (!isRendered(location)) {
    console.error(`tonearm eval: no rendered corpus at ${location.directory}: ${RENDER_INSTRUCTION}`);
    return 2;
  }
  if (options.mode.kind === "score-only") return scoreOnly(location, resolve(options.mode.predictionDirectory));
  return fullRun(location, options);
}

async function fullRun(location: CorpusSplit, options: EvalOptions): Promise<number> {
  const truth = await loadTruth(location.directory);
  const outputDirectory = resolve(options.out ?? join(REPO_ROOT, ".eval-out", location.split));
  await clearPredictions(outputDirectory);
  const jobs: PredictionJob[] = [];
  let audioSeconds = 0;
  for (const [songId, song] of truth) {
    const audioPath = audioFileFor(location, songId);
    if (audioPath === undefined) {
      console.error(`tonearm eval: no audio for ${songId} in ${location.audioDirectory}; scored as not predicted`);
      continue;
    }
    jobs.push({ audioPath, outputPath: join(outputDirectory, `${songId}.json`) });
    audioSeconds += song.duration;
  }
  const jobCount = Math.min(options.jobs ?? defaultJobCount(), Math.max(1, jobs.length));
  console.error(`tonearm eval: predicting ${jobs.length} songs of ${location.directory} with ${jobCount} workers`);
  const started = performance.now();
  const outcomes = await predictInPool(jobs, jobCount, (outcome, done) => reportProgress(outcome, done, jobs.length));
  const wallSeconds = (performance.now() - started) / 1000;
  reportProblems(outcomes);

  const score = await scorePredictionDirectory(location.directory, outputDirectory, truth);
  const facts = {
    date: new Date(),
    machine: machineInfo(REPO_ROOT),
    split: location.split,
    songCount: score.songIds.length,
    audioSeconds,
    wallSeconds,
    cpuSeconds: outcomes.reduce((sum, outcome) => sum + outcome.seconds, 0),
    jobCount,
    failures: outcomes.filter((outcome) => outcome.failure !== undefined).length,
    summary: score.summary,
    peers: readPeers(),
  };
  console.log(`\n${resultsTable(facts)}\n\n${metricTable(score.summary, score.songIds.length)}\n`);
  console.log(`predictions: ${outputDirectory}; ${(audioSeconds / wallSeconds).toFixed(2)} × real time`);
  if (options.writeDocument) {
    await mkdir(dirname(DOCUMENT_PATH), { recursive: true });
    await writeFile(DOCUMENT_PATH, evalDocument(facts));
    console.log(`wrote ${DOCUMENT_PATH}`);
  }
  return 0;
}

async function scoreOnly(location: CorpusSplit, predictionDirectory: string): Promise<number> {
  if (!existsSync(predictionDirectory)) {
    console.error(`tonearm eval: prediction folder ${predictionDirectory} does not exist`);
    return 66;
  }
  const score = await scorePredictionDirectory(location.directory, predictionDirectory);
  for (const warning of score.warnings) console.error(`warning: ${warning}`);
  const songCount = score.songIds.length;
  const table = comparisonTable([
    systemRowFromSummary("**tonearm**", score.summary, null),
    coverageRow(score.summary, songCount),
    ...readPeers(),
  ]);
  console.log(
    `truth: ${location.directory}  pred: ${predictionDirectory}  songs: ${songCount}  prediction files: ${songCount - score.missing.length}\n`,
  );
  console.log(`${table}\n\n${metricTable(score.summary, songCount)}`);
  return 0;
}

async function predictOnly(audioDirectory: string, outputDirectory: string, jobCount: number): Promise<number> {
  if (!existsSync(audioDirectory)) {
    console.error(`tonearm eval: audio folder ${audioDirectory} does not exist`);
    return 66;
  }
  const audioPaths = listAudioFiles(resolve(audioDirectory));
  const names = predictionNames(audioPaths);
  const jobs = audioPaths.map((audioPath, index) => ({
    audioPath,
    outputPath: join(resolve(outputDirectory), names[index]!),
  }));
  if (jobs.length === 0) {
    console.error(`tonearm eval: no audio files in ${audioDirectory}`);
    return 66;
  }
  const started = performance.now();
  const outcomes = await predictInPool(jobs, Math.min(jobCount, jobs.length), (outcome, done) =>
    reportProgress(outcome, done, jobs.length),
  );
  reportProblems(outcomes);
  const failed = outcomes.filter((outcome) => outcome.failure !== undefined).length;
  console.log(
    `predicted ${jobs.length - failed}/${jobs.length} files into ${resolve(outputDirectory)} in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  return failed === 0 ? 0 : 1;
}

function reportProgress(outcome: PredictionOutcome, done: number, total: number): void {
  const name = basename(outcome.audioPath);
  const detail =
    outcome.failure === undefined
      ? `${outcome.fields.length === 0 ? "no fields" : outcome.fields.join(", ")}`
      : `FAILED ${outcome.failure.code}: ${outcome.failure.message}`;
  console.error(`[${done}/${total}] ${name} ${outcome.seconds.toFixed(1)} s  ${detail}`);
}

function reportProblems(outcomes: readonly PredictionOutcome[]): void {
  for (const outcome of outcomes) {
    for (const error of outcome.schemaErrors.slice(0, 3)) {
      console.error(`schema: ${basename(outcome.outputPath)} ${error}`);
    }
  }
}

function readPeers(): ReturnType<typeof parsePeersRows> {
  return existsSync(PEERS_PATH) ? parsePeersRows(readFileSync(PEERS_PATH, "utf8")) : [];
}

/** Remove earlier predictions so a song that now fails is not scored from a stale file. */
async function clearPredictions(directory: string): Promise<void> {
  await mkdir(directory, { recursive: true });
  for (const name of await readdir(directory)) {
    if (name.endsWith(".json")) await rm(join(directory, name));
  }
}

process.exitCode = await main(process.argv.slice(2));
