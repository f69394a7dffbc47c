/**
 * `tonearm transcribe` in process (through main, as bin/tonearm.js runs it): a synthetic
 * monophonic melody with known notes (harmonic tones, a repeated note, a glide, a rest
 * between two phrases) comes back as those notes within 50 ms and 50 cents, two phrases,
 * a glide with its curve, and a MIDI file with the same notes; a lead over a chord
 * (`--source mix`) yields most lead notes; a chord progression (`--source poly`) comes back
 * as every note of its chords; bad options are usage errors.
 */
import { readFile } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { notesOf, readMidi, secondsAtTick } from "../io/midi/test-helpers/read-midi.js";
import { createFixtureDir, type FixtureDir } from "../io/test-helpers/fixtures.js";
import { writeWav } from "../io/wav-writer.js";
import type { TranscriptionJson } from "./commands/transcribe.js";
import { runMain } from "./test-helpers/run-main.js";

const RATE = 22_050;

interface Segment {
  readonly onset: number;
  readonly offset: number;
  /** MIDI pitch at the onset and (for a glide) at the offset. */
  readonly midi: number;
  readonly toMidi?: number;
}

/**
 * Phrase 1: C4, E4, E4 again (re-attacked), a glide E4 → A4, A4; a 0.6 s rest; phrase 2:
 * A4, G4, F4. The glide continues the repeated E4 without a new attack.
 */
const MELODY: readonly Segment[] = [
  { onset: 0.3, offset: 0.8, midi: 60 },
  { onset: 0.8, offset: 1.3, midi: 64 },
  { onset: 1.3, offset: 1.8, midi: 64 },
  { onset: 1.8, offset: 2.1, midi: 64, toMidi: 69 },
  { onset: 2.1, offset: 2.6, midi: 69 },
  { onset: 3.2, offset: 3.7, midi: 69 },
  { onset: 3.7, offset: 4.2, midi: 67 },
  { onset: 4.2, offset: 4.9, midi: 65 },
];
const STABLE = MELODY.filter((segment) => segment.toMidi === undefined);

function midiToHz(midi: number): number {
  return 440 * 2 ** ((midi - 69) / 12);
}

/**
 * A harmonic tone (partials 1–4 at 1, 1/2, 1/3, 1/4) following the segments with a
 * continuous phase; each attack (a segment that is not a glide) starts a 10 ms rise and an
 * exponential decay of 6 dB per 0.25 s, and before a rest the tone fades over 40 ms.
 */
function renderMelody(segments: readonly Segment[], seconds: number, gain: number): Float32Array {
  const samples = new Float32Array(Math.round(seconds * RATE));
  let phase = 0;
  for (const [index, segment] of segments.entries()) {
    const attack = segment.toMidi === undefined ? segment.onset : segments[index - 1]!.onset;
    const next = segments[index + 1];
    const fadesOut = next === undefined || next.onset > segment.offset;
    // A re-articulation: the tone dips to −20 dB over the 30 ms before the next attack.
    const dips = !fadesOut && next?.toMidi === undefined;
    for (let n = Math.round(segment.onset * RATE); n < Math.round(segment.offset * RATE); n++) {
      const time = n / RATE;
      const share = (time - segment.onset) / (segment.offset - segment.onset);
      const midi = segment.toMidi === undefined ? segment.midi : segment.midi + share * (segment.toMidi - segment.midi);
      phase += (2 * Math.PI * midiToHz(midi)) / RATE;
      const sinceAttack = time - attack;
      let envelope = Math.min(1, sinceAttack / 0.01) * 2 ** (-sinceAttack / 0.25);
      if (fadesOut) envelope *= Math.min(1, (segment.offset - time) / 0.04);
      if (dips) envelope *= 0.1 + 0.9 * Math.min(1, (segment.offset - time) / 0.03);
      let tone = 0;
      for (let partial = 1; partial <= 4; partial++) tone += Math.sin(partial * phase) / partial;
      samples[n] = gain * envelope * tone;
    }
  }
  return samples;
}

describe("tonearm transcribe", () => {
  let fixtures: FixtureDir;
  let solo: string;
  let mix: string;

  beforeAll(async () => {
    fixtures = await createFixtureDir("cli-transcribe");
    solo = fixtures.file("solo.wav");
    await writeWav(solo, { channels: [renderMelody(MELODY, 5.3, 0.3)], sampleRate: RATE });
    // Lead (one note per 0.4 s, two octaves of a scale) over a sustained C major triad an octave lower.
    const lead: Segment[] = [62, 64, 65, 67, 69, 71, 72, 74, 72, 69, 67, 64].map((midi, index) => ({
      onset: 0.5 + index * 0.4,
      offset: 0.88 + index * 0.4,
      midi,
    }));
    const leadSamples = renderMelody(lead, 5.6, 0.3);
    const chord = new Float32Array(leadSamples.length);
    for (const midi of [48, 52, 55]) {
      const hz = midiToHz(midi);
      for (let n = 0; n < chord.length; n++) {
        for (let partial = 1; partial <= 3; partial++) {
          chord[n]! += (0.05 / partial) * Math.sin((2 * Math.PI * partial * hz * n) / RATE);
        }
      }
    }
    mix = fixtures.file("mix.wav");
    await writeWav(mix, {
      channels: [leadSamples.map((sample, n) => sample + chord[n]!)],
      sampleRate: RATE,
    });
    leadNotes = lead;
  });
  let leadNotes: readonly Segment[] = [];

  afterAll(async () => {
    await fixtures?.remove();
  });

  it("transcribes a solo melody into its notes, a glide and two phrases, as JSON and MIDI", async () => {
    const json = fixtures.file("solo.json");
    const midi = fixtures.file("solo.mid");
    const result = await runMain(["transcribe", solo, "-o", json, "--midi", midi, "--tonic", String(midiToHz(60))]);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/7 notes, 1 glide, 2 phrases/);
    expect(result.stdout).toContain(`wrote ${midi}, ${json}`);
    const transcription = JSON.parse(await readFile(json, "utf8")) as TranscriptionJson;
    expect(transcription).toMatchObject({ source: "solo", sampleRate: RATE, hopSize: 512 });
    const notes = transcription.notes.filter((note) => note.kind === "note");
    expect(notes).toHaveLength(STABLE.length);
    for (const [index, expected] of STABLE.entries()) {
      const note = notes[index]!;
      expect(Math.abs(note.onset - expected.onset)).toBeLessThanOrEqual(0.05);
      expect(Math.abs(note.midi - expected.midi)).toBeLessThanOrEqual(0.5);
      // Cents above the tonic C4 and Hz agree with the MIDI pitch.
      expect(note.cents).toBeCloseTo((note.midi - 60) * 100, 0);
      expect(note.hz).toBeCloseTo(midiToHz(note.midi), 0);
    }
    // The notes before the rest end with the tone (within the fade).
    expect(Math.abs(notes[3]!.offset - 2.6)).toBeLessThanOrEqual(0.08);
    const glide = transcription.notes.find((note) => note.kind === "glide");
    expect(glide).toBeDefined();
    expect(glide!.onset).toBeGreaterThan(1.7);
    expect(glide!.offset).toBeLessThan(2.2);
    const curve = glide!.pitchCurve!;
    expect(curve.times.length).toBe(curve.midi.length);
    expect(curve.midi[curve.midi.length - 1]! - curve.midi[0]!).toBeGreaterThan(2);
    expect(transcription.phrases.map((phrase) => phrase.noteCount)).toEqual([5, 3]);
    expect(Math.abs(transcription.phrases[1]!.start - 3.2)).toBeLessThanOrEqual(0.05);
    expect(transcription.onsets).toEqual(transcription.notes.map((note) => note.onset));

    // The MIDI file: the stable notes on their nearest keys at the JSON's times.
    const file = readMidi(new Uint8Array(await readFile(midi)));
    const written = notesOf(file);
    expect(written.map((note) => note.key)).toEqual(notes.map((note) => Math.round(note.midi)));
    for (const [index, note] of written.entries()) {
      expect(Math.abs(note.timeSeconds - notes[index]!.onset)).toBeLessThanOrEqual(0.002);
      expect(Math.abs(secondsAtTick(file, note.endTick) - notes[index]!.offset)).toBeLessThanOrEqual(0.002);
    }
  }, 60_000);

  it("writes glides and cents as pitch bends with --pitch-bend, the program asked for, and an estimated tonic", async () => {
    const midi = fixtures.file("bent.mid");
    const json = fixtures.file("bent.json");
    const args = [solo, "-o", midi, "--json", json, "--pitch-bend", "--program", "73", "--estimate-tonic"];
    const result = await runMain(["transcribe", ...args]);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^tonic \d+\.\d Hz/);
    const transcription = JSON.parse(await readFile(json, "utf8")) as TranscriptionJson;
    expect(transcription.tonicHz).toBeGreaterThan(0);
    expect(transcription.notes.every((note) => typeof note.cents === "number")).toBe(true);
    const file = readMidi(new Uint8Array(await readFile(midi)));
    expect(notesOf(file)).toHaveLength(STABLE.length + 1);
    const events = file.tracks[0]!;
    expect(events.find((event) => event.type === "programChange")).toMatchObject({ program: 73 });
    const bends = events.filter((event) => event.type === "other" && event.status === 0xe0);
    expect(bends.length).toBeGreaterThan(STABLE.length);
  }, 60_000);

  it("finds most lead notes of a mix with --source mix", async () => {
    const json = fixtures.file("mix.json");
    const result = await runMain(["transcribe", mix, "--json", json, "--source", "mix"]);
    expect(result.status).toBe(0);
    const transcription = JSON.parse(await readFile(json, "utf8")) as TranscriptionJson;
    expect(transcription.source).toBe("mix");
    const found = leadNotes.filter((lead) =>
      transcription.notes.some(
        (note) => Math.abs(note.onset - lead.onset) <= 0.05 && Math.abs(note.midi - lead.midi) <= 0.5,
      ),
    );
    expect(found.length).toBeGreaterThanOrEqual(Math.ceil(0.6 * leadNotes.length));
  }, 60_000);

  it("transcribes every note of a chord progression with --source poly", async () => {
    // C major, F major, G major, C major (root position, C4 register), one second each.
    const chords = [
      [60, 64, 67],
      [65, 69, 72],
      [67, 71, 74],
      [60, 64, 67],
    ];
    const truth = chords.flatMap((keys, index) =>
      keys.map((midi) => ({ onset: 0.3 + index, offset: 1.15 + index, midi })),
    );
    const samples = new Float32Array(Math.round(4.6 * RATE));
    for (const note of truth) {
      const from = Math.round(note.onset * RATE);
      const hz = midiToHz(note.midi);
      for (let n = from; n < Math.round(note.offset * RATE); n++) {
        const since = (n - from) / RATE;
        let tone = 0;
        for (let partial = 1; partial <= 5; partial++) tone += Math.sin(2 * Math.PI * partial * hz * since) / partial;
        samples[n] = samples[n]! + 0.08 * Math.min(1, since / 0.01) * 2 ** (-since / 1.5) * tone;
      }
    }
    const poly = fixtures.file("chords.wav");
    await writeWav(poly, { channels: [samples], sampleRate: RATE });
    const json = fixtures.file("chords.json");
    const midi = fixtures.file("chords.mid");
    const result = await runMain(["transcribe", poly, "-o", json, "--midi", midi, "--source", "poly"]);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    const transcription = JSON.parse(await readFile(json, "utf8")) as TranscriptionJson;
    expect(transcription).toMatchObject({ source: "poly", sampleRate: RATE, hopSize: 256 });
    expect(transcription.notes).toHaveLength(truth.length);
    for (const expected of truth) {
      const found = transcription.notes.filter(
        (note) => note.midi === expected.midi && Math.abs(note.onset - expected.onset) <= 0.05,
      );
      expect(found, `${expected.midi} at ${expected.onset}`).toHaveLength(1);
      expect(Math.abs(found[0]!.offset - expected.offset)).toBeLessThanOrEqual(0.1);
    }
    const written = notesOf(readMidi(new Uint8Array(await readFile(midi))));
    expect(written.map((note) => note.key).sort()).toEqual(truth.map((note) => note.midi).sort());
  }, 60_000);

  it("rejects bad options as usage errors", async () => {
    const cases: [string[], RegExp][] = [
      [[solo], /needs -o/],
      [[solo, "-o", fixtures.file("x.txt")], /\.mid, \.midi or \.json/],
      [[solo, "-o", fixtures.file("x.mid"), "--source", "band"], /--source must be solo, mix or poly/],
      [[solo, "-o", fixtures.file("x.mid"), "--source", "poly", "--estimate-tonic"], /solo and mix only/],
      [[solo, "-o", fixtures.file("x.mid"), "--program", "128"], /--program must be an integer/],
      [[solo, "-o", fixtures.file("x.mid"), "--tonic", "200", "--estimate-tonic"], /not both/],
      [[solo, "-o", fixtures.file("x.mid"), "--fmin", "500", "--fmax", "400"], /--fmin < --fmax/],
      [[solo, "-o", fixtures.file("x.mid"), "--source", "mix", "--fmax", "800"], /solo only/],
    ];
    for (const [args, message] of cases) {
      const result = await runMain(["transcribe", ...args]);
      expect(result.status).toBe(2);
      expect(result.stderr).toMatch(message);
    }
    const help = await runMain(["transcribe", "--help"]);
    expect(help.stdout).toContain("tonearm transcribe FILE");
    expect(help.stdout).toContain("pitchCurve");
    expect(help.stdout).toContain("poly: all pitched notes");
  });
});
