/**
 * Reference tracks and similarity. GET /api/references serves both tonearm's clients
 * and the Audio Mastering Tool's (which calls the same path), so each item carries
 * tonearm's fields and, alongside, the tool's snake_case names (`track_name`,
 * `is_builtin`, `created_at`): a superset that satisfies both.
 */
import { z } from "zod";
import type { ReferenceView } from "../../service/service.js";
import { ReferenceIdSchema, UuidSchema } from "./common.js";

export const ReferenceViewSchema = z
  .object({
    id: ReferenceIdSchema,
    name: z.string(),
    artist: z.string().nullable(),
    genre: z.string().nullable(),
    year: z.number().int().nullable(),
    analysisId: z.string().nullable().describe("the mastering analysis it was made from, while that exists"),
    createdAt: z.string(),
  })
  .describe("a reference track");

export const ReferenceListItemSchema = ReferenceViewSchema.extend({
  track_name: z.string().describe("= name (Audio Mastering Tool clients)"),
  is_builtin: z.boolean().describe("always false: every reference was added by a user (Audio Mastering Tool clients)"),
  created_at: z.string().describe("= createdAt (Audio Mastering Tool clients)"),
}).describe("a reference track, with the Audio Mastering Tool's field names too");

export function referenceListItem(view: ReferenceView): z.output<typeof ReferenceListItemSchema> {
  return { ...view, track_name: view.name, is_builtin: false, created_at: view.createdAt };
}

export const ReferenceListQuerySchema = z.object({
  genre: z.string().max(100).optional().describe("only references of this genre (ignoring case)"),
});

export const NewReferenceBodySchema = z
  .object({
    analysis_id: UuidSchema.describe("a completed mastering analysis"),
    name: z.string().min(1).max(200).optional(),
    artist: z.string().max(200).nullable().optional(),
    genre: z.string().max(100).nullable().optional(),
    year: z.number().int().min(1000).max(9999).nullable().optional(),
  })
  .strict();

export const SimilarQuerySchema = z.object({
  genre: z.string().max(100).optional().describe("only references of this genre"),
  top_k: z.coerce.number().int().min(1).max(50).default(10).describe("how many matches, 1–50"),
});

export const SimilarListSchema = z.object({
  items: z.array(
    z.object({
      reference: ReferenceViewSchema,
      similarity: z.number().describe("cosine similarity of the 128-dimension feature vectors, −1…1"),
    }),
  ),
});
