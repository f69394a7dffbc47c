/**
 * Scores a folder of predictions against a folder of ground truth, like
 * `score.py --truth DIR --pred PRED_DIR`: every truth song counts; a missing or unreadable
 * prediction file scores nothing for that song; each metric is averaged over the songs that
 * have it, with its coverage. The metric definitions live in src/core/evaluation.
 */
import { existsSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import {
  type CorpusTruth,
  type MetricSummary,
  pythonDict,
  type SongScores,
  scoreSong,
  summarizeSongScores,
} from "../src/core/evaluation/index.js";

export interface CorpusScore {
  readonly truthDirectory: string;
  readonly predictionDirectory: string;
  readonly songIds: readonly string[];
  /** Songs without a prediction file. */
  readonly missing: readonly string[];
  readonly perSong: ReadonlyMap<string, SongScores>;
  readonly summary: readonly MetricSummary[];
  /** Prediction files that could not be used, with the reason. */
  readonly warnings: readonly string[];
}

/**
 * Ground-truth files of a corpus folder, by song id: CORPUS_DIR/truth/*.json, or CORPUS_DIR/*.json
 * when there is no truth/ folder; only objects with "id" and "beats" count (as score.py).
 */
export async function loadTruth(corpusDirectory: string): Promise<Map<string, CorpusTruth>> {
  const nested = join(corpusDirectory, "truth");
  const directory = existsSync(nested) ? nested : corpusDirectory;
  const names = (await readdir(directory)).filter((name) => name.endsWith(".json")).sort();
  const truth = new Map<string, CorpusTruth>();
  for (const name of names) {
    const value: unknown = JSON.parse(await readFile(join(directory, name), "utf8"));
    const record = pythonDict(value);
    if (record !== undefined && typeof record.id === "string" && Object.hasOwn(record, "beats")) {
      truth.set(record.id, record as unknown as CorpusTruth);
    }
  }
  return truth;
}

/** Score every truth song against PRED_DIR/<id>.json. */
export async function scorePredictionDirectory(
  truthDirectory: string,
  predictionDirectory: string,
  preloadedTruth?: ReadonlyMap<string, CorpusTruth>,
): Promise<CorpusScore> {
  const truth = preloadedTruth ?? (await loadTruth(truthDirectory));
  if (truth.size === 0) throw new Error(`no truth JSONs found in ${truthDirectory}`);
  const perSong = new Map<string, SongScores>();
  const missing: string[] = [];
  const warnings: string[] = [];
  for (const [songId, songTruth] of truth) {
    const path = join(predictionDirectory, `${songId}.json`);
    if (!existsSync(path)) {
      missing.push(songId);
      perSong.set(songId, {});
      continue;
    }
    let prediction: Readonly<Record<string, unknown>> | undefined;
    try {
      prediction = pythonDict(JSON.parse(await readFile(path, "utf8")));
      if (prediction === undefined) throw new Error("top level is not a JSON object");
    } catch (error) {
      warnings.push(`cannot use ${path}: ${error instanceof Error ? error.message : String(error)}`);
      perSong.set(songId, {});
      continue;
    }
    perSong.set(songId, scoreSong(songTruth, prediction));
  }
  return {
    truthDirectory,
    predictionDirectory,
    songIds: [...truth.keys()],
    missing,
    perSong,
    summary: summarizeSongScores([...perSong.values()]),
    warnings,
  };
}

/** The plain-text summary in score.py's layout (metric, mean to 3 decimals, n/N). */
export function formatScoreListing(score: CorpusScore): string {
  const songCount = score.songIds.length;
  const lines = [
    `truth: ${score.truthDirectory}  pred: ${score.predictionDirectory}  songs: ${songCount}  prediction files: ${songCount - score.missing.length}`,
    `${"metric".padEnd(32)} ${"mean".padStart(9)} ${"coverage".padStart(9)}`,
  ];
  for (const { name, mean, count } of score.summary) {
    lines.push(
      `${name.padEnd(32)} ${mean.toFixed(3).padStart(9)} ${String(count).padStart(4)}/${String(songCount).padEnd(4)}`,
    );
  }
  if (score.summary.length === 0) lines.push("(no scorable fields in predictions)");
  return lines.join("\n");
}
