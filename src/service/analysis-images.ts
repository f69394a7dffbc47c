/**
 * Images and data rendered from an analysis's audio (spectrograms, their data and tiles,
 * IDTAP's files, melographs, pitch contours, note transcriptions), cached on disk and
 * rendered off the event loop.
 * - Identity: a product (analysis-images-request.ts, defaults filled in) of an analysis's
 *   audio is named by a hash of tonearm's version, the analysis id, the audio's path, size
 *   and modification time, and the product; the ETag is that hash plus the file's name, so
 *   it changes exactly when the bytes could.
 * - Cache: <data>/renders/<analysis id>/<hash>/<file>. A product is rendered into a hidden
 *   temporary folder and renamed into place, so a folder that exists is complete. Not part
 *   of backups (backup-files.ts copies uploads/ and artifacts/ only); removed with its
 *   analysis, and once its audio is found removed by the retention policy.
 * - Work: renders run on a small pool of worker threads (src/jobs/worker-pool.ts, created on
 *   first use), at most `threads` at once, each stopped after `timeoutMs`; concurrent
 *   requests for the same product share one render.
 */
import { createHash, randomUUID } from "node:crypto";
import { mkdir, rename, rm, stat } from "node:fs/promises";
import { extname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { ERROR_CODES, type ErrorCode, TonearmError } from "../analysis/errors.js";
import { TaskFailure, WorkerPool } from "../jobs/worker-pool.js";
import { TONEARM_VERSION } from "../version.js";
import type { RenderDecoding, RenderTask } from "./analysis-images-render.js";
import {
  type AnalysisImageRequest,
  contentTypeOf,
  normaliseProduct,
  productFile,
  type RenderProduct,
} from "./analysis-images-request.js";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** What the renderer needs to know of an analysis. */
export interface AnalysisAudio {
  readonly audioPath: string;
  /** ISO time the retention policy removed the audio; null while it is kept. */
  readonly audioRemovedAt: string | null;
}

/** A rendered file, ready to send. */
export interface AnalysisImageFile {
  readonly path: string;
  readonly contentType: string;
  /** A strong entity tag, quoted: `"<hash>.<file>"`. */
  readonly etag: string;
  readonly bytes: number;
}

/** What identifies a response before anything is rendered (for If-None-Match). */
export interface AnalysisImageTag {
  readonly contentType: string;
  readonly etag: string;
}

export interface AnalysisImageRendererOptions {
  /** The cache folder, <data>/renders. */
  readonly root: string;
  readonly lookup: (analysisId: string) => Promise<AnalysisAudio | undefined>;
  readonly decoding: RenderDecoding;
  /** Renders at once (worker threads); default 2. */
  readonly threads?: number;
  /** A render running longer is stopped (TIMEOUT); default 5 minutes. */
  readonly timeoutMs?: number;
  /** The worker entry; default ./analysis-images-worker (.ts from source, .js when built). */
  readonly workerUrl?: URL;
}

interface Resolved {
  readonly audioPath: string;
  readonly product: RenderProduct;
  readonly file: string;
  readonly hash: string;
  readonly tag: AnalysisImageTag;
}

function defaultWorkerUrl(): URL {
  return new URL(`./analysis-images-worker${extname(fileURLToPath(import.meta.url))}`, import.meta.url);
}

/** The worker's { code, message } as the TonearmError it stands for, when it is one. */
function errorFromFailure(error: unknown): unknown {
  if (!(error instanceof TaskFailure)) return error;
  const { code, message } = error.summary;
  if ((ERROR_CODES as readonly string[]).includes(code)) return new TonearmError(code as ErrorCode, message);
  if (code === "INTERRUPTED") return new TonearmError("NOT_AVAILABLE", "the server is shutting down");
  return new Error(message, { cause: error });
}

export class AnalysisImageRenderer {
  /** Renders started (a cache hit or a joined render starts none). */
  renders = 0;
  private readonly options: AnalysisImageRendererOptions;
  private readonly inFlight = new Map<string, Promise<void>>();
  private pool: WorkerPool<RenderTask, null, never> | undefined;
  private closed = false;

  constructor(options: AnalysisImageRendererOptions) {
    this.options = options;
  }

  /** The response's ETag and type, without rendering (NOT_FOUND, INVALID_OPTION as `render`). */
  async tag(analysisId: string, request: AnalysisImageRequest): Promise<AnalysisImageTag> {
    return (await this.resolve(analysisId, request)).tag;
  }

  /**
   * The requested file, rendered now unless cached. NOT_FOUND for an unknown analysis, audio
   * that is gone (retention policy, or a file under an allowed root deleted), or a file the
   * product does not hold (a tile past the last); INVALID_OPTION for bad parameters; the
   * decoder's codes for audio it cannot read; TIMEOUT.
   */
  async render(analysisId: string, request: AnalysisImageRequest): Promise<AnalysisImageFile> {
    const resolved = await this.resolve(analysisId, request);
    const folder = join(this.analysisFolder(analysisId), resolved.hash);
    if (!(await stat(folder).catch(() => undefined))) {
      const key = `${analysisId}/${resolved.hash}`;
      let running = this.inFlight.get(key);
      if (!running) {
        running = this.renderInto(folder, resolved).finally(() => this.inFlight.delete(key));
        this.inFlight.set(key, running);
      }
      await running;
      // Deleted while rendering: its renders go with it.
      if (!(await this.options.lookup(analysisId))) {
        await this.remove(analysisId);
        throw new TonearmError("NOT_FOUND", `no analysis ${analysisId}`);
      }
    }
    const path = join(folder, resolved.file);
    const info = await stat(path).catch(() => undefined);
    if (!info?.isFile()) {
      throw new TonearmError("NOT_FOUND", `the ${resolved.product.kind} render has no file ${resolved.file}`);
    }
    return { path, ...resolved.tag, bytes: info.size };
  }

  /** Deletes every render of the analysis (idempotent). */
  async remove(analysisId: string): Promise<void> {
    if (!UUID.test(analysisId)) return;
    await rm(this.analysisFolder(analysisId), { recursive: true, force: true });
  }

  /** Stops the render threads; renders still running fail with NOT_AVAILABLE. */
  async close(): Promise<void> {
    this.closed = true;
    await this.pool?.close();
  }

  private analysisFolder(analysisId: string): string {
    return join(this.options.root, analysisId);
  }

  private async resolve(analysisId: string, request: AnalysisImageRequest): Promise<Resolved> {
    if (!UUID.test(analysisId)) throw new TonearmError("NOT_FOUND", `no analysis ${analysisId.slice(0, 60)}`);
    const analysis = await this.options.lookup(analysisId);
    if (!analysis) throw new TonearmError("NOT_FOUND", `no analysis ${analysisId}`);
    if (analysis.audioRemovedAt !== null) {
      await this.remove(analysisId).catch(() => {});
      throw new TonearmError(
        "GONE",
        `the audio of analysis ${analysisId} was removed on ${analysis.audioRemovedAt} under the retention policy, so nothing more can be rendered from it (its report is kept)`,
      );
    }
    const info = await stat(analysis.audioPath).catch(() => undefined);
    if (!info?.isFile()) {
      throw new TonearmError("NOT_FOUND", `the audio of analysis ${analysisId} is gone, so nothing can be rendered`);
    }
    const product = normaliseProduct(request);
    const file = productFile(product, request.file);
    const identity = [TONEARM_VERSION, analysisId, analysis.audioPath, info.size, info.mtimeMs, product];
    const hash = createHash("sha256").update(JSON.stringify(identity)).digest("hex").slice(0, 32);
    const tag = { contentType: contentTypeOf(file), etag: `"${hash}.${file.replaceAll("/", "_")}"` };
    return { audioPath: analysis.audioPath, product, file, hash, tag };
  }

  private async renderInto(folder: string, resolved: Resolved): Promise<void> {
    if (this.closed) throw new TonearmError("NOT_AVAILABLE", "the server is shutting down");
    const scratch = join(folder, "..", `.tmp-${resolved.hash}-${randomUUID()}`);
    await mkdir(scratch, { recursive: true });
    const timeoutMs = this.options.timeoutMs ?? 5 * 60_000;
    const controller = new AbortController();
    const timer = setTimeout(
      () => controller.abort(new TonearmError("TIMEOUT", `rendering took longer than ${timeoutMs / 1000} s`)),
      timeoutMs,
    );
    try {
      this.renders++;
      this.pool ??= new WorkerPool(this.options.workerUrl ?? defaultWorkerUrl(), this.options.threads ?? 2);
      const task: RenderTask = {
        audioPath: resolved.audioPath,
        decoding: this.options.decoding,
        product: resolved.product,
        outDir: scratch,
      };
      await this.pool.run(task, () => {}, { signal: controller.signal });
      await rename(scratch, folder).catch(async (error: NodeJS.ErrnoException) => {
        // Another process sharing the data directory rendered the same product first.
        if (error.code !== "ENOTEMPTY" && error.code !== "EEXIST") throw error;
      });
    } catch (error) {
      throw errorFromFailure(error);
    } finally {
      clearTimeout(timer);
      await rm(scratch, { recursive: true, force: true });
    }
  }
}
