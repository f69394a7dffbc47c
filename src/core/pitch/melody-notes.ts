/**
 * Notes of a predominant-melody line (track-melody.ts): voiced stretches are cut where the
 * pitch leaves the current note's band for `minDepartureFrames` frames (a new pitch) or
 * where the melody's salience jumps by `onsetRiseDb` within `riseFrames` frames at a
 * steady pitch (a repeated note, re-articulated); pieces shorter than `minNoteSeconds`
 * are dropped. A note's pitch is the median of its frames' pitches; its times are the
 * frame times shifted by `onsetShiftSeconds` (the salience frames are long, and a new
 * note takes over the frame before its onset reaches the frame's centre).
 * Reference: R. J. McNab et al. (1996), "Towards the digital music library: tune retrieval
 *   from acoustic input", ACM DL (pitch-stability segmentation); J. Salamon & E. Gómez
 *   (2012), IEEE TASLP 20(6).
 */
import type { MelodyLine } from "./track-melody.js";

export interface MelodyNotesOptions {
  /** Cents: half-width of a note's band around its running median; > 0. */
  readonly bandCents: number;
  /** Frames outside the band (on one side) that start a new note; integer ≥ 1. */
  readonly minDepartureFrames: number;
  /** dB rise of the melody's salience that splits a steady note; > 0. */
  readonly onsetRiseDb: number;
  /** Frames over which that rise is measured; integer ≥ 1. */
  readonly riseFrames: number;
  /** Shortest note kept (seconds); ≥ 0. */
  readonly minNoteSeconds: number;
  /** Seconds added to note boundaries (negative: earlier). */
  readonly onsetShiftSeconds: number;
}

export const MELODY_NOTES_DEFAULTS: MelodyNotesOptions = {
  bandCents: 60,
  minDepartureFrames: 2,
  onsetRiseDb: 9,
  riseFrames: 2,
  minNoteSeconds: 0.07,
  onsetShiftSeconds: 0,
};

export interface MelodyNote {
  readonly onset: number;
  readonly offset: number;
  /** Fractional MIDI pitch (69 = A4 at 440 Hz). */
  readonly midi: number;
}

function medianOf(values: number[]): number {
  values.sort((a, b) => a - b);
  const middle = values.length >> 1;
  return values.length % 2 === 1 ? values[middle]! : 0.5 * (values[middle - 1]! + values[middle]!);
}

export function melodyNotes(line: MelodyLine, options: Partial<MelodyNotesOptions> = {}): MelodyNote[] {
  const o = { ...MELODY_NOTES_DEFAULTS, ...options };
  const { times, midi, salience } = line;
  const frames = times.length;
  if (frames === 0) return [];
  const hop = frames > 1 ? times[1]! - times[0]! : 0;
  const band = o.bandCents / 100;
  const riseRatio = 10 ** (o.onsetRiseDb / 20);
  // Boundaries: frame indices where a note starts; -1 marks unvoiced frames.
  const starts: number[] = [];
  const ends: number[] = [];
  let start = -1;
  let pitches: number[] = [];
  let centre = 0;
  let departures = 0;
  let side = 0;
  const close = (end: number) => {
    if (start >= 0 && end > start) {
      starts.push(start);
      ends.push(end);
    }
    start = -1;
    pitches = [];
    departures = 0;
  };
  for (let t = 0; t < frames; t++) {
    const p = midi[t]!;
    if (Number.isNaN(p)) {
      close(t);
      continue;
    }
    if (start < 0) {
      start = t;
      pitches = [p];
      centre = p;
      continue;
    }
    const away = p - centre;
    if (Math.abs(away) > band) {
      const direction = Math.sign(away);
      departures = direction === side ? departures + 1 : 1;
      side = direction;
      if (departures >= o.minDepartureFrames) {
        const newStart = t - departures + 1;
        close(newStart);
        start = newStart;
        pitches = [];
        for (let u = newStart; u <= t; u++) pitches.push(midi[u]!);
        centre = medianOf([...pitches]);
      }
      continue;
    }
    departures = 0;
    const before = salience[Math.max(start, t - o.riseFrames)]!;
    if (t - start >= o.riseFrames && salience[t]! > before * riseRatio && salience[t - 1]! < salience[t]!) {
      close(t);
      start = t;
      pitches = [p];
      centre = p;
      continue;
    }
    pitches.push(p);
    if (pitches.length <= 8 || pitches.length % 4 === 0) centre = medianOf([...pitches]);
  }
  close(frames);

  const notes: MelodyNote[] = [];
  for (let i = 0; i < starts.length; i++) {
    const first = starts[i]!;
    const last = ends[i]! - 1;
    const onset = times[first]! + o.onsetShiftSeconds;
    const offset = times[last]! + hop + o.onsetShiftSeconds;
    if (offset - onset < o.minNoteSeconds) continue;
    const values: number[] = [];
    for (let t = first; t <= last; t++) values.push(midi[t]!);
    notes.push({ onset: Math.max(0, onset), offset, midi: medianOf(values) });
  }
  return notes;
}

export interface SnapOnsetsOptions {
  /** Seconds an onset may lie before a note's start and still be taken as its onset; ≥ 0. */
  readonly earlierSeconds: number;
  /** Seconds an onset may lie after it; ≥ 0. */
  readonly laterSeconds: number;
}

export const SNAP_ONSETS_DEFAULTS: SnapOnsetsOptions = { earlierSeconds: 0.15, laterSeconds: 0.015 };

/**
 * Moves each note's start to the nearest detected onset (ascending `onsets`, seconds) within
 * the window around it: the salience frames are long and the melody line switches notes
 * late, while an onset detector with short frames places the attack within ~10 ms. A start
 * never moves before the previous note's start; the previous note then ends where this
 * one begins, so notes stay apart.
 */
export function snapNoteOnsets(
  notes: readonly MelodyNote[],
  onsets: readonly number[],
  options: Partial<SnapOnsetsOptions> = {},
): MelodyNote[] {
  const { earlierSeconds, laterSeconds } = { ...SNAP_ONSETS_DEFAULTS, ...options };
  const out: MelodyNote[] = [];
  let cursor = 0;
  for (const note of notes) {
    while (cursor < onsets.length && onsets[cursor]! < note.onset - earlierSeconds) cursor++;
    let best = Number.NaN;
    for (let i = cursor; i < onsets.length && onsets[i]! <= note.onset + laterSeconds; i++) {
      if (Number.isNaN(best) || Math.abs(onsets[i]! - note.onset) < Math.abs(best - note.onset)) best = onsets[i]!;
    }
    const previous = out[out.length - 1];
    let onset = Number.isNaN(best) ? note.onset : best;
    if (previous !== undefined && onset <= previous.onset) onset = note.onset;
    if (previous !== undefined && previous.offset > onset) out[out.length - 1] = { ...previous, offset: onset };
    if (note.offset > onset) out.push({ ...note, onset });
  }
  return out;
}
