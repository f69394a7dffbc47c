/**
 * `tonearm transcribe FILE -o OUT.mid|OUT.json`: automatic melody transcription. A solo voice
 * or instrument (`--source solo`, the default): mono at 22.05 kHz streamed into pYIN (Mauch &
 * Dixon 2014; io/pitch-from-file.ts, also the frame levels and the drone, so memory stays
 * bounded however long the recording), pitch-stability note segmentation into stable notes
 * and glides with level onsets for repeated notes (core/pitch/segment-notes.ts, after McNab
 * et al. 1996 and Tony, Mauch et al. 2015), phrases split at rests and breaths
 * (core/pitch/phrases.ts). A full mix (`--source mix`): the notes of the "melody" analysis
 * (Salamon & Gómez 2012). Every pitched note of a full mix (`--source poly`): mono at 22.05 kHz,
 * constant-Q multiple-f0 estimation by harmonic summation with iterative cancellation (Klapuri
 * 2006) and per-pitch two-state HMM note tracking with re-attack splits (Poliner & Ellis 2007;
 * core/pitch/polyphonic-*.ts), integer MIDI pitches. Written as JSON (notes with Hz, cents from the tonic, glide curves;
 * phrases; onsets) and as a Standard MIDI File (io/midi/melody-notes-to-midi.ts).
 */
import { writeFile } from "node:fs/promises";
import { extname } from "node:path";
import { parseArgs } from "node:util";
import { TonearmError } from "../../analysis/errors.js";
import { loadConfig, type TonearmConfig } from "../../config/load-config.js";
import { segmentPhrases } from "../../core/pitch/phrases.js";
import { transcribePolyphonic } from "../../core/pitch/polyphonic-notes.js";
import { type PitchTrack, PYIN_DEFAULTS } from "../../core/pitch/pyin.js";
import { segmentNotes } from "../../core/pitch/segment-notes.js";
import { estimateTonic } from "../../core/pitch/tonic.js";
import type { SpectralPeak } from "../../core/pitch/tonic-drone-peaks.js";
import { decodeMono } from "../../io/decode-audio.js";
import { type MelodyMidiNote, melodyNotesToMidi } from "../../io/midi/melody-notes-to-midi.js";
import { pitchOfFile } from "../../io/pitch-from-file.js";
import { EXIT } from "../exit-codes.js";
import { mixMelody } from "../mix-melody.js";
import { positiveNumberOption } from "../number-option.js";
import { describeTonic } from "./melograph.js";

const SAMPLE_RATE = 22_050;
const HOP = PYIN_DEFAULTS.hopSize;
/** Samples between the polyphonic transcription's frames (11.6 ms at 22.05 kHz). */
const POLY_HOP = 256;
/** Samples per level window of the onset detector (frameLevelsDb's default). */
const LEVEL_WINDOW = 1024;

export const TRANSCRIBE_HELP = `Usage: tonearm transcribe FILE -o OUT.mid|OUT.json [options]

Transcribe the melody of an audio file into notes (stable notes and glides), onsets and
phrases (split at rests and breaths of 0.25 s or more), as MIDI and/or JSON; or, with
--source poly, every pitched note of a full mix (chords, bass and melody together).

Options:
  -o, --out FILE        the transcription: .mid/.midi (MIDI) or .json (JSON)
      --midi FILE       (also) write the MIDI file here
      --json FILE       (also) write the JSON here
      --source solo|mix|poly
                        solo (default): one voice or instrument alone, tracked by pYIN,
                        with glides; mix: the lead melody of a full mix (the "melody"
                        analysis: stable notes only); poly: all pitched notes of a full
                        mix, overlapping (integer MIDI pitches, no glides; MIDI 28…96)
      --fmin HZ         solo: lowest pitch tracked (default 60)
      --fmax HZ         solo: highest pitch tracked (default 1000)
      --tonic HZ        the tonic (Sa): JSON notes carry their cents above it
      --estimate-tonic  estimate the tonic (solo: drone and melody; mix: melody; not poly)
      --program N       General MIDI program 0…127 of the MIDI track (0 = piano, 73 = flute)
      --pitch-bend      MIDI: bend each note by its cents from the nearest key and play
                        glides as pitch-bend curves (bend range ±2 semitones, set by RPN 0);
                        without it glides are left out of the MIDI
  -h, --help            this help

MIDI: one track, channel 1, 120 BPM at 480 ticks per quarter (960 ticks = 1 second),
each note on the key nearest its median pitch.
JSON: {
  source: "solo"|"mix"|"poly", frameSeconds, sampleRate and hopSize (solo, poly), tonicHz (or null),
  notes: [{ onset, offset (s), midi (fractional, 69 = A4), hz, cents (above the tonic;
           null without one), kind: "note"|"glide",
           pitchCurve (glides: { times (s), midi }) }],
  phrases: [{ start, end (s), noteCount }],
  onsets: [seconds: where each note or glide starts]
}`;

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
  readonly source: "solo" | "mix" | "poly";
  readonly frameSeconds: number;
  readonly sampleRate?: number;
  readonly hopSize?: number;
  readonly tonicHz: number | null;
  readonly notes: TranscribedNoteJson[];
  readonly phrases: { readonly start: number; readonly end: number; readonly noteCount: number }[];
  readonly onsets: number[];
}

/** Notes of either source before the tonic and rounding: times in seconds, fractional MIDI. */
interface PlainNote {
  readonly onset: number;
  readonly offset: number;
  readonly midi: number;
  readonly kind: "note" | "glide";
  /** 0 … 1; MIDI velocity follows it. */
  readonly confidence: number;
  readonly curve?: { readonly times: ArrayLike<number>; readonly midi: ArrayLike<number> };
}

interface Transcription {
  readonly notes: PlainNote[];
  readonly frameSeconds: number;
  /** The pitch contour for the tonic (null for poly). */
  readonly track: PitchTrack | null;
  /** The drone's spectral peaks for the tonic (solo with --estimate-tonic only). */
  readonly dronePeaks: SpectralPeak[] | null;
}

export async function runTranscribe(argv: readonly string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      out: { type: "string", short: "o" },
      midi: { type: "string" },
      json: { type: "string" },
      source: { type: "string" },
      fmin: { type: "string" },
      fmax: { type: "string" },
      tonic: { type: "string" },
      "estimate-tonic": { type: "boolean" },
      program: { type: "string" },
      "pitch-bend": { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    process.stdout.write(`${TRANSCRIBE_HELP}\n`);
    return EXIT.ok;
  }
  if (positionals.length !== 1) throw new TonearmError("INVALID_OPTION", "transcribe needs exactly one FILE");
  const outputs = outputFiles(values.out, values.midi, values.json);
  const source = values.source ?? "solo";
  if (source !== "solo" && source !== "mix" && source !== "poly") {
    throw new TonearmError("INVALID_OPTION", `--source must be solo, mix or poly, got "${source}"`);
  }
  const fmin = positiveNumberOption("fmin", values.fmin);
  const fmax = positiveNumberOption("fmax", values.fmax);
  if (source !== "solo" && (fmin !== undefined || fmax !== undefined)) {
    throw new TonearmError("INVALID_OPTION", "--fmin and --fmax apply to --source solo only");
  }
  const pitchMin = fmin ?? PYIN_DEFAULTS.fmin;
  const pitchMax = fmax ?? PYIN_DEFAULTS.fmax;
  if (pitchMin < 25 || pitchMax <= pitchMin || pitchMax > SAMPLE_RATE / 4) {
    throw new TonearmError("INVALID_OPTION", `need 25 ≤ --fmin < --fmax ≤ ${SAMPLE_RATE / 4} Hz`);
  }
  const givenTonic = positiveNumberOption("tonic", values.tonic);
  if (givenTonic !== undefined && values["estimate-tonic"]) {
    throw new TonearmError("INVALID_OPTION", "give --tonic HZ or --estimate-tonic, not both");
  }
  const program = programOption(values.program);
  if (source === "poly" && values["estimate-tonic"]) {
    throw new TonearmError("INVALID_OPTION", "--estimate-tonic applies to --source solo and mix only");
  }

  const config = loadConfig({});
  const file = positionals[0] as string;
  const estimateTonicToo = values["estimate-tonic"] === true;
  const transcription =
    source === "solo"
      ? await transcribeSolo(file, config, pitchMin, pitchMax, estimateTonicToo)
      : source === "mix"
        ? await transcribeMix(file, config)
        : await transcribePoly(file, config);
  let tonicHz = givenTonic ?? null;
  if (estimateTonicToo && transcription.track !== null) {
    const tonic = estimateTonic(transcription.track, { spectrumPeaks: transcription.dronePeaks ?? [] });
    if (tonic === null) process.stderr.write("tonearm transcribe: no pitch or drone found, so no tonic\n");
    else process.stdout.write(`tonic ${describeTonic(tonic)}\n`);
    tonicHz = tonic?.hz ?? null;
  }

  const { notes } = transcription;
  const phrases = segmentPhrases(notes.map((note) => ({ start: note.onset, end: note.offset })));
  const pitchBend = values["pitch-bend"] === true;
  for (const path of outputs.midi) {
    const melody: MelodyMidiNote[] = notes.map((note) => ({
      onset: note.onset,
      offset: note.offset,
      midi: note.midi,
      velocity: 40 + 87 * note.confidence,
      ...(note.curve === undefined ? {} : { curve: note.curve }),
    }));
    const options = { pitchBend, glides: pitchBend ? "bend" : "skip", program } as const;
    await writeFile(path, melodyNotesToMidi(melody, options));
  }
  if (outputs.json.length > 0) {
    const json: TranscriptionJson = {
      source,
      frameSeconds: round(transcription.frameSeconds, 6),
      ...(source === "solo" ? { sampleRate: SAMPLE_RATE, hopSize: HOP } : {}),
      ...(source === "poly" ? { sampleRate: SAMPLE_RATE, hopSize: POLY_HOP } : {}),
      tonicHz: tonicHz === null ? null : round(tonicHz, 2),
      notes: notes.map((note) => noteJson(note, tonicHz)),
      phrases: phrases.map((phrase) => ({
        start: round(phrase.start, 3),
        end: round(phrase.end, 3),
        noteCount: phrase.endNote - phrase.firstNote,
      })),
      onsets: notes.map((note) => round(note.onset, 3)),
    };
    for (const path of outputs.json) await writeFile(path, `${JSON.stringify(json)}\n`);
  }
  const glides = notes.filter((note) => note.kind === "glide").length;
  const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? "" : "s"}`;
  process.stdout.write(
    `${count(notes.length - glides, "note")}, ${count(glides, "glide")}, ${count(phrases.length, "phrase")}\n`,
  );
  process.stdout.write(`wrote ${[...outputs.midi, ...outputs.json].join(", ")}\n`);
  return EXIT.ok;
}

/** Solo: pYIN, then notes and glides with level onsets (as eval/pitch/notes.ts scores them). */
async function transcribeSolo(
  file: string,
  config: TonearmConfig,
  fmin: number,
  fmax: number,
  dronePeaks: boolean,
): Promise<Transcription> {
  // The levels are frameLevelsDb's over the decoded signal, read from pYIN's frames as they pass.
  const scan = await pitchOfFile(
    file,
    { ...config, sampleRate: SAMPLE_RATE },
    { pyin: { fmin, fmax, hopSize: HOP }, dronePeaks, frameLevelWindow: LEVEL_WINDOW },
  );
  const { track } = scan;
  const segmented = segmentNotes(track, {}, scan.frameLevelsDb ?? undefined);
  const notes = segmented.map((note): PlainNote => {
    const base = {
      onset: note.start,
      offset: note.end,
      midi: note.midi,
      confidence: note.confidence,
    };
    if (note.kind === "stable") return { ...base, kind: "note" };
    const curve = note.curve ?? { times: Float64Array.of(note.start), cents: Float32Array.of(0) };
    return {
      ...base,
      kind: "glide",
      curve: { times: curve.times, midi: Array.from(curve.cents, (cents) => note.midi + cents / 100) },
    };
  });
  return { notes, frameSeconds: HOP / SAMPLE_RATE, track, dronePeaks: scan.dronePeaks };
}

/** Mix: the "melody" analysis's notes; its contour as a pitch track for the tonic. */
async function transcribeMix(file: string, config: TonearmConfig): Promise<Transcription> {
  const melody = await mixMelody(file, config);
  const notes = melody.notes.map(
    (note): PlainNote => ({ onset: note.onset, offset: note.offset, midi: note.midi, kind: "note", confidence: 0.7 }),
  );
  return { notes, frameSeconds: melody.frameSeconds, track: melody.track, dronePeaks: null };
}

/** Poly: every pitched note (core/pitch/polyphonic-notes.ts), onsets sorted. */
async function transcribePoly(file: string, config: TonearmConfig): Promise<Transcription> {
  const { samples } = await decodeMono(file, config, SAMPLE_RATE);
  const found = transcribePolyphonic(samples, SAMPLE_RATE, { salience: { hopSize: POLY_HOP } });
  const notes = found.map(
    (note): PlainNote => ({
      onset: note.onset,
      offset: note.offset,
      midi: note.midi,
      kind: "note",
      confidence: note.confidence,
    }),
  );
  return { notes, frameSeconds: POLY_HOP / SAMPLE_RATE, track: null, dronePeaks: null };
}

function noteJson(note: PlainNote, tonicHz: number | null): TranscribedNoteJson {
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

/** Where MIDI and JSON go: -o by its extension, plus --midi and --json. */
function outputFiles(
  out: string | undefined,
  midi: string | undefined,
  json: string | undefined,
): { midi: string[]; json: string[] } {
  const files = { midi: midi === undefined ? [] : [midi], json: json === undefined ? [] : [json] };
  if (out !== undefined) {
    const extension = extname(out).toLowerCase();
    if (extension === ".mid" || extension === ".midi") files.midi.unshift(out);
    else if (extension === ".json") files.json.unshift(out);
    else throw new TonearmError("INVALID_OPTION", `-o must name a .mid, .midi or .json file, got "${out}"`);
  }
  if (files.midi.length + files.json.length === 0) {
    throw new TonearmError("INVALID_OPTION", "transcribe needs -o OUT.mid|OUT.json (or --midi FILE, --json FILE)");
  }
  return files;
}

function programOption(value: string | undefined): number | null {
  if (value === undefined) return null;
  const program = Number(value);
  if (!(Number.isInteger(program) && program >= 0 && program <= 127)) {
    throw new TonearmError("INVALID_OPTION", `--program must be an integer 0…127, got "${value}"`);
  }
  return program;
}

function midiToHz(midi: number): number {
  return 440 * 2 ** ((midi - 69) / 12);
}

function round(value: number, decimals: number): number {
  const scale = 10 ** decimals;
  return Math.round(value * scale) / scale;
}
