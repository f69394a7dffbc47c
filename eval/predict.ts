/**
 * The predictor the evaluation scores: tonearm's full analysis of one audio file, turned
 * into the corpus prediction schema (../shared/corpus/SCHEMA.md). Each feature that fills a
 * report field adds to the prediction through `toCorpusPrediction`; nothing here knows
 * about individual analyses.
 */
import { mkdir, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { toCorpusPrediction } from "../src/analysis/corpus-prediction.js";
import { ANALYSES } from "../src/analysis/registry.js";
import { type CorpusPrediction, validateCorpusPrediction } from "../src/core/evaluation/index.js";
import { analyze } from "../src/index.js";

/** Every analysis the corpus scores (each with a `toCorpus`), opt-in ones such as loudness included. */
const SCORED_ANALYSES = ANALYSES.filter((analysis) => "toCorpus" in analysis).map((analysis) => analysis.name);

/** Analyse one audio file and return its prediction in the corpus schema. */
export async function predictFile(path: string): Promise<CorpusPrediction> {
  const report = await analyze(path, { analyses: SCORED_ANALYSES });
  return toCorpusPrediction(report);
}

/** What became of one file's prediction. */
export interface PredictionOutcome {
  readonly audioPath: string;
  readonly outputPath: string;
  /** Wall time of the prediction in seconds (decode included). */
  readonly seconds: number;
  /** Schema fields the prediction holds. */
  readonly fields: readonly string[];
  /** Schema problems found in the prediction (it is written regardless). */
  readonly schemaErrors: readonly string[];
  /** Set when the analysis failed; no file is written then. */
  readonly failure?: { readonly code: string; readonly message: string };
}

/** Predict one file and write the prediction as JSON to `outputPath`. */
export async function predictToFile(audioPath: string, outputPath: string): Promise<PredictionOutcome> {
  const started = performance.now();
  try {
    const prediction = await predictFile(audioPath);
    await mkdir(dirname(outputPath), { recursive: true });
    await writeFile(outputPath, `${JSON.stringify(prediction)}\n`);
    return {
      audioPath,
      outputPath,
      seconds: (performance.now() - started) / 1000,
      fields: Object.keys(prediction),
      schemaErrors: validateCorpusPrediction(prediction).errors,
    };
  } catch (error) {
    const code =
      typeof error === "object" && error !== null && "code" in error && typeof error.code === "string"
        ? error.code
        : "ERROR";
    return {
      audioPath,
      outputPath,
      seconds: (performance.now() - started) / 1000,
      fields: [],
      schemaErrors: [],
      failure: { code, message: error instanceof Error ? error.message : String(error) },
    };
  }
}
