/**
 * `tonearm tonics update|list|show|set`: the tonics of the recordings in tonearm's database
 * (the analyses 'tonearm serve' and 'tonearm ingest' store; SQLite in the home, or
 * TONEARM_DATABASE_URL). 'update' queues "update all tonics" (job kind "tonic-update",
 * src/service/tonic-jobs.ts) and, unless --no-wait, runs it here (or lets BullMQ workers run
 * it) with a progress bar and prints its counts; 'set' stores a tonic by hand, which updates
 * keep unless --force.
 */
import { parseArgs } from "node:util";
import { TonearmError } from "../../analysis/errors.js";
import { loadConfig } from "../../config/load-config.js";
import type { TonicUpdateOutput } from "../../service/job-payloads.js";
import type { JobEvent, JobView } from "../../service/service.js";
import type { ListedTonicView, TonicView } from "../../service/tonic-service.js";
import { EXIT } from "../exit-codes.js";
import { positiveNumberOption } from "../number-option.js";
import { ProgressBar } from "../progress-bar.js";

export const TONICS_HELP = `Usage: tonearm tonics update [--only-missing] [--force] [--no-wait] [--json]
       tonearm tonics list [--limit N] [--json]
       tonearm tonics show ID [--json]
       tonearm tonics set ID HZ [--json]

The tonic (Sa) of each recording analysed into tonearm's database (the one 'tonearm serve'
and 'tonearm ingest' use): its pitch in Hz, pitch class and octave, cents from equal
temperament, and a confidence. Estimated from the drone's stable spectral peaks and the
melody's pitch histogram (pYIN), with the key of the recording's report as a hint for music
without a drone.

  update   estimate the tonics of every recording whose audio is still there, as a job
           (progress bar; prints how many were updated, skipped and failed, with reasons).
           Tonics set by hand are kept unless --force.
  list     the stored tonics, newest recording first
  show ID  the tonic of one analysis
  set ID HZ   set the tonic of an analysis by hand (20–2000 Hz)

Options:
  --only-missing   update: only recordings without a tonic
  --force          update: also replace tonics set by hand
  --no-wait        update: only queue the job ('tonearm serve' or 'tonearm worker' runs it)
  -n, --limit N    list: how many (default 50, at most 500)
  --no-progress    update: no progress bar
  --json           print JSON (update: the job; list: { items, total, offset, limit }; show, set: the tonic)
  -h, --help       this help`;

const ACTIONS = ["update", "list", "show", "set"] as const;

export async function runTonics(argv: readonly string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      "only-missing": { type: "boolean" },
      force: { type: "boolean" },
      "no-wait": { type: "boolean" },
      "no-progress": { type: "boolean" },
      limit: { type: "string", short: "n" },
      json: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    process.stdout.write(`${TONICS_HELP}\n`);
    return EXIT.ok;
  }
  const [action, ...rest] = positionals;
  if (!(ACTIONS as readonly (string | undefined)[]).includes(action)) {
    throw new TonearmError("INVALID_OPTION", `tonics needs an action: ${ACTIONS.join(", ")} (see --help)`);
  }
  const arity = { update: 0, list: 0, show: 1, set: 2 }[action as (typeof ACTIONS)[number]];
  if (rest.length !== arity) {
    const what = ["no arguments", "one analysis ID", "an analysis ID and a frequency in Hz"][arity];
    throw new TonearmError("INVALID_OPTION", `tonics ${action} takes ${what} (see --help)`);
  }
  const hz = action === "set" ? Number(rest[1]) : undefined;
  if (hz !== undefined && !Number.isFinite(hz)) {
    throw new TonearmError("INVALID_OPTION", `HZ must be a frequency in Hz, got "${rest[1]}"`);
  }
  const limit = positiveNumberOption("limit", values.limit);
  const wait = action === "update" && !values["no-wait"];
  const json = Boolean(values.json);

  // Loaded here so the CLI's other commands never load the database and queue drivers.
  const { openService } = await import("../../service/open-service.js");
  // Waiting for an update: run the job here (unless BullMQ workers run them); otherwise only submit and read.
  const service = await openService(loadConfig({}), wait ? {} : { runJobs: false });
  try {
    switch (action) {
      case "list": {
        const page = await service.tonics.listTonics(limit === undefined ? {} : { limit });
        if (json) process.stdout.write(`${JSON.stringify(page, null, 2)}\n`);
        else if (page.items.length === 0) process.stdout.write("no tonics stored (tonearm tonics update)\n");
        else {
          const more =
            page.total > page.items.length ? `\n(${page.items.length} of ${page.total}; --limit N for more)` : "";
          process.stdout.write(`${page.items.map(describeListed).join("\n")}${more}\n`);
        }
        return EXIT.ok;
      }
      case "show": {
        const tonic = await service.tonics.getTonic(rest[0]!);
        if (tonic === null) throw new TonearmError("NOT_FOUND", `analysis ${rest[0]} has no tonic yet`);
        process.stdout.write(json ? `${JSON.stringify(tonic, null, 2)}\n` : `${describeTonic(tonic)}\n`);
        return EXIT.ok;
      }
      case "set": {
        const tonic = await service.tonics.setTonic(rest[0]!, hz!);
        process.stdout.write(json ? `${JSON.stringify(tonic, null, 2)}\n` : `${describeTonic(tonic)}\n`);
        return EXIT.ok;
      }
      default: {
        const queued = await service.tonics.updateAllTonics({
          onlyMissing: Boolean(values["only-missing"]),
          force: Boolean(values.force),
        });
        if (!wait) {
          process.stdout.write(
            json
              ? `${JSON.stringify(queued, null, 2)}\n`
              : `queued job ${queued.id} (tonearm jobs lists it; 'tonearm serve' or 'tonearm worker' runs it)\n`,
          );
          return EXIT.ok;
        }
        const bar = new ProgressBar(process.stderr, !values["no-progress"] && Boolean(process.stderr.isTTY));
        const last = await new Promise<JobEvent>((resolve, reject) => {
          service
            .watchJob(queued.id, (event) => {
              bar.update({ fraction: event.progress, label: `tonics: ${event.stage ?? event.status}` });
              if (["completed", "failed", "cancelled"].includes(event.status)) resolve(event);
            })
            .catch(reject);
        });
        bar.clear();
        const job = (await service.getJob(queued.id)) ?? queued;
        if (json) process.stdout.write(`${JSON.stringify(job, null, 2)}\n`);
        else if (last.status === "completed") process.stdout.write(describeUpdate(job));
        if (last.status !== "completed") {
          const reason = last.error ? `${last.error.code}: ${last.error.message}` : last.status;
          process.stderr.write(`tonearm tonics: the update job ${job.id} ended ${last.status} (${reason})\n`);
          return EXIT.inputFailed;
        }
        return (job.result as TonicUpdateOutput | null)?.failed ? EXIT.inputFailed : EXIT.ok;
      }
    }
  } finally {
    await service.close();
  }
}

/** "146.9 Hz  D3 +1 cents  confidence 0.62  drone+melody". */
export function describeTonic(tonic: TonicView): string {
  const cents = Math.round(tonic.centsOffset);
  const offset = cents === 0 ? "" : ` ${cents > 0 ? "+" : "−"}${Math.abs(cents)} cents`;
  const confidence = tonic.confidence === null ? "set by hand" : `confidence ${tonic.confidence.toFixed(2)}`;
  const how = tonic.source === "manual" ? "" : `  ${tonic.method}`;
  return `${tonic.hz.toFixed(1)} Hz  ${tonic.note}${offset}  ${confidence}${how}`;
}

function describeListed(tonic: ListedTonicView): string {
  return `${tonic.analysisId}  ${describeTonic(tonic)}  ${tonic.fileName}`;
}

function describeUpdate(job: JobView): string {
  const result = job.result as TonicUpdateOutput | null;
  if (result === null) return `job ${job.id} completed\n`;
  const { skipped } = result;
  const lines = [
    `${result.recordings} recording(s): ${result.updated} updated, ${skipped.noAudio + skipped.manual + skipped.existing} skipped` +
      ` (${skipped.noAudio} without audio, ${skipped.manual} set by hand, ${skipped.existing} already had one),` +
      ` ${result.failed} failed`,
    ...result.failures.map(
      (failure) => `  ${failure.fileName} (${failure.analysisId}): ${failure.code}: ${failure.message}`,
    ),
  ];
  if (result.failed > result.failures.length) lines.push(`  … and ${result.failed - result.failures.length} more`);
  return `${lines.join("\n")}\n`;
}
