/**
 * Phrase segmentation of transcribed notes: a phrase is a maximal group of notes in which
 * every silence (the gap from one note's end to the next note's start) is shorter than
 * `minRestSeconds`; a longer silence (a rest or a breath) ends the phrase. Phrases carry
 * their time span and the index range of their notes.
 * Reference: Mauch et al. (2015), "Computer-aided melody note transcription using the
 *   Tony software", TENOR (notes); breath-delimited phrasing as in singing analysis, e.g.
 *   Sundberg (1987), "The Science of the Singing Voice", ch. 3 (phrases end at breaths).
 */
import type { Seconds } from "../types.js";

export interface PhraseOptions {
  /** Seconds: shortest silence that separates two phrases; ≥ 0. */
  readonly minRestSeconds: Seconds;
}

export const PHRASE_DEFAULTS: PhraseOptions = { minRestSeconds: 0.25 };

export interface Phrase {
  /** Seconds: start of the first note. */
  readonly start: Seconds;
  /** Seconds: latest end among the phrase's notes. */
  readonly end: Seconds;
  /** Index of the first note in the input. */
  readonly firstNote: number;
  /** One past the index of the last note. */
  readonly endNote: number;
}

/** Phrases of notes sorted by start (throws RangeError when they are not). */
export function segmentPhrases(
  notes: readonly { readonly start: Seconds; readonly end: Seconds }[],
  options: Partial<PhraseOptions> = {},
): Phrase[] {
  const { minRestSeconds } = { ...PHRASE_DEFAULTS, ...options };
  if (!(minRestSeconds >= 0)) {
    throw new RangeError(`segmentPhrases: minRestSeconds must be ≥ 0, got ${minRestSeconds}`);
  }
  const phrases: Phrase[] = [];
  let firstNote = 0;
  let end = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < notes.length; i++) {
    const note = notes[i]!;
    if (i > 0 && note.start < notes[i - 1]!.start) {
      throw new RangeError(`segmentPhrases: notes must be sorted by start; note ${i} starts before note ${i - 1}`);
    }
    if (i > 0 && note.start - end >= minRestSeconds) {
      phrases.push({ start: notes[firstNote]!.start, end, firstNote, endNote: i });
      firstNote = i;
      end = Number.NEGATIVE_INFINITY;
    }
    end = Math.max(end, note.end);
  }
  if (notes.length > 0) phrases.push({ start: notes[firstNote]!.start, end, firstNote, endNote: notes.length });
  return phrases;
}
