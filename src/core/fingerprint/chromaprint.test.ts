import { describe, expect, it } from "vitest";
import { whiteNoise } from "../test-helpers/signals.js";
import { chromaprintFingerprint, createFingerprinter, FINGERPRINT_FRAMES_PER_SECOND } from "./chromaprint.js";
import { compressFingerprint } from "./fingerprint-compression.js";
import { SILENCE_SUBFINGERPRINT } from "./fingerprint-similarity.js";
import { chordProgression, melody } from "./test-helpers/music-like.js";

/**
 * fpcalc's answer for chordProgression(11025, 24) written as a 16-bit mono WAV at 11025 Hz.
 * source: `fpcalc -ignore-errors file.wav`, fpcalc 1.5.1 (Debian libchromaprint-tools, FFmpeg 5),
 * run on 2026-11-22; fpcalc-reference.test.ts re-checks such values live where fpcalc is installed.
 */
const FPCALC_CHORD_PROGRESSION =
  "AQAArEoUKUkScRLKCzaOHw_CHzdysUalH09wHN5xNcSF_HBn9NxxU8OjnKjSxIPO49zhx0D64nCPfviRN8Kh47yQBz96-PgBTxX64xselD7u4OPx" +
  "vYDfCz8O78GpHU8ThHGM06kIDfmx_cXzdPhuHL9QHT8e6fh19Bry5Tp0CUeu4_iOj8ePnITHoxZxqRgvHGdwHEePPUIfnHhoxM5xHv03-D12_PhxHD1u" +
  "4oibyJASTTr-INNY1NsHpi-8vTjcXyhfXEWP9IF-4eeD8PjQg9qM3sfRB82OD3uOXrJw1TiP_RS-Ez_840eP-ziFXPihaThj5MRxYT9cfEKNP0auHXJo" +
  "xEebd_jhPsfhwj-OHvt2PLgW4ZNrXD-aE_1xAMASkUgIJQRpByJlADFAAaAMsRZk5oGCEChEBTMKIoWUQsY5oIABbCAkgGICGUCQRoJTJwgQCBECiDnC" +
  "EYUIGEwYiwwBYzkwBmLEEACQcY4QJxAUwBiCKCCCSYQMAIAgRAhSEBFqkBMIGUSccswR5IQhjhFLCLZAKGcBkcAoCixVQhJAmBCKgQ";

/** ⌊(N − 4096)/1365⌋ + 1 frames, minus 4 for the chroma filter and 15 for the widest classifier. */
function expectedLength(samples: number): number {
  return samples < 4096 ? 0 : Math.max(0, Math.floor((samples - 4096) / 1365) + 1 - 19);
}

describe("chromaprintFingerprint", () => {
  it("reproduces fpcalc's fingerprint of a chord progression at 11025 Hz exactly", () => {
    const raw = chromaprintFingerprint(chordProgression(11025, 24), 11025);
    expect(raw).toHaveLength(172);
    expect(compressFingerprint(raw)).toBe(FPCALC_CHORD_PROGRESSION);
  });

  it("gives ⌊(N − 4096)/1365⌋ − 18 values for N samples at 11025 Hz, none below 24 frames", () => {
    const noise = whiteNoise(11025 * 8, 3, 0.3);
    for (const samples of [0, 4095, 4096 + 22 * 1365, 4096 + 23 * 1365 - 1, 4096 + 23 * 1365, 11025 * 8]) {
      const raw = chromaprintFingerprint(noise.subarray(0, samples), 11025);
      expect(raw.length).toBe(expectedLength(samples));
    }
    expect(expectedLength(4096 + 23 * 1365)).toBe(5);
    expect(FINGERPRINT_FRAMES_PER_SECOND).toBeCloseTo(8.077, 3);
  });

  it("stops at maxSeconds, counted in 11025 Hz samples as fpcalc's -length", () => {
    const signal = melody(11025, 30, 4);
    const limited = chromaprintFingerprint(signal, 11025, { maxSeconds: 10 });
    expect(limited).toEqual(chromaprintFingerprint(signal.subarray(0, 110250), 11025));
    expect(chromaprintFingerprint(signal, 11025, { maxSeconds: Infinity })).toHaveLength(expectedLength(signal.length));
    // The default is fpcalc's 120 s: a 130 s signal yields the values of its first 120 s.
    const long = new Float32Array(11025 * 130);
    long.set(signal, 11025 * 100);
    expect(chromaprintFingerprint(long, 11025)).toHaveLength(expectedLength(11025 * 120));
  });

  it("fingerprints silence as the constant silence value", () => {
    const raw = chromaprintFingerprint(new Float32Array(11025 * 5), 11025);
    expect(raw.length).toBeGreaterThan(10);
    for (const value of raw) expect(value).toBe(SILENCE_SUBFINGERPRINT);
    expect(SILENCE_SUBFINGERPRINT).toBe(627964279); // source: fpcalc 1.5.1 -raw on 5 s of digital silence
  });

  it("rejects a non-positive rate or length limit", () => {
    expect(() => chromaprintFingerprint(new Float32Array(10), 0)).toThrow(RangeError);
    expect(() => chromaprintFingerprint(new Float32Array(10), 44100, { maxSeconds: 0 })).toThrow(/maxSeconds/);
  });
});

describe("createFingerprinter", () => {
  it("gives the same values whatever the chunking, at 44.1 kHz, and starts afresh after finish", () => {
    const signal = melody(44100, 12, 9);
    const whole = chromaprintFingerprint(signal, 44100);
    const fingerprinter = createFingerprinter(44100);
    for (let start = 0, size = 777; start < signal.length; start += size, size = (size * 3) % 10007) {
      fingerprinter.push(signal.subarray(start, start + size));
    }
    expect(fingerprinter.finish()).toEqual(whole);
    fingerprinter.push(signal);
    expect(fingerprinter.finish()).toEqual(whole);
    expect(whole).toHaveLength(expectedLength(11025 * 12));
  });
});
