/**
 * The 24 major and minor keys as indices and names. Index k < 12 is the major key on
 * tonic k, k ≥ 12 the minor key on tonic k − 12 (tonic 0 = C … 11 = B). Names use the
 * spelling of the key signature with fewer accidentals ("Eb major", "F# minor"); both
 * parse with `parseKeyLabel` (core/evaluation). DJ notations:
 *   Camelot (Mixed In Key): the circle of fifths numbered 1–12 with 8B = C major and
 *     8A = A minor (relative keys share the number, B = major, A = minor);
 *   Open Key (Traktor): 1d = C major and 1m = A minor, numbers rising by fifths.
 * Reference: Davis, "Mixed In Key" Camelot wheel; Native Instruments, Traktor Open Key.
 */

export type KeyMode = "major" | "minor";

/** Major and minor keys. */
export const KEY_COUNT = 24;

const MAJOR_TONIC_NAMES = ["C", "Db", "D", "Eb", "E", "F", "F#", "G", "Ab", "A", "Bb", "B"] as const;
const MINOR_TONIC_NAMES = ["C", "C#", "D", "Eb", "E", "F", "F#", "G", "G#", "A", "Bb", "B"] as const;

/** Index of the key on `tonic` (pitch class 0–11) in `mode`. */
export function keyIndex(tonic: number, mode: KeyMode): number {
  const pitchClass = ((Math.round(tonic) % 12) + 12) % 12;
  return mode === "major" ? pitchClass : 12 + pitchClass;
}

export function keyTonic(index: number): number {
  return index % 12;
}

export function keyMode(index: number): KeyMode {
  return index < 12 ? "major" : "minor";
}

/** Name of the tonic alone, spelled as in `keyName` ("Eb", "F#"). */
export function tonicName(index: number): string {
  return (index < 12 ? MAJOR_TONIC_NAMES : MINOR_TONIC_NAMES)[index % 12]!;
}

/** "Eb major", "F# minor". */
export function keyName(index: number): string {
  return `${tonicName(index)} ${keyMode(index)}`;
}

/** Position on the circle of fifths of the key's relative major, 0 = C … 11 = F. */
function fifthsFromC(index: number): number {
  const majorTonic = index < 12 ? index : (index - 12 + 3) % 12;
  return (7 * majorTonic) % 12;
}

/** Camelot code: "8B" = C major, "8A" = A minor. */
export function camelotCode(index: number): string {
  return `${((fifthsFromC(index) + 7) % 12) + 1}${index < 12 ? "B" : "A"}`;
}

/** Open Key code: "1d" = C major, "1m" = A minor. */
export function openKeyCode(index: number): string {
  return `${fifthsFromC(index) + 1}${index < 12 ? "d" : "m"}`;
}
