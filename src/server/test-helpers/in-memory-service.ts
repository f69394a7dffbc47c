/**
 * A TonearmService test double that keeps everything in memory and behaves per the
 * contract (src/service/service.ts): jobs are queued on submit and move only when a test
 * says so (startJob, completeJob, failJob), finished jobs refuse cancel (CONFLICT),
 * unknown ids are NOT_FOUND, watchJob calls its listener at once and on every change.
 * Reports are real: completeJob and analyzeNow run tonearm's analyze() or master() on the
 * request's file (tests upload short synthesised WAVs), unless a test replaces them.
 */
import { randomUUID } from "node:crypto";
import { TonearmError } from "../../analysis/errors.js";
import type { Report } from "../../analysis/report.js";
import { analyze } from "../../analyze.js";
import { type MasteringResult, master, resolveLevel } from "../../master.js";
import type {
  AnalysisFilter,
  AnalysisRequest,
  AnalysisView,
  JobEvent,
  JobFilter,
  JobKind,
  JobView,
  NewReferenceFields,
  Page,
  ReadinessCheck,
  ReferenceView,
  SimilarView,
  TonearmService,
} from "../../service/service.js";

interface StoredAnalysis {
  readonly id: string;
  readonly request: AnalysisRequest;
  readonly jobId: string;
  readonly createdAt: string;
  report: Report | null;
  mastering: MasteringResult | null;
}

type Listener = (event: JobEvent) => void;

const now = () => new Date().toISOString();

function notFound(what: string, id: string): TonearmError {
  return new TonearmError("NOT_FOUND", `no ${what} ${id}`);
}

function page<T>(items: readonly T[], offset = 0, limit = 50): Page<T> {
  return { items: items.slice(offset, offset + limit), total: items.length, offset, limit };
}

export class InMemoryTonearmService implements TonearmService {
  /** Every request handed to submitAnalysis or analyzeNow, in order. */
  readonly received: AnalysisRequest[] = [];
  readinessChecks: ReadinessCheck[] = [
    { name: "database", ok: true, detail: "in memory" },
    { name: "queue", ok: true, detail: "in memory" },
    { name: "decoder", ok: true, detail: "wav" },
  ];
  /** Produces the report of a completed kind "analysis" job. */
  reportFor: (request: AnalysisRequest) => Promise<Report> = (request) =>
    analyze(request.audio.path, request.analyses === undefined ? {} : { analyses: request.analyses });
  /** Produces the result of a completed kind "mastering" job. */
  masteringFor: (request: AnalysisRequest) => Promise<MasteringResult> = (request) =>
    master(request.audio.path, {
      ...(request.genre === undefined ? {} : { genre: request.genre }),
      level: resolveLevel(request.level),
    });
  closed = false;

  private readonly analyses = new Map<string, StoredAnalysis>();
  private readonly jobs = new Map<string, JobView>();
  private readonly references = new Map<string, ReferenceView>();
  private readonly listeners = new Map<string, Set<Listener>>();

  // ---- test controls -------------------------------------------------------

  /** A job of any kind (e.g. "transcription", which nothing else creates). */
  addJob(kind: JobKind, fields: Partial<JobView> = {}): JobView {
    const job: JobView = {
      id: randomUUID(),
      kind,
      status: "queued",
      stage: null,
      progress: 0,
      attempts: 0,
      maxAttempts: 3,
      error: null,
      analysisId: null,
      createdAt: now(),
      startedAt: null,
      finishedAt: null,
      ...fields,
    };
    this.jobs.set(job.id, job);
    return job;
  }

  startJob(jobId: string, stage: string, progress: number): void {
    const job = this.requireJob(jobId);
    this.update(jobId, { status: "running", stage, progress, startedAt: job.startedAt ?? now(), attempts: 1 });
  }

  async completeJob(jobId: string): Promise<void> {
    const job = this.requireJob(jobId);
    const stored = job.analysisId === null ? undefined : this.analyses.get(job.analysisId);
    if (stored !== undefined) {
      if (stored.request.kind === "mastering") stored.mastering = await this.masteringFor(stored.request);
      else stored.report = await this.reportFor(stored.request);
    }
    this.update(jobId, { status: "completed", stage: "store", progress: 1, finishedAt: now() });
  }

  failJob(jobId: string, code: string, message: string): void {
    this.update(jobId, { status: "failed", error: { code, message }, finishedAt: now() });
  }

  /** Listeners currently watching a job. */
  listenerCount(jobId: string): number {
    return this.listeners.get(jobId)?.size ?? 0;
  }

  /** Adds a reference directly (as if made from some analysis). */
  seedReference(fields: Partial<ReferenceView> = {}): ReferenceView {
    const reference: ReferenceView = {
      id: randomUUID(),
      name: "Reference",
      artist: null,
      genre: null,
      year: null,
      analysisId: null,
      createdAt: now(),
      ...fields,
    };
    this.references.set(reference.id, reference);
    return reference;
  }

  // ---- TonearmService -------------------------------------------------------

  async submitAnalysis(request: AnalysisRequest): Promise<AnalysisView> {
    this.received.push(request);
    const id = randomUUID();
    const job = this.addJob(request.kind, { analysisId: id });
    this.analyses.set(id, { id, request, jobId: job.id, createdAt: now(), report: null, mastering: null });
    return this.view(id, true);
  }

  async getAnalysis(id: string): Promise<AnalysisView | undefined> {
    return this.analyses.has(id) ? this.view(id, true) : undefined;
  }

  async listAnalyses(filter: AnalysisFilter = {}): Promise<Page<AnalysisView>> {
    const matching = [...this.analyses.keys()]
      .reverse()
      .map((id) => this.view(id, false))
      .filter((view) => filter.status === undefined || view.job.status === filter.status)
      .filter((view) => filter.kind === undefined || view.kind === filter.kind)
      .filter(
        (view) => filter.fileName === undefined || view.fileName.toLowerCase().includes(filter.fileName.toLowerCase()),
      );
    return page(matching, filter.offset, filter.limit);
  }

  async deleteAnalysis(id: string): Promise<boolean> {
    const stored = this.analyses.get(id);
    if (stored === undefined) return false;
    this.analyses.delete(id);
    this.jobs.delete(stored.jobId);
    return true;
  }

  async getJob(id: string): Promise<JobView | undefined> {
    return this.jobs.get(id);
  }

  async listJobs(filter: JobFilter = {}): Promise<Page<JobView>> {
    const matching = [...this.jobs.values()]
      .reverse()
      .filter((job) => filter.status === undefined || job.status === filter.status)
      .filter((job) => filter.kind === undefined || job.kind === filter.kind);
    return page(matching, filter.offset, filter.limit);
  }

  async cancelJob(id: string): Promise<JobView> {
    const job = this.requireJob(id);
    if (job.status !== "queued" && job.status !== "running") {
      throw new TonearmError("CONFLICT", `job ${id} has already finished (${job.status})`);
    }
    return this.update(id, { status: "cancelled", finishedAt: now() });
  }

  async retryJob(id: string): Promise<JobView> {
    const job = this.requireJob(id);
    if (job.status !== "failed" && job.status !== "cancelled") {
      throw new TonearmError("CONFLICT", `job ${id} is ${job.status}; only failed or cancelled jobs can be retried`);
    }
    return this.update(id, { status: "queued", stage: null, progress: 0, error: null, finishedAt: null });
  }

  async watchJob(id: string, listener: Listener): Promise<() => void> {
    const job = this.requireJob(id);
    listener(this.eventOf(job));
    const set = this.listeners.get(id) ?? new Set<Listener>();
    set.add(listener);
    this.listeners.set(id, set);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(id);
    };
  }

  async analyzeNow(request: AnalysisRequest): Promise<AnalysisView> {
    const view = await this.submitAnalysis(request);
    await this.completeJob(view.job.id);
    return this.view(view.id, true);
  }

  async listReferences(filter: { readonly genre?: string } = {}): Promise<readonly ReferenceView[]> {
    const genre = filter.genre?.toLowerCase();
    return [...this.references.values()].filter((item) => genre === undefined || item.genre?.toLowerCase() === genre);
  }

  async addReferenceFromAnalysis(analysisId: string, fields: NewReferenceFields = {}): Promise<ReferenceView> {
    const stored = this.analyses.get(analysisId);
    if (stored === undefined) throw notFound("analysis", analysisId);
    if (stored.mastering === null)
      throw new TonearmError("CONFLICT", `analysis ${analysisId} has no feature vector yet`);
    return this.seedReference({
      name: fields.name ?? stored.request.audio.originalName,
      artist: fields.artist ?? null,
      genre: fields.genre ?? null,
      year: fields.year ?? null,
      analysisId,
    });
  }

  async removeReference(id: string): Promise<boolean> {
    return this.references.delete(id);
  }

  async findSimilar(
    analysisId: string,
    options: { readonly genre?: string; readonly topK?: number } = {},
  ): Promise<readonly SimilarView[]> {
    const stored = this.analyses.get(analysisId);
    if (stored === undefined) throw notFound("analysis", analysisId);
    if (stored.mastering === null) throw new TonearmError("CONFLICT", `analysis ${analysisId} is not complete`);
    const candidates = await this.listReferences(options.genre === undefined ? {} : { genre: options.genre });
    return candidates
      .map((reference, index) => ({ reference, similarity: 0.9 - index * 0.1 }))
      .slice(0, options.topK ?? 5);
  }

  async readiness(): Promise<readonly ReadinessCheck[]> {
    return this.readinessChecks;
  }

  async close(): Promise<void> {
    this.closed = true;
  }

  // ---- internals -------------------------------------------------------------

  private requireJob(id: string): JobView {
    const job = this.jobs.get(id);
    if (job === undefined) throw notFound("job", id);
    return job;
  }

  private eventOf(job: JobView): JobEvent {
    return { jobId: job.id, status: job.status, stage: job.stage, progress: job.progress, error: job.error };
  }

  private update(jobId: string, changes: Partial<JobView>): JobView {
    const job = { ...this.requireJob(jobId), ...changes };
    this.jobs.set(jobId, job);
    for (const listener of [...(this.listeners.get(jobId) ?? [])]) listener(this.eventOf(job));
    return job;
  }

  private view(id: string, withReport: boolean): AnalysisView {
    const stored = this.analyses.get(id)!;
    const job = this.jobs.get(stored.jobId)!;
    return {
      id,
      kind: stored.request.kind,
      fileName: stored.request.audio.originalName,
      genre: stored.request.genre ?? null,
      level: stored.request.level ?? null,
      job,
      createdAt: stored.createdAt,
      report: withReport ? stored.report : null,
      mastering: withReport ? stored.mastering : null,
    };
  }
}
