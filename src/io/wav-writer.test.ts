import { readFile } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AudioSignal } from "../core/types.js";
import { createFixtureDir, type FixtureDir } from "./test-helpers/fixtures.js";
import { sineChannels, stereoTones, zeroCrossingFrequency } from "./test-helpers/tones.js";
import { readWav } from "./wav-reader.js";
import { encodeWav, WAV_WRITE_CHUNK_FRAMES, writeWav } from "./wav-writer.js";

let fixtures: FixtureDir;
beforeAll(async () => {
  fixtures = await createFixtureDir("wav-writer");
});
afterAll(() => fixtures.remove());

const ascii = (bytes: Uint8Array, at: number) => String.fromCharCode(...bytes.subarray(at, at + 4));
const u16 = (bytes: Uint8Array, at: number) => new DataView(bytes.buffer, bytes.byteOffset).getUint16(at, true);
const u32 = (bytes: Uint8Array, at: number) => new DataView(bytes.buffer, bytes.byteOffset).getUint32(at, true);

describe("encodeWav: headers", () => {
  const tones = stereoTones(44100, 0.1);

  it("writes the canonical 44-byte header for 16-bit stereo", () => {
    const bytes = encodeWav(tones, { format: "pcm16" });
    expect(ascii(bytes, 0)).toBe("RIFF");
    expect(u32(bytes, 4)).toBe(bytes.length - 8);
    expect(ascii(bytes, 8)).toBe("WAVE");
    expect(ascii(bytes, 12)).toBe("fmt ");
    expect(u16(bytes, 20)).toBe(1);
    expect(u16(bytes, 22)).toBe(2);
    expect(u32(bytes, 24)).toBe(44100);
    expect(u32(bytes, 28)).toBe(44100 * 4);
    expect(u16(bytes, 32)).toBe(4);
    expect(u16(bytes, 34)).toBe(16);
    expect(ascii(bytes, 36)).toBe("data");
    expect(u32(bytes, 40)).toBe(4410 * 4);
    expect(bytes.length).toBe(44 + 4410 * 4);
  });

  it("uses WAVE_FORMAT_EXTENSIBLE for 24-bit", () => {
    const bytes = encodeWav(tones, { format: "pcm24" });
    expect(u32(bytes, 16)).toBe(40);
    expect(u16(bytes, 20)).toBe(0xfffe);
    expect(u16(bytes, 34)).toBe(24);
    expect(u16(bytes, 38)).toBe(24); // valid bits
    expect(u32(bytes, 40)).toBe(3); // front left + right
    expect(u16(bytes, 44)).toBe(1); // KSDATAFORMAT_SUBTYPE_PCM
  });

  it("writes IEEE float with a fact chunk", () => {
    const bytes = encodeWav(tones, { format: "float32" });
    expect(u16(bytes, 20)).toBe(3);
    expect(ascii(bytes, 38)).toBe("fact");
    expect(u32(bytes, 46)).toBe(4410);
  });

  it("pads an odd-sized data chunk", () => {
    const bytes = encodeWav(sineChannels([440], 8000, 3 / 8000), { format: "pcm24" });
    expect(u32(bytes, bytes.length - 9 - 1 - 4)).toBe(9); // data size field
    expect(bytes.length % 2).toBe(0);
    expect(u32(bytes, 4)).toBe(bytes.length - 8);
  });

  it("rejects bad signals with INVALID_OPTION", () => {
    const ragged: AudioSignal = { channels: [new Float32Array(3), new Float32Array(4)], sampleRate: 8000 };
    expect(() => encodeWav(ragged)).toThrow(expect.objectContaining({ code: "INVALID_OPTION" }));
    expect(() => encodeWav({ channels: [], sampleRate: 8000 })).toThrow(/channels/);
    expect(() => encodeWav({ channels: [new Float32Array(1)], sampleRate: 44.1 })).toThrow(/sampleRate/);
  });
});

describe("writeWav → readWav round trip", () => {
  const tones = stereoTones(48000, 2);

  it.each([
    ["pcm16", 1 / 32768 + 1e-7],
    ["pcm24", 1 / 8388608 + 1e-8],
    ["float32", 0],
  ] as const)("%s", async (format, tolerance) => {
    const path = fixtures.file(`round-${format}.wav`);
    await writeWav(path, tones, { format });
    const { audio } = await readWav(path);
    expect(audio.sampleRate).toBe(48000);
    expect(audio.channels).toHaveLength(2);
    let maxError = 0;
    for (let c = 0; c < 2; c++) {
      for (let i = 0; i < tones.channels[c]!.length; i++) {
        maxError = Math.max(maxError, Math.abs(audio.channels[c]![i]! - tones.channels[c]![i]!));
      }
    }
    expect(maxError).toBeLessThanOrEqual(tolerance);
    expect(zeroCrossingFrequency(audio.channels[0]!, 48000)).toBeCloseTo(440, 1);
    expect(zeroCrossingFrequency(audio.channels[1]!, 48000)).toBeCloseTo(660, 1);
  });

  it("streams the same bytes encodeWav builds, across chunk boundaries, with 3 channels", async () => {
    const signal = sineChannels([100, 200, 300], 44100, (WAV_WRITE_CHUNK_FRAMES * 2 + 17) / 44100);
    for (const format of ["pcm16", "pcm24", "float32"] as const) {
      const path = fixtures.file(`three-${format}.wav`);
      const result = await writeWav(path, signal, { format });
      const written = new Uint8Array(await readFile(path));
      expect(result.bytes).toBe(written.length);
      expect(Buffer.compare(written, encodeWav(signal, { format }))).toBe(0);
      const { audio } = await readWav(path);
      expect(audio.channels).toHaveLength(3);
      expect(zeroCrossingFrequency(audio.channels[2]!, 44100)).toBeCloseTo(300, 1);
    }
  });
});

describe("writeWav: clipping and dither", () => {
  it("clips to the integer range and counts clipped samples; NaN becomes 0", async () => {
    const signal = { channels: [Float32Array.from([1, -1, 1.5, -2, Number.NaN, 0.25])], sampleRate: 8000 };
    const path = fixtures.file("clip.wav");
    const { clippedSamples } = await writeWav(path, signal, { format: "pcm16" });
    expect(clippedSamples).toBe(2);
    const { audio } = await readWav(path);
    expect(Array.from(audio.channels[0]!)).toEqual([32767 / 32768, -1, 32767 / 32768, -1, 0, 0.25]);
  });

  it("keeps float values beyond full scale in float32 files", () => {
    const bytes = encodeWav({ channels: [Float32Array.from([1.5, -3])], sampleRate: 8000 }, { format: "float32" });
    const samples = new Float32Array(bytes.slice(bytes.length - 8).buffer);
    expect(Array.from(samples)).toEqual([1.5, -3]);
  });

  it("is off by default; when on, it is TPDF within ±1 LSB and reproducible", () => {
    const quiet = { channels: [new Float32Array(4000).fill(0.3 / 32768)], sampleRate: 8000 };
    const plain = encodeWav(quiet, { format: "pcm16" });
    const plainSamples = new Int16Array(plain.slice(44).buffer);
    expect(plainSamples.every((value) => value === 0)).toBe(true);
    const dithered = new Int16Array(encodeWav(quiet, { format: "pcm16", dither: true }).slice(44).buffer);
    const again = new Int16Array(encodeWav(quiet, { format: "pcm16", dither: true }).slice(44).buffer);
    expect(dithered).toEqual(again);
    expect(dithered.every((value) => value >= -1 && value <= 1)).toBe(true);
    const mean = dithered.reduce((sum, value) => sum + value, 0) / dithered.length;
    expect(mean).toBeCloseTo(0.3, 1); // dither preserves the sub-LSB level on average
  });
});
