/**
 * Predominant melody from the full mixes of the dev corpus: the melody analysis's chain
 * (src/core/pitch/melody-transcription.ts: salience → melody line → notes → repeated-note
 * splits → false-alarm filter) over the tonal and rhythm frame passes' data, scored against
 * the truth's lead melody.
 *   npx tsx eval/pitch/melody-mix.ts [--corpus DIR] [--split dev] [--only ID,…] [--set KEY=VALUE,…] [--per-song]
 * Frame scores (mir_eval.melody definitions on the tonal pass's 23 ms frames): raw pitch
 * accuracy (voiced estimate within 50 cents of the truth note, over frames with a truth
 * note), raw chroma accuracy (octave errors forgiven), voicing recall and false alarm.
 * Note scores: mir_eval.transcription onset-only F (50 ms, 50 cents) and onset+offset F,
 * as `npm run eval` scores the `notes` field. --set overrides options of the salience
 * (salience.KEY), the tracker (track.KEY), the note stage (notes.KEY), the onset snapping
 * (snap.KEY) and the repeat splits (repeats.KEY), for tuning; model.repeat=0 and
 * model.note=0 switch the learned stages off, model.repeatThreshold and model.noteThreshold
 * move their thresholds. The frame passes' data are cached per song in the temp folder.
 * Reference: Salamon, Gómez, Ellis & Richard (2014), IEEE Signal Processing Magazine 31(2).
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { deserialize, serialize } from "node:v8";
import { melodyInputsOf } from "../../src/analysis/analyses/melody.js";
import { AnalysisContext } from "../../src/analysis/analysis-context.js";
import { NOTE_ONSET_OFFSET_DEFAULTS, noteTranscriptionScores } from "../../src/core/evaluation/note-metrics.js";
import type { LogisticModel } from "../../src/core/pitch/melody-logistic.js";
import { MELODY_NOTE_MODEL, MELODY_REPEAT_MODEL } from "../../src/core/pitch/melody-models.js";
import { type MelodyInputs, transcribeMelody } from "../../src/core/pitch/melody-transcription.js";
import { decodeAudio } from "../../src/io/decode-audio.js";
import { resolveCorpusRoot } from "../corpus-location.js";

interface TruthNote {
  readonly onset: number;
  readonly offset: number;
  readonly midi: number;
}

function parseSets(text: string | undefined): Record<string, Record<string, number>> {
  const groups: Record<string, Record<string, number>> = {
    salience: {},
    track: {},
    notes: {},
    snap: {},
    repeats: {},
    model: {},
  };
  for (const item of (text ?? "").split(",").filter(Boolean)) {
    const [key, value] = item.split("=");
    const [group, name] = (key ?? "").split(".");
    if (group === undefined || name === undefined || groups[group] === undefined || value === undefined) {
      throw new Error(
        `--set: expected GROUP.KEY=VALUE with GROUP salience, track, notes, snap, repeats or model, got "${item}"`,
      );
    }
    groups[group]![name] = Number(value);
  }
  return groups;
}

function withThreshold(model: LogisticModel, threshold: number | undefined): LogisticModel {
  return threshold === undefined ? model : { ...model, threshold };
}

/**
 * The song's melody inputs (tonal peaks, short-frame evidence), as the melody analysis reads
 * them, cached in the temp folder (keyed by the split, the id and the audio's size).
 */
export async function songInput(path: string, key: string): Promise<MelodyInputs> {
  const folder = join(tmpdir(), "tonearm-melody-mix");
  mkdirSync(folder, { recursive: true });
  const cache = join(folder, `${key}-${readFileSync(path).length}.v4.v8`);
  if (existsSync(cache)) return deserialize(readFileSync(cache)) as MelodyInputs;
  const decoded = await decodeAudio(path, { mono: true, sampleRate: 22_050 });
  const context = AnalysisContext.fromSignal(decoded.audio);
  const { peaks, evidence } = melodyInputsOf(context);
  // Copies: the context's buffers may be views into larger arrays.
  const input: MelodyInputs = {
    peaks,
    evidence: { ...evidence, bands: evidence.bands.slice(), onsets: [...evidence.onsets], beats: [...evidence.beats] },
  };
  writeFileSync(cache, serialize(input));
  context.dispose();
  return input;
}

function frameScores(times: Float64Array, midi: Float32Array, truth: readonly TruthNote[], level?: Float32Array) {
  let octaveUp = 0;
  let octaveDown = 0;
  const noteLevels: number[] = [];
  const restLevels: number[] = [];
  let noteFrames = 0;
  let pitchRight = 0;
  let chromaRight = 0;
  let voicedRight = 0;
  let restFrames = 0;
  let falseAlarms = 0;
  let n = 0;
  const sorted = [...truth].sort((a, b) => a.onset - b.onset);
  for (let t = 0; t < times.length; t++) {
    while (n < sorted.length && sorted[n]!.offset <= times[t]!) n++;
    let reference = Number.NaN;
    for (let i = n; i < sorted.length && sorted[i]!.onset <= times[t]!; i++) {
      if (sorted[i]!.offset > times[t]!) reference = sorted[i]!.midi;
    }
    const estimate = midi[t]!;
    if (level !== undefined && !Number.isNaN(estimate))
      (Number.isNaN(reference) ? restLevels : noteLevels).push(level[t]!);
    if (Number.isNaN(reference)) {
      restFrames++;
      if (!Number.isNaN(estimate)) falseAlarms++;
      continue;
    }
    noteFrames++;
    if (Number.isNaN(estimate)) continue;
    voicedRight++;
    const cents = 100 * (estimate - reference);
    if (Math.abs(cents) <= 50) pitchRight++;
    if (Math.abs(cents - 1200) <= 50) octaveUp++;
    if (Math.abs(cents + 1200) <= 50) octaveDown++;
    const folded = cents - 1200 * Math.round(cents / 1200);
    if (Math.abs(folded) <= 50) chromaRight++;
  }
  const med = (v: number[]) => (v.length === 0 ? Number.NaN : v.sort((a, b) => a - b)[v.length >> 1]!);
  return {
    octaveUp: octaveUp / Math.max(1, noteFrames),
    octaveDown: octaveDown / Math.max(1, noteFrames),
    noteLevel: med(noteLevels),
    restLevel: med(restLevels),
    rpa: pitchRight / Math.max(1, noteFrames),
    rca: chromaRight / Math.max(1, noteFrames),
    recall: voicedRight / Math.max(1, noteFrames),
    falseAlarm: falseAlarms / Math.max(1, restFrames),
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      corpus: { type: "string" },
      split: { type: "string" },
      only: { type: "string" },
      set: { type: "string" },
      "per-song": { type: "boolean" },
    },
  });
  const sets = parseSets(values.set);
  const root = join(resolveCorpusRoot(values.corpus), values.split ?? "dev");
  const only = values.only?.split(",");
  const ids = readdirSync(join(root, "truth"))
    .filter((name) => name.endsWith(".json"))
    .map((name) => name.slice(0, -5))
    .filter((id) => only === undefined || only.includes(id))
    .sort();
  const totals = { p: 0, r: 0, rpa: 0, rca: 0, recall: 0, falseAlarm: 0, onsetF: 0, onsetOffsetF: 0, songs: 0 };
  for (const id of ids) {
    const truth = JSON.parse(readFileSync(join(root, "truth", `${id}.json`), "utf8")) as { notes: TruthNote[] };
    if (truth.notes.length === 0) continue;
    const inputs = await songInput(join(root, "audio", `${id}.wav`), `${values.split ?? "dev"}-${id}`);
    const { line, notes } = transcribeMelody(inputs, {
      salience: sets.salience,
      track: sets.track,
      notes: sets.notes,
      snap: sets.snap,
      repeats: sets.repeats,
      // --set model.repeat=0 / model.note=0 switch the learned stages off; model.repeatThreshold
      // and model.noteThreshold move their decision thresholds.
      repeatModel: sets.model!.repeat === 0 ? null : withThreshold(MELODY_REPEAT_MODEL, sets.model!.repeatThreshold),
      noteModel: sets.model!.note === 0 ? null : withThreshold(MELODY_NOTE_MODEL, sets.model!.noteThreshold),
    });
    const frames = frameScores(line.times, line.midi, truth.notes, line.salience);
    const onset = noteTranscriptionScores(truth.notes, notes);
    const onsetOffset = noteTranscriptionScores(truth.notes, notes, NOTE_ONSET_OFFSET_DEFAULTS);
    totals.rpa += frames.rpa;
    totals.rca += frames.rca;
    totals.recall += frames.recall;
    totals.falseAlarm += frames.falseAlarm;
    totals.onsetF += onset.fMeasure;
    totals.p += onset.precision;
    totals.r += onset.recall;
    totals.onsetOffsetF += onsetOffset.fMeasure;
    totals.songs++;
    const errors: number[] = [];
    for (const t of truth.notes) {
      let best = Number.POSITIVE_INFINITY;
      for (const e of notes) {
        if (Math.abs(e.midi - t.midi) <= 0.5 && Math.abs(e.onset - t.onset) < Math.abs(best)) best = e.onset - t.onset;
      }
      if (Math.abs(best) < 0.2) errors.push(best);
    }
    errors.sort((a, b) => a - b);
    const medianError = errors.length > 0 ? errors[errors.length >> 1]! : Number.NaN;
    if (values["per-song"]) {
      console.log(
        `${id.padEnd(10)} octave up ${frames.octaveUp.toFixed(3)} down ${frames.octaveDown.toFixed(3)}; median salience in notes ${frames.noteLevel.toFixed(3)} in rests ${frames.restLevel.toFixed(3)}`,
      );
      console.log(
        `${id.padEnd(10)} onset error (same pitch, < 200 ms): median ${(1000 * medianError).toFixed(0)} ms over ${errors.length}`,
      );
      console.log(
        `${id.padEnd(10)} RPA ${frames.rpa.toFixed(3)} RCA ${frames.rca.toFixed(3)} VR ${frames.recall.toFixed(3)} VFA ${frames.falseAlarm.toFixed(3)}  notes ${String(notes.length).padStart(4)}/${String(truth.notes.length).padStart(4)} P ${onset.precision.toFixed(3)} R ${onset.recall.toFixed(3)} F ${onset.fMeasure.toFixed(3)} F(on+off) ${onsetOffset.fMeasure.toFixed(3)}`,
      );
    }
  }
  const mean = (value: number) => (value / Math.max(1, totals.songs)).toFixed(3);
  console.log(
    `mean of ${totals.songs} songs: RPA ${mean(totals.rpa)} RCA ${mean(totals.rca)} voicing recall ${mean(totals.recall)} false alarm ${mean(totals.falseAlarm)}  note onset P ${mean(totals.p)} R ${mean(totals.r)} F ${mean(totals.onsetF)} onset+offset F ${mean(totals.onsetOffsetF)}`,
  );
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
