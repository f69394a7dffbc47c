/**
 * The melody transcription chain, from the frame passes' data to notes: harmonic-summation
 * salience (melody-salience.ts) → Viterbi melody line (track-melody.ts) → pitch-stability
 * notes (melody-notes.ts) with starts moved to detected onsets → repeated notes split at
 * onsets inside notes (melody-repeats.ts) → false-alarm notes dropped (melody-note-filter.ts).
 * The stages' intermediate results are returned too, for evaluation and for training the
 * learned stages (scripts/melody/train-melody-models.ts).
 * Reference: J. Salamon & E. Gómez (2012), "Melody extraction from polyphonic music
 *   signals using pitch contour characteristics", IEEE TASLP 20(6).
 */
import type { SpectralPeaks } from "../features/spectral-peaks.js";
import type { MelodyEvidence } from "./melody-evidence.js";
import type { LogisticModel } from "./melody-logistic.js";
import { MELODY_NOTE_MODEL, MELODY_REPEAT_MODEL } from "./melody-models.js";
import { filterMelodyNotes } from "./melody-note-filter.js";
import {
  type MelodyNote,
  type MelodyNotesOptions,
  melodyNotes,
  type SnapOnsetsOptions,
  snapNoteOnsets,
} from "./melody-notes.js";
import { type SplitRepeatsOptions, splitRepeatedNotes } from "./melody-repeats.js";
import { type MelodySalienceOptions, melodySalience, type SalienceCandidates } from "./melody-salience.js";
import { type MelodyLine, type TrackMelodyOptions, trackMelody } from "./track-melody.js";

/** What the chain reads: the tonal pass's spectral peaks and the short-frame evidence. */
export interface MelodyInputs {
  readonly peaks: SpectralPeaks;
  readonly evidence: MelodyEvidence;
}

export interface TranscribeMelodyOptions {
  readonly salience: Partial<MelodySalienceOptions>;
  readonly track: Partial<TrackMelodyOptions>;
  readonly notes: Partial<MelodyNotesOptions>;
  readonly snap: Partial<SnapOnsetsOptions>;
  readonly repeats: Partial<SplitRepeatsOptions>;
  /** Decides repeated-note splits; null: no splits. */
  readonly repeatModel: LogisticModel | null;
  /** Decides which notes to keep; null: all. */
  readonly noteModel: LogisticModel | null;
}

export const TRANSCRIBE_MELODY_DEFAULTS: TranscribeMelodyOptions = {
  salience: {},
  track: {},
  notes: {},
  snap: {},
  repeats: {},
  repeatModel: MELODY_REPEAT_MODEL,
  noteModel: MELODY_NOTE_MODEL,
};

export interface MelodyTranscription {
  readonly candidates: SalienceCandidates;
  readonly line: MelodyLine;
  /** Notes of the line, starts moved to onsets (before the learned stages). */
  readonly segmented: MelodyNote[];
  /** After the repeated-note splits. */
  readonly split: MelodyNote[];
  /** The result: after the false-alarm filter. */
  readonly notes: MelodyNote[];
}

export function transcribeMelody(
  inputs: MelodyInputs,
  options: Partial<TranscribeMelodyOptions> = {},
): MelodyTranscription {
  const o = { ...TRANSCRIBE_MELODY_DEFAULTS, ...options };
  const { evidence } = inputs;
  const candidates = melodySalience(inputs.peaks, o.salience);
  const line = trackMelody(candidates, o.track);
  const segmented = snapNoteOnsets(melodyNotes(line, o.notes), evidence.onsets, o.snap);
  const split =
    o.repeatModel === null ? segmented : splitRepeatedNotes(segmented, line, evidence, o.repeatModel, o.repeats);
  const notes = o.noteModel === null ? split : filterMelodyNotes(split, line, candidates, evidence, o.noteModel);
  return { candidates, line, segmented, split, notes };
}
