/**
 * What every route module receives: the typed Fastify instance (zod schemas), the
 * frozen config, the service facade, and the job-event streamer.
 */
import type {
  FastifyBaseLogger,
  FastifyInstance,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { TonearmConfig } from "../config/load-config.js";
import type { TonearmService } from "../service/service.js";
import type { JobEventStreamer } from "./sse.js";

export type ZodApp = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

export interface RouteContext {
  readonly config: TonearmConfig;
  readonly service: TonearmService;
  readonly streamJobEvents: JobEventStreamer;
}
