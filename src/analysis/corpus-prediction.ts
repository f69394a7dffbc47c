/**
 * Maps a report onto the development corpus's prediction schema
 * (../shared/corpus/SCHEMA.md), the form `npm run eval` scores. Each analysis that
 * produces a scored quantity (tempo, beats, key, chords, sections, onsets, drums, notes,
 * loudness) adds its field here when it lands; a field is present only when the report
 * actually has it, so the scorer's coverage column tells what tonearm predicts. Each
 * analysis says which fields it fills (AnalysisDefinition.toCorpus).
 */
import type { CorpusPrediction } from "../core/evaluation/corpus-schema.js";
import type { AnalysisDefinition } from "./analysis-definition.js";
import { ANALYSES } from "./registry.js";
import type { Report } from "./report.js";

export function toCorpusPrediction(report: Report): CorpusPrediction {
  const prediction: CorpusPrediction = {};
  const results = report.analyses as Readonly<Record<string, unknown>>;
  for (const analysis of ANALYSES as readonly AnalysisDefinition[]) {
    const result = results[analysis.name];
    if (result !== undefined && analysis.toCorpus) Object.assign(prediction, analysis.toCorpus(result));
  }
  return prediction;
}
