/**
 * Melody notes (onset, offset, fractional MIDI pitch) as a one-track Standard MIDI File that
 * lines up with the audio: 480 ticks per quarter at a fixed 120 BPM (500 000 µs per quarter),
 * so 960 ticks are one second and times round to about 1 ms. Each note sounds the nearest
 * key; with `pitchBend` its cents from that key become a pitch bend at its onset, and the
 * channel's bend range is set first through RPN 0 (pitch bend sensitivity). Glides (notes
 * with a pitch curve) are either left out or played as one note whose pitch bend follows
 * the curve (clamped to the bend range: a glide wider than twice the range needs a larger
 * `bendRangeSemitones`).
 * Reference: MMA, "Standard MIDI Files 1.0" (RP-001, 1996); MMA, "MIDI 1.0 Detailed
 *   Specification" (pitch bend change En, registered parameter 0 via controllers 101/100/6/38).
 */
import type { Seconds } from "../../core/types.js";
import { encodeStandardMidiFile, type MidiEvent } from "./standard-midi-file.js";

export const MELODY_TICKS_PER_QUARTER = 480;
export const MELODY_MICROSECONDS_PER_QUARTER = 500_000;
/** 960: ticks per second at 480 ticks per quarter and 120 BPM. */
export const MELODY_TICKS_PER_SECOND = (MELODY_TICKS_PER_QUARTER * 1e6) / MELODY_MICROSECONDS_PER_QUARTER;

export interface MelodyMidiNote {
  readonly onset: Seconds;
  /** Seconds, > onset (shorter notes last one tick). */
  readonly offset: Seconds;
  /** Pitch as a fractional MIDI number (69 = A4 = 440 Hz); for a glide, its reference pitch. */
  readonly midi: number;
  /** 1 … 127; the options' `velocity` when absent. */
  readonly velocity?: number;
  /** Present on glides: the pitch trajectory, times in seconds and pitches as fractional MIDI. */
  readonly curve?: { readonly times: ArrayLike<number>; readonly midi: ArrayLike<number> };
}

export interface MelodyMidiOptions {
  readonly trackName: string;
  /** 0 or 1 (format 1 with the single track). */
  readonly format: 0 | 1;
  /** General MIDI program 0 … 127 (0 = acoustic grand piano); null writes no program change. */
  readonly program: number | null;
  /** 0-based channel 0 … 15. */
  readonly channel: number;
  /** Velocity of notes that carry none; 1 … 127. */
  readonly velocity: number;
  /** Bend each stable note by its cents from the nearest key. */
  readonly pitchBend: boolean;
  /** Semitones of a full bend, 1 … 24 (General MIDI's default is 2). */
  readonly bendRangeSemitones: number;
  /** Glides as notes with pitch-bend curves ("bend") or left out ("skip"). */
  readonly glides: "bend" | "skip";
}

export const MELODY_MIDI_DEFAULTS: MelodyMidiOptions = {
  trackName: "tonearm melody",
  format: 0,
  program: null,
  channel: 0,
  velocity: 100,
  pitchBend: false,
  bendRangeSemitones: 2,
  glides: "skip",
};

/** The notes (sorted by onset, not overlapping) as a Standard MIDI File. */
export function melodyNotesToMidi(
  notes: readonly MelodyMidiNote[],
  options: Partial<MelodyMidiOptions> = {},
): Uint8Array {
  const settings = { ...MELODY_MIDI_DEFAULTS, ...options };
  return encodeStandardMidiFile(
    [{ events: melodyMidiEvents(notes, settings) }],
    MELODY_TICKS_PER_QUARTER,
    settings.format,
  );
}

/** The track's events (unsorted; the encoder orders them), for melodyNotesToMidi and tests. */
export function melodyMidiEvents(
  notes: readonly MelodyMidiNote[],
  options: Partial<MelodyMidiOptions> = {},
): MidiEvent[] {
  const settings = { ...MELODY_MIDI_DEFAULTS, ...options };
  checkOptions(settings);
  const { channel, bendRangeSemitones } = settings;
  const bends = settings.pitchBend || settings.glides === "bend";
  const events: MidiEvent[] = [
    { tick: 0, type: "trackName", text: settings.trackName },
    { tick: 0, type: "tempo", microsecondsPerQuarter: MELODY_MICROSECONDS_PER_QUARTER },
  ];
  if (settings.program !== null) events.push({ tick: 0, type: "programChange", channel, program: settings.program });
  if (bends) {
    // RPN 0 = pitch bend sensitivity: select (101, 100), data entry (6 semitones, 38 cents), deselect.
    const rpn: [number, number][] = [
      [101, 0],
      [100, 0],
      [6, bendRangeSemitones],
      [38, 0],
      [101, 127],
      [100, 127],
    ];
    for (const [controller, value] of rpn) events.push({ tick: 0, type: "controlChange", channel, controller, value });
  }
  const bendPerSemitone = 8192 / bendRangeSemitones;
  const bendValue = (semitones: number) => Math.max(-8192, Math.min(8191, Math.round(semitones * bendPerSemitone)));
  let bent = false;
  for (const [index, note] of notes.entries()) {
    if (
      !(Number.isFinite(note.onset) && note.onset >= 0 && Number.isFinite(note.offset) && Number.isFinite(note.midi))
    ) {
      throw new RangeError(
        `melodyNotesToMidi: note ${index} needs finite onset ≥ 0, offset and midi, got ${note.onset}, ${note.offset}, ${note.midi}`,
      );
    }
    const glide = note.curve !== undefined;
    if (glide && settings.glides === "skip") continue;
    const key = Math.min(127, Math.max(0, Math.round(note.midi)));
    const onTick = Math.round(note.onset * MELODY_TICKS_PER_SECOND);
    const offTick = Math.max(onTick + 1, Math.round(note.offset * MELODY_TICKS_PER_SECOND));
    const velocity = Math.min(127, Math.max(1, Math.round(note.velocity ?? settings.velocity)));
    if (glide && note.curve !== undefined) {
      // The curve's first point sets the bend at the onset; later points where it changes.
      let previous = Number.NaN;
      const points = Math.min(note.curve.times.length, note.curve.midi.length);
      for (let point = 0; point < points; point++) {
        const midi = note.curve.midi[point]!;
        if (!Number.isFinite(midi)) continue;
        const tick = Math.min(
          offTick - 1,
          Math.max(onTick, Math.round(note.curve.times[point]! * MELODY_TICKS_PER_SECOND)),
        );
        const value = bendValue(midi - key);
        if (value === previous) continue;
        events.push({ tick, type: "pitchBend", channel, value });
        previous = value;
      }
      bent = true;
    } else if (settings.pitchBend) {
      events.push({ tick: onTick, type: "pitchBend", channel, value: bendValue(note.midi - key) });
    } else if (bent) {
      // Unbent notes after a glide: back to no bend.
      events.push({ tick: onTick, type: "pitchBend", channel, value: 0 });
      bent = false;
    }
    events.push({ tick: onTick, type: "noteOn", channel, key, velocity });
    events.push({ tick: offTick, type: "noteOff", channel, key, velocity: 0 });
  }
  return events;
}

function checkOptions(settings: MelodyMidiOptions): void {
  const { program, channel, velocity, bendRangeSemitones, format, glides } = settings;
  if (program !== null && !(Number.isInteger(program) && program >= 0 && program <= 127)) {
    throw new RangeError(`melodyNotesToMidi: program must be an integer 0 … 127, got ${program}`);
  }
  if (!(Number.isInteger(channel) && channel >= 0 && channel <= 15)) {
    throw new RangeError(`melodyNotesToMidi: channel must be an integer 0 … 15, got ${channel}`);
  }
  if (!(velocity >= 1 && velocity <= 127)) {
    throw new RangeError(`melodyNotesToMidi: velocity must be in 1 … 127, got ${velocity}`);
  }
  if (!(Number.isInteger(bendRangeSemitones) && bendRangeSemitones >= 1 && bendRangeSemitones <= 24)) {
    throw new RangeError(`melodyNotesToMidi: bendRangeSemitones must be an integer 1 … 24, got ${bendRangeSemitones}`);
  }
  if (format !== 0 && format !== 1) throw new RangeError(`melodyNotesToMidi: format must be 0 or 1, got ${format}`);
  if (glides !== "bend" && glides !== "skip") {
    throw new RangeError(`melodyNotesToMidi: glides must be "bend" or "skip", got ${String(glides)}`);
  }
}
