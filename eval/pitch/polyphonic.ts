/**
 * Polyphonic note transcription of the dev corpus's full mixes: every pitched note of the
 * song's MIDI file (all channels but the drums, channel 10) against tonearm's
 * transcribePolyphonic (core/pitch/polyphonic-notes.ts) on the mix read as 22.05 kHz mono.
 *   npx tsx eval/pitch/polyphonic.ts [--corpus DIR] [--only ID,…] [--pitched-only] [--score-json DIR]
 *     [--set salience.KEY=V,notes.KEY=V,…] [--out DIR]
 * --pitched-only: the MIDI without its drum channel rendered by fluidsynth with FluidR3_GM
 * at 44.1 kHz (cached in the temp folder, as melody-only.ts renders the lead).
 * --score-json DIR: also score another system's notes, `DIR/<id>.json` holding
 * { notes: [{ onset, offset, midi }], seconds?, duration? } (e.g. basic-pitch's), side by side.
 * Scores are mir_eval.transcription's (core/evaluation/note-metrics.ts): onset-only F
 * (onset within 50 ms, pitch within 50 cents) and onset+offset F (offset within
 * max(50 ms, 20 % of the truth note)). Speed: audio seconds per second of transcription
 * (decoding excluded), on one core.
 * Reference: Raffel et al. (2014), "mir_eval", ISMIR 2014; Bay, Ehmann & Downie (2009),
 *   "Evaluation of multiple-f0 estimation and tracking systems", ISMIR 2009.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import {
  NOTE_ONSET_DEFAULTS,
  NOTE_ONSET_OFFSET_DEFAULTS,
  noteTranscriptionScores,
  type TranscribedNote,
} from "../../src/core/evaluation/note-metrics.js";
import { transcribePolyphonic } from "../../src/core/pitch/polyphonic-notes.js";
import { readWav } from "../../src/io/wav-reader.js";
import { devSongs } from "./dev-songs.js";
import { SOUNDFONT } from "./melody-only.js";
import { filterMidiChannels, midiNotes, parseMidi } from "./midi-file.js";

const RATE = 22_050;
const DRUM_CHANNEL = 9;

interface Scores {
  readonly onsetF: number;
  readonly onsetP: number;
  readonly onsetR: number;
  readonly onsetOffsetF: number;
  readonly count: number;
  readonly speed: number;
}

function score(truth: readonly TranscribedNote[], estimated: readonly TranscribedNote[], speed: number): Scores {
  const onset = noteTranscriptionScores(truth, estimated, NOTE_ONSET_DEFAULTS);
  const onsetOffset = noteTranscriptionScores(truth, estimated, NOTE_ONSET_OFFSET_DEFAULTS);
  return {
    onsetF: onset.fMeasure,
    onsetP: onset.precision,
    onsetR: onset.recall,
    onsetOffsetF: onsetOffset.fMeasure,
    count: estimated.length,
    speed,
  };
}

function describe(name: string, s: Scores): string {
  return (
    `${name} est ${String(s.count).padStart(5)}  onset F ${s.onsetF.toFixed(4)} (P ${s.onsetP.toFixed(4)} ` +
    `R ${s.onsetR.toFixed(4)})  onset+offset F ${s.onsetOffsetF.toFixed(4)}  ${s.speed.toFixed(1)}× RT`
  );
}

function mean(rows: readonly Scores[], key: keyof Scores): number {
  return rows.reduce((sum, row) => sum + row[key], 0) / rows.length;
}

function parseSettings(text: string | undefined): { salience: Record<string, number>; notes: Record<string, number> } {
  const settings = { salience: {} as Record<string, number>, notes: {} as Record<string, number> };
  for (const pair of text?.split(",") ?? []) {
    const [key, value] = pair.split("=");
    const [group, name] = key!.split(".");
    if ((group !== "salience" && group !== "notes") || name === undefined) throw new Error(`bad --set ${pair}`);
    settings[group][name] = Number(value);
  }
  return settings;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      corpus: { type: "string" },
      only: { type: "string" },
      "pitched-only": { type: "boolean" },
      "score-json": { type: "string" },
      set: { type: "string" },
      out: { type: "string" },
    },
  });
  const { root, ids, work } = devSongs(values.corpus);
  if (values.out !== undefined) mkdirSync(values.out, { recursive: true });
  const only = values.only?.split(",");
  const settings = parseSettings(values.set);
  const ours: Scores[] = [];
  const theirs: Scores[] = [];
  console.log(`${values["pitched-only"] ? "pitched-only renders" : "full mixes"}, truth: every non-drum MIDI note`);
  for (const id of ids) {
    if (only !== undefined && !only.includes(id)) continue;
    const midi = parseMidi(readFileSync(join(root, "midi", `${id}.mid`)));
    const all = midiNotes(midi);
    const truth = all
      .filter((note) => note.channel !== DRUM_CHANNEL)
      .map((note) => ({ onset: note.onsetSeconds, offset: note.offsetSeconds, midi: note.key }));
    let audioPath = join(root, "audio", `${id}.wav`);
    if (values["pitched-only"] === true) {
      const channels = new Set(all.map((note) => note.channel).filter((channel) => channel !== DRUM_CHANNEL));
      const pitchedMidi = join(work, `${id}-pitched.mid`);
      audioPath = join(work, `${id}-pitched.wav`);
      writeFileSync(pitchedMidi, filterMidiChannels(midi, channels));
      if (!existsSync(audioPath)) {
        execFileSync("fluidsynth", ["-ni", "-F", audioPath, "-r", "44100", SOUNDFONT, pitchedMidi], {
          stdio: "ignore",
        });
      }
    }
    const { audio } = await readWav(audioPath, { mono: true, sampleRate: RATE });
    const samples = audio.channels[0]!;
    const started = performance.now();
    const notes = transcribePolyphonic(samples, RATE, settings);
    const elapsed = (performance.now() - started) / 1000;
    const row = score(truth, notes, samples.length / RATE / elapsed);
    ours.push(row);
    let line = `${id}  truth ${String(truth.length).padStart(5)}  ${describe("tonearm", row)}`;
    if (values["score-json"] !== undefined) {
      const file = join(values["score-json"], `${id}.json`);
      const external = JSON.parse(readFileSync(file, "utf8")) as {
        notes: TranscribedNote[];
        seconds?: number;
        duration?: number;
      };
      const speed = external.seconds === undefined ? Number.NaN : (external.duration ?? 0) / external.seconds;
      const other = score(truth, external.notes, speed);
      theirs.push(other);
      line += `\n${" ".repeat(id.length + 14)}${describe("other  ", other)}`;
    }
    console.log(line);
    if (values.out !== undefined) writeFileSync(join(values.out, `${id}.json`), JSON.stringify({ notes }));
  }
  const summary = (name: string, rows: Scores[]) =>
    `mean over ${rows.length} songs, ${name}: onset F ${mean(rows, "onsetF").toFixed(4)} (P ${mean(rows, "onsetP").toFixed(4)} ` +
    `R ${mean(rows, "onsetR").toFixed(4)})  onset+offset F ${mean(rows, "onsetOffsetF").toFixed(4)}  ` +
    `speed ${mean(rows, "speed").toFixed(1)}× RT`;
  console.log(summary("tonearm", ours));
  if (theirs.length > 0) console.log(summary("other", theirs));
}

await main();
