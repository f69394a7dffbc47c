/**
 * Repeated notes inside melody notes: a lead that plays one pitch twice in a row leaves one
 * steady stretch in the salience line, so the note stage sees one long note. Every detected
 * onset inside a note is a candidate split; a small learned model (melody-logistic.ts: 8 tanh
 * units; weights in melody-models.ts) decides from short-frame evidence at the note's
 * harmonics (melody-evidence.ts): above all how much the harmonics' bands move at the onset
 * against how much they move through the note (a re-struck note's attack, or the old note's
 * cut; the strongest cue, area under the ROC curve ~0.88 alone), against the bands between
 * the harmonics and against the frames around; also the attack's rise against the broadband
 * rise of drums and chords, the onset's strength, the salience line's change, where the
 * onset falls in the beat grid, and how far (in beats) it lies from the note's ends.
 * Reference: J. P. Bello et al. (2005), "A tutorial on onset detection in music signals",
 *   IEEE TSA 13(5) (energy and spectral-difference cues of note onsets).
 */
import {
  gridDistance,
  harmonicActivity,
  harmonicChange,
  type MelodyEvidence,
  onsetStrengthNear,
} from "./melody-evidence.js";
import { type LogisticModel, logisticProbability } from "./melody-logistic.js";
import type { MelodyNote } from "./melody-notes.js";
import type { MelodyLine } from "./track-melody.js";

export const REPEAT_FEATURES = [
  "harmonic rise",
  "harmonic dip",
  "broadband rise",
  "harmonic minus broadband rise",
  "log onset strength",
  "log salience change",
  "grid distance (beats)",
  "log beats since note start",
  "log beats to note end",
  "beats since note start",
  "log harmonic activity over the note's",
  "log harmonic activity over between-harmonic",
  "log harmonic activity over the frames around",
  "log harmonic over between-harmonic activity, each over the note's",
  "log fundamental activity over the note's",
] as const;

export interface SplitRepeatsOptions {
  /** Seconds a candidate keeps from the note's (or the last split's) start and from its end; ≥ 0. */
  readonly marginSeconds: number;
  /** Seconds of salience-line frames compared before and after a candidate; > 0. */
  readonly salienceSpanSeconds: number;
}

export const SPLIT_REPEATS_DEFAULTS: SplitRepeatsOptions = { marginSeconds: 0.07, salienceSpanSeconds: 0.1 };

/** A candidate split: an onset inside a note, and its features (REPEAT_FEATURES order). */
export interface RepeatCandidate {
  readonly note: number;
  readonly seconds: number;
  readonly features: number[];
}

function meanSalience(line: MelodyLine, from: number, to: number): number {
  const { times, salience } = line;
  const hop = times.length > 1 ? times[1]! - times[0]! : 1;
  const first = Math.max(0, Math.ceil((from - times[0]!) / hop));
  const last = Math.min(times.length - 1, Math.floor((to - times[0]!) / hop));
  let sum = 0;
  let count = 0;
  for (let t = first; t <= last; t++) {
    sum += salience[t]!;
    count++;
  }
  return count > 0 ? sum / count : 0;
}

/** The features of a split of `note` at `seconds`, its segment starting at `segmentStart`. */
export function repeatFeatures(
  note: MelodyNote,
  segmentStart: number,
  seconds: number,
  line: MelodyLine,
  evidence: MelodyEvidence,
  options: SplitRepeatsOptions = SPLIT_REPEATS_DEFAULTS,
): number[] {
  const change = harmonicChange(evidence, note.midi, seconds);
  const span = options.salienceSpanSeconds;
  const before = meanSalience(line, seconds - span, seconds);
  const after = meanSalience(line, seconds, seconds + span);
  const grid = gridDistance(evidence.beats, seconds);
  const activity = harmonicActivity(evidence, note.midi, seconds, note.onset, note.offset);
  return [
    change.rise,
    change.dip,
    change.broadRise,
    change.rise - change.broadRise,
    Math.log(0.01 + onsetStrengthNear(evidence, seconds)),
    Math.log((after + 1e-3) / (before + 1e-3)),
    grid.beats,
    Math.log((seconds - segmentStart) / grid.beatSeconds),
    Math.log((note.offset - seconds) / grid.beatSeconds),
    (seconds - segmentStart) / grid.beatSeconds,
    Math.log((activity.harmonic + 0.01) / (activity.steady + 0.01)),
    Math.log((activity.harmonic + 0.01) / (activity.between + 0.01)),
    Math.log((activity.harmonic + 0.01) / (activity.around + 0.01)),
    Math.log((activity.harmonic + 0.01) / (activity.steady + 0.01)) -
      Math.log((activity.between + 0.01) / (activity.betweenSteady + 0.01)),
    activity.fundamental,
  ];
}

/** Detected onsets inside each note that could start a repeated note, with their features. */
export function repeatCandidates(
  notes: readonly MelodyNote[],
  line: MelodyLine,
  evidence: MelodyEvidence,
  options: Partial<SplitRepeatsOptions> = {},
): RepeatCandidate[] {
  const o = { ...SPLIT_REPEATS_DEFAULTS, ...options };
  const out: RepeatCandidate[] = [];
  const onsets = evidence.onsets;
  let cursor = 0;
  notes.forEach((note, index) => {
    while (cursor < onsets.length && onsets[cursor]! <= note.onset + o.marginSeconds) cursor++;
    for (let i = cursor; i < onsets.length && onsets[i]! < note.offset - o.marginSeconds; i++) {
      const seconds = onsets[i]!;
      out.push({ note: index, seconds, features: repeatFeatures(note, note.onset, seconds, line, evidence, o) });
    }
  });
  return out;
}

/**
 * Splits notes at the candidates the model accepts, in time order; a split's features are
 * measured from the last split, and splits keep `marginSeconds` apart.
 */
export function splitRepeatedNotes(
  notes: readonly MelodyNote[],
  line: MelodyLine,
  evidence: MelodyEvidence,
  model: LogisticModel,
  options: Partial<SplitRepeatsOptions> = {},
): MelodyNote[] {
  const o = { ...SPLIT_REPEATS_DEFAULTS, ...options };
  const out: MelodyNote[] = [];
  const onsets = evidence.onsets;
  let cursor = 0;
  for (const note of notes) {
    let start = note.onset;
    while (cursor < onsets.length && onsets[cursor]! <= note.onset + o.marginSeconds) cursor++;
    for (let i = cursor; i < onsets.length && onsets[i]! < note.offset - o.marginSeconds; i++) {
      const seconds = onsets[i]!;
      if (seconds - start < o.marginSeconds) continue;
      const features = repeatFeatures(note, start, seconds, line, evidence, o);
      if (logisticProbability(model, features) <= model.threshold) continue;
      out.push({ ...note, onset: start, offset: seconds });
      start = seconds;
    }
    out.push({ ...note, onset: start });
  }
  return out;
}
