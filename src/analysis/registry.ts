/**
 * The analyses tonearm can run, by name. Later analyses (rhythm, tonal, structure,
 * loudness, …) register here; `--analyses` and the report schema follow from this list.
 */

import { chordsAnalysis } from "./analyses/chords.js";
import { drumsAnalysis } from "./analyses/drums.js";
import { featureSeriesAnalysis } from "./analyses/feature-series.js";
import { featuresAnalysis } from "./analyses/features.js";
import { keyAnalysis } from "./analyses/key.js";
import { loudnessAnalysis } from "./analyses/loudness.js";
import { masteringAnalysis } from "./analyses/mastering.js";
import { masteringVectorAnalysis } from "./analyses/mastering-vector.js";
import { melodyAnalysis } from "./analyses/melody.js";
import { onsetsAnalysis } from "./analyses/onsets.js";
import { rhythmAnalysis } from "./analyses/rhythm.js";
import { signalLevelsAnalysis } from "./analyses/signal-levels.js";
import { structureAnalysis } from "./analyses/structure.js";
import { tuningAnalysis } from "./analyses/tuning.js";
import type { AnalysisDefinition } from "./analysis-definition.js";

export const ANALYSES = [
  signalLevelsAnalysis,
  loudnessAnalysis,
  masteringAnalysis,
  masteringVectorAnalysis,
  featuresAnalysis,
  featureSeriesAnalysis,
  onsetsAnalysis,
  rhythmAnalysis,
  tuningAnalysis,
  keyAnalysis,
  chordsAnalysis,
  structureAnalysis,
  drumsAnalysis,
  melodyAnalysis,
] as const;

export type AnalysisName = (typeof ANALYSES)[number]["name"];

export const ANALYSIS_NAMES: readonly AnalysisName[] = ANALYSES.map((analysis) => analysis.name);

export function findAnalysis(name: string): AnalysisDefinition | undefined {
  return (ANALYSES as readonly AnalysisDefinition[]).find((analysis) => analysis.name === name);
}
