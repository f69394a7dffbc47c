import { writeFile } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  decodeWithFfmpeg,
  decodeWithFfmpegTo,
  FFMPEG_CHUNK_FRAMES,
  type FfmpegDecodeOptions,
  ffmpegDecodeArguments,
} from "./ffmpeg-decoder.js";
import { type FfmpegLocation, locateFfmpeg } from "./locate-ffmpeg.js";
import { createFixtureDir, encodeFixtures, type FixtureDir, systemFfmpegSkipReason } from "./test-helpers/fixtures.js";
import { createRecordingSink, firstDifference } from "./test-helpers/recording-sink.js";
import { seededBytes, stereoTones, zeroCrossingFrequency } from "./test-helpers/tones.js";

const systemSkip = systemFfmpegSkipReason();
let fixtures: FixtureDir;
let paths: Record<string, string>;
let bundled: FfmpegLocation;

beforeAll(async () => {
  fixtures = await createFixtureDir("ffmpeg-decoder");
  paths = await encodeFixtures(fixtures, stereoTones(44100, 3), ["tones.flac", "tones.mp3", "tones.ogg"]);
  bundled = await locateFfmpeg({ preference: "bundled" });
});
afterAll(() => fixtures.remove());

function options(path: string, overrides: Partial<FfmpegDecodeOptions> = {}): FfmpegDecodeOptions {
  return {
    ffmpeg: bundled,
    channels: 2,
    sourceSampleRate: 44100,
    declaredSeconds: 3,
    failure: { path, knownFormat: true, formatDescription: "FLAC" },
    ...overrides,
  };
}

function maxDifference(a: Float32Array, b: Float32Array, from: number, to: number): number {
  let max = 0;
  for (let i = from; i < to; i++) max = Math.max(max, Math.abs(a[i]! - b[i]!));
  return max;
}

describe("ffmpegDecodeArguments", () => {
  const location = (hasSoxr: boolean): FfmpegLocation => ({ path: "ffmpeg", source: "system", version: "x", hasSoxr });
  it("streams the first audio stream as f32le to stdout", () => {
    const args = ffmpegDecodeArguments("a.mp3", options("a.mp3"));
    expect(args.join(" ")).toBe(
      "-nostdin -hide_banner -v error -i a.mp3 -map 0:a:0 -vn -sn -dn -ac 2 -f f32le -acodec pcm_f32le pipe:1",
    );
  });
  it("resamples with soxr when the build has it, else a long swr filter", () => {
    const soxr = ffmpegDecodeArguments("a", options("a", { ffmpeg: location(true), sampleRate: 22050 }));
    expect(soxr).toContain("aresample=osr=22050:resampler=soxr:precision=28");
    const swr = ffmpegDecodeArguments("a", options("a", { ffmpeg: location(false), sampleRate: 22050 }));
    expect(swr.join(" ")).toMatch(/aresample=osr=22050:resampler=swr:filter_size=128/);
    expect(ffmpegDecodeArguments("a", options("a", { sampleRate: 44100 }))).not.toContain("-af");
  });
  it("mixes to mono ahead of the resampler when asked to (mixInFfmpeg)", () => {
    const mixed = { mono: true, mixInFfmpeg: true } as const;
    const args = ffmpegDecodeArguments("a", options("a", { ffmpeg: location(true), sampleRate: 22050, ...mixed }));
    expect(args.join(" ")).toContain(
      "-af pan=mono|c0=0.5*c0+0.5*c1,aresample=osr=22050:resampler=soxr:precision=28 -ar 22050 -ac 1 -f f32le",
    );
    expect(ffmpegDecodeArguments("a", options("a", mixed)).join(" ")).toContain("-af pan=mono|c0=0.5*c0+0.5*c1 -ac 1");
    expect(ffmpegDecodeArguments("a", options("a", { mono: true })).join(" ")).toContain("-ac 2");
    expect(ffmpegDecodeArguments("a", options("a", { ...mixed, channels: 1 })).join(" ")).not.toContain("pan=");
  });
});

describe("decodeWithFfmpeg", () => {
  it("decodes FLAC losslessly into planar channels, left 440 Hz and right 660 Hz", async () => {
    const audio = await decodeWithFfmpeg(paths["tones.flac"]!, options(paths["tones.flac"]!));
    const original = stereoTones(44100, 3);
    expect(audio.sampleRate).toBe(44100);
    expect(audio.channels[0]).toHaveLength(3 * 44100);
    expect(maxDifference(audio.channels[0]!, original.channels[0]!, 0, 3 * 44100)).toBeLessThan(1 / 32768 + 1e-6);
    expect(maxDifference(audio.channels[1]!, original.channels[1]!, 0, 3 * 44100)).toBeLessThan(1 / 32768 + 1e-6);
  });

  it("gives the same samples when the declared duration is far too short (arrays grow)", async () => {
    const path = paths["tones.flac"]!;
    const exact = await decodeWithFfmpeg(path, options(path));
    const grown = await decodeWithFfmpeg(path, options(path, { declaredSeconds: null }));
    expect(grown.channels[1]).toHaveLength(exact.channels[1]!.length);
    expect(maxDifference(grown.channels[1]!, exact.channels[1]!, 0, exact.channels[1]!.length)).toBe(0);
  });

  it("mixes to mono in ffmpeg (mixInFfmpeg) as it does here, at the file's rate or resampled", async () => {
    const path = paths["tones.mp3"]!;
    for (const [rate, tolerance] of [
      [{}, 1e-7],
      [{ sampleRate: 22050 }, 1e-5],
    ] as const) {
      const here = await decodeWithFfmpeg(path, options(path, { mono: true, ...rate }));
      const there = await decodeWithFfmpeg(path, options(path, { mono: true, mixInFfmpeg: true, ...rate }));
      expect(there.channels).toHaveLength(1);
      expect(there.sampleRate).toBe(here.sampleRate);
      const length = here.channels[0]!.length;
      expect(there.channels[0]).toHaveLength(length);
      expect(maxDifference(there.channels[0]!, here.channels[0]!, 0, length)).toBeLessThan(tolerance);
    }
  });

  it("mixes to mono", async () => {
    const audio = await decodeWithFfmpeg(paths["tones.flac"]!, options(paths["tones.flac"]!, { mono: true }));
    expect(audio.channels).toHaveLength(1);
    expect(audio.channels[0]).toHaveLength(3 * 44100);
  });

  it("resamples to 22050 Hz keeping both tones", async () => {
    const path = paths["tones.ogg"]!;
    const audio = await decodeWithFfmpeg(path, options(path, { sampleRate: 22050 }));
    expect(audio.sampleRate).toBe(22050);
    expect(Math.abs(audio.channels[0]!.length - 3 * 22050)).toBeLessThan(2000);
    expect(zeroCrossingFrequency(audio.channels[0]!, 22050)).toBeCloseTo(440, 0);
    expect(zeroCrossingFrequency(audio.channels[1]!, 22050)).toBeCloseTo(660, 0);
  });

  it("stops with TOO_LONG once past maxDurationSeconds", async () => {
    const path = paths["tones.flac"]!;
    await expect(decodeWithFfmpeg(path, options(path, { maxDurationSeconds: 1 }))).rejects.toMatchObject({
      code: "TOO_LONG",
    });
  });

  it("kills ffmpeg and rejects with the abort reason", async () => {
    const controller = new AbortController();
    const path = paths["tones.flac"]!;
    const decoding = decodeWithFfmpeg(path, options(path, { signal: controller.signal }));
    controller.abort(new Error("user cancelled"));
    await expect(decoding).rejects.toThrow("user cancelled");
  });

  it("maps a missing binary to DECODER_MISSING", async () => {
    const path = paths["tones.flac"]!;
    const missing: FfmpegLocation = { ...bundled, path: fixtures.file("no-such-ffmpeg") };
    await expect(decodeWithFfmpeg(path, options(path, { ffmpeg: missing }))).rejects.toMatchObject({
      code: "DECODER_MISSING",
    });
  });

  it("maps unreadable data in a known format to CORRUPT_AUDIO", async () => {
    const bytes = seededBytes(20_000, 11);
    bytes.set([0x4f, 0x67, 0x67, 0x53], 0); // "OggS"
    const path = fixtures.file("broken.ogg");
    await writeFile(path, bytes);
    await expect(decodeWithFfmpeg(path, options(path))).rejects.toMatchObject({ code: "CORRUPT_AUDIO" });
  });
});

describe("system and bundled ffmpeg agree", () => {
  it(`decode the same FLAC and MP3 to the same samples ${systemSkip ?? ""}`.trim(), async ({ skip }) => {
    if (systemSkip !== null) skip(systemSkip);
    const system = await locateFfmpeg({ preference: "system", env: { PATH: process.env.PATH } });
    for (const [name, tolerance] of [
      ["tones.flac", 0],
      ["tones.mp3", 1e-4],
    ] as const) {
      const path = paths[name]!;
      const fromBundle = await decodeWithFfmpeg(path, options(path));
      const fromSystem = await decodeWithFfmpeg(path, options(path, { ffmpeg: system }));
      expect(fromSystem.channels[0]!.length).toBe(fromBundle.channels[0]!.length);
      for (let c = 0; c < 2; c++) {
        const length = fromBundle.channels[c]!.length;
        expect(maxDifference(fromSystem.channels[c]!, fromBundle.channels[c]!, 0, length)).toBeLessThanOrEqual(
          tolerance,
        );
      }
    }
  });
});

describe("decodeWithFfmpegTo", () => {
  it("delivers 64 Ki-frame chunks in reused buffers, starting with the first chunk", async () => {
    const path = paths["tones.flac"]!;
    const sink = createRecordingSink();
    const result = await decodeWithFfmpegTo(path, sink, options(path));
    expect(result).toEqual({ frames: 3 * 44100, sampleRate: 44100 });
    expect(sink.format).toEqual({ sampleRate: 44100, channelCount: 2, expectedFrames: 3 * 44100 });
    expect(sink.chunkLengths).toEqual([FFMPEG_CHUNK_FRAMES, FFMPEG_CHUNK_FRAMES, 3 * 44100 - 2 * FFMPEG_CHUNK_FRAMES]);
    expect(sink.events).toEqual(["start", "write", "write", "write", "end"]);
    expect(sink.buffersByChannel.map((buffers) => buffers.size)).toEqual([1, 1]);
    const whole = await decodeWithFfmpeg(path, options(path));
    for (let c = 0; c < 2; c++) expect(firstDifference(sink.channels()[c]!, whole.channels[c]!)).toBe(-1);
  });

  it("leaves the sink untouched when ffmpeg fails before any output", async () => {
    const bytes = seededBytes(20_000, 12);
    bytes.set([0x4f, 0x67, 0x67, 0x53], 0); // "OggS"
    const path = fixtures.file("broken-stream.ogg");
    await writeFile(path, bytes);
    const sink = createRecordingSink();
    await expect(decodeWithFfmpegTo(path, sink, options(path))).rejects.toMatchObject({ code: "CORRUPT_AUDIO" });
    expect(sink.events).toEqual([]);
  });

  it("stops with TOO_LONG before delivering past the limit, without end()", async () => {
    const path = paths["tones.flac"]!;
    const sink = createRecordingSink();
    const decoding = decodeWithFfmpegTo(path, sink, options(path, { maxDurationSeconds: 2 }));
    await expect(decoding).rejects.toMatchObject({ code: "TOO_LONG" });
    expect(sink.frames).toBeLessThanOrEqual(2 * 44100);
    expect(sink.events).not.toContain("end");
  });

  it("reports unknown length as expectedFrames null and still delivers everything", async () => {
    const path = paths["tones.flac"]!;
    const sink = createRecordingSink();
    const { frames } = await decodeWithFfmpegTo(path, sink, options(path, { declaredSeconds: null, mono: true }));
    expect(sink.format).toEqual({ sampleRate: 44100, channelCount: 1, expectedFrames: null });
    expect(frames).toBe(3 * 44100);
  });
});
