/**
 * The render cache and pool on their own (no database, no server): requests normalised to
 * one product, tags that follow the audio's identity, concurrent requests rendered once,
 * the worker's typed errors kept, a timeout, removal, and a closed renderer; and the notes
 * product: a synthesised melody comes back as its notes, in JSON and MIDI.
 */
import { mkdtemp, readdir, readFile, rm, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TonearmError } from "../analysis/errors.js";
import { notesOf, readMidi, secondsAtTick } from "../io/midi/test-helpers/read-midi.js";
import type { TranscriptionJson } from "../io/transcription-of-file.js";
import { encodeWav } from "../io/wav-writer.js";
import { type AnalysisAudio, AnalysisImageRenderer } from "./analysis-images.js";
import { type AnalysisImageRequest, normaliseProduct, productFile } from "./analysis-images-request.js";

const ID = "6f1c1d52-8a4e-4a51-9d3c-2b1a0e9f7c11";
const OTHER = "0d3f4f9e-11aa-4b7b-8c2d-5e6f7a8b9c0d";
const DECODING = { decoder: "auto", ffmpegPath: null, maxDurationSeconds: 600 } as const;

function sineWav(hz: number, seconds: number, sampleRate = 22_050): Uint8Array {
  const samples = new Float32Array(Math.round(seconds * sampleRate));
  for (let i = 0; i < samples.length; i++) samples[i] = 0.5 * Math.sin((2 * Math.PI * hz * i) / sampleRate);
  return encodeWav({ channels: [samples], sampleRate });
}

/** Known notes: [onset s, offset s, MIDI key]. */
type KnownNote = readonly [number, number, number];

/**
 * Harmonic tones (partials 1–4 at 1, 1/2, 1/3, 1/4) for the notes, summed: a 10 ms attack,
 * a decay of 6 dB per 0.3 s and a 30 ms fade at the offset.
 */
function notesWav(notes: readonly KnownNote[], seconds: number, sampleRate = 22_050): Uint8Array {
  const samples = new Float32Array(Math.round(seconds * sampleRate));
  for (const [onset, offset, midi] of notes) {
    const hz = 440 * 2 ** ((midi - 69) / 12);
    for (let n = Math.round(onset * sampleRate); n < Math.round(offset * sampleRate); n++) {
      const since = n / sampleRate - onset;
      const envelope = Math.min(1, since / 0.01) * 2 ** (-since / 0.3) * Math.min(1, (offset - n / sampleRate) / 0.03);
      let tone = 0;
      for (let partial = 1; partial <= 4; partial++) {
        tone += Math.sin((2 * Math.PI * partial * hz * n) / sampleRate) / partial;
      }
      samples[n]! += 0.25 * envelope * tone;
    }
  }
  return encodeWav({ channels: [samples], sampleRate });
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    return error instanceof TonearmError ? error.code : `not a TonearmError: ${String(error)}`;
  }
  return "resolved";
}

/** A one-thread renderer caching under `scratch`/renders, over the given analyses' audio. */
function rendererOver(scratch: string, analyses: ReadonlyMap<string, AnalysisAudio>): AnalysisImageRenderer {
  return new AnalysisImageRenderer({
    root: join(scratch, "renders"),
    lookup: async (id) => analyses.get(id),
    decoding: DECODING,
    threads: 1,
  });
}

async function closeRenderer(renderer: AnalysisImageRenderer | undefined, scratch: string): Promise<void> {
  await renderer?.close();
  await rm(scratch, { recursive: true, force: true });
}

describe("normaliseProduct", () => {
  it("fills in the CLI's defaults, so equivalent requests are one product", () => {
    const spelled = normaliseProduct({ kind: "spectrogram", type: "cqt", width: 2000, colormap: "magma" });
    expect(spelled).toEqual(normaliseProduct({ kind: "spectrogram" }));
    expect(spelled).toMatchObject({ width: 2000, height: 600, rangeDb: 80, minHz: null, axes: false, format: "webp" });
    expect(normaliseProduct({ kind: "spectrogram", colormap: ["000000", "#FF8800"] })).toMatchObject({
      colormap: ["#000000", "#ff8800"],
    });
    expect(normaliseProduct({ kind: "notes" })).toEqual({
      kind: "notes",
      source: "solo",
      fmin: null,
      fmax: null,
      tonicHz: null,
      estimateTonic: false,
      pitchBend: false,
      program: null,
    });
    expect(normaliseProduct({ kind: "pitch" })).toEqual({
      kind: "pitch",
      fmin: null,
      fmax: null,
      tonicHz: null,
      estimateTonic: false,
    });
  });

  it("refuses out-of-range parameters with INVALID_OPTION, naming them", () => {
    const bad: AnalysisImageRequest[] = [
      { kind: "spectrogram", width: 7 },
      { kind: "spectrogram", height: 16_385 },
      { kind: "spectrogram", minHz: 3000, maxHz: 2000 },
      // A name outside the list, as an untyped caller could send it.
      { kind: "spectrogram", colormap: "rainbow" as "magma" },
      { kind: "spectrogram-data", frames: 1.5 },
      { kind: "melograph", fmin: 10 },
      { kind: "pitch", tonicHz: 200, estimateTonic: true },
      { kind: "notes", source: "mix" as "solo" },
      { kind: "notes", source: "poly", fmin: 80 },
      { kind: "notes", source: "poly", estimateTonic: true },
      { kind: "notes", program: 128 },
      { kind: "notes", program: 1.5 },
    ];
    for (const request of bad) {
      expect(() => normaliseProduct(request)).toThrow(TonearmError);
    }
    expect(() => normaliseProduct({ kind: "spectrogram", width: 7 })).toThrow(/width must be an integer from 8/);
  });

  it("serves only the files a product holds, never a path outside it", () => {
    const tiles = normaliseProduct({ kind: "spectrogram-tiles" });
    expect(productFile(tiles, undefined)).toBe("tiles.json");
    expect(productFile(tiles, "3/12.webp")).toBe("3/12.webp");
    for (const name of ["../x", "3/../../x.webp", "/etc/passwd", "tiles.json/.."]) {
      expect(() => productFile(tiles, name)).toThrow(/has no file/);
    }
    const notes = normaliseProduct({ kind: "notes" });
    expect(productFile(notes, undefined)).toBe("notes.json");
    expect(productFile(notes, "notes.mid")).toBe("notes.mid");
    expect(() => productFile(notes, "notes.wav")).toThrow(/has no file/);
  });
});

describe("AnalysisImageRenderer", () => {
  let scratch: string;
  let audioPath: string;
  const analyses = new Map<string, AnalysisAudio>();
  let renderer: AnalysisImageRenderer;

  beforeAll(async () => {
    scratch = await mkdtemp(join(tmpdir(), "tonearm-analysis-images-"));
    audioPath = join(scratch, "tone.wav");
    await writeFile(audioPath, sineWav(220, 1.5));
    analyses.set(ID, { audioPath, audioRemovedAt: null });
    analyses.set(OTHER, { audioPath, audioRemovedAt: null });
    renderer = rendererOver(scratch, analyses);
  });
  afterAll(() => closeRenderer(renderer, scratch));

  it("tags a product by the analysis and its audio's identity", async () => {
    const request = { kind: "spectrogram", width: 64, height: 32 } as const;
    const tag = await renderer.tag(ID, request);
    expect(tag).toEqual({ contentType: "image/webp", etag: expect.stringMatching(/^"[0-9a-f]{32}\.image\.webp"$/) });
    expect(await renderer.tag(ID, { ...request, type: "cqt", format: "webp" })).toEqual(tag);
    expect((await renderer.tag(OTHER, request)).etag).not.toBe(tag.etag);
    // The same path with other contents (a file under an allowed root rewritten) is another image.
    const later = new Date(Date.now() + 60_000);
    await utimes(audioPath, later, later);
    expect((await renderer.tag(ID, request)).etag).not.toBe(tag.etag);
    expect(renderer.renders).toBe(0);
  });

  it("renders concurrent requests for one product once, and serves it from the cache after", async () => {
    const request = { kind: "pitch", tonicHz: 110 } as const;
    const files = await Promise.all([1, 2, 3].map(() => renderer.render(ID, request)));
    expect(renderer.renders).toBe(1);
    expect(new Set(files.map((file) => file.path)).size).toBe(1);
    expect(files[0]).toMatchObject({ contentType: "application/json; charset=utf-8" });
    expect(files[0]!.bytes).toBeGreaterThan(100);
    await renderer.render(ID, request);
    expect(renderer.renders).toBe(1);
    // Only the product's folder is left: no temporary folders.
    expect(await readdir(join(scratch, "renders", ID))).toHaveLength(1);
  });

  it("keeps the worker's error codes, stops renders past the timeout, and removes an analysis's renders", async () => {
    const broken = join(scratch, "broken.wav");
    await writeFile(broken, Buffer.concat([Buffer.from("RIFF\x24\x00\x00\x00WAVEjunk"), Buffer.alloc(64, 7)]));
    const brokenId = "a3b2c1d0-1111-4222-8333-944455566677";
    analyses.set(brokenId, { audioPath: broken, audioRemovedAt: null });
    const failed = await codeOf(renderer.render(brokenId, { kind: "pitch" }));
    expect(["CORRUPT_AUDIO", "TRUNCATED_AUDIO", "UNSUPPORTED_FORMAT", "NO_AUDIO_STREAM"]).toContain(failed);
    expect(await readdir(join(scratch, "renders", brokenId))).toEqual([]);

    const hasty = new AnalysisImageRenderer({
      root: join(scratch, "renders"),
      lookup: async (id) => analyses.get(id),
      decoding: DECODING,
      threads: 1,
      timeoutMs: 1,
    });
    expect(await codeOf(hasty.render(ID, { kind: "idtap" }))).toBe("TIMEOUT");
    await hasty.close();
    expect(await codeOf(hasty.render(ID, { kind: "melograph" }))).toBe("NOT_AVAILABLE");

    await renderer.remove(ID);
    await expect(readdir(join(scratch, "renders", ID))).rejects.toThrow();
    expect(await codeOf(renderer.render("9e9e9e9e-0000-4000-8000-000000000000", { kind: "pitch" }))).toBe("NOT_FOUND");
    analyses.set(OTHER, { audioPath, audioRemovedAt: "2026-01-01T00:00:00.000Z" });
    expect(await codeOf(renderer.tag(OTHER, { kind: "pitch" }))).toBe("GONE");
  });
});

describe("the notes product", () => {
  // C4, E4, G4, a rest, A4, F4.
  const MELODY: readonly KnownNote[] = [
    [0.2, 0.7, 60],
    [0.7, 1.2, 64],
    [1.2, 1.7, 67],
    [2.2, 2.7, 69],
    [2.7, 3.2, 65],
  ];
  let scratch: string;
  let renderer: AnalysisImageRenderer;

  beforeAll(async () => {
    scratch = await mkdtemp(join(tmpdir(), "tonearm-analysis-notes-"));
    const melodyPath = join(scratch, "melody.wav");
    await writeFile(melodyPath, notesWav(MELODY, 3.5));
    const chordPath = join(scratch, "chord.wav");
    await writeFile(
      chordPath,
      notesWav(
        [60, 64, 67].map((midi) => [0.2, 1.2, midi] as const),
        1.5,
      ),
    );
    const analyses = new Map<string, AnalysisAudio>([
      [ID, { audioPath: melodyPath, audioRemovedAt: null }],
      [OTHER, { audioPath: chordPath, audioRemovedAt: null }],
    ]);
    renderer = rendererOver(scratch, analyses);
  });
  afterAll(() => closeRenderer(renderer, scratch));

  it("transcribes a solo melody into its notes and phrases as JSON, and the same notes as MIDI", async () => {
    const request = { kind: "notes", tonicHz: 261.63, program: 73 } as const;
    const json = await renderer.render(ID, request);
    expect(json.contentType).toBe("application/json; charset=utf-8");
    expect(json.etag).toMatch(/^"[0-9a-f]{32}\.notes\.json"$/);
    const transcription = JSON.parse(await readFile(json.path, "utf8")) as TranscriptionJson;
    expect(transcription).toMatchObject({ source: "solo", sampleRate: 22_050, hopSize: 512, tonicHz: 261.63 });
    expect(transcription.notes.map((note) => Math.round(note.midi))).toEqual(MELODY.map(([, , midi]) => midi));
    for (const [index, [onset, , midi]] of MELODY.entries()) {
      const note = transcription.notes[index]!;
      expect(Math.abs(note.onset - onset)).toBeLessThanOrEqual(0.05);
      expect(note.cents).toBeCloseTo((note.midi - 60) * 100, 0);
      expect(Math.abs(note.midi - midi)).toBeLessThanOrEqual(0.5);
    }
    expect(transcription.phrases.map((phrase) => phrase.noteCount)).toEqual([3, 2]);

    // The MIDI is the second file of the same render: same product, another tag.
    const midi = await renderer.render(ID, { ...request, file: "notes.mid" });
    expect(renderer.renders).toBe(1);
    expect(midi.contentType).toBe("audio/midi");
    expect(midi.etag).not.toBe(json.etag);
    const file = readMidi(new Uint8Array(await readFile(midi.path)));
    const written = notesOf(file);
    expect(written.map((note) => note.key)).toEqual(MELODY.map(([, , key]) => key));
    for (const [index, note] of written.entries()) {
      expect(Math.abs(note.timeSeconds - MELODY[index]![0])).toBeLessThanOrEqual(0.05);
      expect(Math.abs(secondsAtTick(file, note.endTick) - MELODY[index]![1])).toBeLessThanOrEqual(0.1);
    }
    expect(file.tracks[0]!.find((event) => event.type === "programChange")).toMatchObject({ program: 73 });
  });

  it("transcribes every note of a chord with source poly", async () => {
    const rendered = await renderer.render(OTHER, { kind: "notes", source: "poly" });
    const transcription = JSON.parse(await readFile(rendered.path, "utf8")) as TranscriptionJson;
    expect(transcription).toMatchObject({ source: "poly", hopSize: 256, tonicHz: null });
    expect(transcription.notes.map((note) => note.midi).sort()).toEqual([60, 64, 67]);
    for (const note of transcription.notes) expect(Math.abs(note.onset - 0.2)).toBeLessThanOrEqual(0.05);
  });
});
