/**
 * pYIN on melody-only renders of the dev corpus, and pYIN's speed.
 *   npx tsx eval/pitch/melody-only.ts [--corpus DIR] [--only ID,…] [--hop N] [--fmax HZ] [--frame N] [--dry]
 *     [--soundfont SF2] [--lookahead S] [--no-timing]
 * For each song: find the MIDI channel whose notes match the truth's lead melody
 * (`notes`, onset/offset/midi), write a MIDI holding only that channel (plus the tempo
 * map), render it with fluidsynth and FluidR3_GM at 44.1 kHz (--dry: reverb and chorus
 * off; --soundfont: another General MIDI soundfont, to check that what was tuned on
 * FluidR3_GM's instruments holds for others), read it as mono, run pYIN (defaults:
 * 60–1600 Hz, frame 2048, hop 512, its own attackLookahead unless --lookahead S) and
 * score every pYIN frame:
 *   raw pitch accuracy  = frames with a truth note whose estimate is within 50 cents of it
 *                         (unvoiced estimates count as wrong), over frames with a truth note;
 *   voicing recall      = voiced estimates over frames with a truth note;
 *   voicing false alarm = voiced estimates over frames without one;
 *   and, to explain the misses, the share of note frames wrong by an octave (sustained),
 *   wrong within the first 80 ms of their note (attack: the previous note's release), and
 *   "absent": note frames whose CMNDF (pYIN's own framing) has no trough within 50 cents
 *   of the truth, so no pYIN candidate can be right there (RPA ≤ 1 − absent for any
 *   decoding of YIN candidates; these are mostly the slow attacks of the GM leads under
 *   the previous note's release and reverb, plus the soundfont's own mistuned zones).
 * fmax 1600 Hz: the corpus's GM lead melodies reach MIDI ~89 (≈ 1400 Hz), above
 * pYIN's library default of 1000 Hz; 1600 Hz covers them with margin (one fixed value
 * for every song, no per-song range).
 * (mir_eval.melody definitions, evaluated on pYIN's own frame grid instead of 10 ms.)
 * Then pYIN runs on a synthetic 3-minute 44.1 kHz mono melody on one core, and the
 * script reports the multiple of real time.
 * Reference: Salamon, Gómez, Ellis & Richard (2014), "Melody extraction from polyphonic
 *   music signals", IEEE Signal Processing Magazine 31(2) (metrics); Raffel et al.
 *   (2014), "mir_eval", ISMIR 2014.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { createPyin, PYIN_DEFAULTS } from "../../src/core/pitch/pyin.js";
import { createYinDifference } from "../../src/core/pitch/yin-difference.js";
import { readWav } from "../../src/io/wav-reader.js";
import { devSongs } from "./dev-songs.js";
import { filterMidiChannels, type MidiNote, midiNotes, parseMidi } from "./midi-file.js";

export interface TruthNote {
  readonly onset: number;
  readonly offset: number;
  readonly midi: number;
}

export const SOUNDFONT = "/usr/share/sounds/sf2/FluidR3_GM.sf2";
export const RATE = 44100;

/** The channel with the most notes matching a truth note (same key, onset within 30 ms). */
export function leadChannel(
  notes: readonly MidiNote[],
  truth: readonly TruthNote[],
): { channel: number; matched: number } {
  let best = { channel: -1, matched: -1 };
  for (const channel of new Set(notes.map((n) => n.channel))) {
    const mine = notes.filter((n) => n.channel === channel);
    let matched = 0;
    for (const t of truth) {
      if (mine.some((n) => n.key === t.midi && Math.abs(n.onsetSeconds - t.onset) < 0.03)) matched++;
    }
    if (matched > best.matched) best = { channel, matched };
  }
  return best;
}

/** Seconds after an onset during which a wrong frame counts as an attack error. */
const ATTACK_SECONDS = 0.08;

/**
 * Truth MIDI pitch per frame time (NaN without a note; the latest onset wins overlaps),
 * and per frame whether it lies in the first ATTACK_SECONDS of its note.
 */
function truthPerFrame(times: Float64Array, truth: readonly TruthNote[]): { midi: Float64Array; attack: Uint8Array } {
  const midi = new Float64Array(times.length).fill(Number.NaN);
  const attack = new Uint8Array(times.length);
  const sorted = [...truth].sort((a, b) => a.onset - b.onset);
  for (const note of sorted) {
    for (let t = 0; t < times.length; t++) {
      if (times[t]! >= note.onset && times[t]! < note.offset) {
        midi[t] = note.midi;
        attack[t] = times[t]! < note.onset + ATTACK_SECONDS ? 1 : 0;
      }
    }
  }
  return { midi, attack };
}

/** Hz: highest f0 of the evaluation (covers the corpus's lead range; see the header). */
export const EVAL_FMAX = 1600;

/**
 * Share of note frames whose CMNDF, framed as pYIN frames it, has no local minimum
 * within 50 cents of the truth: no candidate of pYIN's can be right there.
 */
function absentPitchShare(
  samples: Float32Array,
  truthMidi: Float64Array,
  options: { frameLength: number; hopSize: number; fmin: number; fmax: number; attackLookahead: number },
): number {
  const maxLag = Math.ceil(RATE / options.fmin);
  const minLag = Math.max(2, Math.floor(RATE / options.fmax));
  const yin = createYinDifference({ frameLength: options.frameLength, maxLag });
  const half = (yin.windowLength >> 1) - Math.round(options.attackLookahead * RATE);
  const frame = new Float32Array(options.frameLength);
  const cmndf = new Float32Array(maxLag + 1);
  let notes = 0;
  let absent = 0;
  for (let t = 0; t < truthMidi.length; t++) {
    if (Number.isNaN(truthMidi[t]!)) continue;
    notes++;
    const start = t * options.hopSize - half;
    frame.fill(0);
    const from = Math.max(0, start);
    const to = Math.min(samples.length, start + options.frameLength);
    if (to > from) frame.set(samples.subarray(from, to), from - start);
    yin.compute(frame, cmndf);
    const truthHz = 440 * 2 ** ((truthMidi[t]! - 69) / 12);
    // Integer lags of the pitches within 50 cents of the truth.
    const shortest = Math.max(minLag + 1, Math.floor(RATE / (truthHz * 2 ** (50 / 1200))));
    const longest = Math.min(maxLag - 1, Math.ceil(RATE / (truthHz * 2 ** (-50 / 1200))));
    let found = false;
    for (let lag = shortest; lag <= longest && !found; lag++) {
      const value = cmndf[lag]!;
      const cents = 1200 * Math.log2(RATE / lag / truthHz);
      found = Math.abs(cents) < 50 && value < cmndf[lag - 1]! && value <= cmndf[lag + 1]! && value < 1;
    }
    if (!found) absent++;
  }
  return notes === 0 ? 0 : absent / notes;
}

interface SongScore {
  readonly id: string;
  readonly matched: string;
  readonly rawPitchAccuracy: number;
  readonly voicingRecall: number;
  readonly voicingFalseAlarm: number;
  readonly octaveErrors: number;
  readonly attackErrors: number;
  readonly absent: number;
  readonly realTime: number;
}

function score(f0Hz: Float32Array, voiced: Uint8Array, truth: { midi: Float64Array; attack: Uint8Array }) {
  const truthMidi = truth.midi;
  let attackErrors = 0;
  let truthVoiced = 0;
  let truthUnvoiced = 0;
  let correct = 0;
  let octave = 0;
  let recalled = 0;
  let falseAlarms = 0;
  for (let t = 0; t < f0Hz.length; t++) {
    if (Number.isNaN(truthMidi[t]!)) {
      truthUnvoiced++;
      if (voiced[t] === 1) falseAlarms++;
      continue;
    }
    truthVoiced++;
    if (voiced[t] === 1) recalled++;
    const truthHz = 440 * 2 ** ((truthMidi[t]! - 69) / 12);
    const cents = 1200 * Math.log2(f0Hz[t]! / truthHz);
    if (Math.abs(cents) < 50) correct++;
    else if (truth.attack[t] === 1) attackErrors++;
    else if (Math.abs(Math.abs(cents) - 1200) < 50) octave++;
  }
  return {
    rawPitchAccuracy: correct / truthVoiced,
    voicingRecall: recalled / truthVoiced,
    voicingFalseAlarm: truthUnvoiced === 0 ? 0 : falseAlarms / truthUnvoiced,
    octaveErrors: octave / truthVoiced,
    attackErrors: attackErrors / truthVoiced,
  };
}

/** A 3-minute melody: harmonic notes with vibrato and rests, plus a little noise. */
function syntheticMelody(seconds: number): Float32Array {
  const out = new Float32Array(Math.round(seconds * RATE));
  let phase = 0;
  let noise = 12345;
  for (let i = 0; i < out.length; i++) {
    const s = i / RATE;
    const note = Math.floor(s / 0.5);
    const resting = note % 8 === 7;
    const midi = 55 + ((note * 7) % 19);
    const hz = 440 * 2 ** ((midi - 69) / 12) * 2 ** ((30 * Math.sin(2 * Math.PI * 5.5 * s)) / 1200);
    phase += (2 * Math.PI * hz) / RATE;
    noise = (noise * 1103515245 + 12345) & 0x7fffffff;
    const tone = resting ? 0 : 0.3 * Math.sin(phase) + 0.15 * Math.sin(2 * phase) + 0.08 * Math.sin(3 * phase);
    out[i] = tone + 0.003 * (noise / 0x7fffffff - 0.5);
  }
  return out;
}

/**
 * The song's lead-melody truth, the MIDI channel matching it, and that channel rendered
 * alone (cached as `<work>/<id>-lead[-dry][-<soundfont>].wav`) as mono samples at RATE.
 */
export async function renderLeadMelody(
  root: string,
  work: string,
  id: string,
  dry: boolean,
  soundfont: string = SOUNDFONT,
): Promise<{ truth: TruthNote[]; lead: { channel: number; matched: number }; samples: Float32Array }> {
  const midiPath = join(root, "midi", `${id}.mid`);
  const truth: TruthNote[] = JSON.parse(readFileSync(join(root, "truth", `${id}.json`), "utf8")).notes;
  const midi = parseMidi(readFileSync(midiPath));
  const lead = leadChannel(midiNotes(midi), truth);
  const leadMidi = join(work, `${id}-lead.mid`);
  const soundfontTag = soundfont === SOUNDFONT ? "" : `-${basename(soundfont).replace(/\.[^.]*$/, "")}`;
  const leadWav = join(work, `${id}-lead${dry ? "-dry" : ""}${soundfontTag}.wav`);
  writeFileSync(leadMidi, filterMidiChannels(midi, new Set([lead.channel])));
  if (!existsSync(leadWav)) {
    const effects = dry ? ["-R", "0", "-C", "0"] : [];
    execFileSync("fluidsynth", ["-ni", ...effects, "-F", leadWav, "-r", String(RATE), soundfont, leadMidi], {
      stdio: "ignore",
    });
  }
  const { audio } = await readWav(leadWav, { mono: true });
  return { truth, lead, samples: audio.channels[0]! };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      corpus: { type: "string" },
      only: { type: "string" },
      hop: { type: "string" },
      fmax: { type: "string" },
      frame: { type: "string" },
      dry: { type: "boolean" },
      soundfont: { type: "string" },
      lookahead: { type: "string" },
      "no-timing": { type: "boolean" },
    },
  });
  const hopSize = values.hop === undefined ? 512 : Number(values.hop);
  const fmax = values.fmax === undefined ? EVAL_FMAX : Number(values.fmax);
  const frameLength = values.frame === undefined ? PYIN_DEFAULTS.frameLength : Number(values.frame);
  const { root, ids, work } = devSongs(values.corpus);
  const only = values.only?.split(",");
  const attackLookahead = values.lookahead === undefined ? PYIN_DEFAULTS.attackLookahead : Number(values.lookahead);
  const track = createPyin({ sampleRate: RATE, hopSize, fmax, frameLength, attackLookahead });
  console.log(
    `pYIN ${PYIN_DEFAULTS.fmin}–${fmax} Hz, frame ${frameLength}, hop ${hopSize}, lookahead ${attackLookahead} s at ${RATE} Hz`,
  );
  const rows: SongScore[] = [];
  for (const id of ids as string[]) {
    if (only !== undefined && !only.includes(id)) continue;
    const { truth, lead, samples } = await renderLeadMelody(root, work, id, values.dry === true, values.soundfont);
    const started = performance.now();
    const result = track(samples);
    const elapsed = (performance.now() - started) / 1000;
    const truthFrames = truthPerFrame(result.times, truth);
    const scores = score(result.f0Hz, result.voiced, truthFrames);
    rows.push({
      id,
      matched: `${lead.matched}/${truth.length}`,
      ...scores,
      absent: absentPitchShare(samples, truthFrames.midi, {
        frameLength,
        hopSize,
        fmin: PYIN_DEFAULTS.fmin,
        fmax,
        attackLookahead,
      }),
      realTime: samples.length / RATE / elapsed,
    });
    const r = rows[rows.length - 1]!;
    console.log(
      `${id}  ch ${String(lead.channel).padStart(2)}  matched ${r.matched.padEnd(8)} RPA ${r.rawPitchAccuracy.toFixed(4)}  ` +
        `VR ${r.voicingRecall.toFixed(4)}  VFA ${r.voicingFalseAlarm.toFixed(4)}  oct ${r.octaveErrors.toFixed(4)}  ` +
        `attack ${r.attackErrors.toFixed(4)}  absent ${r.absent.toFixed(4)}  ` +
        `${r.realTime.toFixed(0)}× RT`,
    );
  }
  const mean = (
    key: "rawPitchAccuracy" | "voicingRecall" | "voicingFalseAlarm" | "octaveErrors" | "attackErrors" | "absent",
  ) => rows.reduce((sum, r) => sum + r[key], 0) / rows.length;
  console.log(
    `mean over ${rows.length} songs: RPA ${mean("rawPitchAccuracy").toFixed(4)}  VR ${mean("voicingRecall").toFixed(4)}  ` +
      `VFA ${mean("voicingFalseAlarm").toFixed(4)}  octave errors ${mean("octaveErrors").toFixed(4)}  ` +
      `attack errors ${mean("attackErrors").toFixed(4)}  absent ${mean("absent").toFixed(4)}  ` +
      `(min RPA ${Math.min(...rows.map((r) => r.rawPitchAccuracy)).toFixed(4)})`,
  );
  if (values["no-timing"] === true) return;
  const melody = syntheticMelody(180);
  track(melody.subarray(0, 10 * RATE)); // warm-up (JIT)
  const times: number[] = [];
  for (let run = 0; run < 3; run++) {
    const started = performance.now();
    track(melody);
    times.push((performance.now() - started) / 1000);
  }
  const best = Math.min(...times);
  console.log(
    `3-minute mono 44.1 kHz, hop ${hopSize}: best of 3 ${best.toFixed(3)} s = ${(180 / best).toFixed(1)}× real time`,
  );
}

// Run only as a script, so other evaluations can import the rendering.
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
