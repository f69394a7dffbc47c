/**
 * Note transcription on melody-only renders of the dev corpus: pYIN → segmentNotes →
 * note precision/recall/F against the truth's lead melody.
 *   npx tsx eval/pitch/notes.ts [--corpus DIR] [--only ID,…] [--fmax HZ] [--hop N] [--dry] [--glides] [--no-levels] [--set KEY=VALUE,…] [--out DIR]
 *     [--lookahead S] [--level-lookahead S] [--soundfont SF2]
 * Rendering and caching are melody-only.ts's (`renderLeadMelody`); pYIN tracks 60–1600 Hz by
 * default, as there (the corpus's lead melodies reach MIDI ~89, 1.4 kHz). Scores are
 * mir_eval.transcription.precision_recall_f1_overlap's, via core/evaluation's
 * `noteTranscriptionScores`: an estimate matches a truth note when its onset is within
 * 50 ms and its pitch within 50 cents (onset-only F); onset+offset F also needs the
 * offset within max(50 ms, 20 % of the truth note). Only stable notes are scored
 * (glides are trajectories between notes) unless --glides. --out writes
 * `<id>-notes.json` and `<id>-notes.mid` for listening and inspection. --lookahead sets
 * pYIN's attackLookahead (default its own), --level-lookahead where the level frames look
 * (default the same), --soundfont renders with another GM soundfont (melody-only.ts).
 * Reference: Raffel et al. (2014), "mir_eval", ISMIR 2014; Mauch et al. (2015), TENOR.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import {
  NOTE_ONSET_DEFAULTS,
  NOTE_ONSET_OFFSET_DEFAULTS,
  noteTranscriptionScores,
} from "../../src/core/evaluation/note-metrics.js";
import { segmentPhrases } from "../../src/core/pitch/phrases.js";
import { createPyin, PYIN_DEFAULTS } from "../../src/core/pitch/pyin.js";
import { segmentNotes } from "../../src/core/pitch/segment-notes.js";
import { frameLevelsDb } from "../../src/core/pitch/segment-notes-onsets.js";
import { devSongs } from "./dev-songs.js";
import { EVAL_FMAX, RATE, renderLeadMelody } from "./melody-only.js";
import { notesToJson, notesToMidi } from "./notes-export.js";

interface Row {
  readonly id: string;
  readonly truthCount: number;
  readonly estimatedCount: number;
  readonly onsetF: number;
  readonly onsetP: number;
  readonly onsetR: number;
  readonly onsetOffsetF: number;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      corpus: { type: "string" },
      only: { type: "string" },
      hop: { type: "string" },
      fmax: { type: "string" },
      dry: { type: "boolean" },
      glides: { type: "boolean" },
      out: { type: "string" },
      set: { type: "string" },
      "no-levels": { type: "boolean" },
      lookahead: { type: "string" },
      "level-lookahead": { type: "string" },
      soundfont: { type: "string" },
    },
  });
  const hopSize = values.hop === undefined ? 512 : Number(values.hop);
  const fmax = values.fmax === undefined ? EVAL_FMAX : Number(values.fmax);
  const { root, ids, work } = devSongs(values.corpus);
  if (values.out !== undefined) mkdirSync(values.out, { recursive: true });
  const only = values.only?.split(",");
  // --set key=value,… overrides segmentNotes options (numbers), for tuning.
  const overrides: Record<string, number> = Object.fromEntries(
    (values.set?.split(",") ?? []).map((pair) => [pair.split("=")[0]!, Number(pair.split("=")[1])]),
  );
  const attackLookahead = values.lookahead === undefined ? PYIN_DEFAULTS.attackLookahead : Number(values.lookahead);
  const levelLookahead = values["level-lookahead"] === undefined ? attackLookahead : Number(values["level-lookahead"]);
  const track = createPyin({ sampleRate: RATE, hopSize, fmax, attackLookahead });
  console.log(
    `pYIN 60–${fmax} Hz, hop ${hopSize}; notes by segmentNotes defaults; ${values.glides ? "with" : "without"} glides`,
  );
  const rows: Row[] = [];
  for (const id of ids) {
    if (only !== undefined && !only.includes(id)) continue;
    const { truth, samples } = await renderLeadMelody(root, work, id, values.dry === true, values.soundfont);
    const pitchTrack = track(samples);
    const levels =
      values["no-levels"] === true ? undefined : frameLevelsDb(samples, pitchTrack.times, RATE, 1024, levelLookahead);
    const notes = segmentNotes(pitchTrack, overrides, levels);
    const scored = notes.filter((note) => values.glides === true || note.kind === "stable");
    const estimated = scored.map((note) => ({ onset: note.start, offset: note.end, midi: note.midi }));
    const onset = noteTranscriptionScores(truth, estimated, NOTE_ONSET_DEFAULTS);
    const onsetOffset = noteTranscriptionScores(truth, estimated, NOTE_ONSET_OFFSET_DEFAULTS);
    const row: Row = {
      id,
      truthCount: truth.length,
      estimatedCount: estimated.length,
      onsetF: onset.fMeasure,
      onsetP: onset.precision,
      onsetR: onset.recall,
      onsetOffsetF: onsetOffset.fMeasure,
    };
    rows.push(row);
    const glides = notes.length - notes.filter((note) => note.kind === "stable").length;
    console.log(
      `${id}  truth ${String(row.truthCount).padStart(4)}  est ${String(row.estimatedCount).padStart(4)} (+${glides} glides)  ` +
        `onset F ${row.onsetF.toFixed(4)} (P ${row.onsetP.toFixed(4)} R ${row.onsetR.toFixed(4)})  ` +
        `onset+offset F ${row.onsetOffsetF.toFixed(4)}`,
    );
    if (values.out !== undefined) {
      writeFileSync(join(values.out, `${id}-notes.json`), notesToJson(notes, segmentPhrases(notes)));
      writeFileSync(join(values.out, `${id}-notes.mid`), notesToMidi(notes));
    }
  }
  const mean = (key: "onsetF" | "onsetP" | "onsetR" | "onsetOffsetF") =>
    rows.reduce((sum, r) => sum + r[key], 0) / rows.length;
  console.log(
    `mean over ${rows.length} songs: onset F ${mean("onsetF").toFixed(4)} (P ${mean("onsetP").toFixed(4)} ` +
      `R ${mean("onsetR").toFixed(4)})  onset+offset F ${mean("onsetOffsetF").toFixed(4)}`,
  );
}

await main();
