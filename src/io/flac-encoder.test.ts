import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TonearmError } from "../analysis/errors.js";
import { createGaussianRandom } from "../core/test-helpers/seeded-random.js";
import type { AudioSignal } from "../core/types.js";
import { crc8, crc16, encodeFlac, FLAC_BLOCK_SIZE, writeFlac } from "./flac-encoder.js";
import { locateFfmpeg } from "./locate-ffmpeg.js";

/** A test signal: a decaying chord plus seeded noise, with some full-scale overshoot when asked. */
function testSignal(frames: number, channels: number, overshoot = false): AudioSignal {
  const noise = createGaussianRandom(11);
  const out = Array.from({ length: channels }, (_, c) => {
    const samples = new Float32Array(frames);
    for (let i = 0; i < frames; i++) {
      const t = i / 44100;
      const tone = 0.3 * Math.sin(2 * Math.PI * (220 + 110 * c) * t) + 0.2 * Math.sin(2 * Math.PI * 331 * t);
      samples[i] = tone * Math.exp(-t) + 0.01 * noise();
    }
    if (overshoot) samples[frames >> 1] = 1.5;
    return samples;
  });
  return { channels: out, sampleRate: 44100 };
}

/** The integers the encoder must store: round to nearest, clip (the WAV writer's rule). */
function expectedIntegers(signal: AudioSignal, bits: number): Int32Array {
  const full = 2 ** (bits - 1);
  const frames = signal.channels[0]!.length;
  const out = new Int32Array(frames * signal.channels.length);
  for (let i = 0, at = 0; i < frames; i++) {
    for (const channel of signal.channels) {
      out[at++] = Math.max(-full, Math.min(full - 1, Math.round(channel[i]! * full)));
    }
  }
  return out;
}

function littleEndianBytes(values: Int32Array, bytesPerSample: number): Uint8Array {
  const out = new Uint8Array(values.length * bytesPerSample);
  values.forEach((value, i) => {
    for (let b = 0; b < bytesPerSample; b++) out[i * bytesPerSample + b] = (value >> (8 * b)) & 0xff;
  });
  return out;
}

interface StreamInfo {
  minBlock: number;
  maxBlock: number;
  sampleRate: number;
  channels: number;
  bitsPerSample: number;
  totalSamples: number;
  md5: string;
}

function readStreamInfo(file: Uint8Array): StreamInfo {
  expect(String.fromCharCode(...file.subarray(0, 4))).toBe("fLaC");
  expect(file[4]).toBe(0x80); // last metadata block, type 0 (STREAMINFO)
  const info = file.subarray(8, 42);
  const view = new DataView(info.buffer, info.byteOffset, info.length);
  const packed = view.getUint32(10); // rate (20) | channels − 1 (3) | bits − 1 (5) | total high (4)
  return {
    minBlock: view.getUint16(0),
    maxBlock: view.getUint16(2),
    sampleRate: packed >>> 12,
    channels: ((packed >>> 9) & 0x7) + 1,
    bitsPerSample: ((packed >>> 4) & 0x1f) + 1,
    totalSamples: (packed & 0xf) * 2 ** 32 + view.getUint32(14),
    md5: Buffer.from(info.subarray(18, 34)).toString("hex"),
  };
}

let ffmpeg: string | null = null;
let directory = "";

beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), "tonearm-flac-"));
  try {
    ffmpeg = (await locateFfmpeg({ buildCache: null })).path;
  } catch {
    ffmpeg = null;
  }
});

afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
});

/** Decodes a FLAC file with ffmpeg to interleaved signed little-endian integers. */
function decodeWithFfmpeg(path: string, bits: 16 | 24): Promise<Int32Array> {
  return new Promise((resolve, reject) => {
    const format = bits === 16 ? "s16le" : "s32le";
    execFile(
      ffmpeg!,
      ["-v", "error", "-i", path, "-f", format, "-"],
      { encoding: "buffer", maxBuffer: 1 << 26 },
      (error, stdout, stderr) => {
        if (error) {
          reject(new Error(`ffmpeg failed: ${stderr.toString()}`, { cause: error }));
          return;
        }
        if (bits === 16) {
          const samples = new Int16Array(stdout.buffer, stdout.byteOffset, stdout.length / 2);
          resolve(Int32Array.from(samples));
        } else {
          // s32le holds the 24-bit samples shifted left by 8.
          const samples = new Int32Array(stdout.buffer.slice(stdout.byteOffset, stdout.byteOffset + stdout.length));
          resolve(samples.map((value) => value >> 8));
        }
      },
    );
  });
}

describe("encodeFlac", () => {
  it("writes STREAMINFO with the signal's shape and the MD5 of its integer samples", () => {
    const signal = testSignal(10_007, 2);
    const file = encodeFlac(signal);
    const info = readStreamInfo(file);
    expect(info).toMatchObject({
      minBlock: FLAC_BLOCK_SIZE,
      maxBlock: FLAC_BLOCK_SIZE,
      sampleRate: 44100,
      channels: 2,
      bitsPerSample: 16,
      totalSamples: 10_007,
    });
    const pcm = littleEndianBytes(expectedIntegers(signal, 16), 2);
    expect(info.md5).toBe(createHash("md5").update(pcm).digest("hex"));
    // Prediction compresses a tonal signal well below 16-bit PCM.
    expect(file.length).toBeLessThan(0.8 * pcm.length);
  });

  it("codes silence as constant subframes: a few bytes per block", () => {
    const silent: AudioSignal = { channels: [new Float32Array(3 * FLAC_BLOCK_SIZE)], sampleRate: 48000 };
    const file = encodeFlac(silent);
    expect(file.length).toBeLessThan(42 + 3 * 20);
    expect(readStreamInfo(file).sampleRate).toBe(48000);
  });

  it("accepts an empty signal", () => {
    const file = encodeFlac({ channels: [new Float32Array(0), new Float32Array(0)], sampleRate: 44100 });
    expect(file.length).toBe(42);
    expect(readStreamInfo(file).totalSamples).toBe(0);
  });

  it("refuses unsupported shapes with INVALID_OPTION", () => {
    const bad = (signal: AudioSignal, bits?: 16 | 24) => {
      try {
        encodeFlac(signal, bits === undefined ? {} : { bitsPerSample: bits });
      } catch (error) {
        return error instanceof TonearmError ? error.code : "other";
      }
      return "none";
    };
    expect(bad({ channels: [], sampleRate: 44100 })).toBe("INVALID_OPTION");
    expect(bad({ channels: [new Float32Array(4), new Float32Array(5)], sampleRate: 44100 })).toBe("INVALID_OPTION");
    expect(bad({ channels: [new Float32Array(4)], sampleRate: 44100.5 })).toBe("INVALID_OPTION");
    expect(bad({ channels: [new Float32Array(4)], sampleRate: 44100 }, 20 as 16)).toBe("INVALID_OPTION");
  });
});

describe("CRCs of the frame header and frame", () => {
  const check = new TextEncoder().encode("123456789");
  it("match the catalogue check values", () => {
    expect(crc8(check)).toBe(0xf4); // CRC-8 (poly 0x07)
    expect(crc16(check)).toBe(0xfee8); // CRC-16/UMTS (poly 0x8005, init 0)
  });
});

describe("writeFlac", () => {
  it("streams the bytes encodeFlac builds and counts clipped samples", async () => {
    const signal = testSignal(3 * FLAC_BLOCK_SIZE + 5, 2, true);
    const path = join(directory, "stream.flac");
    const result = await writeFlac(path, signal);
    const written = new Uint8Array(await readFile(path));
    expect(written).toEqual(encodeFlac(signal));
    expect(result).toEqual({ bytes: written.length, clippedSamples: 2 });
  });

  for (const [bits, channels, frames] of [
    [16, 2, 2 * FLAC_BLOCK_SIZE + 301],
    [24, 1, FLAC_BLOCK_SIZE + 17],
    [16, 1, 100],
  ] as const) {
    it(`decodes losslessly with ffmpeg (${bits}-bit, ${channels} channel(s), ${frames} frames)`, async (context) => {
      if (ffmpeg === null) context.skip();
      const signal = testSignal(frames, channels, true);
      const path = join(directory, `lossless-${bits}-${channels}.flac`);
      await writeFlac(path, signal, { bitsPerSample: bits });
      const decoded = await decodeWithFfmpeg(path, bits);
      expect(decoded).toEqual(expectedIntegers(signal, bits));
    });
  }
});
