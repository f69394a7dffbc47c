/**
 * `tonearm jobs [list|cancel ID|retry ID]`: the jobs in tonearm's database (SQLite in the
 * home, or TONEARM_DATABASE_URL), for whoever runs them (`tonearm serve`, `tonearm worker`).
 * This command only reads and changes job states; it runs nothing itself.
 */
import { parseArgs } from "node:util";
import { TonearmError } from "../../analysis/errors.js";
import { loadConfig } from "../../config/load-config.js";
import { JOB_KINDS, JOB_STATUSES, type JobKind, type JobStatus } from "../../jobs/job-model.js";
import { openService } from "../../service/open-service.js";
import type { JobView } from "../../service/service.js";
import { EXIT } from "../exit-codes.js";

export const JOBS_HELP = `Usage: tonearm jobs [list] [--status S] [--kind K] [--limit N] [--json]
       tonearm jobs cancel ID [--json]
       tonearm jobs retry ID [--json]

The analysis jobs in tonearm's database (the one 'tonearm serve' and 'tonearm worker' use:
SQLite in tonearm's home, or TONEARM_DATABASE_URL), newest first. 'cancel' stops a queued
or running job (a running one within seconds, wherever it runs); 'retry' queues a failed or
cancelled job again.

Options:
  -s, --status S   only jobs in this state: ${JOB_STATUSES.join(", ")}
  -k, --kind K     only jobs of this kind: ${JOB_KINDS.join(", ")}
  -n, --limit N    how many to list (default 50, at most 500)
  --json           print JSON (list: { items, total, offset, limit }; cancel, retry: the job)
  -h, --help       this help`;

function checkChoice<T extends string>(flag: string, value: string | undefined, choices: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  if ((choices as readonly string[]).includes(value)) return value as T;
  throw new TonearmError("INVALID_OPTION", `--${flag} must be one of ${choices.join(", ")}, got "${value}"`);
}

function describeJob(job: JobView): string {
  const progress = job.status === "running" ? ` ${job.stage ?? ""} ${Math.round(job.progress * 100)}%` : "";
  const error = job.error ? `  ${job.error.code}: ${job.error.message}` : "";
  const attempts = job.attempts > 1 || job.status === "failed" ? `  attempt ${job.attempts}/${job.maxAttempts}` : "";
  return `${job.id}  ${job.kind.padEnd(13)} ${job.status.padEnd(9)}${progress}  ${job.createdAt}${attempts}${error}`;
}

export async function runJobs(argv: readonly string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      status: { type: "string", short: "s" },
      kind: { type: "string", short: "k" },
      limit: { type: "string", short: "n" },
      json: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    process.stdout.write(`${JOBS_HELP}\n`);
    return EXIT.ok;
  }
  const [action = "list", ...rest] = positionals;
  if (!["list", "cancel", "retry"].includes(action)) {
    throw new TonearmError("INVALID_OPTION", `unknown jobs action "${action}" (list, cancel or retry; see --help)`);
  }
  if (action !== "list" && rest.length !== 1) {
    throw new TonearmError("INVALID_OPTION", `jobs ${action} needs exactly one job ID (see --help)`);
  }
  const status = checkChoice<JobStatus>("status", values.status, JOB_STATUSES);
  const kind = checkChoice<JobKind>("kind", values.kind, JOB_KINDS);
  const limit = values.limit === undefined ? undefined : Number(values.limit);
  const service = await openService(loadConfig({}), { runJobs: false });
  try {
    if (action === "list") {
      const page = await service.listJobs({ status, kind, limit });
      if (values.json) process.stdout.write(`${JSON.stringify(page, null, 2)}\n`);
      else if (page.items.length === 0) process.stdout.write("no jobs\n");
      else {
        const more =
          page.total > page.items.length ? `\n(${page.items.length} of ${page.total}; --limit N for more)` : "";
        process.stdout.write(`${page.items.map(describeJob).join("\n")}${more}\n`);
      }
      return EXIT.ok;
    }
    const job = action === "cancel" ? await service.cancelJob(rest[0]!) : await service.retryJob(rest[0]!);
    process.stdout.write(values.json ? `${JSON.stringify(job, null, 2)}\n` : `${describeJob(job)}\n`);
    return EXIT.ok;
  } finally {
    await service.close();
  }
}
