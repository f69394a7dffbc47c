/**
 * `tonearm analyze FILE... [--json] [--out DIR] [--analyses a,b,c]`: decode and analyse
 * files, in parallel across cores when there are several, printing a human summary (or
 * the JSON report) per file in the order given. Bad inputs get one line on stderr each
 * and make the exit status 1; the other files are still analysed.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { extname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import type { AnalysisDefinition } from "../../analysis/analysis-definition.js";
import { TonearmError } from "../../analysis/errors.js";
import { ANALYSES } from "../../analysis/registry.js";
import { analyze } from "../../analyze.js";
import { loadConfig } from "../../config/load-config.js";
import { TaskFailure, WorkerPool } from "../../jobs/worker-pool.js";
import type { AnalyzeProgress, AnalyzeResult, AnalyzeTask } from "../analyze-task.js";
import { collectInputs } from "../collect-inputs.js";
import { type ErrorSummary, errorLine, summariseError } from "../describe-error.js";
import { EXIT } from "../exit-codes.js";
import { formatSummary } from "../format-summary.js";
import { positiveNumberOption } from "../number-option.js";
import { createOutputNamer } from "../output-names.js";
import { ProgressBar } from "../progress-bar.js";

export const ANALYZE_HELP = `Usage: tonearm analyze FILE|DIR... [options]

Decode and analyse audio files (MP3, WAV, FLAC, Ogg Vorbis, Opus, M4A/AAC, AIFF and
anything else ffmpeg reads). Directories are searched for audio files. Several files
are analysed in parallel, one per core.

Options:
  --json                 print the full JSON report (an array for several files)
  -o, --out DIR          also write one <name>.json report per file into DIR
  -a, --analyses LIST    comma-separated analyses to run, or "all"
                         (default: all but the opt-in ones marked *)
                         available: ${ANALYSES.map((analysis) => `${analysis.name}${(analysis as AnalysisDefinition).includedByDefault === false ? "*" : ""}`).join(", ")}
  -j, --jobs N           files analysed at once (default: cores; env TONEARM_JOBS)
  --sample-rate HZ       decode at this sample rate (default: the file's own)
  --max-duration SEC     refuse longer files (default 7200; env TONEARM_MAX_DURATION)
  --allow-truncated      analyse what a truncated file holds instead of failing
  --decoder KIND         auto | system | bundled ffmpeg (env TONEARM_DECODER)
  --no-progress          no progress bar (it only shows on a terminal anyway)
  -h, --help             this help

Exit status: 0 all files analysed, 1 some input could not be analysed, 2 usage error.`;

interface Outcome {
  readonly path: string;
  readonly report?: AnalyzeResult;
  readonly error?: ErrorSummary;
}

export async function runAnalyze(argv: readonly string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      json: { type: "boolean" },
      out: { type: "string", short: "o" },
      analyses: { type: "string", short: "a" },
      jobs: { type: "string", short: "j" },
      "sample-rate": { type: "string" },
      "max-duration": { type: "string" },
      "allow-truncated": { type: "boolean" },
      decoder: { type: "string" },
      "no-progress": { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    process.stdout.write(`${ANALYZE_HELP}\n`);
    return EXIT.ok;
  }
  if (positionals.length === 0)
    throw new TonearmError("INVALID_OPTION", "analyze needs at least one FILE (see --help)");

  const config = loadConfig({
    jobs: positiveNumberOption("jobs", values.jobs),
    maxDurationSeconds: positiveNumberOption("max-duration", values["max-duration"]),
    sampleRate: positiveNumberOption("sample-rate", values["sample-rate"]),
    decoder: values.decoder as "auto" | "system" | "bundled" | undefined,
  });
  const named = values.analyses
    ?.split(",")
    .map((name) => name.trim())
    .filter(Boolean);
  const analyses = named?.length === 1 && named[0] === "all" ? ("all" as const) : named;
  const task: AnalyzeTask["options"] = {
    analyses,
    sampleRate: config.sampleRate ?? undefined,
    maxDurationSeconds: config.maxDurationSeconds,
    allowTruncated: values["allow-truncated"] ?? false,
    decoder: config.decoder,
    ffmpegPath: config.ffmpegPath ?? undefined,
  };
  // Validate analysis names once, before any file is decoded.
  if (analyses) (await import("../../analysis/analyze-audio.js")).resolveAnalyses(analyses);

  const files = collectInputs(positionals);
  if (files.length === 0) throw new TonearmError("INVALID_OPTION", "no audio files found in the given directories");
  if (values.out) mkdirSync(values.out, { recursive: true });

  const progress = new ProgressBar(process.stderr, Boolean(process.stderr.isTTY) && !values["no-progress"]);
  const outcomes = await analyzeAll(files, task, Math.min(config.jobs, files.length), progress);
  progress.clear();

  const name = createOutputNamer();
  let failed = 0;
  const printed: string[] = [];
  for (const outcome of outcomes) {
    if (outcome.error) {
      failed++;
      process.stderr.write(`${errorLine(outcome.error, outcome.path)}\n`);
      continue;
    }
    const report = outcome.report!;
    if (values.out) writeFileSync(join(values.out, name(outcome.path)), `${JSON.stringify(report, null, 2)}\n`);
    if (!values.json) printed.push(formatSummary(report, outcome.path));
  }
  if (values.json) {
    const json =
      files.length === 1
        ? outcomes[0]!.report
        : outcomes.map((outcome) =>
            outcome.error
              ? { path: outcome.path, error: outcome.error }
              : { path: outcome.path, report: outcome.report },
          );
    if (json !== undefined) process.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
  } else if (printed.length > 0) {
    process.stdout.write(`${printed.join("\n\n")}\n`);
  }
  return failed > 0 ? EXIT.inputFailed : EXIT.ok;
}

async function analyzeAll(
  files: readonly string[],
  options: AnalyzeTask["options"],
  jobs: number,
  progress: ProgressBar,
): Promise<Outcome[]> {
  const fractions = new Float64Array(files.length);
  let done = 0;
  const show = (index: number, stage: string) => {
    const total = fractions.reduce((sum, value) => sum + value, 0) / files.length;
    const counter = files.length > 1 ? `${done}/${files.length} files  ` : "";
    progress.update({ fraction: total, label: `${counter}${files[index]!.split(/[\\/]/).pop()}: ${stage}` });
  };
  const onProgress = (index: number) => (event: AnalyzeProgress) => {
    fractions[index] = event.fraction;
    show(index, event.stage);
  };
  const settle = async (index: number, work: Promise<AnalyzeResult>): Promise<Outcome> => {
    try {
      return { path: files[index]!, report: await work };
    } catch (error) {
      return { path: files[index]!, error: error instanceof TaskFailure ? error.summary : summariseError(error) };
    } finally {
      fractions[index] = 1;
      done++;
      show(index, "done");
    }
  };

  if (jobs <= 1 || files.length === 1) {
    const outcomes: Outcome[] = [];
    for (let index = 0; index < files.length; index++) {
      outcomes.push(await settle(index, analyze(files[index]!, { ...options, onProgress: onProgress(index) })));
    }
    return outcomes;
  }
  const here = fileURLToPath(import.meta.url);
  const workerUrl = new URL(`../analyze-worker${extname(here)}`, import.meta.url);
  const pool = new WorkerPool<AnalyzeTask, AnalyzeResult, AnalyzeProgress>(
    workerUrl,
    Math.min(jobs, availableParallelism() * 2),
  );
  try {
    return await Promise.all(files.map((path, index) => settle(index, pool.run({ path, options }, onProgress(index)))));
  } finally {
    await pool.close();
  }
}
