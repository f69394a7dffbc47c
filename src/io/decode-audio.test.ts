import { readFile, writeFile } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decodeAudio } from "./decode-audio.js";
import { describeAudioFile } from "./describe-audio-file.js";
import {
  bundledFfmpegPath,
  createFixtureDir,
  encodeFixtures,
  type FixtureDir,
  runFfmpeg,
  systemFfmpegSkipReason,
} from "./test-helpers/fixtures.js";
import { middleRms, seededBytes, stereoTones, zeroCrossingFrequency } from "./test-helpers/tones.js";
import { writeWav } from "./wav-writer.js";

const SECONDS = 2.5;
const AMPLITUDE = 0.5;
const systemSkip = systemFfmpegSkipReason();
let fixtures: FixtureDir;
let fixtures48: FixtureDir;
let at44: Record<string, string>;
let at48: Record<string, string>;

beforeAll(async () => {
  [fixtures, fixtures48] = await Promise.all([createFixtureDir("decode"), createFixtureDir("decode-48k")]);
  const tones44 = stereoTones(44100, SECONDS, AMPLITUDE);
  const tones48 = stereoTones(48000, SECONDS, AMPLITUDE);
  [at44, at48] = await Promise.all([
    encodeFixtures(fixtures, tones44, [
      "tones.mp3",
      "tones.flac",
      "tones.ogg",
      "tones.m4a",
      "tones.aiff",
      "tones.aifc",
    ]),
    encodeFixtures(fixtures48, tones48, ["tones.opus", "tones.flac", "tones.mp3", "adpcm.wav", "mulaw.wav"]),
  ]);
  at44["tones.wav"] = fixtures.file("tones-16.wav");
  at48["tones.wav"] = fixtures48.file("tones-float.wav");
  await writeWav(at44["tones.wav"], tones44, { format: "pcm16" });
  await writeWav(at48["tones.wav"], tones48, { format: "float32" });
});
afterAll(() => Promise.all([fixtures.remove(), fixtures48.remove()]));

/** Encoder delay and padding allowed, in seconds. */
const PADDING: Record<string, number> = {
  "tones.mp3": 0.06,
  "tones.m4a": 0.06,
  "tones.opus": 0.03,
  "tones.ogg": 0.01,
  "adpcm.wav": 0.05, // ADPCM fills its last block
};

describe("decodeAudio: formats keep rate, channels, length, channel identity and level", () => {
  const cases: [string, number, string, "wav" | "ffmpeg"][] = [
    ["tones.wav", 44100, "16-bit WAV", "wav"],
    ["tones.wav", 48000, "float WAV", "wav"],
    ["tones.mp3", 44100, "MP3", "ffmpeg"],
    ["tones.mp3", 48000, "MP3", "ffmpeg"],
    ["tones.flac", 44100, "FLAC", "ffmpeg"],
    ["tones.flac", 48000, "FLAC", "ffmpeg"],
    ["tones.ogg", 44100, "Ogg Vorbis", "ffmpeg"],
    ["tones.opus", 48000, "Ogg Opus", "ffmpeg"],
    ["tones.m4a", 44100, "M4A (AAC)", "ffmpeg"],
    ["tones.aiff", 44100, "AIFF", "ffmpeg"],
    ["tones.aifc", 44100, "AIFF-C (float)", "ffmpeg"],
    ["adpcm.wav", 48000, "ADPCM WAV", "ffmpeg"],
    ["mulaw.wav", 48000, "µ-law WAV", "ffmpeg"],
  ];
  it.each(cases)("%s at %i Hz (%s)", async (name, rate, _label, decoderName) => {
    const path = (rate === 44100 ? at44 : at48)[name]!;
    const { audio, info, decoder } = await decodeAudio(path);
    expect(decoder.name).toBe(decoderName);
    expect(audio.sampleRate).toBe(rate);
    expect(info.sampleRate).toBe(rate);
    expect(audio.channels).toHaveLength(2);
    const seconds = audio.channels[0]!.length / rate;
    expect(Math.abs(seconds - SECONDS)).toBeLessThanOrEqual(PADDING[name] ?? 0.002);
    expect(zeroCrossingFrequency(audio.channels[0]!, rate)).toBeCloseTo(440, 0);
    expect(zeroCrossingFrequency(audio.channels[1]!, rate)).toBeCloseTo(660, 0);
    for (const channel of audio.channels) expect(middleRms(channel)).toBeCloseTo(AMPLITUDE / Math.SQRT2, 1);
  });

  it.each([
    ["tones.wav", 44100],
    ["tones.mp3", 44100],
    ["tones.opus", 48000],
  ])("%s resampled to 22050 Hz keeps the tones", async (name, rate) => {
    const path = (rate === 44100 ? at44 : at48)[name]!;
    const { audio, decoder } = await decodeAudio(path, { sampleRate: 22050 });
    expect(decoder.name).toBe(name.endsWith(".wav") ? "wav" : "ffmpeg");
    expect(audio.sampleRate).toBe(22050);
    expect(Math.abs(audio.channels[0]!.length / 22050 - SECONDS)).toBeLessThan(0.07);
    expect(zeroCrossingFrequency(audio.channels[0]!, 22050)).toBeCloseTo(440, 0);
    expect(zeroCrossingFrequency(audio.channels[1]!, 22050)).toBeCloseTo(660, 0);
    expect(middleRms(audio.channels[1]!)).toBeCloseTo(AMPLITUDE / Math.SQRT2, 1);
  });

  it("WAV asked at its own rate stays on the pure TypeScript path", async () => {
    const { decoder } = await decodeAudio(at44["tones.wav"]!, { sampleRate: 44100 });
    expect(decoder).toEqual({ name: "wav" });
  });

  it("mixes to mono on either path", async () => {
    for (const path of [at44["tones.wav"]!, at44["tones.flac"]!]) {
      const { audio } = await decodeAudio(path, { mono: true });
      expect(audio.channels).toHaveLength(1);
      expect(middleRms(audio.channels[0]!)).toBeCloseTo(0.25, 1); // two uncorrelated sines of 0.5, halved
    }
  });

  it("describes the file for reports", async () => {
    const { info, decoder } = await decodeAudio(at44["tones.flac"]!, { decoder: "bundled" });
    expect(describeAudioFile(info, decoder)).toMatchObject({
      origin: "file",
      container: "flac",
      codec: "flac",
      lossless: true,
      sampleRate: 44100,
      channels: 2,
      bitsPerSample: 16,
      tags: {},
      decoder: { name: "ffmpeg", source: "bundled" },
    });
  });

  it("reports progress up to 1", async () => {
    const fractions: number[] = [];
    await decodeAudio(at44["tones.flac"]!, { onProgress: (fraction) => fractions.push(fraction) });
    expect(fractions.at(-1)).toBe(1);
    expect(fractions.every((fraction, i) => i === 0 || fraction >= fractions[i - 1]!)).toBe(true);
  });
});

describe("decodeAudio: decoders", () => {
  it("uses the bundled ffmpeg when told to, and says so", async () => {
    const { decoder } = await decodeAudio(at44["tones.flac"]!, { decoder: "bundled" });
    expect(decoder).toMatchObject({ name: "ffmpeg", source: "bundled" });
  });

  it(`system and bundled decode the same samples ${systemSkip ?? ""}`.trim(), async ({ skip }) => {
    if (systemSkip !== null) skip(systemSkip);
    const path = at44["tones.mp3"]!;
    const system = await decodeAudio(path, { decoder: "system" });
    const bundled = await decodeAudio(path, { decoder: "bundled" });
    expect(system.decoder.source).toBe("system");
    expect(system.audio.channels[0]!.length).toBe(bundled.audio.channels[0]!.length);
    let max = 0;
    for (let c = 0; c < 2; c++) {
      const a = system.audio.channels[c]!;
      const b = bundled.audio.channels[c]!;
      for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i]! - b[i]!));
    }
    expect(max).toBeLessThan(1e-4);
  });
});

describe("decodeAudio: bad input yields typed errors", () => {
  async function cutInHalf(path: string, name: string): Promise<string> {
    const bytes = await readFile(path);
    const target = fixtures.file(name);
    await writeFile(target, bytes.subarray(0, Math.floor(bytes.length / 2)));
    return target;
  }

  it.each(["tones.mp3", "tones.flac", "tones.wav"])("%s cut in half → TRUNCATED_AUDIO", async (name) => {
    const path = await cutInHalf(at44[name]!, `half-${name}`);
    const error = await decodeAudio(path).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: "TRUNCATED_AUDIO", path });
    expect((error as Error).message).toMatch(new RegExp(`^half-${name.replace(".", "\\.")}: the file is cut short`));
    const allowed = await decodeAudio(path, { allowTruncated: true });
    const seconds = allowed.audio.channels[0]!.length / 44100;
    expect(seconds).toBeGreaterThan(SECONDS * 0.3);
    expect(seconds).toBeLessThan(SECONDS * 0.7);
  });

  it("random bytes (seeded) → UNSUPPORTED_FORMAT", async () => {
    const path = fixtures.file("random.mp3");
    await writeFile(path, seededBytes(64_000, 2024));
    await expect(decodeAudio(path)).rejects.toMatchObject({ code: "UNSUPPORTED_FORMAT" });
  });

  it("a text file renamed .mp3 → UNSUPPORTED_FORMAT, saying it looks like text", async () => {
    const path = fixtures.file("song.mp3");
    await writeFile(path, "I am not a song.\nJust words.\n");
    await expect(decodeAudio(path)).rejects.toThrow("song.mp3: not an audio file (it looks like text)");
  });

  it("a zero-byte file → EMPTY_FILE", async () => {
    const path = fixtures.file("zero.wav");
    await writeFile(path, "");
    await expect(decodeAudio(path)).rejects.toMatchObject({ code: "EMPTY_FILE" });
  });

  it("a missing file → FILE_NOT_FOUND; a directory → FILE_NOT_READABLE", async () => {
    await expect(decodeAudio(fixtures.file("gone.flac"))).rejects.toMatchObject({ code: "FILE_NOT_FOUND" });
    await expect(decodeAudio(fixtures.dir)).rejects.toMatchObject({ code: "FILE_NOT_READABLE" });
  });

  it("a WAV whose header claims twice its data → TRUNCATED_AUDIO; one that claims less reads what it claims", async () => {
    const bytes = new Uint8Array(await readFile(at44["tones.wav"]!));
    const dataSize = new DataView(bytes.buffer).getUint32(40, true);
    const longer = fixtures.file("claims-more.wav");
    new DataView(bytes.buffer).setUint32(40, dataSize * 2, true);
    await writeFile(longer, bytes);
    await expect(decodeAudio(longer)).rejects.toMatchObject({ code: "TRUNCATED_AUDIO" });
    const shorter = fixtures.file("claims-less.wav");
    new DataView(bytes.buffer).setUint32(40, 44100 * 4, true);
    await writeFile(shorter, bytes);
    const { audio, info } = await decodeAudio(shorter);
    expect(audio.channels[0]).toHaveLength(44100);
    expect(info.durationSeconds).toBe(1);
  });

  it("a video without audio → NO_AUDIO_STREAM", async () => {
    const path = fixtures.file("picture.mkv");
    await runFfmpeg(await bundledFfmpegPath(), ["-f", "lavfi", "-i", "testsrc=d=1:s=64x48", "-c:v", "mpeg4", path]);
    await expect(decodeAudio(path)).rejects.toMatchObject({ code: "NO_AUDIO_STREAM" });
  });

  it("a file over maxDurationSeconds → TOO_LONG, before decoding", async () => {
    const error = await decodeAudio(at44["tones.flac"]!, { maxDurationSeconds: 1 }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: "TOO_LONG" });
    expect((error as Error).message).toBe("tones.flac: 2.5 s long, over the 1 s limit (maxDurationSeconds)");
  });

  it("bad options → INVALID_OPTION", async () => {
    const path = at44["tones.wav"]!;
    await expect(decodeAudio(path, { sampleRate: 0 })).rejects.toMatchObject({ code: "INVALID_OPTION" });
    await expect(decodeAudio(path, { sampleRate: 22050.5 })).rejects.toMatchObject({ code: "INVALID_OPTION" });
    await expect(decodeAudio(path, { maxDurationSeconds: -1 })).rejects.toMatchObject({ code: "INVALID_OPTION" });
  });

  it("an aborted signal rejects with its reason", async () => {
    const controller = new AbortController();
    controller.abort(new Error("cancelled"));
    await expect(decodeAudio(at44["tones.mp3"]!, { signal: controller.signal })).rejects.toThrow("cancelled");
  });
});
