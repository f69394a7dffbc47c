import { writeFile } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resample } from "../core/dsp/resample.js";
import { createFixtureDir, type FixtureDir } from "./test-helpers/fixtures.js";
import { createRecordingSink, firstDifference } from "./test-helpers/recording-sink.js";
import { stereoTones, zeroCrossingFrequency } from "./test-helpers/tones.js";
import { buildWavBytes, interleave, type WavBytesSpec } from "./test-helpers/wav-bytes.js";
import { readWav, readWavTo, WAV_READ_CHUNK_BYTES } from "./wav-reader.js";

let fixtures: FixtureDir;
beforeAll(async () => {
  fixtures = await createFixtureDir("wav-reader");
});
afterAll(() => fixtures.remove());

const RATE = 44100;
const tones = stereoTones(RATE, 2);
const frames = tones.channels[0]!.length;

async function fixture(name: string, spec: WavBytesSpec): Promise<string> {
  const path = fixtures.file(name);
  await writeFile(path, buildWavBytes(spec));
  return path;
}

function expectTones(channels: readonly Float32Array[], sampleRate: number, tolerance: number) {
  expect(channels).toHaveLength(2);
  expect(zeroCrossingFrequency(channels[0]!, sampleRate)).toBeCloseTo(440, 1);
  expect(zeroCrossingFrequency(channels[1]!, sampleRate)).toBeCloseTo(660, 1);
  for (let c = 0; c < 2; c++) {
    let maxError = 0;
    for (let i = 0; i < frames; i += 7)
      maxError = Math.max(maxError, Math.abs(channels[c]![i]! - tones.channels[c]![i]!));
    expect(maxError).toBeLessThan(tolerance);
  }
}

describe("readWav: sample formats", () => {
  const formats: [string, Partial<WavBytesSpec>, "u8" | "s16" | "s24" | "s32" | "f32" | "f64", number][] = [
    ["8-bit unsigned", { formatTag: 1, bitsPerSample: 8 }, "u8", 0.02],
    ["16-bit", { formatTag: 1, bitsPerSample: 16 }, "s16", 1e-4],
    ["24-bit", { formatTag: 1, bitsPerSample: 24 }, "s24", 1e-6],
    ["32-bit integer", { formatTag: 1, bitsPerSample: 32 }, "s32", 1e-6],
    ["32-bit float", { formatTag: 3, bitsPerSample: 32 }, "f32", 1e-7],
    ["64-bit float", { formatTag: 3, bitsPerSample: 64 }, "f64", 1e-7],
    [
      "EXTENSIBLE 24-bit PCM",
      { formatTag: 1, bitsPerSample: 24, extensible: { subFormat: 1, validBits: 24 } },
      "s24",
      1e-6,
    ],
    [
      "EXTENSIBLE 20 valid bits in 32",
      { formatTag: 1, bitsPerSample: 32, extensible: { subFormat: 1, validBits: 20 } },
      "s32",
      1e-6,
    ],
    ["EXTENSIBLE float", { formatTag: 3, bitsPerSample: 32, extensible: { subFormat: 3, validBits: 32 } }, "f32", 1e-7],
  ];
  it.each(formats)("%s", async (name, spec, encoding, tolerance) => {
    const path = await fixture(`${name}.wav`, {
      formatTag: 1,
      bitsPerSample: 16,
      channels: 2,
      sampleRate: RATE,
      data: interleave(tones.channels, encoding),
      ...spec,
    });
    const { audio, header } = await readWav(path);
    expect(audio.sampleRate).toBe(RATE);
    expect(audio.channels[0]).toHaveLength(frames);
    expect(header.extensible).toBe(spec.extensible !== undefined);
    expectTones(audio.channels, RATE, tolerance);
  });

  it("reads 8-bit silence (128) as 0 and full scale within [-1, 1)", async () => {
    const path = await fixture("u8-edges.wav", {
      formatTag: 1,
      bitsPerSample: 8,
      channels: 1,
      sampleRate: 8000,
      data: Uint8Array.from([128, 0, 255]),
    });
    const { audio } = await readWav(path);
    expect(Array.from(audio.channels[0]!)).toEqual([0, -1, 127 / 128]);
  });

  it("reads across many 1 MiB pieces (3 s of 48 kHz stereo float64 ≈ 2.3 MB)", async () => {
    const long = stereoTones(48000, 3);
    const data = interleave(long.channels, "f64");
    expect(data.length).toBeGreaterThan(2 * WAV_READ_CHUNK_BYTES);
    const path = await fixture("long-f64.wav", {
      formatTag: 3,
      bitsPerSample: 64,
      channels: 2,
      sampleRate: 48000,
      data,
    });
    const { audio } = await readWav(path);
    const [left, right] = [audio.channels[0]!, audio.channels[1]!];
    let mismatches = 0;
    for (let i = 0; i < right.length; i++) {
      if (left[i] !== long.channels[0]![i] || right[i] !== long.channels[1]![i]) mismatches++;
    }
    expect(right).toHaveLength(long.channels[1]!.length);
    expect(mismatches).toBe(0);
  });

  it("mixes to mono on request (mean of the channels)", async () => {
    const path = await fixture("mono.wav", {
      formatTag: 3,
      bitsPerSample: 32,
      channels: 2,
      sampleRate: RATE,
      data: interleave(tones.channels, "f32"),
    });
    const { audio } = await readWav(path, { mono: true });
    expect(audio.channels).toHaveLength(1);
    expect(audio.channels[0]![1234]).toBeCloseTo((tones.channels[0]![1234]! + tones.channels[1]![1234]!) / 2, 6);
  });

  it("hands compressed WAV (ADPCM) to ffmpeg", async () => {
    const path = await fixture("adpcm.wav", {
      formatTag: 2,
      bitsPerSample: 4,
      channels: 2,
      sampleRate: RATE,
      data: new Uint8Array(2048),
    });
    await expect(readWav(path)).rejects.toMatchObject({ code: "UNSUPPORTED_FORMAT" });
  });
});

describe("readWav: chunk layout", () => {
  const base = { formatTag: 1, bitsPerSample: 16, channels: 2, sampleRate: RATE } as const;
  const data = interleave(tones.channels, "s16");

  it("skips unknown chunks, including odd-sized ones with their pad byte", async () => {
    const path = await fixture("chunks.wav", {
      ...base,
      data,
      chunksBefore: [
        ["LIST", new TextEncoder().encode("INFOISFT\x05\x00\x00\x00odd!\x00")],
        ["junk", new Uint8Array(7)],
        ["bext", new Uint8Array(602)],
      ],
    });
    const { audio } = await readWav(path);
    expectTones(audio.channels, RATE, 1e-4);
  });

  it("finds a fmt chunk that comes after the data", async () => {
    const { audio } = await readWav(await fixture("fmt-last.wav", { ...base, data, fmtAfterData: true }));
    expectTones(audio.channels, RATE, 1e-4);
  });

  it("reads RF64 (sizes in ds64)", async () => {
    const { audio, header } = await readWav(await fixture("rf64.wav", { ...base, data, rf64: true }));
    expect(header.container).toBe("rf64");
    expectTones(audio.channels, RATE, 1e-4);
  });

  it.each([
    ["missing fmt", { omitFmt: true }],
    ["missing data", { omitData: true }],
  ])("%s is CORRUPT_AUDIO", async (name, broken) => {
    const path = await fixture(`${name}.wav`, { ...base, data, ...broken });
    await expect(readWav(path)).rejects.toMatchObject({ code: "CORRUPT_AUDIO" });
  });

  it("rejects a file that is not RIFF/WAVE with CORRUPT_AUDIO", async () => {
    const path = fixtures.file("not-riff.wav");
    await writeFile(path, new TextEncoder().encode("RIFX....WAVEfmt "));
    await expect(readWav(path)).rejects.toMatchObject({ code: "CORRUPT_AUDIO" });
  });
});

describe("readWav: headers that lie about their length", () => {
  const base = { formatTag: 1, bitsPerSample: 16, channels: 2, sampleRate: RATE } as const;
  const data = interleave(tones.channels, "s16");

  it.each([
    ["0", 0],
    ["0xFFFFFFFF", 0xffffffff],
  ])("data size %s (streamed recording) reads to the end of the file", async (name, size) => {
    const { audio } = await readWav(await fixture(`streamed-${name}.wav`, { ...base, data, dataSizeField: size }));
    expect(audio.channels[0]).toHaveLength(frames);
  });

  it("data size beyond the end of the file is TRUNCATED_AUDIO", async () => {
    const path = await fixture("too-long.wav", { ...base, data, dataSizeField: data.length * 2 });
    const error = await readWav(path).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: "TRUNCATED_AUDIO", path });
    expect((error as Error).message).toMatch(/^too-long\.wav: .*4 s.*2 s/);
  });

  it("with allowTruncated, reads what is there", async () => {
    const path = await fixture("too-long-allowed.wav", { ...base, data, dataSizeField: data.length * 2 });
    const { audio } = await readWav(path, { allowTruncated: true });
    expect(audio.channels[0]).toHaveLength(frames);
  });

  it("a file cut in half mid-frame reads whole frames only", async () => {
    const bytes = buildWavBytes({ ...base, data });
    const path = fixtures.file("cut.wav");
    await writeFile(path, bytes.subarray(0, Math.floor(bytes.length / 2) + 1));
    await expect(readWav(path)).rejects.toMatchObject({ code: "TRUNCATED_AUDIO" });
    const { audio } = await readWav(path, { allowTruncated: true });
    expect(audio.channels[0]!.length).toBe(Math.floor((bytes.length / 2 + 1 - 44) / 4));
  });

  it("data size smaller than the file reads what the header declares (the rest is another chunk)", async () => {
    const path = await fixture("too-short.wav", { ...base, data, dataSizeField: RATE * 4 });
    const { audio } = await readWav(path);
    expect(audio.channels[0]).toHaveLength(RATE);
  });

  it("an empty data chunk with nothing after it is ZERO_LENGTH_AUDIO", async () => {
    const path = await fixture("empty-data.wav", { ...base, data: new Uint8Array(0) });
    await expect(readWav(path)).rejects.toMatchObject({ code: "ZERO_LENGTH_AUDIO" });
  });
});

describe("readWav: resampling while reading", () => {
  it.each([22_050, 48_000, 16_000])(
    "streams through the core resampler to %i Hz, equal to resampling afterwards",
    async (rate) => {
      // Long enough to span several read chunks.
      const long = stereoTones(RATE, 8, 0.5);
      const data = interleave(long.channels, "f32");
      const path = await fixture(`resample-${rate}.wav`, {
        formatTag: 3,
        bitsPerSample: 32,
        channels: 2,
        sampleRate: RATE,
        data,
      });
      const { audio } = await readWav(path, { sampleRate: rate });
      expect(audio.sampleRate).toBe(rate);
      const expected = resample(long.channels[1]!, RATE, rate, { quality: "high" });
      expect(audio.channels[1]!.length).toBe(expected.length);
      let worst = 0;
      for (let i = 0; i < expected.length; i++)
        worst = Math.max(worst, Math.abs(audio.channels[1]![i]! - expected[i]!));
      expect(worst).toBeLessThan(1e-5);
      expect(zeroCrossingFrequency(audio.channels[0]!, rate)).toBeCloseTo(440, 1);
      expect(zeroCrossingFrequency(audio.channels[1]!, rate)).toBeCloseTo(660, 1);
    },
  );

  it("resamples a mono mix", async () => {
    const path = await fixture("resample-mono.wav", {
      formatTag: 1,
      bitsPerSample: 16,
      channels: 2,
      sampleRate: RATE,
      data: interleave(tones.channels, "s16"),
    });
    const { audio } = await readWav(path, { sampleRate: 11_025, mono: true });
    expect(audio.channels).toHaveLength(1);
    expect(audio.channels[0]!.length).toBe(Math.ceil((tones.channels[0]!.length * 11_025) / RATE));
  });
});

describe("readWav: files and cancellation", () => {
  it("maps missing files, directories and empty files", async () => {
    await expect(readWav(fixtures.file("nope.wav"))).rejects.toMatchObject({ code: "FILE_NOT_FOUND" });
    await expect(readWav(fixtures.dir)).rejects.toMatchObject({ code: "FILE_NOT_READABLE" });
    const empty = fixtures.file("empty.wav");
    await writeFile(empty, "");
    await expect(readWav(empty)).rejects.toMatchObject({ code: "EMPTY_FILE" });
  });

  it("stops when aborted", async () => {
    const path = await fixture("abort.wav", {
      formatTag: 1,
      bitsPerSample: 16,
      channels: 2,
      sampleRate: RATE,
      data: interleave(tones.channels, "s16"),
    });
    const controller = new AbortController();
    controller.abort(new Error("stop"));
    await expect(readWav(path, { signal: controller.signal })).rejects.toThrow("stop");
  });
});

describe("readWavTo: streaming to a sink", () => {
  const long = stereoTones(48000, 3);
  const spec = (data: Uint8Array): WavBytesSpec => ({
    formatTag: 3,
    bitsPerSample: 64,
    channels: 2,
    sampleRate: 48000,
    data,
  });

  it("delivers 1 MiB pieces in order, in reused buffers, between one start and one end", async () => {
    const path = await fixture("stream-f64.wav", spec(interleave(long.channels, "f64")));
    const sink = createRecordingSink();
    const result = await readWavTo(path, sink);
    const pieceFrames = WAV_READ_CHUNK_BYTES / 16;
    expect(sink.events).toEqual(["start", "write", "write", "write", "end"]);
    expect(sink.format).toEqual({ sampleRate: 48000, channelCount: 2, expectedFrames: 144_000 });
    expect(sink.chunkLengths).toEqual([pieceFrames, pieceFrames, 144_000 - 2 * pieceFrames]);
    expect(sink.buffersByChannel.map((buffers) => buffers.size)).toEqual([1, 1]);
    expect(result).toMatchObject({ frames: 144_000, sampleRate: 48000, header: { container: "wav" } });
    const { audio } = await readWav(path);
    for (let c = 0; c < 2; c++) expect(firstDifference(sink.channels()[c]!, audio.channels[c]!)).toBe(-1);
  });

  it.each([{ sampleRate: 22_050 }, { sampleRate: 16_000, mono: true }])(
    "resamples while streaming, equal to readWav (%o)",
    async (options) => {
      const path = await fixture(`stream-resample-${options.sampleRate}.wav`, spec(interleave(long.channels, "f64")));
      const sink = createRecordingSink();
      const { frames } = await readWavTo(path, sink, options);
      const { audio } = await readWav(path, options);
      expect(sink.format).toEqual({
        sampleRate: options.sampleRate,
        channelCount: audio.channels.length,
        expectedFrames: audio.channels[0]!.length,
      });
      expect(frames).toBe(audio.channels[0]!.length);
      expect(sink.events.at(-1)).toBe("end");
      const streamed = sink.channels();
      for (let c = 0; c < audio.channels.length; c++) {
        expect(firstDifference(streamed[c]!, audio.channels[c]!)).toBe(-1);
      }
    },
  );

  it("rejects a lying header, compressed data or an aborted signal before start()", async () => {
    const base = { formatTag: 1, bitsPerSample: 16, channels: 2, sampleRate: RATE } as const;
    const data = interleave(tones.channels, "s16");
    const lying = await fixture("stream-too-long.wav", { ...base, data, dataSizeField: data.length * 2 });
    const adpcm = await fixture("stream-adpcm.wav", { ...base, formatTag: 2, bitsPerSample: 4, data });
    const sink = createRecordingSink();
    await expect(readWavTo(lying, sink)).rejects.toMatchObject({ code: "TRUNCATED_AUDIO" });
    await expect(readWavTo(adpcm, sink)).rejects.toMatchObject({ code: "UNSUPPORTED_FORMAT" });
    const controller = new AbortController();
    controller.abort(new Error("stop"));
    await expect(readWavTo(lying, sink, { signal: controller.signal })).rejects.toThrow("stop");
    expect(sink.events).toEqual([]);
  });
});
