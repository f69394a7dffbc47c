/**
 * Note transcription precision, recall and F as `mir_eval.transcription.precision_recall_f1_overlap`:
 * an estimated note matches a reference note when its onset is within ±50 ms (distance rounded
 * to 4 decimals, half to even, as mir_eval does so that exactly 50 ms counts), its pitch within
 * ±50 cents (computed from the frequencies, 440·2^((midi−69)/12), as the corpus scorer passes
 * them), and — for onset+offset scoring — its offset within max(50 ms, 20 % of the reference
 * note's duration). Each note matches at most once (maximum bipartite matching).
 * Empty reference or estimate scores 0.
 * Reference: mir_eval 0.7 transcription.match_notes; MIREX note tracking task; C. Raffel et
 *   al. (2014), ISMIR.
 */
import { maximumBipartiteMatching } from "./bipartite-matching.js";
import { type PrecisionRecall, precisionRecallFromCounts } from "./f-measure.js";
import { roundHalfEven } from "./round-half-even.js";

/** A note: onset and offset in seconds, pitch as a (possibly fractional) MIDI number. */
export interface TranscribedNote {
  readonly onset: number;
  readonly offset: number;
  readonly midi: number;
}

export interface NoteMatchingOptions {
  /** Onset tolerance in seconds. */
  readonly onsetToleranceSeconds: number;
  /** Pitch tolerance in cents. */
  readonly pitchToleranceCents: number;
  /** Offset tolerance as a fraction of the reference duration; null ignores offsets. */
  readonly offsetRatio: number | null;
  /** Smallest offset tolerance in seconds. */
  readonly offsetMinToleranceSeconds: number;
}

/** Onset-only matching (mir_eval with offset_ratio=None). */
export const NOTE_ONSET_DEFAULTS: NoteMatchingOptions = {
  onsetToleranceSeconds: 0.05,
  pitchToleranceCents: 50,
  offsetRatio: null,
  offsetMinToleranceSeconds: 0.05,
};

/** Onset + offset matching (mir_eval defaults). */
export const NOTE_ONSET_OFFSET_DEFAULTS: NoteMatchingOptions = { ...NOTE_ONSET_DEFAULTS, offsetRatio: 0.2 };

/** Distances are rounded to this many decimals before the tolerance test (mir_eval N_DECIMALS). */
const DISTANCE_DECIMALS = 4;

/** Frequency in Hz of a MIDI note number, in score.py's arithmetic. */
export function midiToHz(midi: number): number {
  return 440.0 * 2 ** ((midi - 69) / 12);
}

/** Precision, recall and F of estimated notes against reference notes. */
export function noteTranscriptionScores(
  reference: readonly TranscribedNote[],
  estimated: readonly TranscribedNote[],
  options: Partial<NoteMatchingOptions> = {},
): PrecisionRecall {
  const settings = { ...NOTE_ONSET_DEFAULTS, ...options };
  if (reference.length === 0 || estimated.length === 0) return precisionRecallFromCounts(0, 0, 0);
  const referenceLog2 = reference.map((note) => Math.log2(midiToHz(note.midi)));
  const estimatedLog2 = estimated.map((note) => Math.log2(midiToHz(note.midi)));
  const offsetTolerances = reference.map((note) =>
    settings.offsetRatio === null
      ? Number.POSITIVE_INFINITY
      : Math.max(settings.offsetRatio * Math.abs(note.offset - note.onset), settings.offsetMinToleranceSeconds),
  );
  // Left side: estimated notes, as mir_eval builds its graph.
  const adjacency = estimated.map((estimate, estimatedIndex) => {
    const candidates: number[] = [];
    reference.forEach((truth, referenceIndex) => {
      const onsetDistance = roundHalfEven(Math.abs(truth.onset - estimate.onset), DISTANCE_DECIMALS);
      if (!(onsetDistance <= settings.onsetToleranceSeconds)) return;
      const cents = Math.abs(1200 * (referenceLog2[referenceIndex]! - estimatedLog2[estimatedIndex]!));
      if (!(cents <= settings.pitchToleranceCents)) return;
      if (settings.offsetRatio !== null) {
        const offsetDistance = roundHalfEven(Math.abs(truth.offset - estimate.offset), DISTANCE_DECIMALS);
        if (!(offsetDistance <= offsetTolerances[referenceIndex]!)) return;
      }
      candidates.push(referenceIndex);
    });
    return candidates;
  });
  const matched = maximumBipartiteMatching(adjacency, reference.length).size;
  return precisionRecallFromCounts(matched, reference.length, estimated.length);
}
