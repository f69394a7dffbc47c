/**
 * The contract every analysis meets: a name users pass in `--analyses`, a zod schema for
 * its part of the report (validated and documented field by field), a relative cost for
 * progress reporting, the ingest passes over the samples it reads, `run`, which asks the context for what it needs (shared
 * representations and other analyses' memoised results), and optionally how its result
 * maps onto the evaluation corpus's schema. Adding an analysis = one definition file plus
 * one line in registry.ts; the report schema, --analyses and the eval follow.
 */
import type { z } from "zod";
import type { CorpusPrediction } from "../core/evaluation/corpus-schema.js";
import type { AnalysisContext } from "./analysis-context.js";
import type { IngestPass } from "./ingest/track-ingest.js";

export interface AnalysisRunOptions {
  /** Cancellation: analyses check it between steps and throw its reason. */
  readonly signal?: AbortSignal;
  /** Progress within this analysis, 0..1. */
  readonly onProgress?: (fraction: number) => void;
}

export interface AnalysisDefinition<Name extends string = string, Result = unknown> {
  readonly name: Name;
  readonly description: string;
  readonly schema: z.ZodType<Result>;
  /** Relative cost, used to weight progress across analyses (signal statistics = 1). */
  readonly cost: number;
  /**
   * The ingest passes over the samples whose results this analysis reads, directly or through
   * the representations and analyses it uses (the track ingest runs only the passes needed).
   */
  readonly passes: readonly IngestPass[];
  /**
   * False for opt-in analyses (large exports such as per-frame feature series): they run
   * only when named in `analyses` or with "all". Default true.
   */
  readonly includedByDefault?: boolean;
  run(context: AnalysisContext, options: AnalysisRunOptions): Result | Promise<Result>;
  /**
   * The fields of the corpus prediction schema (../shared/corpus/SCHEMA.md) this result
   * fills, for `npm run eval`; absent when the analysis has no scored counterpart.
   */
  toCorpus?(result: Result): CorpusPrediction;
}

/** Helps TypeScript keep each definition's name and result type. */
export function defineAnalysis<Name extends string, Result>(
  definition: AnalysisDefinition<Name, Result>,
): AnalysisDefinition<Name, Result> {
  return definition;
}
