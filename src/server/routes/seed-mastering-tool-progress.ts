/**
 * The Audio Mastering Tool's progress WebSocket: `GET /ws/progress/{analysis_id}` upgraded
 * (@fastify/websocket) to a socket that sends the analysis job's progress as JSON text frames
 * in the shapes the tool's client reads (seed/mastering-tool-progress.ts), and closes with
 * 1000 when the job ends.
 * Sources: dennisdubs6-creator/audio-mastering-tool frontend/src/api/websocket.ts (connects to
 * `${baseUrl with ws}/ws/progress/${analysisId}`, sends no credentials, reconnects on any
 * close but 1000), frontend/src/hooks/useAnalysisProgress.ts (what it reads) and
 * backend/api/routers/progress.py (the route; the server ignores what the client sends).
 * - Over service.watchJob: the current state at once, then every change. The watch is
 *   released exactly once, whichever comes first: the job ends, the client leaves, the server
 *   shuts down (close 1001), so no listener outlives its socket.
 * - An unknown analysis, or one that is not a mastering analysis, gets one error message
 *   ("Analysis not found") and a 1000 close, so that the client shows it instead of retrying.
 * - API keys, when configured: the usual headers, or `?api_key=KEY` in the URL, because a
 *   browser cannot set headers on a WebSocket and the tool's client sends none (the query's
 *   key is redacted from the logs, see logging.ts). A missing or wrong key is refused with
 *   401 before the upgrade.
 * - Browsers apply no CORS to WebSockets but send an Origin: an Origin that is not in
 *   `corsOrigins` is refused with 403 before the upgrade; clients that send none pass.
 * - A ping every `heartbeatMs` keeps proxies from closing an idle connection. The client's
 *   own frames are read and dropped, at most 1 KiB each (the plugin's maxPayload, app.ts).
 * WebSocket routes cannot be described in OpenAPI 3; the document's description names it.
 */
import { z } from "zod";
import { isTonearmError } from "../../analysis/errors.js";
import type { JobEvent } from "../../service/service.js";
import { HttpError } from "../errors.js";
import type { RouteContext, ZodApp } from "../route-context.js";
import { UuidSchema } from "../schemas/common.js";
import { masteringToolProgress, type ProgressMessage } from "../seed/mastering-tool-progress.js";

/** The part of a `ws` WebSocket this route uses (the package ships no types of its own). */
interface ProgressSocket {
  readonly readyState: number;
  send(data: string): void;
  close(code: number, reason: string): void;
  ping(): void;
  terminate(): void;
  on(event: "close", listener: () => void): unknown;
}

const OPEN = 1;

export interface ProgressSocketOptions {
  /** Milliseconds between pings; default 15 000. */
  readonly heartbeatMs?: number;
}

export function registerMasteringToolProgressRoute(
  app: ZodApp,
  { config, service }: RouteContext,
  options: ProgressSocketOptions = {},
): void {
  const heartbeatMs = options.heartbeatMs ?? 15_000;
  const allowedOrigins = new Set(config.corsOrigins);
  /** End functions of the open sockets, for shutdown. */
  const open = new Set<(code: number, reason: string) => void>();
  app.addHook("preClose", async () => {
    for (const end of [...open]) end(1001, "server shutting down");
  });
  /** How long a closing socket may take to answer the close before it is cut at shutdown. */
  const closeGraceMs = 1_000;

  app.get(
    "/ws/progress/:analysis_id",
    {
      websocket: true,
      config: { errorShape: "fastapi" as const, apiKeyInQuery: true },
      schema: { params: z.object({ analysis_id: UuidSchema }) },
      preValidation: async (request) => {
        const origin = request.headers.origin;
        if (origin !== undefined && !allowedOrigins.has(origin)) {
          throw new HttpError("FORBIDDEN", `origin ${origin} is not allowed (corsOrigins)`);
        }
      },
    },
    async (socket: ProgressSocket, request) => {
      const analysisId = request.params.analysis_id;
      let ended = false;
      let unwatch: (() => void) | null = null;
      let ping: NodeJS.Timeout | undefined;
      const send = (message: ProgressMessage) => {
        if (socket.readyState === OPEN) socket.send(JSON.stringify(message));
      };
      const end = (code?: number, reason = "") => {
        if (ended) return;
        ended = true;
        open.delete(end);
        clearInterval(ping);
        unwatch?.();
        if (code !== undefined && socket.readyState === OPEN) socket.close(code, reason);
        if (code === 1001) setTimeout(() => socket.terminate(), closeGraceMs).unref();
      };
      socket.on("close", () => end());
      open.add(end);
      const notFound = () => {
        send({ type: "error", analysis_id: analysisId, message: "Analysis not found" });
        end(1000, "analysis not found");
      };

      try {
        const view = await service.getAnalysis(analysisId);
        if (ended) return;
        if (view === undefined || view.kind !== "mastering") return notFound();
        ping = setInterval(() => {
          if (socket.readyState === OPEN) socket.ping();
        }, heartbeatMs);
        const stop = await service.watchJob(view.job.id, (event: JobEvent) => {
          if (ended) return;
          const { message, finished } = masteringToolProgress(analysisId, event);
          send(message);
          if (finished) end(1000, "analysis finished");
        });
        // The listener may have ended the socket already (a finished job), or the client left meanwhile.
        if (ended) stop();
        else unwatch = stop;
      } catch (error) {
        if (isTonearmError(error) && error.code === "NOT_FOUND") return notFound();
        request.log.error({ err: error }, "progress socket failed");
        send({ type: "error", analysis_id: analysisId, message: `internal server error (request ${request.id})` });
        end(1011, "internal error");
      }
    },
  );
}
