/**
 * Reference tracks (made from completed mastering analyses) and similarity search.
 * GET /api/references is shared with the Audio Mastering Tool's clients: a bare JSON
 * array whose items carry both field sets (schemas/references.ts).
 */
import { z } from "zod";
import { HttpError } from "../errors.js";
import type { RouteContext, ZodApp } from "../route-context.js";
import { errorResponses, IdParamsSchema, ReferenceIdSchema } from "../schemas/common.js";
import {
  NewReferenceBodySchema,
  ReferenceListItemSchema,
  ReferenceListQuerySchema,
  ReferenceViewSchema,
  referenceListItem,
  SimilarListSchema,
  SimilarQuerySchema,
} from "../schemas/references.js";
import { referenceJson } from "../view-json.js";

export function registerReferenceRoutes(app: ZodApp, { service }: RouteContext): void {
  app.get(
    "/api/references",
    {
      schema: {
        tags: ["references"],
        summary: "reference tracks, optionally of one genre",
        querystring: ReferenceListQuerySchema,
        response: { 200: z.array(ReferenceListItemSchema), ...errorResponses(400, 401, 429) },
      },
    },
    async (request) => {
      const { genre } = request.query;
      const references = await service.listReferences(genre === undefined || genre === "" ? {} : { genre });
      return references.map(referenceListItem);
    },
  );

  app.post(
    "/api/references",
    {
      schema: {
        tags: ["references"],
        summary: "make a reference track from a completed mastering analysis",
        body: NewReferenceBodySchema,
        response: { 201: ReferenceViewSchema, ...errorResponses(400, 401, 404, 409, 422, 429) },
      },
    },
    async (request, reply) => {
      const { analysis_id: analysisId, ...fields } = request.body;
      const reference = await service.addReferenceFromAnalysis(analysisId, fields);
      return reply.code(201).send(referenceJson(reference));
    },
  );

  app.delete(
    "/api/references/:id",
    {
      schema: {
        tags: ["references"],
        summary: "remove a reference track",
        params: z.object({ id: ReferenceIdSchema }),
        response: { 204: z.null().describe("removed"), ...errorResponses(400, 401, 404, 429) },
      },
    },
    async (request, reply) => {
      if (!(await service.removeReference(request.params.id))) {
        throw new HttpError("NOT_FOUND", `no reference ${request.params.id}`);
      }
      return reply.code(204).send(null);
    },
  );

  app.get(
    "/api/analyses/:id/similar",
    {
      schema: {
        tags: ["references"],
        summary: "reference tracks closest to a completed mastering analysis (cosine similarity)",
        params: IdParamsSchema,
        querystring: SimilarQuerySchema,
        response: { 200: SimilarListSchema, ...errorResponses(400, 401, 404, 409, 429) },
      },
    },
    async (request) => {
      const { genre, top_k: topK } = request.query;
      const matches = await service.findSimilar(request.params.id, genre === undefined ? { topK } : { genre, topK });
      return {
        items: matches.map((match) => ({ reference: referenceJson(match.reference), similarity: match.similarity })),
      };
    },
  );
}
