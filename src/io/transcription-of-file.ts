/**
 * Automatic melody transcription of an audio file, shared by `tonearm transcribe` and the
 * service's "notes" render product (GET /api/analyses/:id/notes), so both give the same
 * notes, JSON and MIDI bytes.
 * - Solo (one voice or instrument alone): mono at 22.05 kHz streamed into pYIN (Mauch &
 *   Dixon 2014; pitch-from-file.ts, also the frame levels and, when asked, the drone, so
 *   memory stays bounded however long the recording), pitch-stability note segmentation
 *   into stable notes and glides with level onsets for repeated notes
 *   (core/pitch/segment-notes.ts, after McNab et al. 1996 and Tony, Mauch et al. 2015).
 * - Poly (every pitched note of a full mix): mono at 22.05 kHz, constant-Q multiple-f0
 *   estimation by harmonic summation with iterative cancellation (Klapuri 2006) and per-pitch
 *   two-state HMM note tracking (Poliner & Ellis 2007; core/pitch/polyphonic-notes.ts).
 * - Mix (the lead melody of a full mix): the notes of the "melody" analysis (Salamon & Gómez
 *   2012), which needs the analysis pipeline, so the caller runs it and hands its notes and
 *   contour to `transcriptionOfMelody`.
 * Then phrases split at rests and breaths (core/pitch/phrases.ts), the tonic when asked
 * (core/pitch/tonic.ts), the JSON (notes with Hz, cents from the tonic and glide curves;
 * phrases; onsets) and a Standard MIDI File (midi/melody-notes-to-midi.ts).
 */
import { type Phrase, segmentPhrases } from "../core/pitch/phrases.js";
import { transcribePolyphonic } from "../core/pitch/polyphonic-notes.js";
import { type PitchTrack, PYIN_DEFAULTS } from "../core/pitch/pyin.js";
import { segmentNotes } from "../core/pitch/segment-notes.js";
import { estimateTonic, type TonicEstimate } from "../core/pitch/tonic.js";
import type { SpectralPeak } from "../core/pitch/tonic-drone-peaks.js";
import { type DecoderSettings, decodeMono } from "./decode-audio.js";
import { type MelodyMidiNote, melodyNotesToMidi } from "./midi/melody-notes-to-midi.js";
import { pitchOfFile } from "./pitch-from-file.js";

export type TranscriptionSource = "solo" | "mix" | "poly";

/** Every source's audio is decoded to mono at this rate (Hz). */
export const TRANSCRIPTION_SAMPLE_RATE = 22_050;
/** pYIN's hop (samples) for solo transcription. */
const SOLO_HOP = PYIN_DEFAULTS.hopSize;
/** Samples between the polyphonic transcription's frames (11.6 ms at 22.05 kHz). */
const POLY_HOP = 256;
/** Samples per level window of the onset detector (frameLevelsDb's default). */
const LEVEL_WINDOW = 1024;

export interface TranscribedNoteJson {
  readonly onset: number;
  readonly offset: number;
  readonly midi: number;
  readonly hz: number;
  readonly cents: number | null;
  readonly kind: "note" | "glide";
  readonly pitchCurve?: { readonly times: number[]; readonly midi: number[] };
}

export interface TranscriptionJson {
  readonly source: TranscriptionSource;
  readonly frameSeconds: number;
  readonly sampleRate?: number;
  readonly hopSize?: number;
  readonly tonicHz: number | null;
  readonly notes: TranscribedNoteJson[];
  readonly phrases: { readonly start: number; readonly end: number; readonly noteCount: number }[];
  readonly onsets: number[];
}

/** A note of any source before the tonic and rounding: times in seconds, fractional MIDI. */
export interface TranscribedNote {
  readonly onset: number;
  readonly offset: number;
  readonly midi: number;
  readonly kind: "note" | "glide";
  /** 0 … 1; MIDI velocity follows it. */
  readonly confidence: number;
  readonly curve?: { readonly times: ArrayLike<number>; readonly midi: ArrayLike<number> };
}

export interface Transcription {
  readonly source: TranscriptionSource;
  /** Sorted by onset. */
  readonly notes: readonly TranscribedNote[];
  /** Groups of notes between rests of 0.25 s or more (segmentPhrases' default). */
  readonly phrases: readonly Phrase[];
  readonly frameSeconds: number;
  /** The pitch contour for the tonic (null for poly). */
  readonly track: PitchTrack | null;
  /** The drone's spectral peaks for the tonic (solo, when asked, only). */
  readonly dronePeaks: SpectralPeak[] | null;
}

export interface SoloTranscriptionOptions {
  /** pYIN's search range (Hz); default 60 … 1000. */
  readonly fmin?: number;
  readonly fmax?: number;
  /** Also gather the drone's spectral peaks (for estimateTranscriptionTonic). */
  readonly dronePeaks?: boolean;
}

function withPhrases(
  source: TranscriptionSource,
  notes: TranscribedNote[],
  rest: Pick<Transcription, "frameSeconds" | "track" | "dronePeaks">,
): Transcription {
  const phrases = segmentPhrases(notes.map((note) => ({ start: note.onset, end: note.offset })));
  return { source, notes, phrases, ...rest };
}

/** Solo: pYIN, then notes and glides with level onsets (as eval/pitch/notes.ts scores them). */
export async function transcribeSoloFile(
  path: string,
  decoding: DecoderSettings,
  options: SoloTranscriptionOptions = {},
): Promise<Transcription> {
  const fmin = options.fmin ?? PYIN_DEFAULTS.fmin;
  const fmax = options.fmax ?? PYIN_DEFAULTS.fmax;
  // The levels are frameLevelsDb's over the decoded signal, read from pYIN's frames as they pass.
  const scan = await pitchOfFile(
    path,
    { ...decoding, sampleRate: TRANSCRIPTION_SAMPLE_RATE },
    {
      pyin: { fmin, fmax, hopSize: SOLO_HOP },
      dronePeaks: options.dronePeaks === true,
      frameLevelWindow: LEVEL_WINDOW,
    },
  );
  const { track } = scan;
  const segmented = segmentNotes(track, {}, scan.frameLevelsDb ?? undefined);
  const notes = segmented.map((note): TranscribedNote => {
    const base = { onset: note.start, offset: note.end, midi: note.midi, confidence: note.confidence };
    if (note.kind === "stable") return { ...base, kind: "note" };
    const curve = note.curve ?? { times: Float64Array.of(note.start), cents: Float32Array.of(0) };
    return {
      ...base,
      kind: "glide",
      curve: { times: curve.times, midi: Array.from(curve.cents, (cents) => note.midi + cents / 100) },
    };
  });
  return withPhrases("solo", notes, {
    frameSeconds: SOLO_HOP / TRANSCRIPTION_SAMPLE_RATE,
    track,
    dronePeaks: scan.dronePeaks,
  });
}

/** Poly: every pitched note (core/pitch/polyphonic-notes.ts), onsets sorted. */
export async function transcribePolyFile(path: string, decoding: DecoderSettings): Promise<Transcription> {
  const { samples } = await decodeMono(path, decoding, TRANSCRIPTION_SAMPLE_RATE);
  const found = transcribePolyphonic(samples, TRANSCRIPTION_SAMPLE_RATE, { salience: { hopSize: POLY_HOP } });
  const notes = found.map(
    (note): TranscribedNote => ({
      onset: note.onset,
      offset: note.offset,
      midi: note.midi,
      kind: "note",
      confidence: note.confidence,
    }),
  );
  return withPhrases("poly", notes, {
    frameSeconds: POLY_HOP / TRANSCRIPTION_SAMPLE_RATE,
    track: null,
    dronePeaks: null,
  });
}

/** The predominant melody of a full mix (the "melody" analysis), as the caller ran it. */
export interface MelodyOfMix {
  readonly track: PitchTrack;
  readonly notes: readonly { readonly onset: number; readonly offset: number; readonly midi: number }[];
  readonly frameSeconds: number;
}

/** Mix: the "melody" analysis's notes (stable notes only); its contour for the tonic. */
export function transcriptionOfMelody(melody: MelodyOfMix): Transcription {
  const notes = melody.notes.map(
    (note): TranscribedNote => ({
      onset: note.onset,
      offset: note.offset,
      midi: note.midi,
      kind: "note",
      confidence: 0.7,
    }),
  );
  return withPhrases("mix", notes, { frameSeconds: melody.frameSeconds, track: melody.track, dronePeaks: null });
}

/** The tonic from the contour (and the drone's peaks, when gathered); null for poly or no pitch. */
export function estimateTranscriptionTonic(transcription: Transcription): TonicEstimate | null {
  if (transcription.track === null) return null;
  return estimateTonic(transcription.track, { spectrumPeaks: transcription.dronePeaks ?? [] });
}

/** The transcription as JSON (see TranscriptionJson); cents relative to `tonicHz` when given. */
export function transcriptionJson(transcription: Transcription, tonicHz: number | null): TranscriptionJson {
  const { source, notes } = transcription;
  return {
    source,
    frameSeconds: round(transcription.frameSeconds, 6),
    ...(source === "solo" ? { sampleRate: TRANSCRIPTION_SAMPLE_RATE, hopSize: SOLO_HOP } : {}),
    ...(source === "poly" ? { sampleRate: TRANSCRIPTION_SAMPLE_RATE, hopSize: POLY_HOP } : {}),
    tonicHz: tonicHz === null ? null : round(tonicHz, 2),
    notes: notes.map((note) => noteJson(note, tonicHz)),
    phrases: transcription.phrases.map((phrase) => ({
      start: round(phrase.start, 3),
      end: round(phrase.end, 3),
      noteCount: phrase.endNote - phrase.firstNote,
    })),
    onsets: notes.map((note) => round(note.onset, 3)),
  };
}

export interface TranscriptionMidiOptions {
  /** Bend each note by its cents from the nearest key and play glides as bend curves; else glides are left out. */
  readonly pitchBend: boolean;
  /** General MIDI program 0 … 127; null writes no program change. */
  readonly program: number | null;
}

/** The transcription as a Standard MIDI File (velocity 40 … 127 from each note's confidence). */
export function transcriptionMidi(transcription: Transcription, options: TranscriptionMidiOptions): Uint8Array {
  const melody: MelodyMidiNote[] = transcription.notes.map((note) => ({
    onset: note.onset,
    offset: note.offset,
    midi: note.midi,
    velocity: 40 + 87 * note.confidence,
    ...(note.curve === undefined ? {} : { curve: note.curve }),
  }));
  const { pitchBend, program } = options;
  return melodyNotesToMidi(melody, { pitchBend, glides: pitchBend ? "bend" : "skip", program });
}

function noteJson(note: TranscribedNote, tonicHz: number | null): TranscribedNoteJson {
  const hz = midiToHz(note.midi);
  return {
    onset: round(note.onset, 3),
    offset: round(note.offset, 3),
    midi: round(note.midi, 2),
    hz: round(hz, 2),
    cents: tonicHz === null ? null : round(1200 * Math.log2(hz / tonicHz), 1),
    kind: note.kind,
    ...(note.curve === undefined
      ? {}
      : {
          pitchCurve: {
            times: Array.from(note.curve.times, (time) => round(time, 3)),
            midi: Array.from(note.curve.midi, (midi) => round(midi, 2)),
          },
        }),
  };
}

function midiToHz(midi: number): number {
  return 440 * 2 ** ((midi - 69) / 12);
}

function round(value: number, decimals: number): number {
  const scale = 10 ** decimals;
  return Math.round(value * scale) / scale;
}
