/**
 * Key estimation score as `mir_eval.key.weighted_score` (MIREX): 1 for the same tonic and
 * mode, 0.5 for the estimate a perfect fifth above in the same mode, 0.3 for the relative
 * major/minor, 0.2 for the parallel major/minor, 0 otherwise.
 * Labels are read as the corpus scorer reads them (score.py `norm_key`): a tonic A–G in either
 * case, an optional `#`/`b` (or ♯/♭), then `major`/`minor`/`maj`/`min`/`m`/`M` after optional
 * whitespace or a colon — "A minor", "Am", "A:min", "a min", "Bb major", "F#" (major by default).
 * Tonics mir_eval does not know (Cb, Fb, E#, B#) are rejected, like any other malformed label.
 * Reference: mir_eval 0.7 key.weighted_score; MIREX audio key detection task.
 */

export type KeyMode = "major" | "minor";

export interface KeyLabel {
  /** Pitch class of the tonic, 0 = C … 11 = B. */
  readonly tonic: number;
  readonly mode: KeyMode;
  /** The canonical mir_eval spelling, e.g. "Bb minor". */
  readonly name: string;
}

/** mir_eval.key.KEY_TO_SEMITONE (without the uncategorised "x"). */
const KEY_TO_SEMITONE: Readonly<Record<string, number>> = {
  c: 0,
  "c#": 1,
  db: 1,
  d: 2,
  "d#": 3,
  eb: 3,
  e: 4,
  f: 5,
  "f#": 6,
  gb: 6,
  g: 7,
  "g#": 8,
  ab: 8,
  a: 9,
  "a#": 10,
  bb: 10,
  b: 11,
};

const KEY_PATTERN = /^([A-Ga-g])([#b]?)\s*[:\s]?\s*(major|minor|maj|min|m|M)?$/;

/** Parse a key label the way score.py does; null when it is not a key mir_eval accepts. */
export function parseKeyLabel(label: string): KeyLabel | null {
  const text = label.trim().replaceAll("♯", "#").replaceAll("♭", "b");
  const match = KEY_PATTERN.exec(text);
  if (match === null) return null;
  const tonicName = match[1]!.toUpperCase() + match[2]!;
  const modeWord = match[3] ?? "major";
  const mode: KeyMode = modeWord === "minor" || modeWord === "min" || modeWord === "m" ? "minor" : "major";
  const tonic = KEY_TO_SEMITONE[tonicName.toLowerCase()];
  if (tonic === undefined) return null;
  return { tonic, mode, name: `${tonicName} ${mode}` };
}

/** Score of each relation of the estimated key to the reference key. */
export const KEY_RELATION_SCORES = { same: 1, fifth: 0.5, relative: 0.3, parallel: 0.2, other: 0 } as const;

export type KeyRelation = keyof typeof KEY_RELATION_SCORES;

/** How the estimated key relates to the reference key, in mir_eval's order of tests. */
export function keyRelation(reference: KeyLabel, estimated: KeyLabel): KeyRelation {
  const interval = (((estimated.tonic - reference.tonic) % 12) + 12) % 12;
  if (interval === 0 && reference.mode === estimated.mode) return "same";
  if (reference.mode === estimated.mode && interval === 7) return "fifth";
  if (reference.mode === "major" && estimated.mode === "minor" && interval === 9) return "relative";
  if (reference.mode === "minor" && estimated.mode === "major" && interval === 3) return "relative";
  if (reference.mode !== estimated.mode && interval === 0) return "parallel";
  return "other";
}

/** mir_eval.key.weighted_score of an estimated key against the reference key. */
export function keyWeightedScore(reference: KeyLabel, estimated: KeyLabel): number {
  return KEY_RELATION_SCORES[keyRelation(reference, estimated)];
}
