/**
 * Jobs: list (paged, filtered), read, follow as server-sent events (sse.ts; jobs with no
 * analysis, such as library scans and batches, are followed here), cancel (409 when finished),
 * retry (409 unless failed or cancelled).
 */
import { z } from "zod";
import { JOB_KINDS, JOB_STATUSES } from "../../service/service.js";
import { HttpError } from "../errors.js";
import type { RouteContext, ZodApp } from "../route-context.js";
import { errorResponses, IdParamsSchema, JobViewSchema, PageQuerySchema, pageSchema } from "../schemas/common.js";
import { jobJson, pageJson } from "../view-json.js";

const JobListQuerySchema = PageQuerySchema.extend({
  status: z.enum(JOB_STATUSES).optional(),
  kind: z.enum(JOB_KINDS).optional(),
});

export function registerJobRoutes(app: ZodApp, { service, streamJobEvents }: RouteContext): void {
  app.get(
    "/api/jobs",
    {
      schema: {
        tags: ["jobs"],
        summary: "list jobs, newest first",
        querystring: JobListQuerySchema,
        response: { 200: pageSchema(JobViewSchema), ...errorResponses(400, 401, 429) },
      },
    },
    async (request) => pageJson(await service.listJobs(request.query), jobJson),
  );

  app.get(
    "/api/jobs/:id",
    {
      schema: {
        tags: ["jobs"],
        summary: "one job",
        params: IdParamsSchema,
        response: { 200: JobViewSchema, ...errorResponses(400, 401, 404, 429) },
      },
    },
    async (request) => {
      const job = await service.getJob(request.params.id);
      if (job === undefined) throw new HttpError("NOT_FOUND", `no job ${request.params.id}`);
      return jobJson(job);
    },
  );

  app.get(
    "/api/jobs/:id/events",
    {
      schema: {
        tags: ["jobs"],
        summary:
          "server-sent events: `progress` (stage, percentage) on every change, then `done` or `failed`; heartbeat comments",
        produces: ["text/event-stream"],
        params: IdParamsSchema,
        response: { 200: z.string().describe("text/event-stream"), ...errorResponses(400, 401, 404, 429) },
      },
    },
    async (request, reply) => {
      const job = await service.getJob(request.params.id);
      if (job === undefined) throw new HttpError("NOT_FOUND", `no job ${request.params.id}`);
      await streamJobEvents(reply, job.id);
      return reply;
    },
  );

  app.post(
    "/api/jobs/:id/cancel",
    {
      schema: {
        tags: ["jobs"],
        summary: "cancel a queued or running job",
        params: IdParamsSchema,
        response: { 200: JobViewSchema, ...errorResponses(400, 401, 404, 409, 429) },
      },
    },
    async (request) => jobJson(await service.cancelJob(request.params.id)),
  );

  app.post(
    "/api/jobs/:id/retry",
    {
      schema: {
        tags: ["jobs"],
        summary: "queue a failed or cancelled job again",
        params: IdParamsSchema,
        response: { 200: JobViewSchema, ...errorResponses(400, 401, 404, 409, 429) },
      },
    },
    async (request) => jobJson(await service.retryJob(request.params.id)),
  );
}
