/**
 * A job's progress as server-sent events: `event: progress` (status, stage, progress
 * 0–1 and percentage 0–100) on every change, then one `event: done` or `event: failed`
 * (cancelled jobs fail with code CANCELLED), after which the stream closes. A comment
 * line (`: heartbeat`) every `heartbeatMs` keeps proxies from timing the stream out.
 * The watch is released exactly once, whichever comes first: the job ends, the client
 * leaves, or the server shuts down; so no listener outlives its stream.
 */
import type { FastifyInstance, FastifyReply } from "fastify";
import type { JobEvent, TonearmService } from "../service/service.js";

export interface JobEventStreamOptions {
  /** Milliseconds between heartbeat comments; default 15 000. */
  readonly heartbeatMs?: number;
}

export type JobEventStreamer = (reply: FastifyReply, jobId: string) => Promise<void>;

function isFinished(event: JobEvent): boolean {
  return event.status === "completed" || event.status === "failed" || event.status === "cancelled";
}

/** The SSE frame for one job event. */
export function formatJobEvent(event: JobEvent): string {
  const base = { jobId: event.jobId, status: event.status, stage: event.stage, progress: event.progress };
  if (event.status === "completed") return `event: done\ndata: ${JSON.stringify(base)}\n\n`;
  if (event.status === "failed" || event.status === "cancelled") {
    const error = event.error ?? { code: "CANCELLED", message: "the job was cancelled" };
    return `event: failed\ndata: ${JSON.stringify({ ...base, error })}\n\n`;
  }
  const percentage = Math.round(Math.min(1, Math.max(0, event.progress)) * 100);
  return `event: progress\ndata: ${JSON.stringify({ ...base, percentage })}\n\n`;
}

export function createJobEventStreamer(
  app: FastifyInstance,
  service: TonearmService,
  options: JobEventStreamOptions = {},
): JobEventStreamer {
  const heartbeatMs = options.heartbeatMs ?? 15_000;
  const open = new Set<() => void>();
  app.addHook("preClose", async () => {
    for (const close of [...open]) close();
  });

  return async (reply, jobId) => {
    const early: JobEvent[] = [];
    let deliver: ((event: JobEvent) => void) | null = null;
    // watchJob may call the listener before it returns; those events wait in `early`.
    const unwatch = await service.watchJob(jobId, (event) => (deliver ? deliver(event) : early.push(event)));

    const raw = reply.raw;
    let closed = false;
    let heartbeat: NodeJS.Timeout | undefined;
    const close = () => {
      if (closed) return;
      closed = true;
      open.delete(close);
      if (heartbeat !== undefined) clearInterval(heartbeat);
      unwatch();
      if (!raw.writableEnded) raw.end();
    };
    open.add(close);
    raw.on("close", close);

    reply.hijack();
    const headers: Record<string, string | number | string[]> = {};
    for (const [name, value] of Object.entries(reply.getHeaders())) if (value !== undefined) headers[name] = value;
    raw.writeHead(200, {
      ...headers,
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-cache, no-transform",
      connection: "keep-alive",
      "x-accel-buffering": "no",
    });
    raw.write(": tonearm job events\n\n");
    heartbeat = setInterval(() => raw.write(": heartbeat\n\n"), heartbeatMs);

    deliver = (event) => {
      if (closed) return;
      raw.write(formatJobEvent(event));
      if (isFinished(event)) close();
    };
    for (const event of early.splice(0)) deliver(event);
  };
}
