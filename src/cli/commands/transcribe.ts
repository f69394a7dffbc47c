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
 * The transcription itself is io/transcription-of-file.ts, which the service's notes endpoint
 * shares; this shell parses the options, runs it and writes the files.
 */
import { writeFile } from "node:fs/promises";
import { extname } from "node:path";
import { parseArgs } from "node:util";
import { TonearmError } from "../../analysis/errors.js";
import { loadConfig } from "../../config/load-config.js";
import { PYIN_DEFAULTS } from "../../core/pitch/pyin.js";
import {
  estimateTranscriptionTonic,
  TRANSCRIPTION_SAMPLE_RATE,
  type Transcription,
  transcribePolyFile,
  transcribeSoloFile,
  transcriptionJson,
  transcriptionMidi,
  transcriptionOfMelody,
} from "../../io/transcription-of-file.js";
import { EXIT } from "../exit-codes.js";
import { mixMelody } from "../mix-melody.js";
import { positiveNumberOption } from "../number-option.js";
import { describeTonic } from "./melograph.js";

export type { TranscribedNoteJson, TranscriptionJson } from "../../io/transcription-of-file.js";

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
  if (pitchMin < 25 || pitchMax <= pitchMin || pitchMax > TRANSCRIPTION_SAMPLE_RATE / 4) {
    throw new TonearmError("INVALID_OPTION", `need 25 ≤ --fmin < --fmax ≤ ${TRANSCRIPTION_SAMPLE_RATE / 4} Hz`);
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
  const transcription: Transcription =
    source === "solo"
      ? await transcribeSoloFile(file, config, { fmin: pitchMin, fmax: pitchMax, dronePeaks: estimateTonicToo })
      : source === "mix"
        ? transcriptionOfMelody(await mixMelody(file, config))
        : await transcribePolyFile(file, config);
  let tonicHz = givenTonic ?? null;
  if (estimateTonicToo && transcription.track !== null) {
    const tonic = estimateTranscriptionTonic(transcription);
    if (tonic === null) process.stderr.write("tonearm transcribe: no pitch or drone found, so no tonic\n");
    else process.stdout.write(`tonic ${describeTonic(tonic)}\n`);
    tonicHz = tonic?.hz ?? null;
  }

  const pitchBend = values["pitch-bend"] === true;
  for (const path of outputs.midi) await writeFile(path, transcriptionMidi(transcription, { pitchBend, program }));
  if (outputs.json.length > 0) {
    const json = `${JSON.stringify(transcriptionJson(transcription, tonicHz))}\n`;
    for (const path of outputs.json) await writeFile(path, json);
  }
  const { notes, phrases } = transcription;
  const glides = notes.filter((note) => note.kind === "glide").length;
  const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? "" : "s"}`;
  process.stdout.write(
    `${count(notes.length - glides, "note")}, ${count(glides, "glide")}, ${count(phrases.length, "phrase")}\n`,
  );
  process.stdout.write(`wrote ${[...outputs.midi, ...outputs.json].join(", ")}\n`);
  return EXIT.ok;
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
