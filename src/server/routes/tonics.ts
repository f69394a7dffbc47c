/**
 * Recordings' tonics over HTTP (service.tonics, src/service/tonic-service.ts):
 * - GET /api/analyses/:id/tonic: the stored tonic (404 for an unknown analysis, and when no
 *   tonic is stored yet: estimate one with POST /api/tonics/update or set one with PUT);
 * - PUT /api/analyses/:id/tonic `{ hz }`: set it by hand (source "manual", kept by
 *   re-estimation unless forced); 422 outside 20–2000 Hz;
 * - GET /api/tonics: the stored tonics with their recordings' names, newest recording first;
 * - POST /api/tonics/update `{ onlyMissing?, force? }`: "update all tonics" as a background job
 *   (kind "tonic-update"; 202 with the job, follow it at /api/jobs/:id or its events; its
 *   result counts updated, skipped and failed recordings); 409 while another one is unfinished.
 */
import { HttpError } from "../errors.js";
import type { RouteContext, ZodApp } from "../route-context.js";
import { errorResponses, IdParamsSchema, JobViewSchema, PageQuerySchema, pageSchema } from "../schemas/common.js";
import { ListedTonicSchema, TonicBodySchema, TonicSchema, TonicUpdateBodySchema } from "../schemas/tonics.js";
import { jobJson, pageJson } from "../view-json.js";

export function registerTonicRoutes(app: ZodApp, { service }: RouteContext): void {
  const tags = ["tonics"];

  app.get(
    "/api/analyses/:id/tonic",
    {
      schema: {
        tags,
        summary: "the tonic of an analysis's recording (estimated or set by hand)",
        params: IdParamsSchema,
        response: { 200: TonicSchema, ...errorResponses(400, 401, 404, 429) },
      },
    },
    async (request) => {
      const tonic = await service.tonics.getTonic(request.params.id);
      if (tonic === null) {
        throw new HttpError(
          "NOT_FOUND",
          `analysis ${request.params.id} has no tonic yet (POST /api/tonics/update estimates it; PUT sets it)`,
        );
      }
      return tonic;
    },
  );

  app.put(
    "/api/analyses/:id/tonic",
    {
      schema: {
        tags,
        summary: "set the tonic of an analysis's recording by hand (kept by re-estimation unless forced)",
        params: IdParamsSchema,
        body: TonicBodySchema,
        response: { 200: TonicSchema, ...errorResponses(400, 401, 404, 422, 429) },
      },
    },
    async (request) => service.tonics.setTonic(request.params.id, request.body.hz),
  );

  app.get(
    "/api/tonics",
    {
      schema: {
        tags,
        summary: "the stored tonics with their recordings' file names, newest recording first",
        querystring: PageQuerySchema,
        response: { 200: pageSchema(ListedTonicSchema), ...errorResponses(400, 401, 429) },
      },
    },
    async (request) => pageJson(await service.tonics.listTonics(request.query), (tonic) => ({ ...tonic })),
  );

  app.post(
    "/api/tonics/update",
    {
      schema: {
        tags,
        summary: "estimate the tonics of every recording whose audio is still there again, as a background job",
        body: TonicUpdateBodySchema.nullish(),
        response: { 202: JobViewSchema, ...errorResponses(400, 401, 409, 422, 429) },
      },
    },
    async (request, reply) => {
      const job = await service.tonics.updateAllTonics(request.body ?? {});
      return reply.code(202).header("location", `/api/jobs/${job.id}`).send(jobJson(job));
    },
  );
}
