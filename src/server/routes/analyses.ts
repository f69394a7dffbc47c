/**
 * Analyses: submit (upload or path), read, list, follow as server-sent events, delete.
 * POST answers 202 at once with the queued analysis and its Location; the report
 * arrives in GET /api/analyses/:id once the job completes.
 */
import { z } from "zod";
import type { AnalysisRequest } from "../../service/service.js";
import {
  audioAtPath,
  formList,
  handOverAudio,
  type RequestAudio,
  requireJsonOrMultipart,
  uploadedAudio,
} from "../audio-source.js";
import { HttpError } from "../errors.js";
import type { RouteContext, ZodApp } from "../route-context.js";
import {
  AnalysisListQuerySchema,
  AnalysisNamesSchema,
  AnalysisViewSchema,
  AnalyzePathBodySchema,
} from "../schemas/analyses.js";
import { errorResponses, IdParamsSchema, pageSchema } from "../schemas/common.js";
import { analysisJson, pageJson } from "../view-json.js";

function parseAnalyses(names: readonly string[] | undefined): AnalysisRequest["analyses"] {
  if (names === undefined) return undefined;
  const parsed = AnalysisNamesSchema.safeParse(names);
  if (!parsed.success) {
    throw new HttpError("VALIDATION_FAILED", `analyses: ${parsed.error.issues[0]?.message ?? "invalid"}`);
  }
  return parsed.data;
}

async function notFound(id: string): Promise<never> {
  throw new HttpError("NOT_FOUND", `no analysis ${id}`);
}

export function registerAnalysisRoutes(app: ZodApp, { config, service, streamJobEvents }: RouteContext): void {
  app.post(
    "/api/analyses",
    {
      preValidation: requireJsonOrMultipart,
      schema: {
        tags: ["analyses"],
        summary: "analyse an uploaded file (multipart field `file`) or a file under an allowed root (JSON `path`)",
        consumes: ["application/json", "multipart/form-data"],
        body: AnalyzePathBodySchema.nullable(),
        response: { 202: AnalysisViewSchema, ...errorResponses(400, 401, 403, 404, 413, 415, 422, 429) },
      },
    },
    async (request, reply) => {
      let audio: RequestAudio;
      let analyses: AnalysisRequest["analyses"];
      if (request.isMultipart()) {
        const upload = await uploadedAudio(request, config, "file");
        audio = upload.audio;
        analyses = await handOverAudio(audio, async () => parseAnalyses(formList(upload.fields, "analyses")));
      } else {
        if (request.body === null) throw new HttpError("VALIDATION_FAILED", "body: expected an object with a path");
        audio = await audioAtPath(request.body.path, config);
        analyses = request.body.analyses;
      }
      const view = await handOverAudio(audio, () =>
        service.submitAnalysis(
          analyses === undefined ? { kind: "analysis", audio } : { kind: "analysis", audio, analyses },
        ),
      );
      return reply.code(202).header("location", `/api/analyses/${view.id}`).send(analysisJson(view));
    },
  );

  app.get(
    "/api/analyses",
    {
      schema: {
        tags: ["analyses"],
        summary: "list analyses, newest first (items carry no report)",
        querystring: AnalysisListQuerySchema,
        response: { 200: pageSchema(AnalysisViewSchema), ...errorResponses(400, 401, 429) },
      },
    },
    async (request) => {
      const { offset, limit, status, kind, q } = request.query;
      const page = await service.listAnalyses({ offset, limit, status, kind, fileName: q });
      return pageJson(page, analysisJson);
    },
  );

  app.get(
    "/api/analyses/:id",
    {
      schema: {
        tags: ["analyses"],
        summary: "one analysis: status, progress, and the report once done",
        params: IdParamsSchema,
        response: { 200: AnalysisViewSchema, ...errorResponses(400, 401, 404, 429) },
      },
    },
    async (request) => {
      const view = await service.getAnalysis(request.params.id);
      return view === undefined ? notFound(request.params.id) : analysisJson(view);
    },
  );

  app.get(
    "/api/analyses/:id/events",
    {
      schema: {
        tags: ["analyses"],
        summary:
          "server-sent events: `progress` (stage, percentage) on every change, then `done` or `failed`; heartbeat comments",
        produces: ["text/event-stream"],
        params: IdParamsSchema,
        response: { 200: z.string().describe("text/event-stream"), ...errorResponses(400, 401, 404, 429) },
      },
    },
    async (request, reply) => {
      const view = await service.getAnalysis(request.params.id);
      if (view === undefined) return notFound(request.params.id);
      await streamJobEvents(reply, view.job.id);
      return reply;
    },
  );

  app.delete(
    "/api/analyses/:id",
    {
      schema: {
        tags: ["analyses"],
        summary: "delete an analysis (cancels its job, removes uploaded audio and artifacts)",
        params: IdParamsSchema,
        response: { 204: z.null().describe("deleted"), ...errorResponses(400, 401, 404, 429) },
      },
    },
    async (request, reply) => {
      if (!(await service.deleteAnalysis(request.params.id))) return notFound(request.params.id);
      return reply.code(204).send(null);
    },
  );
}
