/**
 * The music library over HTTP (service.library, src/service/library-service.ts):
 * - POST /api/library/scans `{ root }` queues a scan (job kind "library-scan") of an allowed
 *   root or a folder inside one (403 outside, as for files named by path: audio-paths.ts);
 * - POST /api/library/batches queues genre look-ups (job kind "library-batch");
 *   both answer 202 with the job (follow it at /api/jobs/:id, or /api/jobs/:id/events as SSE);
 * - GET /api/library/albums: the scanned albums with their track counts and genres;
 * - the review queue: GET /api/library/suggestions (?status=review,manual), GET
 *   /api/library/suggestions/:id (with its evidence and decisions), and POST
 *   /api/library/suggestions/:id/{approve,edit,reject,skip} `{ genres?, note? }`, each
 *   decision recorded with its actor: the API key's id ("key-0") when keys are configured,
 *   else "api". 404 unknown suggestion, 409 superseded by a newer one, 422 a bad body
 *   (an edit without genres; genres on another action).
 */
import type { GenreSuggestion, SuggestionStatus } from "../../library/review/genre-suggestion.js";
import type { LibraryAlbumView, SuggestionDetail } from "../../service/library-service.js";
import { resolveAllowedFolder } from "../audio-paths.js";
import { HttpError } from "../errors.js";
import type { RouteContext, ZodApp } from "../route-context.js";
import { errorResponses, IdParamsSchema, JobViewSchema, pageSchema } from "../schemas/common.js";
import {
  DECIDE_ACTIONS,
  DecisionBodySchema,
  LibraryAlbumQuerySchema,
  LibraryAlbumSchema,
  LibraryBatchBodySchema,
  LibraryScanBodySchema,
  SuggestionDetailSchema,
  SuggestionListQuerySchema,
  SuggestionSchema,
} from "../schemas/library.js";
import { jobJson, pageJson } from "../view-json.js";

const DECISION_SUMMARY: Readonly<Record<(typeof DECIDE_ACTIONS)[number], string>> = {
  approve: "approve the proposed genres",
  edit: "decide other genres (body `genres`, required)",
  reject: "reject the suggestion",
  skip: "record that it was looked at and left for later (the status stays)",
};

export function registerLibraryRoutes(app: ZodApp, { config, service }: RouteContext): void {
  const tags = ["library"];

  app.post(
    "/api/library/scans",
    {
      schema: {
        tags,
        summary: "scan a music folder (an allowed root or inside one) into the library, as a background job",
        body: LibraryScanBodySchema,
        response: { 202: JobViewSchema, ...errorResponses(400, 401, 403, 404, 409, 422, 429) },
      },
    },
    async (request, reply) => {
      const root = await resolveAllowedFolder(request.body.root, config.allowedRoots);
      const job = await service.library.submitScan({ root });
      return reply.code(202).header("location", `/api/jobs/${job.id}`).send(jobJson(job));
    },
  );

  app.post(
    "/api/library/batches",
    {
      schema: {
        tags,
        summary: "look up genres for scanned albums and queue the suggestions for review, as a background job",
        body: LibraryBatchBodySchema.nullish(),
        response: { 202: JobViewSchema, ...errorResponses(400, 401, 404, 422, 429) },
      },
    },
    async (request, reply) => {
      const job = await service.library.submitBatch(request.body ?? {});
      return reply.code(202).header("location", `/api/jobs/${job.id}`).send(jobJson(job));
    },
  );

  app.get(
    "/api/library/albums",
    {
      schema: {
        tags,
        summary: "scanned albums, by artist and title, with track counts and genres",
        querystring: LibraryAlbumQuerySchema,
        response: { 200: pageSchema(LibraryAlbumSchema), ...errorResponses(400, 401, 422, 429) },
      },
    },
    async (request) => pageJson(await service.library.listAlbums(request.query), albumJson),
  );

  app.get(
    "/api/library/suggestions",
    {
      schema: {
        tags,
        summary: "genre suggestions, oldest first (the review queue: ?status=review,manual)",
        querystring: SuggestionListQuerySchema,
        response: { 200: pageSchema(SuggestionSchema), ...errorResponses(400, 401, 429) },
      },
    },
    async (request) => {
      const { status, offset, limit } = request.query;
      const statuses = status === undefined ? undefined : (status.split(",") as SuggestionStatus[]);
      return pageJson(await service.library.listSuggestions({ statuses, offset, limit }), suggestionJson);
    },
  );

  app.get(
    "/api/library/suggestions/:id",
    {
      schema: {
        tags,
        summary: "one genre suggestion with its evidence and every decision about it",
        params: IdParamsSchema,
        response: { 200: SuggestionDetailSchema, ...errorResponses(400, 401, 404, 429) },
      },
    },
    async (request) => detailJson(await service.library.getSuggestion(request.params.id)),
  );

  for (const action of DECIDE_ACTIONS) {
    app.post(
      `/api/library/suggestions/:id/${action}`,
      {
        schema: {
          tags,
          summary: `${DECISION_SUMMARY[action]}; the decision is recorded`,
          params: IdParamsSchema,
          body: DecisionBodySchema.nullish(),
          response: { 200: SuggestionDetailSchema, ...errorResponses(400, 401, 404, 409, 422, 429) },
        },
      },
      async (request) => {
        const body = request.body ?? {};
        if (action === "edit" && body.genres === undefined) {
          throw new HttpError("VALIDATION_FAILED", "body.genres: an edit needs the genres to decide");
        }
        if (action !== "edit" && body.genres !== undefined) {
          throw new HttpError("VALIDATION_FAILED", `body.genres: only an edit takes genres, not ${action}`);
        }
        const decided = await service.library.decide(request.params.id, {
          action,
          ...(body.genres === undefined ? {} : { genres: body.genres }),
          ...(body.note === undefined ? {} : { note: body.note }),
          actor: request.apiKeyId ?? "api",
        });
        return detailJson(decided);
      },
    );
  }
}

function albumJson(album: LibraryAlbumView) {
  return { ...album, genres: [...album.genres], decidedGenres: album.decidedGenres && [...album.decidedGenres] };
}

function suggestionJson(suggestion: GenreSuggestion) {
  return {
    ...suggestion,
    proposal: [...suggestion.proposal],
    decidedGenres: suggestion.decidedGenres && [...suggestion.decidedGenres],
    ranked: suggestion.ranked.map((ranked) => ({ ...ranked, sources: [...ranked.sources] })),
    evidence: suggestion.evidence.map((evidence) => ({
      ...evidence,
      ...(evidence.match === undefined ? {} : { match: { ...evidence.match } }),
      labels: evidence.labels.map((label) => ({ ...label, genres: [...label.genres] })),
    })),
  };
}

function detailJson(detail: SuggestionDetail) {
  return {
    ...suggestionJson(detail),
    decisions: detail.decisions.map((decision) => ({
      ...decision,
      genres: decision.genres && [...decision.genres],
    })),
  };
}
