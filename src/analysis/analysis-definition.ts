/**
 * The contract every analysis meets: a name users pass in `--analyses`, a zod schema for
 * its part of the report (validated and documented field by field), a relative cost for
 * progress reporting, and `run`, which asks the context for what it needs.
 */
import type { z } from "zod";
import type { AnalysisContext } from "./analysis-context.js";

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
  run(context: AnalysisContext, options: AnalysisRunOptions): Result | Promise<Result>;
}

/** Helps TypeScript keep each definition's name and result type. */
export function defineAnalysis<Name extends string, Result>(
  definition: AnalysisDefinition<Name, Result>,
): AnalysisDefinition<Name, Result> {
  return definition;
}
