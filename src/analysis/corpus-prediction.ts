/**
 * Maps a report onto the development corpus's prediction schema
 * (../shared/corpus/SCHEMA.md), the form `npm run eval` scores. Each analysis that
 * produces a scored quantity (tempo, beats, key, chords, sections, onsets, drums, notes,
 * loudness) adds its field here when it lands; a field is present only when the report
 * actually has it, so the scorer's coverage column tells what tonearm predicts.
 * Today's analyses (file facts and signal levels) map to no scored field.
 */
import type { CorpusPrediction } from "../core/evaluation/corpus-schema.js";
import type { Report } from "./report.js";

export function toCorpusPrediction(_report: Report): CorpusPrediction {
  return {};
}
