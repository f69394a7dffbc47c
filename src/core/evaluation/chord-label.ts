/**
 * Harte chord labels parsed and encoded as `mir_eval.chord` does: validation by mir_eval's
 * grammar, `split` into root, quality shorthand, added/omitted scale degrees and bass, and
 * `encode` into (absolute root pitch class, 12-bit relative semitone bitmap, bass interval).
 * "N" (no chord) encodes to root −1 and an empty bitmap; "X" (unknown) to root −1 and a
 * bitmap of −1s. Extended qualities are not reduced (mir_eval's default for comparisons), so
 * degrees above the octave (9, 11, 13) drop out of the bitmap.
 * Reference: C. Harte (2010), "Towards automatic extraction of harmony information from music
 *   signals", PhD thesis, QMUL; mir_eval 0.7 chord.split / chord.encode.
 */

export const NO_CHORD = "N";
export const UNKNOWN_CHORD = "X";

/** A chord in mir_eval's numeric form. */
export interface EncodedChord {
  /** Absolute pitch class of the root (0 = C), −1 for N and X. */
  readonly root: number;
  /** Active semitones relative to the root (index 0 = root), 0/1; all −1 for X. */
  readonly bitmap: readonly number[];
  /** Bass interval in semitones above the root, −1 for N and X. */
  readonly bass: number;
}

export const NO_CHORD_ENCODED: EncodedChord = Object.freeze({ root: -1, bitmap: Object.freeze(zeros()), bass: -1 });
export const UNKNOWN_CHORD_ENCODED: EncodedChord = Object.freeze({
  root: -1,
  bitmap: Object.freeze(new Array<number>(12).fill(-1)),
  bass: -1,
});

/** mir_eval.chord.QUALITIES: semitone bitmaps of the quality shorthands. */
export const CHORD_QUALITIES: Readonly<Record<string, readonly number[]>> = {
  maj: [1, 0, 0, 0, 1, 0, 0, 1, 0, 0, 0, 0],
  min: [1, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0],
  aug: [1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0],
  dim: [1, 0, 0, 1, 0, 0, 1, 0, 0, 0, 0, 0],
  sus4: [1, 0, 0, 0, 0, 1, 0, 1, 0, 0, 0, 0],
  sus2: [1, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0],
  "7": [1, 0, 0, 0, 1, 0, 0, 1, 0, 0, 1, 0],
  maj7: [1, 0, 0, 0, 1, 0, 0, 1, 0, 0, 0, 1],
  min7: [1, 0, 0, 1, 0, 0, 0, 1, 0, 0, 1, 0],
  minmaj7: [1, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1],
  maj6: [1, 0, 0, 0, 1, 0, 0, 1, 0, 1, 0, 0],
  min6: [1, 0, 0, 1, 0, 0, 0, 1, 0, 1, 0, 0],
  dim7: [1, 0, 0, 1, 0, 0, 1, 0, 0, 1, 0, 0],
  hdim7: [1, 0, 0, 1, 0, 0, 1, 0, 0, 0, 1, 0],
  maj9: [1, 0, 0, 0, 1, 0, 0, 1, 0, 0, 0, 1],
  min9: [1, 0, 0, 1, 0, 0, 0, 1, 0, 0, 1, 0],
  "9": [1, 0, 0, 0, 1, 0, 0, 1, 0, 0, 1, 0],
  b9: [1, 0, 0, 0, 1, 0, 0, 1, 0, 0, 1, 0],
  "#9": [1, 0, 0, 0, 1, 0, 0, 1, 0, 0, 1, 0],
  min11: [1, 0, 0, 1, 0, 0, 0, 1, 0, 0, 1, 0],
  "11": [1, 0, 0, 0, 1, 0, 0, 1, 0, 0, 1, 0],
  "#11": [1, 0, 0, 0, 1, 0, 0, 1, 0, 0, 1, 0],
  maj13: [1, 0, 0, 0, 1, 0, 0, 1, 0, 0, 0, 1],
  min13: [1, 0, 0, 1, 0, 0, 0, 1, 0, 0, 1, 0],
  "13": [1, 0, 0, 0, 1, 0, 0, 1, 0, 0, 1, 0],
  b13: [1, 0, 0, 0, 1, 0, 0, 1, 0, 0, 1, 0],
  "1": [1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
  "5": [1, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0],
  "": [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
};

const PITCH_CLASSES: Readonly<Record<string, number>> = { C: 0, D: 2, E: 4, F: 5, G: 7, A: 9, B: 11 };
const SCALE_DEGREES: Readonly<Record<string, number>> = {
  "1": 0,
  "2": 2,
  "3": 4,
  "4": 5,
  "5": 7,
  "6": 9,
  "7": 11,
  "8": 12,
  "9": 14,
  "10": 16,
  "11": 17,
  "12": 19,
  "13": 21,
};

/** mir_eval.chord.validate_chord_label's grammar, verbatim. */
const CHORD_LABEL_PATTERN =
  /^((N|X)|(([A-G](b*|#*))((:(maj|min|dim|aug|1|5|sus2|sus4|maj6|min6|7|maj7|min7|dim7|hdim7|minmaj7|aug7|9|maj9|min9|11|maj11|min11|13|maj13|min13)(\((\*?((b*|#*)([1-9]|1[0-3]?))(,\*?((b*|#*)([1-9]|1[0-3]?)))*)\))?)|(:\((\*?((b*|#*)([1-9]|1[0-3]?))(,\*?((b*|#*)([1-9]|1[0-3]?)))*)\)))?((\/((b*|#*)([1-9]|1[0-3]?)))?)?))$/;

/** The parts of a Harte label (mir_eval.chord.split). */
export interface ChordLabelParts {
  readonly root: string;
  readonly quality: string;
  readonly scaleDegrees: ReadonlySet<string>;
  readonly bass: string;
}

/** True when mir_eval's grammar accepts the label (mir_eval.chord.validate_chord_label). */
export function isValidChordLabel(label: string): boolean {
  return CHORD_LABEL_PATTERN.test(label);
}

/** Split a label into its parts, or null when the grammar rejects it (mir_eval.chord.split). */
export function splitChordLabel(label: string): ChordLabelParts | null {
  if (!isValidChordLabel(label)) return null;
  if (label === NO_CHORD) return { root: label, quality: "", scaleDegrees: new Set(), bass: "" };
  let rest = label;
  let bass = "1";
  if (rest.includes("/")) [rest, bass] = rest.split("/") as [string, string];
  let scaleDegrees = new Set<string>();
  let omission = false;
  if (rest.includes("(")) {
    const [head, degrees] = rest.split("(") as [string, string];
    rest = head;
    omission = degrees.includes("*");
    scaleDegrees = new Set(
      degrees
        .replace(/\)+$/, "")
        .split(",")
        .map((degree) => degree.trim()),
    );
  }
  if (omission && !rest.includes(":")) return null; // omissions need a quality
  let quality = scaleDegrees.size > 0 ? "" : "maj";
  let root = rest;
  if (rest.includes(":")) {
    const [rootName, qualityName] = rest.split(":") as [string, string];
    root = rootName;
    if (qualityName !== "") quality = qualityName.toLowerCase();
  }
  return { root, quality, scaleDegrees, bass };
}

/** Semitone of a scale degree such as "b3", "#5", "9" (not wrapped); null when malformed. */
export function scaleDegreeToSemitone(degree: string): number | null {
  let offset = 0;
  let name = degree;
  if (name.startsWith("#")) {
    offset = name.split("#").length - 1;
    name = name.replace(/^#+|#+$/g, "");
  } else if (name.startsWith("b")) {
    offset = -(name.split("b").length - 1);
    name = name.replace(/^b+|b+$/g, "");
  }
  const semitone = SCALE_DEGREES[name];
  return semitone === undefined ? null : semitone + offset;
}

/**
 * mir_eval.chord.encode(label) with reduce_extended_chords=False and lenient bass; null
 * when the label is malformed or uses a shorthand mir_eval cannot encode (aug7, maj11).
 */
export function encodeChordLabel(label: string): EncodedChord | null {
  if (label === NO_CHORD) return NO_CHORD_ENCODED;
  if (label === UNKNOWN_CHORD) return UNKNOWN_CHORD_ENCODED;
  const parts = splitChordLabel(label);
  if (parts === null) return null;
  const rootBase = PITCH_CLASSES[parts.root[0] ?? ""];
  const qualityBitmap = CHORD_QUALITIES[parts.quality];
  const bassSemitone = scaleDegreeToSemitone(parts.bass);
  if (rootBase === undefined || qualityBitmap === undefined || bassSemitone === null) return null;
  let root = rootBase;
  for (const accidental of parts.root.slice(1)) root += accidental === "#" ? 1 : -1;
  const sum = [...qualityBitmap];
  sum[0] = 1;
  for (const entry of parts.scaleDegrees) {
    const sign = entry.startsWith("*") ? -1 : 1;
    const semitone = scaleDegreeToSemitone(entry.replace(/^\*+|\*+$/g, ""));
    if (semitone === null) return null;
    if (semitone < 12) sum[mod12(semitone)]! += sign; // degrees above the octave are dropped
  }
  const bitmap = sum.map((value) => (value > 0 ? 1 : 0));
  const bass = mod12(bassSemitone);
  bitmap[bass] = 1;
  return { root: mod12(root), bitmap, bass };
}

function mod12(value: number): number {
  return ((value % 12) + 12) % 12;
}

function zeros(): number[] {
  return new Array<number>(12).fill(0);
}
