/**
 * `tonearm ingest DIR... [--watch]`: mass ingest (IDTAP's mass upload). Every audio file under
 * the folders is submitted as an analysis job unless its content (SHA-256) was ingested before
 * (TonearmService.ingestFile), then the jobs are followed to their end with a progress bar;
 * `--no-wait` only queues them for a running `tonearm serve` or `tonearm worker`. `--watch`
 * goes on ingesting files that appear or change (./ingest-watcher.ts) until Ctrl-C. A summary
 * ends every run.
 */
import { stat } from "node:fs/promises";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { TonearmError } from "../../analysis/errors.js";
import { loadConfig } from "../../config/load-config.js";
import { describeFsError, walkLibrary } from "../../library/scan/walk-library.js";
import type { IngestOutcome } from "../../service/service.js";
import { summariseError } from "../describe-error.js";
import { EXIT } from "../exit-codes.js";
import { IngestJobTracker } from "../ingest-job-tracker.js";
import { formatIngestReport, IngestSummary } from "../ingest-summary.js";
import { type FileState, type IngestRoot, IngestWatcher, sameState } from "../ingest-watcher.js";
import { positiveNumberOption } from "../number-option.js";
import { ProgressBar } from "../progress-bar.js";

export const INGEST_HELP = `Usage: tonearm ingest DIR|FILE... [options]

Submit every audio file under the folders (MP3, FLAC, M4A/AAC/ALAC, Ogg Vorbis, Opus, WAV,
AIFF, WMA, WavPack, APE, Musepack; a FILE named on the command line whatever its name) as an
analysis job, once per content: a file whose content (SHA-256 of every byte) was ingested
before, under any name and in any run, is a duplicate and makes no second job, unless its
analysis has been deleted. Hidden files and folders are skipped; symbolic links to folders are
not followed. Then the jobs run on this machine's cores with a progress bar until all have
finished (with TONEARM_REDIS_URL, 'tonearm worker' processes run them and this waits).

Options:
  -w, --watch           keep watching the folders after the first pass and ingest files that
                        appear or change, once their size and time have stood still for the
                        settle time (a file still being copied waits); Ctrl-C stops
  -a, --analyses LIST   comma-separated analyses for the jobs, or "all" (default: the
                        default set; see 'tonearm analyze --help')
  --no-wait             only queue the jobs, for a running 'tonearm serve' or 'tonearm worker'
  --settle SEC          --watch: how long a file must stay unchanged (default 2)
  --rescan SEC          --watch: how often the folders are walked again, for changes the
                        file system did not report (default 15)
  --json                print the summary as JSON
  --no-progress         no progress bar (it only shows on a terminal anyway)
  -h, --help            this help

Exit status: 0 every file queued or a duplicate and every job completed; 1 some file could not
be read or some job failed; 2 usage error.`;

export interface IngestRunOptions {
  /** Stops the run like Ctrl-C does (tests). */
  readonly signal?: AbortSignal;
  /** Called once watching has started (after the first pass), with --watch. */
  readonly onWatching?: () => void;
}

const DEFAULT_SETTLE_SECONDS = 2;
const DEFAULT_RESCAN_SECONDS = 15;

async function resolveRoots(paths: readonly string[]): Promise<IngestRoot[]> {
  const roots: IngestRoot[] = [];
  for (const given of paths) {
    const path = resolve(given);
    const facts = await stat(path).catch((error: unknown) => {
      throw new TonearmError("FILE_NOT_FOUND", `cannot ingest ${given}: ${describeFsError(error)}`, {
        path: given,
        cause: error,
      });
    });
    if (!facts.isDirectory() && !facts.isFile()) {
      throw new TonearmError("INVALID_OPTION", `cannot ingest ${given}: neither a folder nor a file`, { path: given });
    }
    roots.push({ path, directory: facts.isDirectory() });
  }
  return roots;
}

async function parseAnalyses(list: string | undefined): Promise<readonly string[] | undefined> {
  if (list === undefined) return undefined;
  const named = list
    .split(",")
    .map((name) => name.trim())
    .filter(Boolean);
  const { resolveAnalyses } = await import("../../analysis/analyze-audio.js");
  // Checked once here, so that a misspelt name is one usage error, not a failure per file.
  return resolveAnalyses(named.length === 1 && named[0] === "all" ? "all" : named);
}

export async function runIngest(argv: readonly string[], options: IngestRunOptions = {}): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      watch: { type: "boolean", short: "w" },
      analyses: { type: "string", short: "a" },
      "no-wait": { type: "boolean" },
      settle: { type: "string" },
      rescan: { type: "string" },
      json: { type: "boolean" },
      "no-progress": { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    process.stdout.write(`${INGEST_HELP}\n`);
    return EXIT.ok;
  }
  if (positionals.length === 0) throw new TonearmError("INVALID_OPTION", "ingest needs at least one DIR (see --help)");
  const settleMs = 1000 * (positiveNumberOption("settle", values.settle) ?? DEFAULT_SETTLE_SECONDS);
  const rescanMs = 1000 * (positiveNumberOption("rescan", values.rescan) ?? DEFAULT_RESCAN_SECONDS);
  const analyses = await parseAnalyses(values.analyses);
  const roots = await resolveRoots(positionals);
  const wait = !values["no-wait"];
  const watching = Boolean(values.watch);
  const showProgress = !values["no-progress"] && Boolean(process.stderr.isTTY);

  const summary = new IngestSummary();
  let bar = new ProgressBar(process.stderr, showProgress);
  let label = () => "";
  let fraction = () => 0;
  const redraw = (force = false) => bar.update({ fraction: fraction(), label: label() }, force);
  function note(line: string): void {
    bar.clear();
    process.stderr.write(`tonearm ingest: ${line}\n`);
    redraw(true);
  }

  const config = loadConfig({});
  // Loaded here so the CLI's other commands never load the database and queue drivers.
  const { openService } = await import("../../service/open-service.js");
  const service = await openService(config, {
    // Waiting: run the jobs here (unless BullMQ workers run them); --no-wait: only queue.
    ...(wait ? {} : { runJobs: false }),
    warn: (message, error) => note(`${message}${error ? `: ${(error as Error).message}` : ""}`),
  });

  const stopping = new AbortController();
  const stop = () => stopping.abort();
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
  options.signal?.addEventListener("abort", stop, { once: true });
  if (options.signal?.aborted) stop();
  const stopped = new Promise<void>((resolve) => stopping.signal.addEventListener("abort", () => resolve()));

  let watchStarted = false;
  let failuresNoted = 0;
  const tracker: IngestJobTracker | null = wait
    ? new IngestJobTracker(service, () => {
        // While watching, each failure gets its line as it happens.
        for (; watching && failuresNoted < (tracker?.failures.length ?? 0); failuresNoted++) {
          const failure = tracker!.failures[failuresNoted]!;
          note(
            `${failure.path}: job ${failure.status}${failure.error ? `: ${failure.error.message} [${failure.error.code}]` : ""}`,
          );
        }
        redraw();
      })
    : null;
  /** "3/8 jobs done · 1 failed · 2 duplicates" (and unreadable files, when there are). */
  const counts = () => {
    const parts: string[] = [];
    if (tracker !== null) {
      const { completed, failed, total } = tracker.counts;
      parts.push(`${completed}/${total} jobs done`);
      if (failed > 0) parts.push(`${failed} failed`);
    } else {
      parts.push(`${summary.queued.length} queued`);
    }
    parts.push(`${summary.duplicates.length} duplicates`);
    if (summary.unreadableCount > 0) parts.push(`${summary.unreadableCount} unreadable`);
    return parts.join(" · ");
  };

  const handled = new Map<string, FileState>();
  const watcher = watching
    ? new IngestWatcher({
        roots,
        settleMs,
        rescanMs,
        handled,
        onStable: (path, state) => ingest(path, state),
        onProblem: (problem) =>
          summary.unreadable(problem.path, { code: "FILE_NOT_READABLE", message: problem.message }),
      })
    : null;

  /** Ingests one file, at most once per state; one at a time (the watcher and the first pass share it). */
  let chain = Promise.resolve();
  function ingest(path: string, state: FileState): Promise<void> {
    const next = chain.then(() => ingestNow(path, state));
    chain = next.catch(() => {});
    return next;
  }
  async function ingestNow(path: string, state: FileState): Promise<void> {
    if (stopping.signal.aborted || sameState(handled.get(path), state)) return;
    let outcome: IngestOutcome;
    try {
      outcome = await service.ingestFile(path, analyses === undefined ? {} : { analyses });
    } catch (error) {
      const problem = summariseError(error);
      if (watcher !== null && problem.code === "CONFLICT") {
        // Still being written: look again once it has settled.
        watcher.recheck(path);
        return;
      }
      handled.set(path, state);
      summary.unreadable(path, problem);
      if (watching) note(`${path}: ${problem.message} [${problem.code}]`);
      return;
    }
    handled.set(path, state);
    summary.readable(path);
    summary.add(outcome);
    if (tracker !== null && (outcome.jobStatus === "queued" || outcome.jobStatus === "running")) {
      tracker.track({ jobId: outcome.jobId, analysisId: outcome.analysisId, path });
    }
    if (watching && watchStarted) {
      note(
        outcome.status === "queued"
          ? `queued ${path}`
          : `duplicate ${path}${outcome.firstPath === path ? " (unchanged)" : ` (same as ${outcome.firstPath})`}`,
      );
    }
  }

  try {
    watcher?.start();
    // The first pass: list the files (cheap), then hash and submit them with a count to show.
    const files: { path: string; state: FileState }[] = [];
    label = () => `looking for audio files: ${files.length}`;
    for (const root of roots) {
      if (stopping.signal.aborted) break;
      if (!root.directory) {
        const facts = await stat(root.path).catch((error: unknown) => {
          summary.unreadable(root.path, { code: "FILE_NOT_READABLE", message: describeFsError(error) });
        });
        if (facts) files.push({ path: root.path, state: { size: facts.size, mtimeMs: Math.floor(facts.mtimeMs) } });
        continue;
      }
      for await (const file of walkLibrary(root.path, (problem) =>
        summary.unreadable(problem.path, { code: "FILE_NOT_READABLE", message: problem.message }),
      )) {
        if (stopping.signal.aborted) break;
        files.push({ path: file.path, state: { size: file.size, mtimeMs: file.mtimeMs } });
        redraw();
      }
    }
    let submitted = 0;
    label = () => `${submitted}/${files.length} files read · ${counts()}`;
    fraction = () => submitted / Math.max(1, files.length);
    for (const file of files) {
      if (stopping.signal.aborted) break;
      await ingest(file.path, file.state);
      submitted++;
      redraw();
    }
    bar.clear();

    // Then the jobs, with a bar (and an ETA) of their own.
    bar = new ProgressBar(process.stderr, showProgress);
    fraction = () => (tracker === null ? 0 : tracker.counts.progress / Math.max(1, tracker.counts.total));
    if (watcher !== null) {
      watchStarted = true;
      label = () => `watching${watcher.pending > 0 ? ` (${watcher.pending} settling)` : ""} · ${counts()}`;
      note(`watching ${roots.map((root) => root.path).join(", ")} for new files; Ctrl-C stops`);
      options.onWatching?.();
      await stopped;
    } else if (tracker !== null && !stopping.signal.aborted) {
      label = counts;
      redraw(true);
      await Promise.race([tracker.whenIdle(), stopped]);
    }
  } finally {
    await watcher?.close();
    await chain;
    bar.clear();
    tracker?.close();
    process.off("SIGINT", stop);
    process.off("SIGTERM", stop);
    options.signal?.removeEventListener("abort", stop);
    await service.close();
  }

  const report = summary.report(
    roots.map((root) => root.path),
    stopping.signal.aborted,
    tracker === null ? null : { counts: tracker.counts, failures: tracker.failures },
  );
  process.stdout.write(values.json ? `${JSON.stringify(report, null, 2)}\n` : formatIngestReport(report));
  const failed = report.unreadable.length > 0 || (report.jobs?.failed.length ?? 0) > 0;
  return failed ? EXIT.inputFailed : EXIT.ok;
}
