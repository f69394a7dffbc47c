/**
 * The analyses tonearm can run, by name. Later analyses (rhythm, tonal, structure,
 * loudness, …) register here; `--analyses` and the report schema follow from this list.
 */

import { signalLevelsAnalysis } from "./analyses/signal-levels.js";
import type { AnalysisDefinition } from "./analysis-definition.js";

export const ANALYSES = [signalLevelsAnalysis] as const;

export type AnalysisName = (typeof ANALYSES)[number]["name"];

export const ANALYSIS_NAMES: readonly AnalysisName[] = ANALYSES.map((analysis) => analysis.name);

export function findAnalysis(name: string): AnalysisDefinition | undefined {
  return (ANALYSES as readonly AnalysisDefinition[]).find((analysis) => analysis.name === name);
}
