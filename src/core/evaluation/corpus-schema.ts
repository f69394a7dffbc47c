/**
 * The corpus prediction schema (../shared/corpus/SCHEMA.md): one JSON object per song, every
 * field optional, times in seconds from the start of the file. Ground-truth files use the
 * same fields plus identification and extras (`CorpusTruth`), so a truth file is itself a
 * perfect prediction. `validateCorpusPrediction` checks a parsed JSON value against the
 * schema without dependencies (the core has none) and names each problem by its JSON path;
 * unknown fields are allowed and ignored, as the scorer ignores them.
 */
import { encodeChordLabel } from "./chord-label.js";
import { parseKeyLabel } from "./key-metrics.js";

/** A labelled span: a chord (Harte label) or a section (free label). */
export interface CorpusSpan {
  readonly start: number;
  readonly end: number;
  readonly label: string;
}

/** A note of the lead melody; `midi` may be fractional. */
export interface CorpusNote {
  readonly onset: number;
  readonly offset: number;
  readonly midi: number;
}

/** Drum hit times per class; kick, snare and hihat are scored, other keys ignored. */
export interface CorpusDrums {
  readonly kick?: readonly number[];
  readonly snare?: readonly number[];
  readonly hihat?: readonly number[];
  readonly [drumClass: string]: readonly number[] | undefined;
}

export interface CorpusLoudness {
  readonly integrated_lufs?: number;
  readonly lra?: number;
  readonly true_peak_dbtp?: number;
}

/** One song's predictions in the corpus schema. */
export interface CorpusPrediction {
  /** Global tempo in beats per minute. */
  readonly tempo?: number;
  readonly beats?: readonly number[];
  readonly downbeats?: readonly number[];
  /** "4/4" or "3/4". */
  readonly time_signature?: string;
  /** "A minor", "Bb major", … */
  readonly key?: string;
  readonly chords?: readonly CorpusSpan[];
  readonly sections?: readonly CorpusSpan[];
  readonly onsets?: readonly number[];
  readonly drums?: CorpusDrums;
  readonly notes?: readonly CorpusNote[];
  readonly loudness?: CorpusLoudness;
}

/** A ground-truth file (`CORPUS/truth/<id>.json`): all scored fields present, plus extras. */
export interface CorpusTruth extends CorpusPrediction {
  readonly id: string;
  readonly split: string;
  /** Seconds. */
  readonly duration: number;
  readonly sample_rate: number;
  /** Position of each beat in its bar, 1 = downbeat. */
  readonly beat_positions?: readonly number[];
  readonly tempo: number;
  readonly beats: readonly number[];
  readonly downbeats: readonly number[];
  readonly time_signature: string;
  readonly key: string;
  readonly chords: readonly CorpusSpan[];
  readonly sections: readonly CorpusSpan[];
  readonly onsets: readonly number[];
  readonly drums: CorpusDrums;
  readonly notes: readonly CorpusNote[];
  readonly loudness: CorpusLoudness;
}

/** Result of validation: the value typed when valid, and every problem found. */
export interface CorpusValidation {
  readonly valid: boolean;
  readonly errors: readonly string[];
  readonly prediction: CorpusPrediction | null;
}

type Check = (value: unknown, path: string, errors: string[]) => void;

/** Check a parsed JSON value against the prediction schema. */
export function validateCorpusPrediction(value: unknown): CorpusValidation {
  const errors: string[] = [];
  if (!isRecord(value)) {
    errors.push(`$: expected an object, got ${describe(value)}`);
    return { valid: false, errors, prediction: null };
  }
  for (const [field, check] of Object.entries(FIELD_CHECKS)) {
    if (Object.hasOwn(value, field)) check(value[field], `$.${field}`, errors);
  }
  return errors.length === 0
    ? { valid: true, errors, prediction: value as CorpusPrediction }
    : { valid: false, errors, prediction: null };
}

/** True when `value` is a valid prediction. */
export function isCorpusPrediction(value: unknown): value is CorpusPrediction {
  return validateCorpusPrediction(value).valid;
}

const checkPositive: Check = (value, path, errors) => {
  if (!isFiniteNumber(value) || value <= 0)
    errors.push(`${path}: expected a finite number > 0, got ${describe(value)}`);
};

const checkOptionalNumber: Check = (value, path, errors) => {
  if (!isFiniteNumber(value)) errors.push(`${path}: expected a finite number, got ${describe(value)}`);
};

const checkTimes: Check = (value, path, errors) => {
  if (!Array.isArray(value)) {
    errors.push(`${path}: expected a sorted list of times, got ${describe(value)}`);
    return;
  }
  value.forEach((time, index) => {
    if (!isFiniteNumber(time) || time < 0) errors.push(`${path}[${index}]: expected a time ≥ 0, got ${describe(time)}`);
    else if (index > 0 && isFiniteNumber(value[index - 1]) && time < value[index - 1]) {
      errors.push(`${path}[${index}]: times must be sorted, ${time} follows ${value[index - 1]}`);
    }
  });
};

function checkSpans(labelCheck: (label: string) => boolean, labelKind: string): Check {
  return (value, path, errors) => {
    if (!Array.isArray(value)) {
      errors.push(`${path}: expected a list of {start, end, label}, got ${describe(value)}`);
      return;
    }
    let previousEnd = Number.NEGATIVE_INFINITY;
    for (const [index, span] of value.entries()) {
      const at = `${path}[${index}]`;
      if (!isRecord(span)) {
        errors.push(`${at}: expected {start, end, label}, got ${describe(span)}`);
        continue;
      }
      const { start, end, label } = span;
      if (!isFiniteNumber(start) || !isFiniteNumber(end) || start < 0 || end <= start) {
        errors.push(`${at}: expected 0 ≤ start < end, got ${describe(start)}, ${describe(end)}`);
        continue;
      }
      if (start < previousEnd - 1e-9) errors.push(`${at}: overlaps or precedes the previous span (start ${start})`);
      previousEnd = end;
      if (typeof label !== "string" || !labelCheck(label)) {
        errors.push(`${at}.label: expected ${labelKind}, got ${describe(label)}`);
      }
    }
  };
}

const checkNotes: Check = (value, path, errors) => {
  if (!Array.isArray(value)) {
    errors.push(`${path}: expected a list of notes, got ${describe(value)}`);
    return;
  }
  for (const [index, note] of value.entries()) {
    const at = `${path}[${index}]`;
    if (!isRecord(note)) {
      errors.push(`${at}: expected {onset, offset, midi}, got ${describe(note)}`);
      continue;
    }
    const { onset, offset, midi } = note;
    if (!isFiniteNumber(onset) || !isFiniteNumber(offset) || onset < 0 || offset <= onset) {
      errors.push(`${at}: expected 0 ≤ onset < offset, got ${describe(onset)}, ${describe(offset)}`);
    }
    if (!isFiniteNumber(midi) || midi <= 0 || midi > 135) {
      errors.push(`${at}.midi: expected a MIDI pitch, got ${describe(midi)}`);
    }
  }
};

function checkRecordOf(check: Check, what: string): Check {
  return (value, path, errors) => {
    if (!isRecord(value)) {
      errors.push(`${path}: expected an object of ${what}, got ${describe(value)}`);
      return;
    }
    for (const [key, entry] of Object.entries(value)) check(entry, `${path}.${key}`, errors);
  };
}

const FIELD_CHECKS: Readonly<Record<keyof CorpusPrediction, Check>> = {
  tempo: checkPositive,
  beats: checkTimes,
  downbeats: checkTimes,
  time_signature: (value, path, errors) => {
    if (typeof value !== "string" || !/^\d+\/\d+$/.test(value)) {
      errors.push(`${path}: expected a time signature such as "4/4", got ${describe(value)}`);
    }
  },
  key: (value, path, errors) => {
    if (typeof value !== "string" || parseKeyLabel(value) === null) {
      errors.push(`${path}: expected a key such as "A minor", got ${describe(value)}`);
    }
  },
  chords: checkSpans((label) => encodeChordLabel(label) !== null, "a Harte chord label"),
  sections: checkSpans(() => true, "a string"),
  onsets: checkTimes,
  drums: checkRecordOf(checkTimes, "hit-time lists"),
  notes: checkNotes,
  loudness: checkRecordOf(checkOptionalNumber, "numbers"),
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isFiniteNumber(value: unknown): value is number {
  return typeof value === "number" && Number.isFinite(value);
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return "a list";
  if (value === null) return "null";
  if (typeof value === "string") return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === "object") return "an object";
  return String(value);
}
