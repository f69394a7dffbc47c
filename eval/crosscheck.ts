/**
 * Cross-check of the TypeScript metrics (src/core/evaluation) against the reference scorer
 * (../shared/corpus/score.py, mir_eval): writes perturbed predictions made from the truth
 * files (eval/perturb-truth.ts), scores each set with both, and prints per metric the largest
 * per-song and per-mean difference. Exit status 1 when a difference exceeds the tolerance or
 * a metric is present in one scorer's output and not the other's.
 *
 *   npx tsx eval/crosscheck.ts [--corpus DIR] [--split dev] [--out DIR] [--python /usr/bin/python3]
 *                              [--tolerance 1e-6] [--case NAME]…
 */
import { spawn } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { CORPUS_METRICS } from "../src/core/evaluation/index.js";
import { corpusSplit, isRendered, RENDER_INSTRUCTION, resolveCorpusRoot } from "./corpus-location.js";
import { randomTools } from "./perturb-truth.js";
import { PERTURBATION_CASES } from "./perturbation-cases.js";
import { loadTruth, scorePredictionDirectory } from "./score-predictions.js";

const REPO_ROOT = dirname(dirname(fileURLToPath(import.meta.url)));
const SCORE_PY = join(REPO_ROOT, "..", "shared", "corpus", "score.py");

interface PythonScores {
  readonly summary: Record<string, { mean: number | null; n: number }>;
  readonly per_song: Record<string, Record<string, number | null>>;
}

interface MetricDifference {
  compared: number;
  maxSongDifference: number;
  maxMeanDifference: number;
  presenceMismatches: number;
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      corpus: { type: "string" },
      split: { type: "string", default: "dev" },
      out: { type: "string" },
      python: { type: "string", default: "/usr/bin/python3" },
      tolerance: { type: "string", default: "1e-6" },
      case: { type: "string", multiple: true },
    },
  });
  const location = corpusSplit(resolveCorpusRoot(values.corpus), values.split);
  if (!isRendered(location)) {
    console.error(`tonearm crosscheck: no rendered corpus at ${location.directory}: ${RENDER_INSTRUCTION}`);
    return 2;
  }
  const tolerance = Number(values.tolerance);
  const outRoot = resolve(values.out ?? join(REPO_ROOT, ".eval-out", "crosscheck"));
  const truth = await loadTruth(location.directory);
  const cases = PERTURBATION_CASES.filter((entry) => values.case === undefined || values.case.includes(entry.name));
  const differences = new Map<string, MetricDifference>();
  const failures: string[] = [];

  for (const [caseIndex, perturbation] of cases.entries()) {
    const directory = join(outRoot, perturbation.name);
    rmSync(directory, { recursive: true, force: true });
    mkdirSync(directory, { recursive: true });
    [...truth.values()].forEach((song, songIndex) => {
      const prediction = perturbation.perturb(song, songIndex, randomTools(caseIndex, songIndex));
      writeFileSync(join(directory, `${song.id}.json`), JSON.stringify(prediction));
    });
    const jsonPath = join(outRoot, `${perturbation.name}.score.json`);
    const python = await run(values.python, [
      SCORE_PY,
      "--truth",
      location.directory,
      "--pred",
      directory,
      "--json",
      jsonPath,
    ]);
    if (python.code !== 0) {
      failures.push(
        `${perturbation.name}: score.py failed (${python.code}): ${python.stderr.trim().split("\n").at(-1)}`,
      );
      continue;
    }
    const reference = parsePythonJson(await readFile(jsonPath, "utf8"));
    const ours = await scorePredictionDirectory(location.directory, directory, truth);
    compareCase(perturbation.name, reference, ours.perSong, ours.summary, differences, failures, tolerance);
    console.error(`${perturbation.name}: compared (${perturbation.description})`);
  }

  printTable(differences, tolerance, cases.length, truth.size);
  for (const failure of failures.slice(0, 40)) console.log(`MISMATCH ${failure}`);
  if (failures.length > 40) console.log(`… and ${failures.length - 40} more`);
  return failures.length === 0 ? 0 : 1;
}

function compareCase(
  caseName: string,
  reference: PythonScores,
  perSong: ReadonlyMap<string, Readonly<Record<string, number>>>,
  summary: ReadonlyArray<{ name: string; mean: number }>,
  differences: Map<string, MetricDifference>,
  failures: string[],
  tolerance: number,
): void {
  const entry = (metric: string): MetricDifference => {
    let value = differences.get(metric);
    if (value === undefined) {
      value = { compared: 0, maxSongDifference: 0, maxMeanDifference: 0, presenceMismatches: 0 };
      differences.set(metric, value);
    }
    return value;
  };
  for (const [songId, ours] of perSong) {
    const theirs = reference.per_song[songId] ?? {};
    const metrics = new Set([...Object.keys(ours), ...Object.keys(theirs)]);
    for (const metric of metrics) {
      const record = entry(metric);
      const hasOurs = Object.hasOwn(ours, metric);
      const hasTheirs = Object.hasOwn(theirs, metric);
      if (hasOurs !== hasTheirs) {
        record.presenceMismatches++;
        failures.push(`${caseName}/${songId} ${metric}: present only in ${hasOurs ? "TypeScript" : "score.py"}`);
        continue;
      }
      const difference = valueDifference(ours[metric]!, theirs[metric] ?? Number.NaN);
      record.compared++;
      record.maxSongDifference = Math.max(record.maxSongDifference, difference);
      if (difference > tolerance) {
        failures.push(`${caseName}/${songId} ${metric}: TypeScript ${ours[metric]} vs score.py ${theirs[metric]}`);
      }
    }
  }
  for (const { name, mean } of summary) {
    const theirs = reference.summary[name];
    const difference =
      theirs === undefined ? Number.POSITIVE_INFINITY : valueDifference(mean, theirs.mean ?? Number.NaN);
    const record = entry(name);
    record.maxMeanDifference = Math.max(record.maxMeanDifference, difference);
    if (difference > tolerance)
      failures.push(`${caseName} mean ${name}: TypeScript ${mean} vs score.py ${theirs?.mean}`);
  }
}

/** |a − b|, with NaN equal to NaN (both scorers propagate NaN the same way). */
function valueDifference(ours: number, theirs: number): number {
  if (Number.isNaN(ours) && Number.isNaN(theirs)) return 0;
  return Math.abs(ours - theirs);
}

function printTable(
  differences: Map<string, MetricDifference>,
  tolerance: number,
  caseCount: number,
  songCount: number,
): void {
  console.log(
    `\nCross-check vs score.py: ${caseCount} perturbation sets × ${songCount} songs, tolerance ${tolerance}\n`,
  );
  console.log("| metric | values compared | max \\|Δ\\| per song | max \\|Δ\\| of means | presence mismatches |");
  console.log("|---|---|---|---|---|");
  const order = CORPUS_METRICS.map((metric) => metric.name).filter((name) => differences.has(name));
  for (const name of order) {
    const { compared, maxSongDifference, maxMeanDifference, presenceMismatches } = differences.get(name)!;
    console.log(
      `| ${name} | ${compared} | ${maxSongDifference.toExponential(1)} | ${maxMeanDifference.toExponential(1)} | ${presenceMismatches} |`,
    );
  }
}

/** Python's json.dump writes NaN/Infinity bare; read them as numbers. */
function parsePythonJson(text: string): PythonScores {
  return JSON.parse(text.replace(/\bNaN\b/g, '"__nan__"').replace(/-?\bInfinity\b/g, '"__inf__"'), (_, value) =>
    value === "__nan__" ? Number.NaN : value === "__inf__" ? Number.POSITIVE_INFINITY : value,
  ) as PythonScores;
}

function run(command: string, args: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, { stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on("error", reject);
    child.on("close", (code) => resolvePromise({ code: code ?? 1, stdout, stderr }));
  });
}

process.exitCode = await main();
