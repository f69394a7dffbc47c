/**
 * `tonearm worker`: runs jobs from the shared database (and, with TONEARM_REDIS_URL, the
 * BullMQ queue) on worker threads until SIGINT or SIGTERM. On a signal it stops taking jobs
 * and hands the running ones back to the queue uncounted, so another worker (or this one,
 * restarted) takes them over; a worker that is killed outright has its jobs recovered by the
 * others. Prints one line per job start and end on stderr.
 */
import { parseArgs } from "node:util";
import { TonearmError } from "../../analysis/errors.js";
import { loadConfig } from "../../config/load-config.js";
import { openService } from "../../service/open-service.js";
import type { JobEvent } from "../../service/service.js";
import { EXIT } from "../exit-codes.js";

export const WORKER_HELP = `Usage: tonearm worker [--jobs N]

Run analysis jobs submitted to tonearm's database (by 'tonearm serve' or another worker)
until interrupted. Any number of workers may share one database (PostgreSQL with
TONEARM_DATABASE_URL, or the SQLite file on one machine) and, with TONEARM_REDIS_URL, one
BullMQ queue. Ctrl-C (SIGINT) or SIGTERM stops it gracefully: running jobs go back to the
queue for another worker. Jobs left by a worker that was killed are taken over.

Options:
  -j, --jobs N   jobs run at once (default: the config's jobs, TONEARM_JOBS)
  -h, --help     this help`;

export interface WorkerRunOptions {
  /** Stops the worker like SIGINT does (tests). */
  readonly signal?: AbortSignal;
}

function logEvent(workerId: string, event: JobEvent): void {
  if (event.status === "running" && event.stage !== "start") return;
  const error = event.error ? `: ${event.error.code} ${event.error.message}` : "";
  process.stderr.write(`tonearm worker ${workerId}: job ${event.jobId} ${event.status}${error}\n`);
}

export async function runWorker(argv: readonly string[], options: WorkerRunOptions = {}): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      jobs: { type: "string", short: "j" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    process.stdout.write(`${WORKER_HELP}\n`);
    return EXIT.ok;
  }
  if (positionals.length > 0) throw new TonearmError("INVALID_OPTION", "worker takes no arguments (see --help)");
  const jobs = values.jobs === undefined ? undefined : Number(values.jobs);
  if (jobs !== undefined && !(Number.isInteger(jobs) && jobs >= 1)) {
    throw new TonearmError("INVALID_OPTION", `--jobs must be an integer ≥ 1, got ${values.jobs}`);
  }
  const config = loadConfig({ jobs });
  let workerId = "";
  const service = await openService(config, {
    runJobs: true,
    onJobEvent: (event) => logEvent(workerId, event),
    warn: (message, error) =>
      process.stderr.write(`tonearm worker: ${message}${error ? `: ${(error as Error).message}` : ""}\n`),
  });
  workerId = service.workerId;
  process.stderr.write(`tonearm worker ${workerId}: running up to ${config.jobs} jobs at once\n`);
  // The queue's timers and idle worker threads do not keep a process alive; this does, until a signal.
  const keepAlive = setInterval(() => {}, 3_600_000);
  let stop = () => {};
  await new Promise<void>((resolve) => {
    stop = () => resolve();
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
    options.signal?.addEventListener("abort", stop, { once: true });
    if (options.signal?.aborted) stop();
  });
  clearInterval(keepAlive);
  process.off("SIGINT", stop);
  process.off("SIGTERM", stop);
  process.stderr.write(`tonearm worker ${workerId}: stopping; running jobs go back to the queue\n`);
  await service.close();
  return EXIT.ok;
}
