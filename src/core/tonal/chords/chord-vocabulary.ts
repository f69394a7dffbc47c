/**
 * The chord vocabulary of chord recognition: 12 roots × a list of qualities, plus "N"
 * (no chord). Each chord is a state index: `quality·12 + root` for chords, `12·qualities`
 * for N. Labels follow Harte's syntax as mir_eval parses it (`C:maj`, `A:min7`, `G:7`,
 * `N`); readable names follow lead-sheet usage (`C`, `Am7`, `G7`, `Cmaj7`, `Bdim`,
 * `Dsus4`). Roots are spelled with the common accidental (C#, Eb, F#, Ab, Bb).
 * Reference: Harte, Sandler, Abdallah & Gómez (2005), "Symbolic representation of musical
 *   chords: a proposed syntax for text annotations", ISMIR.
 */

export interface ChordQuality {
  /** Harte shorthand after the colon: "maj", "min7". */
  readonly harte: string;
  /** Lead-sheet suffix after the root: "" (major), "m7". */
  readonly suffix: string;
  /** Semitones above the root of each chord tone, root (0) first. */
  readonly intervals: readonly number[];
  /** 0 = major/minor triad, 1 = seventh chord, 2 = rarer colour (dim, aug, sus). */
  readonly family: 0 | 1 | 2;
}

/** Every quality the recogniser knows, in state order. */
export const CHORD_QUALITY_TABLE: Readonly<Record<string, ChordQuality>> = {
  maj: { harte: "maj", suffix: "", intervals: [0, 4, 7], family: 0 },
  min: { harte: "min", suffix: "m", intervals: [0, 3, 7], family: 0 },
  "7": { harte: "7", suffix: "7", intervals: [0, 4, 7, 10], family: 1 },
  maj7: { harte: "maj7", suffix: "maj7", intervals: [0, 4, 7, 11], family: 1 },
  min7: { harte: "min7", suffix: "m7", intervals: [0, 3, 7, 10], family: 1 },
  dim: { harte: "dim", suffix: "dim", intervals: [0, 3, 6], family: 2 },
  aug: { harte: "aug", suffix: "aug", intervals: [0, 4, 8], family: 2 },
  sus2: { harte: "sus2", suffix: "sus2", intervals: [0, 2, 7], family: 2 },
  sus4: { harte: "sus4", suffix: "sus4", intervals: [0, 5, 7], family: 2 },
};

export type ChordQualityName = keyof typeof CHORD_QUALITY_TABLE;

/** The default vocabulary: triads, the three common sevenths, dim, aug, sus2, sus4. */
export const FULL_VOCABULARY: readonly string[] = ["maj", "min", "7", "maj7", "min7", "dim", "aug", "sus2", "sus4"];

/** Major and minor triads only (the "majmin" vocabulary of MIREX). */
export const MAJMIN_VOCABULARY: readonly string[] = ["maj", "min"];

export const NO_CHORD_LABEL = "N";

const ROOT_NAMES = ["C", "C#", "D", "Eb", "E", "F", "F#", "G", "Ab", "A", "Bb", "B"] as const;

/** A vocabulary resolved into states: qualities in order, then N. */
export interface ChordVocabulary {
  readonly qualities: readonly ChordQuality[];
  /** Chord states (12 per quality) plus one N state, which is the last. */
  readonly states: number;
  readonly noChordState: number;
}

/** Resolve quality names (keys of CHORD_QUALITY_TABLE) into a vocabulary. */
export function chordVocabulary(qualityNames: readonly string[] = FULL_VOCABULARY): ChordVocabulary {
  if (qualityNames.length === 0) throw new RangeError("chordVocabulary: qualityNames must not be empty");
  const qualities = qualityNames.map((name) => {
    const quality = CHORD_QUALITY_TABLE[name];
    if (!quality) {
      throw new RangeError(
        `chordVocabulary: unknown quality "${name}", expected one of ${Object.keys(CHORD_QUALITY_TABLE).join(", ")}`,
      );
    }
    return quality;
  });
  if (new Set(qualityNames).size !== qualityNames.length) {
    throw new RangeError(`chordVocabulary: qualities must be distinct, got ${qualityNames.join(", ")}`);
  }
  const states = qualities.length * 12 + 1;
  return { qualities, states, noChordState: states - 1 };
}

/** Root pitch class (0 = C) of a state; −1 for N. */
export function chordRoot(vocabulary: ChordVocabulary, state: number): number {
  return state === vocabulary.noChordState ? -1 : state % 12;
}

/** Quality of a state; null for N. */
export function chordQuality(vocabulary: ChordVocabulary, state: number): ChordQuality | null {
  return state === vocabulary.noChordState ? null : vocabulary.qualities[Math.floor(state / 12)]!;
}

/** Harte label of a state: "C:maj", "A:min7", "N". */
export function chordLabel(vocabulary: ChordVocabulary, state: number): string {
  const quality = chordQuality(vocabulary, state);
  return quality === null ? NO_CHORD_LABEL : `${ROOT_NAMES[state % 12]}:${quality.harte}`;
}

/** Readable name of a state: "C", "Am7", "G7", "Cmaj7", "Bdim", "Dsus4", "N". */
export function chordName(vocabulary: ChordVocabulary, state: number): string {
  const quality = chordQuality(vocabulary, state);
  return quality === null ? NO_CHORD_LABEL : `${ROOT_NAMES[state % 12]}${quality.suffix}`;
}

/** Name of a pitch class (0 = C) as chord roots are spelled. */
export function rootName(pitchClass: number): string {
  return ROOT_NAMES[((Math.round(pitchClass) % 12) + 12) % 12]!;
}
