/**
 * Recordings' tonics in the service (`service.tonics`): the stored tonic of an analysis, a
 * tonic set by hand (source "manual", which re-estimation keeps unless forced), the list,
 * and "update all tonics": a job of kind "tonic-update" (run on the job worker threads by
 * tonic-jobs.ts, with progress, cancel and retry like every job). One such job at a time:
 * CONFLICT while another is queued or running.
 */
import { TonearmError } from "../analysis/errors.js";
import type { TonearmConfig } from "../config/load-config.js";
import type { JobRecord } from "../jobs/job-model.js";
import type { Store } from "../store/open-store.js";
import type { TonicRecord, TonicRepository, TonicSource } from "../store/tonic-repository.js";
import type { TonicUpdatePayload } from "./job-payloads.js";
import type { JobView, Page } from "./service.js";
import { describePitch, noteName } from "./tonic-estimation.js";
import { checkTonicUpdatePayload } from "./tonic-jobs.js";
import { jobView } from "./views.js";

/** Lowest and highest tonic accepted by hand, Hz (a drone's Sa lies far inside). */
export const MANUAL_TONIC_RANGE_HZ = { min: 20, max: 2000 } as const;

export interface TonicView {
  readonly analysisId: string;
  readonly hz: number;
  /** 0 (C) … 11 (B), A4 = 440 Hz. */
  readonly pitchClass: number;
  /** Scientific octave (C4 is middle C). */
  readonly octave: number;
  /** "D3". */
  readonly note: string;
  /** Cents from the equal-tempered pitch, −50 … 50. */
  readonly centsOffset: number;
  /** 0–1; null for a tonic set by hand. */
  readonly confidence: number | null;
  readonly source: TonicSource;
  /** "drone+melody", "drone", "melody", "key" or "manual". */
  readonly method: string;
  readonly details: Readonly<Record<string, unknown>>;
  /** When it was estimated or set (ISO 8601 UTC). */
  readonly estimatedAt: string;
}

export interface ListedTonicView extends TonicView {
  readonly fileName: string;
}

export interface TonicUpdateRequest {
  /** Only recordings without a stored tonic. */
  readonly onlyMissing?: boolean;
  /** Replace manual tonics too. */
  readonly force?: boolean;
}

export interface TonicService {
  /** The stored tonic; null when none is stored. NOT_FOUND for an unknown analysis. */
  getTonic(analysisId: string): Promise<TonicView | null>;
  /** Stores `hz` as the analysis's manual tonic. NOT_FOUND, INVALID_OPTION (hz outside 20–2000). */
  setTonic(analysisId: string, hz: number): Promise<TonicView>;
  /** Stored tonics, the newest recording first. */
  listTonics(page?: { readonly offset?: number; readonly limit?: number }): Promise<Page<ListedTonicView>>;
  /** Queues "update all tonics"; CONFLICT while another such job is queued or running. */
  updateAllTonics(request?: TonicUpdateRequest): Promise<JobView>;
}

export function tonicView(record: TonicRecord): TonicView {
  return {
    analysisId: record.analysisId,
    hz: record.hz,
    pitchClass: record.pitchClass,
    octave: record.octave,
    note: noteName(record.pitchClass, record.octave),
    centsOffset: record.centsOffset,
    confidence: record.confidence,
    source: record.source,
    method: record.method,
    details: record.details,
    estimatedAt: record.estimatedAt,
  };
}

export function createTonicService(dependencies: {
  readonly store: Store;
  readonly tonics: TonicRepository;
  readonly config: TonearmConfig;
  /** Tells whoever runs jobs that the job is queued (open-service.ts). */
  readonly dispatch: (job: JobRecord) => Promise<void>;
}): TonicService {
  const { store, tonics, config, dispatch } = dependencies;

  async function requireAnalysis(analysisId: string): Promise<void> {
    if (!(await store.analyses.get(analysisId))) {
      throw new TonearmError("NOT_FOUND", `no analysis with id ${analysisId}`);
    }
  }

  return {
    async getTonic(analysisId) {
      await requireAnalysis(analysisId);
      const record = await tonics.get(analysisId);
      return record ? tonicView(record) : null;
    },

    async setTonic(analysisId, hz) {
      await requireAnalysis(analysisId);
      const { min, max } = MANUAL_TONIC_RANGE_HZ;
      if (!(Number.isFinite(hz) && hz >= min && hz <= max)) {
        throw new TonearmError("INVALID_OPTION", `a tonic must be from ${min} to ${max} Hz, got ${hz}`);
      }
      const record = await tonics.save({
        analysisId,
        hz,
        ...describePitch(hz),
        confidence: null,
        source: "manual",
        method: "manual",
        details: {},
      });
      return tonicView(record);
    },

    async listTonics(page = {}) {
      const { items, total } = await tonics.list(page);
      return {
        items: items.map((item) => ({ ...tonicView(item), fileName: item.fileName })),
        total,
        offset: page.offset ?? 0,
        limit: page.limit ?? 50,
      };
    },

    async updateAllTonics(request = {}) {
      const payload: TonicUpdatePayload = { onlyMissing: request.onlyMissing ?? false, force: request.force ?? false };
      checkTonicUpdatePayload(payload);
      for (const status of ["queued", "running"] as const) {
        const busy = await store.jobs.list({ kind: "tonic-update", status, limit: 1 });
        const other = busy.items[0];
        if (other !== undefined) {
          throw new TonearmError("CONFLICT", `a tonic update (job ${other.id}) is ${status}; wait for it or cancel it`);
        }
      }
      const job = await store.jobs.insert({ kind: "tonic-update", payload, maxAttempts: config.jobMaxAttempts });
      await dispatch(job);
      return jobView(job);
    },
  };
}
