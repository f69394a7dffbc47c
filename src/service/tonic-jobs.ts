/**
 * The "tonic-update" job ("update all tonics"), as it runs on a job worker thread: every
 * recording (analysis) whose audio is still there gets its tonic estimated again
 * (tonic-estimation.ts, with the key of its stored report as the hint) and stored one by one,
 * so a job stopped half-way keeps what it finished and `onlyMissing` continues from there.
 * Skipped: recordings whose audio the retention sweep removed or that is gone from disk; those
 * with a manual tonic unless `force`; with `onlyMissing`, those with any tonic. A recording that
 * cannot be decoded or has neither pitch nor drone counts as failed, with its reason; the job
 * goes on. Stage "estimating", fraction recordings done of recordings. The job opens the
 * service's database on its own store (the worker context's `library` settings: the config
 * and PostgreSQL schema) and closes it when done.
 */
import { stat } from "node:fs/promises";
import { summariseError, TonearmError } from "../analysis/errors.js";
import type { JobTaskProgress } from "../jobs/job-runner.js";
import type { AnalysisRecord } from "../store/analysis-repository.js";
import type { Store } from "../store/open-store.js";
import { MAX_PAGE_LIMIT } from "../store/page-bounds.js";
import { TonicRepository } from "../store/tonic-repository.js";
import type { JobWorkerContext, TonicUpdateFailure, TonicUpdateOutput, TonicUpdatePayload } from "./job-payloads.js";
import { withJobStore } from "./job-store.js";
import { estimateRecordingTonic, keyHintOf } from "./tonic-estimation.js";

const MAX_LISTED_FAILURES = 100;

export async function runTonicUpdateJob(
  payload: TonicUpdatePayload,
  context: JobWorkerContext,
  onProgress: (progress: JobTaskProgress) => void,
): Promise<TonicUpdateOutput> {
  checkTonicUpdatePayload(payload);
  return withJobStore(context, (store) => updateTonics(store, payload, context, onProgress));
}

async function updateTonics(
  store: Store,
  payload: TonicUpdatePayload,
  context: JobWorkerContext,
  onProgress: (progress: JobTaskProgress) => void,
): Promise<TonicUpdateOutput> {
  const tonics = new TonicRepository(store.database.db, store.database.dialect);
  const recordings = await allAnalyses(store);
  const sources = await tonics.sources();
  const skipped = { noAudio: 0, manual: 0, existing: 0 };
  const failures: TonicUpdateFailure[] = [];
  let updated = 0;
  let failed = 0;
  onProgress({ stage: "estimating", fraction: 0 });
  for (const [index, analysis] of recordings.entries()) {
    const source = sources.get(analysis.id);
    if (payload.onlyMissing && source !== undefined) skipped.existing++;
    else if (source === "manual" && !payload.force) skipped.manual++;
    else if (!(await audioPresent(analysis))) skipped.noAudio++;
    else {
      try {
        const outcome = await estimateAndStore(store, tonics, analysis, payload.force, context);
        if (outcome === "updated") updated++;
        else if (outcome === "manual") skipped.manual++;
        else {
          failed++;
          const message = `no pitch and no drone found in ${analysis.fileName}`;
          if (failures.length < MAX_LISTED_FAILURES) failures.push(failure(analysis, "NO_TONIC", message));
        }
      } catch (error) {
        failed++;
        const { code, message } = summariseError(error);
        if (failures.length < MAX_LISTED_FAILURES) failures.push(failure(analysis, code, message));
      }
    }
    onProgress({ stage: "estimating", fraction: (index + 1) / recordings.length });
  }
  return { recordings: recordings.length, updated, skipped, failed, failures };
}

async function estimateAndStore(
  store: Store,
  tonics: TonicRepository,
  analysis: AnalysisRecord,
  force: boolean,
  context: JobWorkerContext,
): Promise<"updated" | "manual" | "no-tonic"> {
  const report = analysis.kind === "analysis" ? (await store.results.get(analysis.id))?.report : undefined;
  const found = await estimateRecordingTonic(analysis.audioPath, context, keyHintOf(report));
  if (found === null) return "no-tonic";
  const { estimate, method, details } = found;
  const tonic = {
    analysisId: analysis.id,
    hz: estimate.hz,
    pitchClass: estimate.pitchClass,
    octave: estimate.octave,
    centsOffset: estimate.centsOffset,
    confidence: estimate.confidence,
    source: "estimated" as const,
    method,
    details,
  };
  // Without force a manual tonic set while this one was being estimated is kept (one conditional write).
  const stored = force ? await tonics.save(tonic) : await tonics.saveEstimate(tonic);
  return stored === undefined ? "manual" : "updated";
}

function failure(analysis: AnalysisRecord, code: string, message: string): TonicUpdateFailure {
  return { analysisId: analysis.id, fileName: analysis.fileName, code, message };
}

/** Every analysis, oldest first (the order they were recorded in). */
async function allAnalyses(store: Store): Promise<AnalysisRecord[]> {
  const all: AnalysisRecord[] = [];
  for (let offset = 0; ; offset += MAX_PAGE_LIMIT) {
    const page = await store.analyses.list({ offset, limit: MAX_PAGE_LIMIT });
    all.push(...page.items);
    if (page.items.length < MAX_PAGE_LIMIT) break;
  }
  return all.reverse();
}

async function audioPresent(analysis: AnalysisRecord): Promise<boolean> {
  if (analysis.audioRemovedAt !== null) return false;
  const info = await stat(analysis.audioPath).catch(() => undefined);
  return info?.isFile() ?? false;
}

/** Checks the payload (the service does before queueing; the worker again, as payloads are JSON). */
export function checkTonicUpdatePayload(payload: TonicUpdatePayload): void {
  for (const flag of ["onlyMissing", "force"] as const) {
    if (typeof payload[flag] !== "boolean") {
      throw new TonearmError("INVALID_OPTION", `${flag} must be true or false, got ${String(payload[flag])}`);
    }
  }
}
