import { describe, expect, it } from "vitest";
import { gaussianNoise } from "../../test-helpers/signals.js";
import { DRUM_MASK_MODEL } from "./drum-mask-weights.js";
import { type DrumSeparationMethod, separateDrums, separationFrameSize } from "./separate-drums.js";
import { shareOf, signalToDistortionDb, tonesAndBursts } from "./test-helpers/separation-test-signals.js";

/** What each method must at least achieve on tones + bursts (measured: learned ≈ 17 dB, HPSS ≈ 7.6 dB). */
const FLOORS: Record<DrumSeparationMethod, { sdr: number; burstShare: number; toneShare: number }> = {
  "learned-mask": { sdr: 12, burstShare: 0.9, toneShare: 0.06 },
  hpss: { sdr: 5, burstShare: 0.65, toneShare: 0.25 },
};

function hasNonFinite(channels: readonly Float32Array[]): boolean {
  return channels.some((channel) => channel.some((value) => !Number.isFinite(value)));
}

describe("separateDrums on sustained tones plus noise bursts", () => {
  for (const method of ["learned-mask", "hpss"] as const) {
    it(`${method}: the drum stem holds the bursts and little of the tones`, () => {
      const known = tonesAndBursts(44100, 3);
      const { drums, residual } = separateDrums([known.mix], 44100, { method, residual: true });
      const floor = FLOORS[method];
      expect(signalToDistortionDb(known.bursts, drums[0]!)).toBeGreaterThan(floor.sdr);
      expect(shareOf(known.bursts, drums[0]!)).toBeGreaterThan(floor.burstShare);
      expect(shareOf(known.tones, drums[0]!)).toBeLessThan(floor.toneShare);
      // The residual is the rest of the mix, sample for sample.
      for (let i = 0; i < known.mix.length; i += 97)
        expect(drums[0]![i]! + residual![0]![i]!).toBeCloseTo(known.mix[i]!, 6);
    });
  }

  it("keeps the stereo image: a burst panned left stays left", () => {
    const known = tonesAndBursts(44100, 2);
    const left = new Float32Array(known.mix.length);
    const right = new Float32Array(known.mix.length);
    for (let i = 0; i < left.length; i++) {
      left[i] = known.tones[i]! + known.bursts[i]!;
      right[i] = known.tones[i]! + 0.1 * known.bursts[i]!;
    }
    const { drums } = separateDrums([left, right], 44100);
    expect(shareOf(known.bursts, drums[0]!)).toBeGreaterThan(0.85);
    expect(shareOf(known.bursts, drums[1]!)).toBeLessThan(0.2);
    expect(shareOf(known.bursts, drums[1]!)).toBeGreaterThan(0.05);
  });

  for (const sampleRate of [22050, 48000]) {
    it(`works at ${sampleRate} Hz with a frame size scaled to the rate`, () => {
      const known = tonesAndBursts(sampleRate, 2);
      const result = separateDrums([known.mix], sampleRate);
      expect(result.frameSize).toBe(separationFrameSize(sampleRate, DRUM_MASK_MODEL.frameSizeAt44100));
      expect(signalToDistortionDb(known.bursts, result.drums[0]!)).toBeGreaterThan(10);
    });
  }
});

describe("separateDrums edge cases", () => {
  it("gives silence for silence", () => {
    const { drums, residual } = separateDrums([new Float32Array(5000), new Float32Array(5000)], 44100, {
      residual: true,
    });
    for (const channel of [...drums, ...residual!]) expect(channel.every((value) => value === 0)).toBe(true);
  });

  for (const length of [0, 1, 777, 2047, 44_101]) {
    it(`returns the input's shape without NaN (length ${length}, odd and shorter than a window included)`, () => {
      const channels = [gaussianNoise(length, 5, 0.2), gaussianNoise(length, 6, 0.2)];
      for (const method of ["learned-mask", "hpss"] as const) {
        const { drums } = separateDrums(channels, 44100, { method });
        expect(drums.map((channel) => channel.length)).toEqual([length, length]);
        expect(hasNonFinite(drums)).toBe(false);
      }
    });
  }

  it("keeps NaN local: frames without it stay finite", () => {
    const channel = gaussianNoise(44100, 8, 0.2);
    channel[20_000] = Number.NaN;
    const { drums } = separateDrums([channel], 44100);
    expect(Number.isNaN(drums[0]![20_000]!)).toBe(true);
    expect(drums[0]!.subarray(0, 15_000).every(Number.isFinite)).toBe(true);
    expect(drums[0]!.subarray(25_000).every(Number.isFinite)).toBe(true);
  });

  it("refuses caller mistakes with the parameter and the value", () => {
    expect(() => separateDrums([], 44100)).toThrow("separateDrums: channels must hold at least one channel, got 0");
    expect(() => separateDrums([new Float32Array(4), new Float32Array(5)], 44100)).toThrow(/equal lengths/);
    expect(() => separateDrums([new Float32Array(4)], 0)).toThrow("sampleRate must be a finite number > 0, got 0");
    expect(() => separateDrums([new Float32Array(4)], 44100, { method: "nmf" as "hpss" })).toThrow(/method must be/);
  });
});
