import { chmod, readFile, writeFile } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DecodeOptions, decodeAudio, decodeAudioTo } from "./decode-audio.js";
import { FFMPEG_CHUNK_FRAMES } from "./ffmpeg-decoder.js";
import { createFixtureDir, encodeFixtures, type FixtureDir } from "./test-helpers/fixtures.js";
import { lengthenVorbisIdentification, understateFlacLength } from "./test-helpers/lying-headers.js";
import { createRecordingSink, firstDifference, type RecordingSink } from "./test-helpers/recording-sink.js";
import { stereoTones } from "./test-helpers/tones.js";
import { WAV_READ_CHUNK_BYTES } from "./wav-reader.js";
import { writeWav } from "./wav-writer.js";

const RATE = 44100;
const SECONDS = 8; // two 1 MiB pieces of 16-bit stereo WAV, six 64 Ki-frame chunks from ffmpeg
let fixtures: FixtureDir;
let paths: Record<string, string>;

beforeAll(async () => {
  fixtures = await createFixtureDir("decode-to");
  const tones = stereoTones(RATE, SECONDS, 0.5);
  paths = await encodeFixtures(fixtures, tones, ["tones.mp3", "tones.flac", "tones.ogg"]);
  paths["tones.wav"] = fixtures.file("tones.wav");
  await writeWav(paths["tones.wav"], tones, { format: "pcm16" });
  const flac = new Uint8Array(await readFile(paths["tones.flac"]!));
  const wav = new Uint8Array(await readFile(paths["tones.wav"]!));
  const derived: Record<string, Uint8Array> = {
    "lies.flac": understateFlacLength(flac, RATE), // declares 1 s, holds 8 s
    "long-id.ogg": lengthenVorbisIdentification(new Uint8Array(await readFile(paths["tones.ogg"]!))),
    "half.flac": flac.subarray(0, flac.length >> 1),
    "half.wav": wav.subarray(0, wav.length >> 1),
  };
  for (const [name, bytes] of Object.entries(derived)) {
    paths[name] = fixtures.file(name);
    await writeFile(paths[name], bytes);
  }
});
afterAll(() => fixtures.remove());

function count(sink: RecordingSink, event: string): number {
  return sink.events.filter((name) => name === event).length;
}

/** Checks the call order: one start, then the writes, then one end (when `ended`). */
function expectWellFormed(sink: RecordingSink, ended: boolean): void {
  expect(sink.events[0]).toBe("start");
  expect(count(sink, "start")).toBe(1);
  expect(count(sink, "end")).toBe(ended ? 1 : 0);
  if (ended) expect(sink.events.at(-1)).toBe("end");
  expect(count(sink, "write")).toBe(sink.events.length - 1 - (ended ? 1 : 0));
}

/** Checks that the recorded stream is exactly `channels`, sample for sample. */
function expectSameSamples(sink: RecordingSink, channels: readonly Float32Array[]): void {
  const streamed = sink.channels();
  expect(streamed).toHaveLength(channels.length);
  for (let c = 0; c < channels.length; c++) expect(firstDifference(streamed[c]!, channels[c]!)).toBe(-1);
}

describe("decodeAudioTo: streams exactly what decodeAudio returns", () => {
  const cases: [string, string, DecodeOptions, "wav" | "ffmpeg"][] = [
    ["16-bit WAV", "tones.wav", {}, "wav"],
    ["WAV resampled to 22050 Hz", "tones.wav", { sampleRate: 22050 }, "wav"],
    ["WAV mixed to mono", "tones.wav", { mono: true }, "wav"],
    ["WAV mixed to mono at 16 kHz", "tones.wav", { mono: true, sampleRate: 16000 }, "wav"],
    ["MP3", "tones.mp3", {}, "ffmpeg"],
    ["MP3 resampled to 22050 Hz", "tones.mp3", { sampleRate: 22050 }, "ffmpeg"],
    ["FLAC", "tones.flac", {}, "ffmpeg"],
    ["FLAC mixed to mono", "tones.flac", { mono: true }, "ffmpeg"],
  ];
  it.each(cases)("%s", async (_label, name, options, decoderName) => {
    const sink = createRecordingSink();
    const streamed = await decodeAudioTo(paths[name]!, sink, options);
    const whole = await decodeAudio(paths[name]!, options);
    const { channels, sampleRate } = whole.audio;
    const length = channels[0]!.length;

    expect(streamed.decoder).toEqual(whole.decoder);
    expect(streamed.decoder.name).toBe(decoderName);
    expect(streamed.info).toEqual(whole.info);
    expect(streamed.frames).toBe(length);
    expectWellFormed(sink, true);
    expect(sink.format).toEqual({
      sampleRate,
      channelCount: options.mono === true ? 1 : 2,
      // The WAV reader knows the exact count; ffmpeg's is the declared duration at the output rate.
      expectedFrames: decoderName === "wav" ? length : Math.round(whole.info.durationSeconds! * sampleRate),
    });
    expect(sink.frames).toBe(length);
    expectSameSamples(sink, channels);

    // Streamed in pieces: ffmpeg's are 64 Ki frames, the WAV reader's 1 MiB of the file.
    const pieces = sink.chunkLengths.slice(0, -1);
    expect(pieces.length).toBeGreaterThan(0);
    if (decoderName === "ffmpeg") expect(pieces.every((frames) => frames === FFMPEG_CHUNK_FRAMES)).toBe(true);
    if (decoderName === "wav" && options.sampleRate === undefined) {
      expect(pieces.every((frames) => frames === WAV_READ_CHUNK_BYTES / 4)).toBe(true);
    }
  });

  it("reports progress up to 1, in order", async () => {
    const fractions: number[] = [];
    await decodeAudioTo(paths["tones.flac"]!, createRecordingSink(), { onProgress: (f) => fractions.push(f) });
    expect(fractions.length).toBeGreaterThan(2);
    expect(fractions.at(-1)).toBe(1);
    expect(fractions.every((fraction, i) => i === 0 || fraction >= fractions[i - 1]!)).toBe(true);
  });
});

describe("decodeAudioTo: no allocation per chunk", () => {
  it.each([
    ["tones.flac", {}],
    ["tones.mp3", { mono: true }],
    ["tones.mp3", { sampleRate: 22050 }],
    ["tones.wav", {}],
    ["tones.wav", { mono: true }],
  ] as const)("%s %o: every chunk of a channel is a view of the same buffer", async (name, options) => {
    const sink = createRecordingSink();
    await decodeAudioTo(paths[name]!, sink, options);
    expect(sink.chunkLengths.length).toBeGreaterThan(1);
    for (const buffers of sink.buffersByChannel) expect(buffers.size).toBe(1);
    // Channels do not share one buffer either (each has its own scratch).
    expect(new Set(sink.buffersByChannel.map((buffers) => [...buffers][0])).size).toBe(sink.format!.channelCount);
  });
});

describe("decodeAudioTo: failures while streaming reject without end()", () => {
  it.each(["tones.flac", "tones.wav"])("%s: an abort from inside write() rejects with its reason", async (name) => {
    const controller = new AbortController();
    const sink = createRecordingSink(() => controller.abort(new Error("stop here")));
    await expect(decodeAudioTo(paths[name]!, sink, { signal: controller.signal })).rejects.toThrow("stop here");
    expect(sink.events).toEqual(["start", "write"]);
  });

  it("an already aborted signal rejects before start()", async () => {
    const controller = new AbortController();
    controller.abort(new Error("cancelled"));
    const sink = createRecordingSink();
    await expect(decodeAudioTo(paths["tones.mp3"]!, sink, { signal: controller.signal })).rejects.toThrow("cancelled");
    expect(sink.events).toEqual([]);
  });

  it.each(["tones.flac", "tones.wav"])("%s: an error thrown by the sink rejects unchanged", async (name) => {
    const failure = new RangeError("sink full");
    const sink = createRecordingSink((index) => {
      if (index === 1) throw failure;
    });
    const error = await decodeAudioTo(paths[name]!, sink).catch((caught: unknown) => caught);
    expect(error).toBe(failure);
    expect(sink.events).toEqual(["start", "write", "write"]);
  });

  it("a FLAC whose header understates its length → TOO_LONG while streaming", async () => {
    const path = paths["lies.flac"]!;
    const sink = createRecordingSink();
    // The header's 1 s passes the check before decoding; the 8 s it holds do not.
    const error = await decodeAudioTo(path, sink, { maxDurationSeconds: 3 }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: "TOO_LONG", path });
    expect((error as Error).message).toBe("lies.flac: longer than the 3 s limit");
    expectWellFormed(sink, false);
    expect(sink.format?.expectedFrames).toBe(RATE);
    expect(sink.frames).toBeGreaterThan(0);
    expect(sink.frames).toBeLessThanOrEqual(3 * RATE);

    const whole = createRecordingSink();
    expect((await decodeAudioTo(path, whole)).frames).toBe(SECONDS * RATE);
    expectSameSamples(whole, (await decodeAudio(paths["tones.flac"]!)).audio.channels);
  });

  it("a FLAC cut in half → TRUNCATED_AUDIO after its chunks; with allowTruncated, what it holds", async () => {
    const path = paths["half.flac"]!;
    const sink = createRecordingSink();
    await expect(decodeAudioTo(path, sink)).rejects.toMatchObject({ code: "TRUNCATED_AUDIO", path });
    expectWellFormed(sink, false);
    expect(sink.frames).toBeGreaterThan(0.3 * SECONDS * RATE);

    const allowed = createRecordingSink();
    const { frames } = await decodeAudioTo(path, allowed, { allowTruncated: true });
    expectWellFormed(allowed, true);
    const whole = await decodeAudio(path, { allowTruncated: true });
    expect(frames).toBe(whole.audio.channels[0]!.length);
    expect(frames).toBe(sink.frames);
    expectSameSamples(allowed, whole.audio.channels);
  });

  it("a WAV cut in half → TRUNCATED_AUDIO before start(): its header tells", async () => {
    const sink = createRecordingSink();
    await expect(decodeAudioTo(paths["half.wav"]!, sink)).rejects.toMatchObject({ code: "TRUNCATED_AUDIO" });
    expect(sink.events).toEqual([]);
  });

  it("a file over the limit by its header → TOO_LONG before start()", async () => {
    const sink = createRecordingSink();
    await expect(decodeAudioTo(paths["tones.flac"]!, sink, { maxDurationSeconds: 1 })).rejects.toMatchObject({
      code: "TOO_LONG",
    });
    expect(sink.events).toEqual([]);
  });
});

describe("decodeAudioTo: the libvorbis fallback", () => {
  /** A stand-in for ffmpeg that prints `frames` stereo frames of silence, then fails as on damaged data. */
  async function failingFfmpeg(name: string, frames: number): Promise<string> {
    const script = fixtures.file(name);
    const lines = [
      "#!/bin/sh",
      'case "$*" in *-version*) echo "ffmpeg version 0.0-test"; exit 0;; esac',
      `head -c ${frames * 8} /dev/zero`,
      'echo "Invalid data found when processing input" >&2',
      "exit 1",
    ];
    await writeFile(script, `${lines.join("\n")}\n`);
    await chmod(script, 0o755);
    return script;
  }

  it.each([{}, { mono: true, sampleRate: 22050 }])(
    "streams an Ogg Vorbis file whose header ffmpeg rejects (%o)",
    async (options) => {
      const path = paths["long-id.ogg"]!;
      const sink = createRecordingSink();
      const streamed = await decodeAudioTo(path, sink, options);
      expect(streamed.decoder).toEqual({ name: "libvorbis-wasm" });
      expectWellFormed(sink, true);
      const whole = await decodeAudio(path, options);
      expect(whole.decoder.name).toBe("libvorbis-wasm");
      expect(sink.format).toEqual({
        sampleRate: whole.audio.sampleRate,
        channelCount: whole.audio.channels.length,
        expectedFrames: SECONDS * whole.audio.sampleRate,
      });
      expect(streamed.frames).toBe(whole.audio.channels[0]!.length);
      expectSameSamples(sink, whole.audio.channels);
      expect(Math.max(...sink.chunkLengths)).toBeLessThanOrEqual(1 << 16);
    },
  );

  it.skipIf(process.platform === "win32")(
    "falls back when ffmpeg failed before its first chunk reached the sink",
    async () => {
      const ffmpegPath = await failingFfmpeg("fails-early.sh", 1000);
      const sink = createRecordingSink();
      const streamed = await decodeAudioTo(paths["long-id.ogg"]!, sink, { ffmpegPath });
      expect(streamed.decoder.name).toBe("libvorbis-wasm");
      expectWellFormed(sink, true);
      expect(streamed.frames).toBe(SECONDS * RATE);
    },
  );

  it.skipIf(process.platform === "win32")(
    "does not fall back once ffmpeg delivered chunks: a restart would repeat them",
    async () => {
      const ffmpegPath = await failingFfmpeg("fails-late.sh", 2 * FFMPEG_CHUNK_FRAMES + 500);
      const sink = createRecordingSink();
      const error = await decodeAudioTo(paths["long-id.ogg"]!, sink, { ffmpegPath }).catch((caught: unknown) => caught);
      expect(error).toMatchObject({ code: "CORRUPT_AUDIO" });
      expect(sink.events).toEqual(["start", "write", "write"]);
      expect(sink.format).toEqual({ sampleRate: RATE, channelCount: 2, expectedFrames: SECONDS * RATE });
    },
  );
});
