import { writeFile } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decodeWithFfmpeg } from "./ffmpeg-decoder.js";
import { locateFfmpeg } from "./locate-ffmpeg.js";
import { createFixtureDir, encodeFixtures, type FixtureDir } from "./test-helpers/fixtures.js";
import { createRecordingSink, firstDifference } from "./test-helpers/recording-sink.js";
import { middleRms, seededBytes, stereoTones, zeroCrossingFrequency } from "./test-helpers/tones.js";
import { decodeVorbisWithWasm, decodeVorbisWithWasmTo } from "./vorbis-wasm-decoder.js";

const SECONDS = 3;
let fixtures: FixtureDir;
let ogg: string;

beforeAll(async () => {
  fixtures = await createFixtureDir("vorbis-wasm");
  ogg = (await encodeFixtures(fixtures, stereoTones(44_100, SECONDS, 0.5), ["tones.ogg"]))["tones.ogg"]!;
}, 60_000);

afterAll(() => fixtures?.remove());

describe("decodeVorbisWithWasm (fallback for Ogg Vorbis that ffmpeg rejects)", () => {
  it("decodes both channels like ffmpeg does", async () => {
    const audio = await decodeVorbisWithWasm(ogg, { declaredSeconds: SECONDS });
    expect(audio.sampleRate).toBe(44_100);
    expect(audio.channels).toHaveLength(2);
    expect(Math.abs(audio.channels[0]!.length / 44_100 - SECONDS)).toBeLessThan(0.05);
    expect(zeroCrossingFrequency(audio.channels[0]!, 44_100)).toBeCloseTo(440, 0);
    expect(zeroCrossingFrequency(audio.channels[1]!, 44_100)).toBeCloseTo(660, 0);
    const reference = await decodeWithFfmpeg(ogg, {
      ffmpeg: await locateFfmpeg({ preference: "bundled" }),
      channels: 2,
      sourceSampleRate: 44_100,
      declaredSeconds: SECONDS,
      failure: { path: ogg, knownFormat: true, formatDescription: "Ogg Vorbis" },
    });
    // Same codec, two decoders: levels agree to a hundredth of a dB.
    const ratio = middleRms(audio.channels[1]!) / middleRms(reference.channels[1]!);
    expect(Math.abs(20 * Math.log10(ratio))).toBeLessThan(0.01);
  });

  it("mixes to mono and resamples on request", async () => {
    const audio = await decodeVorbisWithWasm(ogg, { declaredSeconds: SECONDS, mono: true, sampleRate: 22_050 });
    expect(audio.channels).toHaveLength(1);
    expect(audio.sampleRate).toBe(22_050);
    expect(Math.abs(audio.channels[0]!.length / 22_050 - SECONDS)).toBeLessThan(0.05);
  });

  it("calls data that is not Vorbis corrupt, and a file shorter than declared truncated", async () => {
    const garbage = fixtures.file("garbage.ogg");
    await writeFile(garbage, seededBytes(20_000, 11));
    await expect(decodeVorbisWithWasm(garbage, { declaredSeconds: 10 })).rejects.toMatchObject({
      code: "CORRUPT_AUDIO",
    });
    await expect(decodeVorbisWithWasm(ogg, { declaredSeconds: 60 })).rejects.toMatchObject({ code: "TRUNCATED_AUDIO" });
  });
});

describe("decodeVorbisWithWasmTo", () => {
  it.each([{}, { mono: true, sampleRate: 22_050 }])(
    "streams what decodeVorbisWithWasm returns (%o)",
    async (options) => {
      const sink = createRecordingSink();
      const { frames, sampleRate } = await decodeVorbisWithWasmTo(ogg, sink, { declaredSeconds: SECONDS, ...options });
      const whole = await decodeVorbisWithWasm(ogg, { declaredSeconds: SECONDS, ...options });
      expect(sink.events[0]).toBe("start");
      expect(sink.events.filter((event) => event === "end")).toHaveLength(1);
      expect(sink.events.at(-1)).toBe("end");
      expect(sink.format).toEqual({
        sampleRate: whole.sampleRate,
        channelCount: whole.channels.length,
        expectedFrames: SECONDS * whole.sampleRate,
      });
      expect(sampleRate).toBe(whole.sampleRate);
      expect(frames).toBe(whole.channels[0]!.length);
      expect(Math.max(...sink.chunkLengths)).toBeLessThanOrEqual(1 << 16);
      const streamed = sink.channels();
      for (let c = 0; c < whole.channels.length; c++)
        expect(firstDifference(streamed[c]!, whole.channels[c]!)).toBe(-1);
    },
  );

  it("stops with TOO_LONG before delivering the excess, and never starts on data that is not Vorbis", async () => {
    const sink = createRecordingSink();
    await expect(
      decodeVorbisWithWasmTo(ogg, sink, { declaredSeconds: SECONDS, maxDurationSeconds: 1 }),
    ).rejects.toMatchObject({ code: "TOO_LONG" });
    expect(sink.events).not.toContain("end");
    expect(sink.frames).toBeLessThanOrEqual(44_100);
    const untouched = createRecordingSink();
    const garbage = fixtures.file("garbage-stream.ogg");
    await writeFile(garbage, seededBytes(20_000, 13));
    await expect(decodeVorbisWithWasmTo(garbage, untouched, { declaredSeconds: 10 })).rejects.toMatchObject({
      code: "CORRUPT_AUDIO",
    });
    expect(untouched.events).toEqual([]);
  });
});
