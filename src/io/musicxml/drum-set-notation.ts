/**
 * Where each drum is written on the five-line percussion staff, with which notehead and
 * in which voice: hands and cymbals stems up (voice 1), feet stems down (voice 2).
 * Reference: Weinberg (1998), "Guide to Standardized Drumset Notation", Percussive Arts
 *   Society (bass drum in the bottom space F4, floor tom A4, snare C5, toms D5 and E5,
 *   ride on the top line F5, hi-hat above the staff G5, crash on the ledger line A5;
 *   cymbals with x noteheads, an open hi-hat marked "o").
 */
import { type DrumClass, GM_DRUM_KEY } from "../../core/drums/drum-hit.js";

export interface DrumNotation {
  /** Staff position as a treble-clef pitch (MusicXML display-step and display-octave). */
  readonly displayStep: "C" | "D" | "E" | "F" | "G" | "A" | "B";
  readonly displayOctave: number;
  readonly notehead: "normal" | "x";
  /** Marked "o" (open) above the note. */
  readonly open: boolean;
  /** 1: hands and cymbals, stems up; 2: feet, stems down. */
  readonly voice: 1 | 2;
  /** General MIDI name of the sound (MIDI 1.0, GM Level 1 percussion key map). */
  readonly instrumentName: string;
}

export const DRUM_NOTATION: Readonly<Record<DrumClass, DrumNotation>> = {
  kick: {
    displayStep: "F",
    displayOctave: 4,
    notehead: "normal",
    open: false,
    voice: 2,
    instrumentName: "Bass Drum 1",
  },
  "tom-low": {
    displayStep: "A",
    displayOctave: 4,
    notehead: "normal",
    open: false,
    voice: 1,
    instrumentName: "High Floor Tom",
  },
  snare: {
    displayStep: "C",
    displayOctave: 5,
    notehead: "normal",
    open: false,
    voice: 1,
    instrumentName: "Acoustic Snare",
  },
  "tom-mid": {
    displayStep: "D",
    displayOctave: 5,
    notehead: "normal",
    open: false,
    voice: 1,
    instrumentName: "Low-Mid Tom",
  },
  "tom-high": {
    displayStep: "E",
    displayOctave: 5,
    notehead: "normal",
    open: false,
    voice: 1,
    instrumentName: "High Tom",
  },
  ride: { displayStep: "F", displayOctave: 5, notehead: "x", open: false, voice: 1, instrumentName: "Ride Cymbal 1" },
  "hihat-closed": {
    displayStep: "G",
    displayOctave: 5,
    notehead: "x",
    open: false,
    voice: 1,
    instrumentName: "Closed Hi-Hat",
  },
  "hihat-open": {
    displayStep: "G",
    displayOctave: 5,
    notehead: "x",
    open: true,
    voice: 1,
    instrumentName: "Open Hi-Hat",
  },
  crash: { displayStep: "A", displayOctave: 5, notehead: "x", open: false, voice: 1, instrumentName: "Crash Cymbal 1" },
};

const STEP_INDEX: Readonly<Record<DrumNotation["displayStep"], number>> = { C: 0, D: 1, E: 2, F: 3, G: 4, A: 5, B: 6 };

/** Diatonic staff position (higher is higher on the staff), for ordering chord notes bottom-up. */
export function staffPosition(drum: DrumClass): number {
  const notation = DRUM_NOTATION[drum];
  return notation.displayOctave * 7 + STEP_INDEX[notation.displayStep];
}

/** The part's instrument id of a drum (one per General MIDI key). */
export function instrumentId(partId: string, drum: DrumClass): string {
  return `${partId}-I${GM_DRUM_KEY[drum]}`;
}
