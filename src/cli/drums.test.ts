/**
 * `tonearm drums` end to end, in process (main() as bin/tonearm.js calls it; a child process
 * through tsx would spend seconds compiling Verovio's 7 MB module): a synthetic rock loop gives
 * a PDF, a MIDI file with kick and snare notes, a MusicXML percussion part, the drum stem and
 * the JSON; a track without drums gives an empty, valid transcription that says so; missing and
 * corrupt files get one error line each; existing files are not replaced without --force.
 */
import { readFileSync, statSync, writeFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GM_DRUM_KEY } from "../core/drums/drum-hit.js";
import { addAccompaniment, renderDrumHits, rockBeat } from "../core/drums/transcription/test-helpers/drum-signals.js";
import { notesOf, readMidi } from "../io/midi/test-helpers/read-midi.js";
import { createFixtureDir, type FixtureDir } from "../io/test-helpers/fixtures.js";
import { encodeWav } from "../io/wav-writer.js";
import { corruptWav } from "../server/test-helpers/audio.js";
import { type CommandRun, runMain } from "./test-helpers/run-main.js";

const SAMPLE_RATE = 22_050;
const TEMPO_BPM = 120;
const BARS = 4;
const SECONDS = 0.5 + (BARS * 4 * 60) / TEMPO_BPM + 0.5;

const runDrums = (args: readonly string[]) => runMain(["drums", ...args, "--no-progress"]);

let fixtures: FixtureDir;
let first: CommandRun;
const out = () => fixtures.file("out");

beforeAll(async () => {
  fixtures = await createFixtureDir("drums");
  const drums = renderDrumHits(rockBeat(TEMPO_BPM, BARS), SAMPLE_RATE, SECONDS);
  writeFileSync(
    fixtures.file("loop.wav"),
    encodeWav({ channels: [drums, drums.map((v) => 0.8 * v)], sampleRate: SAMPLE_RATE }),
  );
  const chords = new Float32Array(Math.round(SECONDS * SAMPLE_RATE));
  addAccompaniment(chords, SAMPLE_RATE, TEMPO_BPM, 0.1);
  writeFileSync(fixtures.file("chords.wav"), encodeWav({ channels: [chords], sampleRate: SAMPLE_RATE }));
  writeFileSync(fixtures.file("broken.wav"), corruptWav());
  first = await runDrums([
    fixtures.file("loop.wav"),
    fixtures.file("chords.wav"),
    fixtures.file("missing.wav"),
    fixtures.file("broken.wav"),
    "-o",
    out(),
  ]);
});

afterAll(async () => fixtures?.remove());

describe("tonearm drums", () => {
  it("writes the score, MIDI, MusicXML, drum stem and hits of a drum loop", () => {
    const file = (suffix: string) => readFileSync(`${out()}/loop${suffix}`);
    expect(file(".pdf").subarray(0, 5).toString("latin1")).toBe("%PDF-");
    const notes = notesOf(readMidi(file(".mid")));
    const keys = new Set(notes.map((note) => note.key));
    expect(keys.has(GM_DRUM_KEY.kick)).toBe(true);
    expect(keys.has(GM_DRUM_KEY.snare)).toBe(true);
    expect(notes.every((note) => note.channel === 9)).toBe(true);
    const musicXml = file(".musicxml").toString("utf8");
    expect(musicXml).toContain("<score-partwise");
    expect(musicXml).toContain("<sign>percussion</sign>");
    expect(file(".drums.flac").subarray(0, 4).toString("latin1")).toBe("fLaC");
    const json = JSON.parse(file(".drums.json").toString("utf8"));
    expect(json).toMatchObject({ source: "loop.wav", hasDrums: true, score: { timeSignature: "4/4" } });
    expect(json.grid.tempoBpm).toBeGreaterThan(TEMPO_BPM * 0.97);
    expect(json.grid.tempoBpm).toBeLessThan(TEMPO_BPM * 1.03);
    expect(json.counts.kick).toBeGreaterThan(0);
    expect(json.counts.snare).toBeGreaterThan(0);
  });

  it("prints a summary: tempo, metre, bars and hits per drum", () => {
    const loop = first.stdout.split("\n\n").find((block) => block.includes("loop.wav"))!;
    expect(loop).toMatch(/tempo 1[12]\d\.\d BPM, 4\/4, \d+ bars/);
    expect(loop).toMatch(/\d+ hits: \d+ kick, \d+ snare/);
    expect(loop).toMatch(/wrote .*loop\.pdf, loop\.mid, loop\.musicxml, loop\.drums\.flac, loop\.drums\.json/);
  });

  it("gives a track without drums an empty, valid transcription and says so", () => {
    const json = JSON.parse(readFileSync(`${out()}/chords.drums.json`, "utf8"));
    expect(json).toMatchObject({ hasDrums: false, hits: [], reason: expect.any(String) });
    expect(notesOf(readMidi(readFileSync(`${out()}/chords.mid`)))).toEqual([]);
    expect(readFileSync(`${out()}/chords.pdf`).subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect(readFileSync(`${out()}/chords.musicxml`, "utf8")).toContain("<rest");
    expect(first.stdout).toMatch(/no drums found: .*the score is \d+ bars? of rests/);
  });

  it("reports missing and corrupt files on one line each and exits 1", () => {
    expect(first.status).toBe(1);
    const lines = first.stderr.trim().split("\n");
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/missing\.wav.*\[FILE_NOT_FOUND\]$/);
    expect(lines[1]).toMatch(/broken\.wav.*\[(CORRUPT_AUDIO|TRUNCATED_AUDIO|UNSUPPORTED_FORMAT)\]$/);
  });

  it("never replaces existing files without --force", async () => {
    const before = statSync(`${out()}/loop.pdf`).mtimeMs;
    const again = await runDrums([fixtures.file("loop.wav"), "-o", out()]);
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(/loop\.pdf.*already exist; nothing was written \(--force replaces\) \[CONFLICT\]/);
    expect(statSync(`${out()}/loop.pdf`).mtimeMs).toBe(before);
  });

  it("explains usage errors with exit status 2", async () => {
    expect((await runDrums([])).status).toBe(2);
    const help = await runDrums(["--help"]);
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/Usage: tonearm drums FILE/);
  });
});
