/**
 * openService(config): the TonearmService (service.ts) wired from the configuration:
 * - the database (SQLite at <home>/tonearm.db, or PostgreSQL with TONEARM_DATABASE_URL),
 *   migrated on open (src/store);
 * - the data directory for uploads and artifacts, with the retention sweep at start and
 *   every six hours (src/store/retention-sweep.ts);
 * - the job queue persisted in that database, executing jobs on `config.jobs` worker threads
 *   (src/jobs/database-job-queue.ts; entry ./job-worker.ts), recovering jobs that a dead
 *   process left running. With `runJobs: false` this process only submits and inspects jobs
 *   (e.g. `tonearm jobs`), and another process (`tonearm worker`, a server) runs them.
 *   With `config.redisUrl` set, jobs are dispatched through BullMQ instead (bullmq-dispatch.ts);
 * - completed jobs store their report, band metrics, recommendations and feature vector in
 *   the transaction that marks them completed (./store-job-output.ts); transcription jobs
 *   write their files to the analysis's artifacts folder (./transcription-files.ts), an
 *   unfinished attempt's files are removed (./transcription-attempts.ts), and cancelling or
 *   deleting a transcription removes its folder;
 * - references and similarity over the reference_tracks table (./reference-index.ts);
 * - settings (key → JSON value) in the settings table, checked here (keys, size);
 * - images and data rendered from an analysis's audio on render worker threads, cached in
 *   the data directory's renders/<analysis id>/ and removed with the analysis (./analysis-images.ts);
 * - mass ingest: files queued once per content (SHA-256), recorded in ingested_files in the
 *   transaction that creates their analysis (./ingest-file.ts);
 * - the music library: scan and batch jobs, albums and the review queue (./library-service.ts);
 *   library jobs open the same database on their worker thread (the context's `library`);
 * - recordings' tonics, set by hand or estimated by "tonic-update" jobs, which open the database
 *   on their worker thread the same way (./tonic-service.ts, ./tonic-jobs.ts).
 */
import { randomUUID } from "node:crypto";
import { stat } from "node:fs/promises";
import { basename, extname, isAbsolute, join } from "node:path";
import { fileURLToPath } from "node:url";
import { type Kysely, sql } from "kysely";
import { resolveAnalyses } from "../analysis/analyze-audio.js";
import { TonearmError } from "../analysis/errors.js";
import { dataDirectory, sqliteFile, type TonearmConfig } from "../config/load-config.js";
import { FEATURE_VECTOR_VERSION } from "../core/similarity/index.js";
import { DRUM_ARTIFACT_FORMATS } from "../drums/drum-transcription-files.js";
import { locateFfmpeg } from "../io/locate-ffmpeg.js";
import { BullmqJobDispatcher, BullmqJobWorker } from "../jobs/bullmq-transport.js";
import { DatabaseJobQueue } from "../jobs/database-job-queue.js";
import { eventFromJob } from "../jobs/job-events.js";
import { FINISHED_JOB_STATUSES, type JobRecord } from "../jobs/job-model.js";
import { WorkerThreadJobRunner } from "../jobs/job-runner.js";
import { resolveGenreTarget, resolveLevel } from "../master.js";
import type { AnalysisRecord } from "../store/analysis-repository.js";
import { DataDirectory, type UploadDestination } from "../store/data-directory.js";
import type { DatabaseSchema } from "../store/database-schema.js";
import { IngestedFileRepository } from "../store/ingested-file-repository.js";
import { openStore, type Store } from "../store/open-store.js";
import { type RetentionReport, sweepRetention } from "../store/retention-sweep.js";
import { isoNow } from "../store/timestamps.js";
import { TonicRepository } from "../store/tonic-repository.js";
import { AnalysisImageRenderer } from "./analysis-images.js";
import type { AnalysisImageRequest } from "./analysis-images-request.js";
import { ingestFile } from "./ingest-file.js";
import type { AnalysisJobPayload, JobWorkerContext } from "./job-payloads.js";
import { watchJobEvents } from "./job-watch.js";
import { createLibraryService } from "./library-service.js";
import { ReferenceIndex } from "./reference-index.js";
import type {
  AnalysisFilter,
  AnalysisRequest,
  AnalysisView,
  JobEvent,
  JobFilter,
  JobView,
  NewReferenceFields,
  Page,
  ReadinessCheck,
  SimilarView,
  TonearmService,
} from "./service.js";
import { ANALYSIS_KINDS, MAX_SETTING_BYTES, SETTING_KEY_PATTERN } from "./service.js";
import { storeJobOutput } from "./store-job-output.js";
import { createTonicService } from "./tonic-service.js";
import { TranscriptionAttemptRunner } from "./transcription-attempts.js";
import { downloadFileName, transcriptionFilePath } from "./transcription-files.js";
import { analysisView, jobView, referenceView } from "./views.js";

export interface OpenServiceOptions {
  /**
   * Run jobs in this process. Default: true without `config.redisUrl`; false with it (the
   * `tonearm worker` processes run them). False: submit and inspect only.
   */
  readonly runJobs?: boolean;
  /** BullMQ's Redis key prefix (default "bull"); tests use one per run. */
  readonly bullmqPrefix?: string;
  /** BullMQ lock and stalled-check timings (a killed worker's job is taken over after the lock expires). */
  readonly lockDurationMs?: number;
  readonly stalledIntervalMs?: number;
  /** The job worker entry; default ./job-worker (.ts from source, .js when built). */
  readonly workerUrl?: URL;
  /** PostgreSQL: keep the tables in this schema (tests isolate themselves with it). */
  readonly postgresSchema?: string;
  /** Queue timings (tests shorten them); see DatabaseJobQueueOptions. */
  readonly heartbeatMs?: number;
  readonly staleAfterMs?: number;
  readonly pollIntervalMs?: number;
  readonly recoveryIntervalMs?: number;
  /** How often the retention sweep runs while open; default 6 hours; 0 disables the timer. */
  readonly retentionSweepIntervalMs?: number;
  /** Called with every change of every job this process runs or changes (a worker's log). */
  readonly onJobEvent?: (event: JobEvent) => void;
  /** Where problems that do not fail a request are reported (a logger's warn). */
  readonly warn?: (message: string, error?: unknown) => void;
  /** Image renders at once, on their own worker threads (default 2); see analysis-images.ts. */
  readonly renderThreads?: number;
}

/** The service as openService returns it: the contract plus the data-directory helpers. */
export interface OpenedTonearmService extends TonearmService {
  readonly dataDirectory: DataDirectory;
  /** A fresh path in uploads/ to stream an upload to (generated name; see data-directory.ts). */
  createUploadDestination(originalName: string): Promise<UploadDestination>;
  /** Deletes owned audio and artifacts older than `config.retentionDays` now. */
  sweepRetention(now?: Date): Promise<RetentionReport>;
  /** This process's worker id (for logs); jobs it runs carry it. */
  readonly workerId: string;
  /** The render cache and pool behind renderAnalysisImage (its `renders` counts renders started). */
  readonly analysisImages: AnalysisImageRenderer;
}

const DEFAULT_TOP_K = 5;
/** How long a dispatch or a readiness probe waits for Redis. */
const DISPATCH_TIMEOUT_MS = 5_000;
const MAX_TOP_K = 100;
const SIX_HOURS_MS = 6 * 3600 * 1000;

function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${message} within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** The URL without its password, for messages. */
function describeRedisUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return "(unparseable Redis URL)";
  }
}

function defaultWorkerUrl(): URL {
  return new URL(`./job-worker${extname(fileURLToPath(import.meta.url))}`, import.meta.url);
}

function checkYear(year: number | null | undefined): number | null {
  if (year === undefined || year === null) return null;
  if (!(Number.isInteger(year) && year >= 1000 && year <= 9999)) {
    throw new TonearmError("INVALID_OPTION", `year must be a four-digit year, got ${year}`);
  }
  return year;
}

function checkSettingKey(key: string): void {
  if (!SETTING_KEY_PATTERN.test(key)) {
    throw new TonearmError(
      "INVALID_OPTION",
      `a setting key is a lowercase letter, then lowercase letters, digits, ".", "_" or "-" (at most 64), got "${key.slice(0, 80)}"`,
    );
  }
}

function trimmedOrNull(text: string | null | undefined): string | null {
  const trimmed = text?.trim();
  return trimmed ? trimmed : null;
}

export async function openService(
  config: TonearmConfig,
  options: OpenServiceOptions = {},
): Promise<OpenedTonearmService> {
  const warn = options.warn ?? (() => {});
  const data = new DataDirectory(dataDirectory(config));
  await data.ensure();
  const dialect = config.databaseUrl ? "postgres" : "sqlite";
  const opened: Store = await openStore({
    postgresUrl: config.databaseUrl,
    sqliteFile: sqliteFile(config),
    postgresSchema: options.postgresSchema,
    onJobCompleted: (transaction, job, output) => storeJobOutput(transaction, dialect, job, output),
  });
  const bullmq = config.redisUrl ? { redisUrl: config.redisUrl, prefix: options.bullmqPrefix } : null;
  const runJobs = options.runJobs ?? bullmq === null;
  const context: JobWorkerContext = {
    decoder: config.decoder,
    ffmpegPath: config.ffmpegPath,
    maxDurationSeconds: config.maxDurationSeconds,
    library: { config, postgresSchema: options.postgresSchema ?? null },
  };
  const workerUrl = options.workerUrl ?? defaultWorkerUrl();
  const runsEmbedded = runJobs && bullmq === null;
  const jobRunner = () =>
    new TranscriptionAttemptRunner(new WorkerThreadJobRunner(workerUrl, config.jobs, context), warn);
  const queue = new DatabaseJobQueue({
    repository: opened.jobs,
    runJobs: runsEmbedded,
    runner: runsEmbedded ? jobRunner() : undefined,
    concurrency: config.jobs,
    timeoutMs: config.jobTimeoutSeconds * 1000,
    heartbeatMs: options.heartbeatMs,
    staleAfterMs: options.staleAfterMs,
    pollIntervalMs: options.pollIntervalMs,
    recoveryIntervalMs: options.recoveryIntervalMs,
    warn,
  });
  const pollIntervalMs = options.pollIntervalMs ?? 500;
  if (options.onJobEvent) queue.events.subscribeAll(options.onJobEvent);
  const references = new ReferenceIndex(opened.references);
  const analysisImages = new AnalysisImageRenderer({
    root: join(data.root, "renders"),
    lookup: (id) => opened.analyses.get(id),
    decoding: { decoder: config.decoder, ffmpegPath: config.ffmpegPath, maxDurationSeconds: config.maxDurationSeconds },
    threads: options.renderThreads,
    timeoutMs: config.jobTimeoutSeconds * 1000,
  });
  const ingestedFiles = new IngestedFileRepository(opened.database.db);

  const dispatcher = bullmq === null ? null : new BullmqJobDispatcher(bullmq);
  const bullmqWorker =
    bullmq !== null && runJobs
      ? new BullmqJobWorker({
          connection: bullmq,
          repository: opened.jobs,
          runner: jobRunner(),
          events: queue.events,
          concurrency: config.jobs,
          timeoutMs: config.jobTimeoutSeconds * 1000,
          heartbeatMs: options.heartbeatMs,
          staleAfterMs: options.staleAfterMs,
          lockDurationMs: options.lockDurationMs,
          stalledIntervalMs: options.stalledIntervalMs,
          recoveryIntervalMs: options.recoveryIntervalMs,
          warn,
        })
      : null;

  try {
    await queue.start();
    await bullmqWorker?.start();
  } catch (error) {
    await bullmqWorker?.close().catch(() => {});
    await dispatcher?.close().catch(() => {});
    await queue.close().catch(() => {});
    await opened.close();
    throw error;
  }

  /** Tells whoever runs jobs that `job` is queued; a job that cannot be dispatched fails (never silently waits). */
  async function dispatch(job: JobRecord): Promise<void> {
    if (dispatcher === null) {
      queue.wake();
      return;
    }
    try {
      await withTimeout(dispatcher.dispatch(job.id), DISPATCH_TIMEOUT_MS, "Redis did not answer");
    } catch (cause) {
      const message = `the job queue (Redis at ${describeRedisUrl(config.redisUrl!)}) is unreachable: ${(cause as Error).message}`;
      await opened.jobs.cancel(job.id, { code: "NOT_AVAILABLE", message });
      throw new TonearmError("NOT_AVAILABLE", message, { cause });
    }
  }

  /** Stops the job if it runs in this process; true when it did. */
  function abortHere(jobId: string): boolean {
    const inQueue = queue.abortLocal(jobId, "cancel");
    const inBullmq = bullmqWorker?.abortLocal(jobId, "cancel") ?? false;
    return inQueue || inBullmq;
  }

  const sweep = (now?: Date) => sweepRetention(opened.analyses, data, { retentionDays: config.retentionDays, now });
  let sweepTimer: NodeJS.Timeout | undefined;
  if (runJobs) {
    sweep().catch((error) => warn("retention sweep failed", error));
    const every = options.retentionSweepIntervalMs ?? SIX_HOURS_MS;
    if (every > 0) {
      sweepTimer = setInterval(() => sweep().catch((error) => warn("retention sweep failed", error)), every);
      sweepTimer.unref();
    }
  }

  async function requireJob(id: string): Promise<JobRecord> {
    const job = await opened.jobs.get(id);
    if (!job) throw new TonearmError("NOT_FOUND", `no job with id ${id}`);
    return job;
  }

  async function view(analysis: AnalysisRecord, withResult: boolean): Promise<AnalysisView> {
    const job = await requireJob(analysis.jobId);
    const result = withResult && job.status === "completed" ? ((await opened.results.get(analysis.id)) ?? null) : null;
    return analysisView(analysis, job, result);
  }

  async function checkRequest(request: AnalysisRequest, analysisId: string): Promise<AnalysisJobPayload> {
    if (!ANALYSIS_KINDS.includes(request.kind)) {
      throw new TonearmError(
        "INVALID_OPTION",
        `kind must be one of ${ANALYSIS_KINDS.join(", ")}, got "${String(request.kind)}"`,
      );
    }
    const { path, owned } = request.audio;
    if (!isAbsolute(path)) throw new TonearmError("INVALID_OPTION", `the audio path must be absolute, got ${path}`);
    if (owned && !data.isUploadPath(path)) {
      throw new TonearmError("INVALID_OPTION", `owned audio must be in ${data.uploads} (createUploadDestination)`);
    }
    const info = await stat(path).catch(() => undefined);
    if (!info?.isFile()) throw new TonearmError("FILE_NOT_FOUND", `no such file: ${basename(path)}`, { path });
    if (request.kind === "mastering") {
      resolveGenreTarget(request.genre);
      resolveLevel(request.level);
    } else if (request.analyses !== undefined) {
      resolveAnalyses(request.analyses);
    }
    return {
      audioPath: path,
      ...(owned ? { displayName: displayNameOf(request.audio.originalName) } : {}),
      analyses: request.kind === "analysis" && request.analyses !== undefined ? [...request.analyses] : null,
      genre: request.kind === "mastering" ? trimmedOrNull(request.genre) : null,
      level: request.kind === "mastering" ? (request.level ?? null) : null,
      ...(request.kind === "transcription" ? { artifactsDirectory: data.artifactsDirectory(analysisId) } : {}),
    };
  }

  /** Open watches, ended on close so that none keeps polling a closed database. */
  const watches = new Set<() => void>();
  function watch(job: JobRecord, listener: (event: JobEvent) => void): () => void {
    let finished = false;
    let end: (() => void) | undefined;
    const stop = watchJobEvents(
      job,
      (event) => {
        if (FINISHED_JOB_STATUSES.includes(event.status)) {
          finished = true;
          if (end) watches.delete(end);
        }
        listener(event);
      },
      { events: queue.events, read: (id) => opened.jobs.get(id), pollIntervalMs },
    );
    const ending = () => {
      watches.delete(ending);
      stop();
    };
    end = ending;
    // A watch that has already seen the end has stopped itself; the others end on close at the latest.
    if (!finished) watches.add(ending);
    return ending;
  }

  async function waitUntilFinished(jobId: string): Promise<void> {
    const job = await requireJob(jobId);
    if (FINISHED_JOB_STATUSES.includes(job.status)) return;
    await new Promise<void>((resolve) => {
      watch(job, (event) => {
        if (FINISHED_JOB_STATUSES.includes(event.status)) resolve();
      });
    });
  }

  async function vectorOf(analysisId: string): Promise<{ analysis: AnalysisRecord; vector: Float32Array }> {
    const analysis = await opened.analyses.get(analysisId);
    if (!analysis) throw new TonearmError("NOT_FOUND", `no analysis with id ${analysisId}`);
    if (analysis.kind !== "mastering") {
      throw new TonearmError(
        "CONFLICT",
        `analysis ${analysisId} is not a mastering analysis, so it has no feature vector`,
      );
    }
    const result = await opened.results.get(analysisId);
    if (!result?.featureVector) {
      throw new TonearmError(
        "CONFLICT",
        `analysis ${analysisId} has no feature vector yet (its job has not completed, or the audio was silent)`,
      );
    }
    return { analysis, vector: result.featureVector };
  }

  /**
   * submitAnalysis, with `alongside` run in the transaction that inserts the analysis and its
   * job (ingestFile records the content there; an error thrown in it rolls all back).
   */
  async function queueAnalysis(
    request: AnalysisRequest,
    alongside?: (transaction: Kysely<DatabaseSchema>, analysisId: string) => Promise<void>,
  ): Promise<AnalysisView> {
    const analysisId = randomUUID();
    const payload = await checkRequest(request, analysisId);
    const fileName = displayNameOf(request.audio.originalName);
    const { analysis, job } = await opened.database.db.transaction().execute(async (transaction) => {
      const job = await opened.jobs.insert(
        { kind: request.kind, payload, maxAttempts: config.jobMaxAttempts, analysisId },
        transaction,
      );
      const inserted = await opened.analyses.insert(
        {
          id: analysisId,
          kind: request.kind,
          fileName,
          audioPath: request.audio.path,
          owned: request.audio.owned,
          genre: payload.genre,
          level: payload.level,
          analyses: payload.analyses,
          jobId: job.id,
          createdAt: isoNow(),
        },
        transaction,
      );
      await alongside?.(transaction, analysisId);
      return { analysis: inserted, job };
    });
    await dispatch(job);
    // The view of the job as queued (the queue may already have claimed it).
    return analysisView(analysis, job, null);
  }

  const tonicRepository = new TonicRepository(opened.database.db, opened.database.dialect);
  /**
   * Melographs and pitch contours are drawn against the recording's stored tonic unless the
   * request gives one or asks for an estimate; it becomes part of the cache key (ETag), so a
   * changed tonic gives new images.
   */
  async function withStoredTonic(analysisId: string, request: AnalysisImageRequest): Promise<AnalysisImageRequest> {
    if (request.kind !== "melograph" && request.kind !== "pitch" && request.kind !== "notes") return request;
    if ((request.tonicHz ?? null) !== null || request.estimateTonic === true) return request;
    const stored = await tonicRepository.get(analysisId).catch(() => undefined);
    return stored === undefined ? request : { ...request, tonicHz: stored.hz };
  }

  const service: OpenedTonearmService = {
    dataDirectory: data,
    workerId: bullmqWorker?.workerId ?? queue.workerId,
    analysisImages,

    createUploadDestination: (originalName) => data.createUploadPath(originalName),
    library: createLibraryService({ store: opened, config, dispatch }),
    tonics: createTonicService({
      store: opened,
      tonics: tonicRepository,
      config,
      dispatch,
    }),
    sweepRetention: sweep,

    submitAnalysis: (request) => queueAnalysis(request),

    ingestFile: (path, ingestOptions = {}) =>
      ingestFile(path, ingestOptions, {
        files: ingestedFiles,
        readJob: (id) => opened.jobs.get(id),
        queue: queueAnalysis,
      }),

    async getAnalysis(id) {
      const analysis = await opened.analyses.get(id);
      return analysis && view(analysis, true);
    },

    async listAnalyses(filter: AnalysisFilter = {}): Promise<Page<AnalysisView>> {
      const page = await opened.analyses.list(filter);
      const jobs = await opened.jobs.getMany(page.items.map((analysis) => analysis.jobId));
      const items = page.items.flatMap((analysis) => {
        const job = jobs.get(analysis.jobId);
        return job ? [analysisView(analysis, job, null)] : [];
      });
      return { items, total: page.total, offset: filter.offset ?? 0, limit: filter.limit ?? 50 };
    },

    async deleteAnalysis(id) {
      const analysis = await opened.analyses.get(id);
      if (!analysis) return false;
      const job = await opened.jobs.get(analysis.jobId);
      if (job && !FINISHED_JOB_STATUSES.includes(job.status)) {
        const cancelled = await opened.jobs.cancel(job.id, { code: "CANCELLED", message: "its analysis was deleted" });
        // A job running here reports its end when aborted; otherwise this process's watchers hear it now.
        if (!abortHere(job.id) && cancelled) queue.events.publish(eventFromJob(cancelled));
      }
      await opened.analyses.remove(id);
      if (job) await opened.jobs.remove(job.id);
      if (analysis.owned && data.isUploadPath(analysis.audioPath)) await data.removeUpload(analysis.audioPath);
      await data.removeArtifacts(id);
      await analysisImages.remove(id);
      return true;
    },

    async transcriptionFile(analysisId, artifact) {
      const analysis = await opened.analyses.get(analysisId);
      if (analysis?.kind !== "transcription") {
        throw new TonearmError("NOT_FOUND", `no transcription with id ${analysisId}`);
      }
      const job = await requireJob(analysis.jobId);
      if (job.status !== "completed") {
        throw new TonearmError("CONFLICT", `transcription ${analysisId} is ${job.status}, not completed`);
      }
      const path = transcriptionFilePath(data.artifactsDirectory(analysisId), artifact);
      const info = await stat(path).catch(() => undefined);
      if (!info?.isFile()) {
        throw new TonearmError(
          "NOT_FOUND",
          `the ${artifact} file of transcription ${analysisId} is gone (retention policy)`,
        );
      }
      return {
        path,
        contentType: DRUM_ARTIFACT_FORMATS[artifact].contentType,
        fileName: downloadFileName(analysis.fileName, artifact),
        bytes: info.size,
      };
    },

    renderAnalysisImage: async (analysisId, request) =>
      analysisImages.render(analysisId, await withStoredTonic(analysisId, request)),
    analysisImageTag: async (analysisId, request) =>
      analysisImages.tag(analysisId, await withStoredTonic(analysisId, request)),

    async getJob(id) {
      const job = await opened.jobs.get(id);
      return job && jobView(job);
    },

    async listJobs(filter: JobFilter = {}): Promise<Page<JobView>> {
      const page = await opened.jobs.list(filter);
      return {
        items: page.items.map(jobView),
        total: page.total,
        offset: filter.offset ?? 0,
        limit: filter.limit ?? 50,
      };
    },

    async cancelJob(id) {
      const cancelled = await queue.cancel(id);
      bullmqWorker?.abortLocal(id, "cancel");
      // A cancelled transcription keeps no files: whatever its stopped attempt had moved into place goes.
      if (cancelled.kind === "transcription" && cancelled.analysisId !== null) {
        await data
          .removeArtifacts(cancelled.analysisId)
          .catch((error) => warn(`job ${id}: removing the cancelled transcription's files failed`, error));
      }
      return jobView(cancelled);
    },

    async retryJob(id) {
      const queued = await queue.retry(id);
      await dispatch(queued);
      return jobView(queued);
    },

    async watchJob(id, listener: (event: JobEvent) => void) {
      const job = await requireJob(id);
      return watch(job, listener);
    },

    async analyzeNow(request) {
      const submitted = await service.submitAnalysis(request);
      await waitUntilFinished(submitted.job.id);
      const finished = await service.getAnalysis(submitted.id);
      if (!finished) throw new TonearmError("NOT_FOUND", `analysis ${submitted.id} was deleted while it ran`);
      return finished;
    },

    async listReferences(filter = {}) {
      return (await opened.references.list(filter)).map(referenceView);
    },

    async addReferenceFromAnalysis(analysisId, fields: NewReferenceFields = {}) {
      const { analysis, vector } = await vectorOf(analysisId);
      const name = fields.name?.trim() || analysis.fileName.replace(/\.[^.]+$/, "") || analysis.fileName;
      const reference = await opened.references.insert({
        name,
        artist: trimmedOrNull(fields.artist),
        genre: trimmedOrNull(fields.genre),
        year: checkYear(fields.year),
        analysisId,
        vector,
        vectorVersion: FEATURE_VECTOR_VERSION,
      });
      references.invalidate();
      return referenceView(reference);
    },

    async removeReference(id) {
      const removed = await opened.references.remove(id);
      if (removed) references.invalidate();
      return removed;
    },

    async findSimilar(analysisId, query = {}): Promise<readonly SimilarView[]> {
      const topK = query.topK ?? DEFAULT_TOP_K;
      if (!(Number.isInteger(topK) && topK >= 1 && topK <= MAX_TOP_K)) {
        throw new TonearmError("INVALID_OPTION", `topK must be an integer from 1 to ${MAX_TOP_K}, got ${topK}`);
      }
      const { vector } = await vectorOf(analysisId);
      const catalogue = await references.catalogue();
      const matches = catalogue.topK(vector, topK, { genre: trimmedOrNull(query.genre) });
      const records = await opened.references.getMany(matches.map((match) => match.reference.id));
      return matches.flatMap((match) => {
        const record = records.get(match.reference.id);
        return record ? [{ reference: referenceView(record), similarity: match.score }] : [];
      });
    },

    async listSettings() {
      return opened.settings.all();
    },

    async putSetting(key, value) {
      checkSettingKey(key);
      let json: string | undefined;
      try {
        json = JSON.stringify(value);
      } catch (cause) {
        throw new TonearmError("INVALID_OPTION", `the value of setting ${key} is not JSON`, { cause });
      }
      if (json === undefined) throw new TonearmError("INVALID_OPTION", `the value of setting ${key} is not JSON`);
      const bytes = Buffer.byteLength(json, "utf8");
      if (bytes > MAX_SETTING_BYTES) {
        throw new TonearmError(
          "INVALID_OPTION",
          `the value of setting ${key} must be at most ${MAX_SETTING_BYTES} bytes of JSON, got ${bytes}`,
        );
      }
      const stored: unknown = JSON.parse(json);
      await opened.settings.set(key, stored);
      return { key, value: stored };
    },

    async removeSetting(key) {
      checkSettingKey(key);
      return opened.settings.remove(key);
    },

    async readiness(): Promise<readonly ReadinessCheck[]> {
      const checks: ReadinessCheck[] = [];
      const { dialect, location } = opened.database;
      try {
        await sql`select 1`.execute(opened.database.db);
        checks.push({ name: "database", ok: true, detail: `${dialect} ${location}` });
      } catch (error) {
        checks.push({ name: "database", ok: false, detail: `${dialect} ${location}: ${(error as Error).message}` });
      }
      try {
        const counts = await opened.jobs.countByStatus();
        const state = queue.state();
        let where: string;
        if (dispatcher !== null) {
          const messages = await withTimeout(dispatcher.state(), DISPATCH_TIMEOUT_MS, "Redis did not answer");
          where =
            `BullMQ at ${describeRedisUrl(config.redisUrl!)} (${messages.waiting} waiting, ${messages.active} active)` +
            (bullmqWorker ? `, ${bullmqWorker.activeCount} of ${config.jobs} running here` : "");
        } else {
          where = state.runsJobs
            ? `in-process, ${state.running} of ${state.concurrency} workers busy`
            : "jobs run in other processes (tonearm worker)";
        }
        checks.push({
          name: "queue",
          ok: !state.closed,
          detail: `${where}; ${counts.queued} queued, ${counts.running} running`,
        });
      } catch (error) {
        checks.push({ name: "queue", ok: false, detail: (error as Error).message });
      }
      try {
        const ffmpeg = await locateFfmpeg({ path: config.ffmpegPath ?? undefined, preference: config.decoder });
        checks.push({
          name: "decoder",
          ok: true,
          detail: `ffmpeg ${ffmpeg.version} (${ffmpeg.source}) at ${ffmpeg.path}`,
        });
      } catch (error) {
        checks.push({ name: "decoder", ok: false, detail: (error as Error).message });
      }
      return checks;
    },

    async close() {
      clearInterval(sweepTimer);
      for (const stop of [...watches]) stop();
      await analysisImages.close();
      await bullmqWorker?.close();
      await dispatcher?.close();
      await queue.close();
      await opened.close();
    },
  };
  return service;
}

/** The base name a client gave its audio, without any directories, at most 255 characters. */
function displayNameOf(originalName: string): string {
  return basename(originalName.replaceAll("\\", "/")).trim().slice(0, 255) || "audio";
}
