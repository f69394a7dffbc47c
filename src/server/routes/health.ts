/**
 * GET /health (liveness) and GET /ready (readiness: database, queue, decoder).
 * /health answers every client that polls it: tonearm's probes, the Audio Mastering
 * Tool (`{ "status": "ok" }`, dennisdubs6-creator/audio-mastering-tool
 * backend/api/routers/health.py) and Sectionist's Swift client, which decodes
 * `{ status, version, backend }` as strings (alienbrainfarm/Sectionist
 * Sectionist/AnalysisService.swift, `ServerHealth`). Both are open without an API key.
 */
import { z } from "zod";
import { TONEARM_VERSION } from "../../version.js";
import type { RouteContext, ZodApp } from "../route-context.js";

const HealthSchema = z
  .object({
    status: z.literal("ok"),
    version: z.string().describe("tonearm version"),
    backend: z.literal("tonearm"),
    uptimeSeconds: z.number(),
  })
  .describe("the server is up");

const ReadinessSchema = z.object({
  status: z.enum(["ready", "not ready"]),
  checks: z.array(z.object({ name: z.enum(["database", "queue", "decoder"]), ok: z.boolean(), detail: z.string() })),
});

export function registerHealthRoutes(app: ZodApp, { service }: RouteContext): void {
  const startedAt = Date.now();
  app.get(
    "/health",
    {
      config: { public: true, rateLimit: false },
      schema: { tags: ["health"], summary: "liveness", response: { 200: HealthSchema } },
    },
    async () => ({
      status: "ok" as const,
      version: TONEARM_VERSION,
      backend: "tonearm" as const,
      uptimeSeconds: Math.round((Date.now() - startedAt) / 1000),
    }),
  );

  app.get(
    "/ready",
    {
      config: { public: true, rateLimit: false },
      schema: {
        tags: ["health"],
        summary: "readiness: 200 when database, queue and decoder are all ok, else 503",
        response: { 200: ReadinessSchema, 503: ReadinessSchema },
      },
    },
    async (_request, reply) => {
      const checks = (await service.readiness()).map((check) => ({ ...check }));
      const ready = checks.every((check) => check.ok);
      return reply.code(ready ? 200 : 503).send({ status: ready ? "ready" : "not ready", checks });
    },
  );
}
