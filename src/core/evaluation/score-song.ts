/**
 * Scores one song's prediction against its ground truth exactly as the corpus scorer does
 * (../shared/corpus/score.py `score_song`): only fields present in the prediction are scored;
 * a present but unusable field scores 0 on its metrics; values are read with Python's
 * leniency (see python-values.ts). Returns metric name → value (names as in CORPUS_METRICS).
 * Where score.py itself would stop with an exception (e.g. a chord quality mir_eval parses
 * but cannot encode, such as "aug7"), this scores the label as X instead.
 * Reference: score.py; mir_eval 0.7 (see the metric modules).
 */
import { beatContinuity } from "./beat-continuity.js";
import { beatFMeasure, trimBeats } from "./beat-metrics.js";
import { chordScores } from "./chord-metrics.js";
import type { SongScores } from "./corpus-metrics.js";
import type { CorpusSpan, CorpusTruth } from "./corpus-schema.js";
import { drumScores, SCORED_DRUM_CLASSES } from "./drum-metrics.js";
import { keyWeightedScore, parseKeyLabel } from "./key-metrics.js";
import { adjustIntervals, type Interval, type LabeledIntervals, sortLabeledIntervals } from "./labeled-intervals.js";
import { loudnessErrors } from "./loudness-metrics.js";
import {
  NOTE_ONSET_DEFAULTS,
  NOTE_ONSET_OFFSET_DEFAULTS,
  noteTranscriptionScores,
  type TranscribedNote,
} from "./note-metrics.js";
import { onsetFMeasure } from "./onset-metrics.js";
import { hasField, pythonDict, pythonFloat, pythonSortedFiniteTimes, pythonStr } from "./python-values.js";
import { boundaryDetection, pairwiseClustering } from "./segment-metrics.js";
import { tempoAccuracy, timeSignatureAccuracy } from "./tempo-metrics.js";

/** All metrics of one prediction (a parsed JSON object) against its truth. */
export function scoreSong(truth: CorpusTruth, prediction: Readonly<Record<string, unknown>>): SongScores {
  const scores: Record<string, number> = {};
  const has = (field: string): boolean => hasField(prediction, field);

  if (has("tempo")) {
    const estimate = pythonFloat(prediction.tempo);
    if (estimate === undefined) scores["tempo.acc1"] = scores["tempo.acc2"] = 0;
    else {
      const { acc1, acc2, absoluteErrorBpm } = tempoAccuracy(truth.tempo, estimate);
      Object.assign(scores, { "tempo.acc1": acc1, "tempo.acc2": acc2, "tempo.abs_err_bpm": absoluteErrorBpm });
    }
  }
  if (has("beats")) {
    const reference = trimBeats(truth.beats);
    const estimate = trimBeats(pythonSortedFiniteTimes(prediction.beats) ?? []);
    scores["beat.f_measure"] = estimate.length > 0 ? beatFMeasure(reference, estimate).fMeasure : 0;
    const continuity = estimate.length > 1 ? beatContinuity(reference, estimate) : { cmlt: 0, amlt: 0 };
    scores["beat.cmlt"] = continuity.cmlt;
    scores["beat.amlt"] = continuity.amlt;
  }
  if (has("downbeats")) {
    const estimate = pythonSortedFiniteTimes(prediction.downbeats) ?? [];
    scores["downbeat.f_measure"] = estimate.length > 0 ? beatFMeasure(truth.downbeats, estimate).fMeasure : 0;
  }
  if (has("time_signature")) {
    scores["meter.accuracy"] = timeSignatureAccuracy(truth.time_signature, pythonStr(prediction.time_signature));
  }
  if (has("key")) {
    const estimate = typeof prediction.key === "string" ? parseKeyLabel(prediction.key) : null;
    const reference = parseKeyLabel(truth.key);
    const weighted = estimate === null || reference === null ? 0 : keyWeightedScore(reference, estimate);
    scores["key.weighted"] = weighted;
    scores["key.accuracy"] = weighted === 1 ? 1 : 0;
  }
  if (has("chords")) {
    const reference = readSpans(truth.chords);
    const estimate = Array.isArray(prediction.chords) ? readSpans(prediction.chords) : null;
    if (estimate === null || reference === null) {
      scores["chord.root"] = scores["chord.majmin"] = scores["chord.sevenths"] = 0;
    } else {
      const { root, majmin, sevenths } = chordScores(reference, estimate);
      Object.assign(scores, { "chord.root": root, "chord.majmin": majmin, "chord.sevenths": sevenths });
    }
  }
  if (has("sections")) Object.assign(scores, scoreSections(truth, prediction.sections));
  if (has("onsets") && truth.onsets.length > 0) {
    const estimate = pythonSortedFiniteTimes(prediction.onsets) ?? [];
    scores["onset.f_measure"] = onsetFMeasure(truth.onsets, estimate).fMeasure;
  }
  const drums = pythonDict(prediction.drums);
  if (has("drums") && drums !== undefined) {
    const estimate = Object.fromEntries(
      SCORED_DRUM_CLASSES.map((name) => [name, pythonSortedFiniteTimes(drums[name] ?? []) ?? []]),
    );
    const { perClass, meanFMeasure } = drumScores(truth.drums, estimate);
    for (const [name, value] of Object.entries(perClass)) scores[`drums.${name}_f`] = value;
    if (meanFMeasure !== null) scores["drums.mean_f"] = meanFMeasure;
  }
  if (has("notes") && truth.notes.length > 0) {
    const estimate = readNotes(prediction.notes);
    const onsetOnly = noteTranscriptionScores(truth.notes, estimate, NOTE_ONSET_DEFAULTS).fMeasure;
    const withOffsets = noteTranscriptionScores(truth.notes, estimate, NOTE_ONSET_OFFSET_DEFAULTS).fMeasure;
    scores["notes.onset_f"] = onsetOnly;
    scores["notes.onset_offset_f"] = withOffsets;
  }
  const loudness = pythonDict(prediction.loudness);
  if (has("loudness") && loudness !== undefined) {
    const read = (key: string): number | undefined => (loudness[key] === null ? undefined : pythonFloat(loudness[key]));
    const errors = loudnessErrors(truth.loudness, {
      integrated_lufs: read("integrated_lufs"),
      lra: read("lra"),
      true_peak_dbtp: read("true_peak_dbtp"),
    });
    if (errors.integratedAbsError !== undefined) scores["loudness.integrated_abs_err"] = errors.integratedAbsError;
    if (errors.lraAbsError !== undefined) scores["loudness.lra_abs_err"] = errors.lraAbsError;
    if (errors.truePeakAbsError !== undefined) scores["loudness.true_peak_abs_err"] = errors.truePeakAbsError;
  }
  return scores;
}

/** Boundary F at 0.5 s and 3 s (trimmed) and pairwise F, the estimate padded to [0, duration]. */
function scoreSections(truth: CorpusTruth, value: unknown): Record<string, number> {
  const reference = readSpans(truth.sections);
  const estimate = Array.isArray(value) ? readSpans(value) : null;
  if (estimate === null || reference === null) {
    return { "section.boundary_f_0.5": 0, "section.boundary_f_3": 0, "section.pairwise_f": 0 };
  }
  const padded = adjustIntervals(estimate, 0, truth.duration, "__pad", "__pad");
  return {
    "section.boundary_f_0.5": boundaryDetection(reference.intervals, padded.intervals, 0.5, true).fMeasure,
    "section.boundary_f_3": boundaryDetection(reference.intervals, padded.intervals, 3, true).fMeasure,
    "section.pairwise_f": pairwiseClustering(reference, padded).fMeasure,
  };
}

/** score.py `intervals_labels`: spans with numeric start < end, sorted by start; null when none. */
function readSpans(items: readonly unknown[] | readonly CorpusSpan[]): LabeledIntervals | null {
  const intervals: Interval[] = [];
  const labels: string[] = [];
  for (const item of items) {
    const span = pythonDict(item);
    if (span === undefined) continue;
    const start = pythonFloat(span.start);
    const end = pythonFloat(span.end);
    if (start === undefined || end === undefined || !(end > start)) continue;
    intervals.push([start, end]);
    labels.push(hasField(span, "label") ? pythonStr(span.label) : "N");
  }
  return intervals.length === 0 ? null : sortLabeledIntervals(intervals, labels);
}

/** score.py's note reading: numeric onset < offset and a finite MIDI pitch; others skipped. */
function readNotes(value: unknown): TranscribedNote[] {
  if (!Array.isArray(value)) return [];
  const notes: TranscribedNote[] = [];
  for (const item of value) {
    const note = pythonDict(item);
    if (note === undefined) continue;
    const onset = pythonFloat(note.onset);
    const offset = pythonFloat(note.offset);
    const midi = pythonFloat(note.midi);
    if (onset === undefined || offset === undefined || midi === undefined) continue;
    if (offset > onset && Number.isFinite(midi)) notes.push({ onset, offset, midi });
  }
  return notes;
}
