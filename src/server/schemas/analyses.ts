/**
 * Schemas of analyses, mastering analyses and drum transcriptions: what POST /api/analyses,
 * POST /api/mastering and POST /api/transcriptions accept, the analysis view they and
 * GET /api/analyses/:id answer with, and the list filters. The report itself is the analysis layer's ReportSchema.
 */
import { z } from "zod";
import { ANALYSIS_NAMES } from "../../analysis/registry.js";
import { ReportSchema } from "../../analysis/report.js";
import { RECOMMENDATION_LEVELS } from "../../core/mastering/recommendations/recommendation.js";
import { DRUM_ARTIFACTS } from "../../drums/drum-transcription-files.js";
import { ANALYSIS_KINDS, JOB_STATUSES } from "../../service/service.js";
import { JobViewSchema, PageQuerySchema, UuidSchema } from "./common.js";

export const AnalysisNameSchema = z.enum(ANALYSIS_NAMES as [string, ...string[]]).describe("an analysis name");

export const AnalysisNamesSchema = z
  .array(AnalysisNameSchema)
  .min(1)
  .max(ANALYSIS_NAMES.length)
  .describe("analyses to run; default the report's default set");

const AudioPathSchema = z
  .string()
  .min(1)
  .max(4096)
  .refine((path) => path.startsWith("/"), "must be an absolute path")
  .refine((path) => !path.includes("\0"), "must not contain NUL")
  .describe("absolute path of a file under one of the server's allowed roots (config allowedRoots)");

export const AnalyzePathBodySchema = z
  .object({ path: AudioPathSchema, analyses: AnalysisNamesSchema.optional() })
  .strict()
  .describe(
    'JSON form; or multipart/form-data with the audio in field "file" and an optional "analyses" field (comma-separated names)',
  );

export const RecommendationLevelSchema = z
  .enum(RECOMMENDATION_LEVELS)
  .describe("how recommendations speak: informative, suggestive (default) or prescriptive");

export const MasterPathBodySchema = z
  .object({
    path: AudioPathSchema,
    genre: z.string().min(1).max(100).optional().describe('genre target id or alias ("techno", "drum and bass")'),
    recommendation_level: RecommendationLevelSchema.optional(),
  })
  .strict()
  .describe(
    'JSON form; or multipart/form-data with the audio in field "file" and optional fields "genre" and "recommendation_level"',
  );

export const TranscribePathBodySchema = z
  .object({ path: AudioPathSchema })
  .strict()
  .describe('JSON form; or multipart/form-data with the audio in field "file"');

export const DrumArtifactSchema = z
  .enum(DRUM_ARTIFACTS)
  .describe(
    "pdf (the score), midi (Standard MIDI File), musicxml (MusicXML 4.0), audio (the drum stem, FLAC) or json (hits, beat grid, score shape)",
  );

const AnalysisKindSchema = z.enum(ANALYSIS_KINDS as ["analysis", "mastering", "transcription"]);

const RecommendationSchema = z
  .looseObject({
    area: z.string().describe('"loudness", "true-peak", "dynamics", …, "band:low"'),
    severity: z.enum(["ok", "minor", "major", "unknown"]),
    measured: z.number().nullable(),
    unit: z.string(),
    target: z.object({ min: z.number().nullable(), max: z.number().nullable(), ideal: z.number().nullable() }),
    delta: z.number().nullable(),
    deltaUnit: z.string(),
    message: z.string(),
  })
  .describe("one mastering recommendation");

export const MasteringResultSchema = z
  .object({
    report: ReportSchema,
    target: z
      .looseObject({ id: z.string(), name: z.string() })
      .describe("the genre target the recommendations compare with"),
    recommendations: z
      .looseObject({
        targetId: z.string(),
        targetName: z.string(),
        level: RecommendationLevelSchema,
        overall: z.array(RecommendationSchema),
        bands: z.array(RecommendationSchema),
        platforms: z.array(z.looseObject({ platformId: z.string(), platformName: z.string() })),
        summary: z.string(),
      })
      .describe("recommendations and streaming-platform normalisation"),
  })
  .describe("a mastering report");

export const AnalysisViewSchema = z
  .object({
    id: UuidSchema,
    kind: AnalysisKindSchema,
    fileName: z.string().describe("the name the audio arrived with"),
    genre: z.string().nullable(),
    level: z.string().nullable(),
    job: JobViewSchema,
    createdAt: z.string(),
    report: ReportSchema.nullable().describe(
      "present once the job completed: kind analysis its report; kind transcription the rhythm and drums analyses its score is made from",
    ),
    mastering: MasteringResultSchema.nullable().describe("present once the job completed (kind mastering)"),
    downloads: z
      .record(DrumArtifactSchema, z.string())
      .nullable()
      .describe(
        "kind transcription, once completed: the URL of each file (pdf, midi, musicxml, audio, json); null otherwise",
      ),
  })
  .describe("an analysis and its job");

export const AnalysisListQuerySchema = PageQuerySchema.extend({
  status: z.enum(JOB_STATUSES).optional(),
  kind: AnalysisKindSchema.optional(),
  q: z.string().max(200).optional().describe("case-insensitive substring of the file name"),
});
