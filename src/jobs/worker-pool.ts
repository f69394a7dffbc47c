/**
 * A small pool of worker threads that run one task at a time each, with progress
 * messages. A worker that dies (a native crash, out of memory) fails only its own task
 * and is replaced, so one bad input cannot stop a batch.
 *
 * Protocol: the pool posts `{ id, task }`; the worker answers with `WorkerReply`s
 * (any number of progress messages, then one result or error).
 * Cancelling: `run(task, onProgress, { signal })` — when the signal aborts, a waiting task is
 * dropped and a running one stops at once: its worker is terminated (analysis code need not
 * check for cancellation) and replaced. The task rejects with a TaskFailure summarising the
 * abort reason (a TonearmError keeps its code, e.g. CANCELLED or TIMEOUT). Entries may be compiled
 * `.js` or TypeScript `.ts` (run from source, as in tests and `npm run eval`): a `.ts`
 * worker registers tsx's loader first, since workers do not inherit the parent's loader.
 */
import { Worker } from "node:worker_threads";
import { type ErrorSummary, summariseError } from "../analysis/errors.js";

export type WorkerReply<Result, Progress> =
  | { readonly id: number; readonly type: "progress"; readonly progress: Progress }
  | { readonly id: number; readonly type: "result"; readonly result: Result }
  | { readonly id: number; readonly type: "error"; readonly error: ErrorSummary };

export class TaskFailure extends Error {
  readonly summary: ErrorSummary;
  constructor(summary: ErrorSummary) {
    super(summary.message);
    this.summary = summary;
  }
}

export interface RunOptions {
  /** Aborting drops the task, or terminates the worker running it. */
  readonly signal?: AbortSignal;
}

interface PendingTask<Task, Result, Progress> {
  readonly id: number;
  readonly task: Task;
  readonly onProgress: (progress: Progress) => void;
  readonly resolve: (result: Result) => void;
  readonly reject: (error: TaskFailure) => void;
}

interface Slot<Task, Result, Progress> {
  worker: Worker;
  current: PendingTask<Task, Result, Progress> | undefined;
}

function startWorker(entry: URL): Worker {
  if (!entry.pathname.endsWith(".ts")) return new Worker(entry);
  const loader = import.meta.resolve("tsx/esm/api");
  const bootstrap = `import(${JSON.stringify(loader)})
  .then(({ register }) => { register(); return import(${JSON.stringify(entry.href)}); })
  .catch((error) => { console.error(error); process.exit(1); });`;
  return new Worker(bootstrap, { eval: true });
}

export class WorkerPool<Task, Result, Progress> {
  private readonly workerUrl: URL;
  private readonly slots: Slot<Task, Result, Progress>[] = [];
  private readonly queue: PendingTask<Task, Result, Progress>[] = [];
  private nextId = 0;
  private closed = false;

  constructor(workerUrl: URL, size: number) {
    this.workerUrl = workerUrl;
    for (let i = 0; i < size; i++) this.slots.push(this.spawn());
  }

  run(task: Task, onProgress: (progress: Progress) => void = () => {}, options: RunOptions = {}): Promise<Result> {
    if (this.closed) return Promise.reject(new Error("WorkerPool: closed"));
    const { signal } = options;
    if (signal?.aborted) return Promise.reject(new TaskFailure(summariseError(signal.reason)));
    return new Promise<Result>((resolve, reject) => {
      const id = this.nextId++;
      const onAbort = () => this.abort(id, signal?.reason);
      signal?.addEventListener("abort", onAbort, { once: true });
      const release = () => signal?.removeEventListener("abort", onAbort);
      this.queue.push({
        id,
        task,
        onProgress,
        resolve: (result) => {
          release();
          resolve(result);
        },
        reject: (error) => {
          release();
          reject(error);
        },
      });
      this.dispatch();
    });
  }

  /** Drops task `id` if it waits, or terminates and replaces the worker running it. */
  private abort(id: number, reason: unknown): void {
    const failure = new TaskFailure(summariseError(reason));
    const waiting = this.queue.findIndex((pending) => pending.id === id);
    if (waiting >= 0) {
      const [pending] = this.queue.splice(waiting, 1);
      pending!.reject(failure);
      return;
    }
    const slot = this.slots.find((candidate) => candidate.current?.id === id);
    if (!slot) return;
    const pending = slot.current!;
    slot.current = undefined;
    pending.reject(failure);
    this.replace(slot);
  }

  /** Terminates the workers; tasks still waiting or running reject with INTERRUPTED. */
  async close(): Promise<void> {
    this.closed = true;
    const interrupted = new TaskFailure({ code: "INTERRUPTED", message: "the worker pool was closed" });
    for (const pending of this.queue.splice(0)) pending.reject(interrupted);
    for (const slot of this.slots) {
      slot.current?.reject(interrupted);
      slot.current = undefined;
    }
    await Promise.all(this.slots.map((slot) => slot.worker.terminate()));
  }

  private spawn(): Slot<Task, Result, Progress> {
    const slot: Slot<Task, Result, Progress> = { worker: startWorker(this.workerUrl), current: undefined };
    slot.worker.on("message", (reply: WorkerReply<Result, Progress>) => this.onReply(slot, reply));
    slot.worker.on("error", (error) => this.onDeath(slot, `worker failed: ${error.message}`));
    slot.worker.on("exit", (code) => {
      if (!this.closed) this.onDeath(slot, `worker exited with code ${code}`);
    });
    slot.worker.unref();
    return slot;
  }

  private onReply(slot: Slot<Task, Result, Progress>, reply: WorkerReply<Result, Progress>): void {
    const pending = slot.current;
    if (!pending || pending.id !== reply.id) return;
    if (reply.type === "progress") {
      pending.onProgress(reply.progress);
      return;
    }
    slot.current = undefined;
    if (reply.type === "result") pending.resolve(reply.result);
    else pending.reject(new TaskFailure(reply.error));
    this.dispatch();
  }

  private onDeath(slot: Slot<Task, Result, Progress>, reason: string): void {
    const pending = slot.current;
    slot.current = undefined;
    pending?.reject(new TaskFailure({ code: "WORKER_EXITED", message: reason }));
    this.replace(slot);
  }

  /** Terminates a slot's worker and puts a fresh one in its place. */
  private replace(slot: Slot<Task, Result, Progress>): void {
    const index = this.slots.indexOf(slot);
    slot.worker.removeAllListeners();
    slot.worker.on("error", () => {});
    void slot.worker.terminate();
    if (index >= 0 && !this.closed) {
      this.slots[index] = this.spawn();
      this.dispatch();
    }
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (slot.current || this.queue.length === 0) continue;
      const next = this.queue.shift()!;
      slot.current = next;
      slot.worker.postMessage({ id: next.id, task: next.task });
    }
    const busy = this.slots.some((slot) => slot.current);
    for (const slot of this.slots) {
      if (busy) slot.worker.ref();
      else slot.worker.unref();
    }
  }
}
