/**
 * The music library's request and response schemas: scan and batch requests, scanned albums,
 * genre suggestions with their evidence (what each source answered) and the decisions about
 * them (src/library/review/genre-suggestion.ts). Each is zod, so the same definition checks
 * requests, serialises answers and becomes the OpenAPI document.
 */
import { z } from "zod";
import { DECISION_ACTIONS, SUGGESTION_STATUSES } from "../../library/review/genre-suggestion.js";
import { PageQuerySchema, UuidSchema } from "./common.js";

const AbsolutePathSchema = z.string().min(1).max(4096).describe("an absolute path on the server");

export const LibraryScanBodySchema = z
  .object({ root: AbsolutePathSchema.describe("the folder to scan: an allowed root or a folder inside one") })
  .strict();

export const LibraryBatchBodySchema = z
  .object({
    root: AbsolutePathSchema.optional().describe("only albums scanned under this folder; default every album"),
    confidence: z
      .number()
      .min(0)
      .max(100)
      .optional()
      .describe("approve automatically at or above this confidence; default the config's library.autoApplyConfidence"),
    sampleSize: z.number().int().min(1).optional().describe("only this many albums, picked at random"),
    seed: z.number().int().min(0).max(0xffffffff).optional().describe("the random pick's seed; default 1"),
    specificAlbum: z
      .string()
      .min(3)
      .max(1000)
      .optional()
      .describe('only this album: "Artist,Album" as the scan grouped it (404 when unknown)'),
    all: z.boolean().optional().describe("also albums already approved, edited or rejected; default false"),
  })
  .strict();

export const LibraryAlbumQuerySchema = PageQuerySchema.extend({
  root: AbsolutePathSchema.optional().describe("only albums under this folder"),
});

export const LibraryAlbumSchema = z
  .object({
    id: z.string(),
    root: z.string().describe("the folder of the scan that found it"),
    folder: z.string(),
    artist: z.string(),
    title: z.string(),
    year: z.number().int().nullable(),
    compilation: z.boolean(),
    trackCount: z.number().int(),
    genres: z.array(z.string()).describe("the genre tag values its tracks carry now, distinct, most common first"),
    decidedGenres: z
      .array(z.string())
      .nullable()
      .describe("the genres of its newest approved or edited suggestion; null when none"),
  })
  .describe("a scanned album");

const STATUS_LIST = new RegExp(`^(${SUGGESTION_STATUSES.join("|")})(,(${SUGGESTION_STATUSES.join("|")}))*$`);

export const SuggestionListQuerySchema = PageQuerySchema.extend({
  status: z
    .string()
    .regex(STATUS_LIST, `must be a comma-separated list of ${SUGGESTION_STATUSES.join(", ")}`)
    .optional()
    .describe(`only these statuses, comma-separated (${SUGGESTION_STATUSES.join(", ")}); default every status`),
});

const RankedGenreSchema = z.object({
  genre: z.string(),
  confidence: z.number().describe("0–100"),
  evidence: z.number().describe("the evidence mass behind it"),
  sources: z.array(z.string()).describe("the sources that support it"),
});

const SourceEvidenceSchema = z
  .object({
    source: z.string(),
    status: z.enum(["found", "not-found", "no-credentials", "failed", "offline"]),
    match: z
      .object({ artist: z.string(), album: z.string(), score: z.number(), url: z.string().optional() })
      .optional()
      .describe("the release or artist the source matched"),
    labels: z
      .array(z.object({ label: z.string(), weight: z.number(), genres: z.array(z.string()) }))
      .describe("labels as the source gave them, and what they normalised to"),
    error: z.string().optional(),
  })
  .describe("what one source answered");

export const SuggestionSchema = z
  .object({
    id: UuidSchema,
    albumId: z.string(),
    albumArtist: z.string(),
    albumTitle: z.string(),
    albumFolder: z.string(),
    status: z.enum(SUGGESTION_STATUSES),
    confidence: z.number().describe("0–100"),
    proposal: z.array(z.string()).describe("the genres proposed, best first"),
    decidedGenres: z.array(z.string()).nullable().describe("the genres decided on; null while pending or rejected"),
    ranked: z.array(RankedGenreSchema),
    evidence: z.array(SourceEvidenceSchema),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .describe("a genre suggestion for one album");

export const DecisionSchema = z
  .object({
    id: z.string(),
    suggestionId: z.string(),
    action: z.enum(DECISION_ACTIONS),
    genres: z.array(z.string()).nullable(),
    actor: z
      .string()
      .describe('who decided: an API key ("key-0"), "api" without keys, "tonearm" automatically, a CLI user'),
    note: z.string().nullable(),
    createdAt: z.string(),
  })
  .describe("one recorded decision");

export const SuggestionDetailSchema = SuggestionSchema.extend({
  decisions: z.array(DecisionSchema).describe("every decision about it, oldest first"),
}).describe("a genre suggestion with its evidence and decisions");

export const DECIDE_ACTIONS = ["approve", "edit", "reject", "skip"] as const;

export const DecisionParamsSchema = z.object({ id: UuidSchema, action: z.enum(DECIDE_ACTIONS) });

export const DecisionBodySchema = z
  .object({
    genres: z
      .array(z.string().trim().min(1).max(100))
      .min(1)
      .max(10)
      .optional()
      .describe("edit: the genres to write instead of the proposal (required); others: not allowed"),
    note: z.string().max(1000).optional().describe("why, for the record"),
  })
  .strict();
