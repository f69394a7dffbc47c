/**
 * What one `tonearm ingest` run did, gathered as it goes and printed at the end: files queued,
 * duplicates (unchanged files ingested before, and copies of other files), files that could not
 * be read, and the jobs' ends (completed, failed with their reasons, still unfinished).
 */
import { basename } from "node:path";
import type { ErrorSummary } from "../analysis/errors.js";
import type { IngestOutcome } from "../service/service.js";
import type { TrackedCounts, TrackedFailure } from "./ingest-job-tracker.js";

export interface IngestProblem {
  readonly path: string;
  readonly code: string;
  readonly message: string;
}

export interface IngestReport {
  readonly roots: readonly string[];
  readonly seconds: number;
  /** Ctrl-C (or SIGTERM) ended the run. */
  readonly interrupted: boolean;
  readonly queued: readonly { path: string; analysisId: string; jobId: string; contentHash: string }[];
  readonly duplicates: readonly {
    path: string;
    analysisId: string;
    jobId: string;
    jobStatus: string;
    /** The file first ingested with this content (the same path: re-ingested unchanged). */
    firstPath: string;
  }[];
  readonly unreadable: readonly IngestProblem[];
  /** The jobs followed to their end; null with --no-wait. */
  readonly jobs: {
    readonly completed: number;
    readonly failed: readonly TrackedFailure[];
    readonly unfinished: number;
  } | null;
}

/** How many of each kind the text summary lists by name before "… and N more". */
const LISTED = 20;

export class IngestSummary {
  private readonly started = Date.now();
  readonly queued: IngestReport["queued"][number][] = [];
  readonly duplicates: IngestReport["duplicates"][number][] = [];
  private readonly problems = new Map<string, IngestProblem>();

  add(outcome: IngestOutcome): void {
    const { path, analysisId, jobId } = outcome;
    if (outcome.status === "queued") this.queued.push({ path, analysisId, jobId, contentHash: outcome.contentHash });
    else this.duplicates.push({ path, analysisId, jobId, jobStatus: outcome.jobStatus, firstPath: outcome.firstPath });
  }

  /** A file or folder that could not be read (reported once per path). */
  unreadable(path: string, error: ErrorSummary): void {
    this.problems.set(path, { path, code: error.code, message: error.message });
  }

  /** The file was read after all (a folder problem reported before, a file finally complete). */
  readable(path: string): void {
    this.problems.delete(path);
  }

  get unreadableCount(): number {
    return this.problems.size;
  }

  report(
    roots: readonly string[],
    interrupted: boolean,
    jobs: { counts: TrackedCounts; failures: readonly TrackedFailure[] } | null,
  ): IngestReport {
    return {
      roots,
      seconds: (Date.now() - this.started) / 1000,
      interrupted,
      queued: this.queued,
      duplicates: this.duplicates,
      unreadable: [...this.problems.values()],
      jobs:
        jobs === null
          ? null
          : { completed: jobs.counts.completed, failed: jobs.failures, unfinished: jobs.counts.unfinished },
    };
  }
}

/** Job errors name the file by its base name ("song.mp3: not an audio file"); the line names it already. */
function withoutFileName(message: string, path: string): string {
  const name = basename(path);
  return message.startsWith(`${name}: `) ? message.slice(name.length + 2) : message;
}

function plural(count: number, one: string, many = `${one}s`): string {
  return `${count.toLocaleString("en")} ${count === 1 ? one : many}`;
}

function listed<T>(items: readonly T[], line: (item: T) => string): string[] {
  const lines = items.slice(0, LISTED).map((item) => `  ${line(item)}`);
  if (items.length > LISTED) lines.push(`  … and ${items.length - LISTED} more (--json lists all)`);
  return lines;
}

export function formatIngestReport(report: IngestReport): string {
  const unchanged = report.duplicates.filter((duplicate) => duplicate.firstPath === duplicate.path);
  const copies = report.duplicates.filter((duplicate) => duplicate.firstPath !== duplicate.path);
  const files = report.queued.length + report.duplicates.length + report.unreadable.length;
  const lines = [
    `${report.interrupted ? "Stopped" : "Ingested"} ${report.roots.join(", ")} after ${report.seconds.toFixed(1)} s: ` +
      `${plural(files, "file")}, ${report.queued.length} queued, ${plural(report.duplicates.length, "duplicate")} ` +
      `(${unchanged.length} ingested before, ${copies.length} ${copies.length === 1 ? "copy" : "copies"} of other files), ` +
      `${report.unreadable.length} unreadable`,
  ];
  if (report.jobs === null) {
    if (report.queued.length > 0) lines.push("jobs: queued for 'tonearm serve' or 'tonearm worker' to run");
  } else {
    const { completed, failed, unfinished } = report.jobs;
    lines.push(`jobs: ${completed} completed, ${failed.length} failed, ${unfinished} unfinished`);
    if (unfinished > 0) {
      lines.push(
        "  (unfinished jobs stay queued: the next 'tonearm ingest', 'tonearm serve' or 'tonearm worker' runs them)",
      );
    }
  }
  const failures = report.jobs?.failed ?? [];
  if (failures.length > 0) {
    lines.push("failed:");
    lines.push(
      ...listed(failures, (failure) => {
        const reason = failure.error
          ? `${withoutFileName(failure.error.message, failure.path)} [${failure.error.code}]`
          : failure.status;
        return `${failure.path}: ${reason} (job ${failure.jobId})`;
      }),
    );
  }
  const earlierFailures = report.duplicates.filter(
    (duplicate) => duplicate.jobStatus === "failed" || duplicate.jobStatus === "cancelled",
  );
  if (earlierFailures.length > 0) {
    lines.push("duplicates whose earlier job failed or was cancelled (tonearm jobs retry ID):");
    lines.push(
      ...listed(earlierFailures, (duplicate) => `${duplicate.path}: ${duplicate.jobStatus} (job ${duplicate.jobId})`),
    );
  }
  if (report.unreadable.length > 0) {
    lines.push("unreadable:");
    lines.push(
      ...listed(
        report.unreadable,
        (problem) => `${problem.path}: ${withoutFileName(problem.message, problem.path)} [${problem.code}]`,
      ),
    );
  }
  if (copies.length > 0) {
    lines.push("copies:");
    lines.push(...listed(copies, (copy) => `${copy.path} = ${copy.firstPath}`));
  }
  return `${lines.join("\n")}\n`;
}
