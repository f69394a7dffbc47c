import { writeFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ProgressEvent, resolveAnalyses } from "./analysis/analyze-audio.js";
import { TonearmError } from "./analysis/errors.js";
import { analyze } from "./analyze.js";
import { createFixtureDir, encodeFixtures, type FixtureDir } from "./io/test-helpers/fixtures.js";
import { seededBytes, stereoTones } from "./io/test-helpers/tones.js";
import { encodeWav } from "./io/wav-writer.js";

let fixtures: FixtureDir;
let mp3: string;

beforeAll(async () => {
  fixtures = await createFixtureDir("analyze");
  mp3 = (await encodeFixtures(fixtures, stereoTones(48_000, 1.5, 0.5), ["tones.mp3"]))["tones.mp3"]!;
}, 60_000);

afterAll(() => fixtures?.remove());

async function codeOf(work: Promise<unknown>): Promise<string> {
  try {
    await work;
  } catch (error) {
    expect(error).toBeInstanceOf(TonearmError);
    return (error as TonearmError).code;
  }
  throw new Error("expected a TonearmError");
}

describe("analyze (library)", () => {
  it("decodes a file, keeps its channels and reports progress from decoding to done", async () => {
    const events: ProgressEvent[] = [];
    const report = await analyze(mp3, { onProgress: (event) => events.push(event) });
    expect(report.source).toMatchObject({
      origin: "file",
      container: "mp3",
      codec: "mp3",
      sampleRate: 48_000,
      channels: 2,
    });
    expect(report.audio.channels).toBe(2);
    expect(report.audio.durationSeconds).toBeGreaterThan(1.45);
    expect(report.audio.durationSeconds).toBeLessThan(1.6);
    expect(events[0]).toEqual({ stage: "decode", fraction: 0 });
    expect(events.at(-1)).toEqual({ stage: resolveAnalyses(undefined).at(-1), fraction: 1 });
    const fractions = events.map((event) => event.fraction);
    expect([...fractions].sort((a, b) => a - b)).toEqual(fractions);
    expect(report.timings.decodeSeconds).toBeGreaterThan(0);
  });

  it("resamples when asked", async () => {
    const report = await analyze(mp3, { sampleRate: 22_050 });
    expect(report.audio.sampleRate).toBe(22_050);
    expect(report.source.sampleRate).toBe(48_000);
    expect(report.options.sampleRate).toBe(22_050);
  });

  it("analyses samples already in memory", async () => {
    const report = await analyze(stereoTones(44_100, 1, 0.25));
    expect(report.source.origin).toBe("signal");
    expect(report.analyses.signal!.samplePeakDbfs!).toBeCloseTo(-12.04, 1);
  });

  it("throws typed errors for bad input", async () => {
    const empty = fixtures.file("empty.wav");
    writeFileSync(empty, "");
    const text = fixtures.file("lyrics.mp3");
    writeFileSync(text, "la la la\n");
    const noise = fixtures.file("noise.mp3");
    writeFileSync(noise, seededBytes(30_000, 3));
    const wav = encodeWav(stereoTones(44_100, 2), { format: "pcm16" });
    const cut = fixtures.file("cut.wav");
    writeFileSync(cut, wav.subarray(0, wav.length / 2));
    expect(await codeOf(analyze(fixtures.file("missing.flac")))).toBe("FILE_NOT_FOUND");
    expect(await codeOf(analyze(fixtures.dir))).toBe("FILE_NOT_READABLE");
    expect(await codeOf(analyze(empty))).toBe("EMPTY_FILE");
    expect(await codeOf(analyze(text))).toBe("UNSUPPORTED_FORMAT");
    expect(await codeOf(analyze(noise))).toBe("UNSUPPORTED_FORMAT");
    expect(await codeOf(analyze(cut))).toBe("TRUNCATED_AUDIO");
    expect(await codeOf(analyze(mp3, { maxDurationSeconds: 1 }))).toBe("TOO_LONG");
    expect(await codeOf(analyze(mp3, { analyses: ["no-such-analysis"] }))).toBe("INVALID_OPTION");
    expect(await codeOf(analyze(mp3, { ffmpegPath: fixtures.file("no-ffmpeg-here") }))).toBe("DECODER_MISSING");
  });

  it("can be cancelled", async () => {
    const controller = new AbortController();
    controller.abort(new Error("stop"));
    await expect(analyze(mp3, { signal: controller.signal })).rejects.toThrow();
  });
});
