/**
 * Checks against the reference implementation: fpcalc (Chromaprint 1.5.1, FFmpeg decoding and
 * swresample) reads 16-bit WAV files that the test writes, and its raw and compressed output is
 * compared with ours on the same PCM. Skipped when fpcalc is not on the PATH (CI installs
 * libchromaprint-tools). fpcalc 1.5.1 with FFmpeg ≥ 5 reports "Error decoding audio frame (End of
 * file)" and exits 3 after printing its result; -ignore-errors makes that exit 0.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { encodeWav } from "../../io/wav-writer.js";
import { chromaprintFingerprint } from "./chromaprint.js";
import { compressFingerprint, decompressFingerprint } from "./fingerprint-compression.js";
import { brightChords, chordProgression, chordsWithBursts, melody } from "./test-helpers/music-like.js";

const FPCALC_AVAILABLE = spawnSync("fpcalc", ["-version"], { stdio: "ignore" }).status === 0;
const SUITE = FPCALC_AVAILABLE ? "against fpcalc" : "against fpcalc (skipped: fpcalc is not on the PATH)";

const directory = FPCALC_AVAILABLE ? mkdtempSync(join(tmpdir(), "tonearm-fpcalc-")) : "";
afterAll(() => {
  if (directory !== "") rmSync(directory, { recursive: true, force: true });
});

let fileCount = 0;
/** Writes the channels as a 16-bit WAV file and returns its path. */
function writeFixture(channels: Float32Array[], sampleRate: number): string {
  const path = join(directory, `fixture-${fileCount++}.wav`);
  writeFileSync(path, encodeWav({ channels, sampleRate }));
  return path;
}

function fpcalc(path: string, ...options: string[]): string {
  const output = execFileSync("fpcalc", ["-ignore-errors", ...options, path], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "ignore"],
  });
  const line = output.split("\n").find((text) => text.startsWith("FINGERPRINT="));
  if (line === undefined) throw new Error(`fpcalc printed no fingerprint for ${path}: ${output}`);
  return line.slice("FINGERPRINT=".length);
}

function fpcalcRaw(path: string, ...options: string[]): Uint32Array {
  return Uint32Array.from(
    fpcalc(path, "-raw", ...options)
      .split(",")
      .map(Number),
  );
}

/** Samples as the 16-bit file holds them (what fpcalc decodes). */
function as16Bit(samples: Float32Array): Float32Array {
  return samples.map((value) => Math.max(-32768, Math.min(32767, Math.round(value * 32768))) / 32768);
}

/** Fraction of differing bits over the common length; lengths are asserted separately. */
function bitErrorRate(a: Uint32Array, b: Uint32Array): number {
  const length = Math.min(a.length, b.length);
  let errors = 0;
  for (let i = 0; i < length; i++) {
    for (let x = (a[i]! ^ b[i]!) >>> 0; x !== 0; x &= x - 1) errors++;
  }
  return errors / (32 * length);
}

const SIGNALS = {
  chords: (rate: number) => chordProgression(rate, 15),
  melody: (rate: number) => melody(rate, 15, 7),
  bursts: (rate: number) => chordsWithBursts(rate, 15, 3),
  bright: (rate: number) => brightChords(rate, 15, 5),
} as const;

describe.skipIf(!FPCALC_AVAILABLE)(SUITE, () => {
  it("compresses fpcalc's raw values into exactly fpcalc's FINGERPRINT= text, and back", () => {
    for (const make of [SIGNALS.melody, SIGNALS.bursts]) {
      const path = writeFixture([make(11025)], 11025);
      const raw = fpcalcRaw(path);
      const text = fpcalc(path);
      expect(text.startsWith("AQAA")).toBe(true); // algorithm byte 1 (TEST2), fpcalc's default
      expect(compressFingerprint(raw)).toBe(text);
      expect(decompressFingerprint(text)).toEqual({ algorithm: 1, fingerprint: raw });
    }
  });

  it("matches fpcalc -raw on the same 11025 Hz PCM (no resampling)", () => {
    for (const make of Object.values(SIGNALS)) {
      const samples = make(11025);
      const reference = fpcalcRaw(writeFixture([samples], 11025));
      const ours = chromaprintFingerprint(as16Bit(samples), 11025);
      expect(ours.length).toBe(reference.length);
      // Measured 0 differing bits on all four; a threshold-edge rounding may flip one elsewhere.
      expect(bitErrorRate(ours, reference)).toBeLessThan(0.002);
    }
  });

  it("stays within 1 % of fpcalc's bits from 44.1 and 48 kHz, through a different resampler", () => {
    for (const [rate, make] of [
      [44100, SIGNALS.bright],
      [48000, SIGNALS.bursts],
    ] as const) {
      const samples = as16Bit(make(rate));
      const reference = fpcalcRaw(writeFixture([samples], rate));
      const ours = chromaprintFingerprint(samples, rate);
      expect(Math.abs(ours.length - reference.length)).toBeLessThanOrEqual(1);
      expect(bitErrorRate(ours, reference)).toBeLessThan(0.01); // measured ≤ 0.0003
    }
  });

  it("cuts at -length as maxSeconds does, and takes a stereo file as the mean of its channels", () => {
    const left = as16Bit(SIGNALS.melody(44100));
    const right = as16Bit(SIGNALS.chords(44100)).subarray(0, left.length);
    const path = writeFixture([left, right], 44100);
    const mono = left.map((value, i) => (value + right[i]!) / 2);
    const reference = fpcalcRaw(path, "-length", "10");
    const ours = chromaprintFingerprint(mono, 44100, { maxSeconds: 10 });
    expect(ours.length).toBe(reference.length);
    expect(ours.length).toBe(Math.floor((110250 - 4096) / 1365) + 1 - 19);
    expect(bitErrorRate(ours, reference)).toBeLessThan(0.01);
  });
});
