/**
 * The HTTP server of `tonearm serve`: `buildServer` assembles the Fastify app (not
 * listening) and `startServer` listens. The app is a thin shell over the service
 * facade: routes translate HTTP to `TonearmService` calls and hold no analysis or
 * storage logic. Assembly order matters: request ids and the error table first, then
 * CORS (so preflights answer before the key check), multipart, the OpenAPI document
 * (generated from the routes' zod schemas; /docs and /docs/json), WebSockets (before the
 * checks, so that a refused upgrade's socket is destroyed), the API-key check, the rate
 * limiter, and finally the routes.
 */
import multipart from "@fastify/multipart";
import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import websocket from "@fastify/websocket";
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from "fastify";
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from "fastify-type-provider-zod";
import { TonearmError } from "../analysis/errors.js";
import { bindsLoopbackOnly, type TonearmConfig } from "../config/load-config.js";
import type { TonearmService } from "../service/service.js";
import { TONEARM_VERSION } from "../version.js";
import { registerApiKeyAuth } from "./auth.js";
import { handleError, handleNotFound } from "./errors.js";
import { createServerLogger, requestIdFor, serializeRequest } from "./logging.js";
import type { RouteContext } from "./route-context.js";
import { registerAnalysisRoutes } from "./routes/analyses.js";
import { registerAnalysisImageRoutes } from "./routes/analysis-images.js";
import { registerHealthRoutes } from "./routes/health.js";
import { registerIngestRoutes } from "./routes/ingest.js";
import { registerJobRoutes } from "./routes/jobs.js";
import { registerLibraryRoutes } from "./routes/library.js";
import { registerMasteringRoutes } from "./routes/mastering.js";
import { registerReferenceRoutes } from "./routes/references.js";
import { registerDrumScoreRoutes } from "./routes/seed-drumscore.js";
import { registerMasteringToolRoutes } from "./routes/seed-mastering-tool.js";
import { registerMasteringToolProgressRoute } from "./routes/seed-mastering-tool-progress.js";
import { registerSectionistRoutes } from "./routes/seed-sectionist.js";
import { registerSettingRoutes } from "./routes/settings.js";
import { registerTonicRoutes } from "./routes/tonics.js";
import { registerTranscriptionRoutes } from "./routes/transcriptions.js";
import { registerCors, registerRateLimit } from "./security.js";
import { createJobEventStreamer } from "./sse.js";

export interface BuildServerOptions {
  readonly config: TonearmConfig;
  readonly service: TonearmService;
  /** Default: pino to stdout, or to `config.logFile` rotated daily. */
  readonly logger?: FastifyBaseLogger;
  /** Milliseconds between SSE heartbeat comments and WebSocket pings; default 15 000. */
  readonly sseHeartbeatMs?: number;
}

/** Refuses configurations that would expose the API unauthenticated. */
export function checkServerConfig(config: TonearmConfig): void {
  if (!bindsLoopbackOnly(config) && config.apiKeys.length === 0) {
    throw new TonearmError(
      "INVALID_OPTION",
      `refusing to serve on ${config.host} without API keys: set TONEARM_API_KEYS (keys of at least 16 characters) or bind 127.0.0.1`,
    );
  }
}

export async function buildServer(options: BuildServerOptions): Promise<FastifyInstance> {
  const { config, service } = options;
  checkServerConfig(config);
  const app = Fastify({
    loggerInstance: options.logger ?? createServerLogger(config),
    genReqId: requestIdFor,
    requestIdHeader: false,
    bodyLimit: 1024 * 1024,
    return503OnClosing: true,
    // Every request's logger serializes it with the URL redacted (logging.ts), whatever logger was given.
    childLoggerFactory: (logger, bindings, childOptions) =>
      logger.child(bindings, { ...childOptions, serializers: { ...childOptions.serializers, req: serializeRequest } }),
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(handleError);
  app.setNotFoundHandler(handleNotFound);
  app.addHook("onRequest", async (request, reply) => {
    reply.header("x-request-id", request.id);
  });
  // An empty body labelled JSON is no body (the Audio Mastering Tool's axios client POSTs
  // `null` with Content-Type: application/json); anything else goes to Fastify's safe parser.
  const parseJson = app.getDefaultJsonParser("error", "error");
  app.addContentTypeParser("application/json", { parseAs: "string" }, (request, body, done) => {
    const text = typeof body === "string" ? body : body.toString("utf8");
    if (text === "") done(null, undefined);
    else parseJson(request, text, done);
  });

  await registerCors(app, config.corsOrigins);
  await app.register(multipart, { limits: { fileSize: config.maxUploadBytes + 1, files: 1 } });
  await app.register(swagger, {
    openapi: {
      info: {
        title: "tonearm",
        version: TONEARM_VERSION,
        description:
          "Music analysis over HTTP: structure, key, tempo, chords, loudness and mastering reports and drum transcriptions (PDF, MIDI, MusicXML, drum stem) as background jobs, plus the endpoints of Sectionist, the Audio Mastering Tool and DrumScore for their existing clients. Errors: { error: { code, message } } (seed routes: their own shapes). " +
          "Not listed below (OpenAPI cannot describe WebSockets): GET /ws/progress/{analysis_id}, the Audio Mastering Tool's progress WebSocket: " +
          'JSON text frames { type: "band_progress", analysis_id, band (tonearm\'s stage), progress (0–100), status }, then { type: "complete", analysis_id, progress: 100, status: "completed" } ' +
          'or { type: "error", analysis_id, message }, then a close with code 1000; with API keys, pass ?api_key=KEY (browsers cannot send headers on a WebSocket).',
      },
      components: {
        securitySchemes: {
          bearer: { type: "http", scheme: "bearer" },
          apiKey: { type: "apiKey", in: "header", name: "X-API-Key" },
        },
      },
      security: config.apiKeys.length > 0 ? [{ bearer: [] }, { apiKey: [] }] : [],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: "/docs" });
  // Before the key check and the rate limiter: the plugin's onRequest hook marks upgrade requests,
  // and only marked ones get their socket destroyed when refused (401, 429) instead of leaking it.
  await app.register(websocket, {
    options: { maxPayload: 1024 },
    // Open sockets are ended by their route's own preClose hook (close 1001, watch released).
    preClose: async () => {},
  });
  registerApiKeyAuth(app, config.apiKeys);
  await registerRateLimit(app, config.rateLimitPerMinute);

  const context: RouteContext = {
    config,
    service,
    streamJobEvents: createJobEventStreamer(app, service, { heartbeatMs: options.sseHeartbeatMs }),
  };
  const typed = app.withTypeProvider<ZodTypeProvider>();
  registerHealthRoutes(typed, context);
  registerAnalysisRoutes(typed, context);
  registerAnalysisImageRoutes(typed, context);
  registerMasteringRoutes(typed, context);
  registerTranscriptionRoutes(typed, context);
  registerReferenceRoutes(typed, context);
  registerJobRoutes(typed, context);
  registerSettingRoutes(typed, context);
  registerIngestRoutes(typed, context);
  registerLibraryRoutes(typed, context);
  registerTonicRoutes(typed, context);
  registerSectionistRoutes(typed, context);
  registerMasteringToolRoutes(typed, context);
  registerMasteringToolProgressRoute(typed, context, { heartbeatMs: options.sseHeartbeatMs });
  registerDrumScoreRoutes(typed, context);
  await app.ready();
  return app;
}

export interface StartServerOptions extends BuildServerOptions {
  /** Overrides config.host / config.port (the CLI's --host, --port). */
  readonly host?: string;
  readonly port?: number;
}

export interface RunningServer {
  readonly app: FastifyInstance;
  /** http://host:port as bound (the real port when 0 was asked). */
  readonly url: string;
}

/** Builds the server for the effective host and port and listens. */
export async function startServer(options: StartServerOptions): Promise<RunningServer> {
  const config: TonearmConfig = Object.freeze({
    ...options.config,
    host: options.host ?? options.config.host,
    port: options.port ?? options.config.port,
  });
  const app = await buildServer({ ...options, config });
  await app.listen({ host: config.host, port: config.port });
  const address = app.server.address();
  const port = typeof address === "object" && address !== null ? address.port : config.port;
  const host = config.host.includes(":") ? `[${config.host}]` : config.host;
  return { app, url: `http://${host}:${port}` };
}
