import { describe, expect, it } from "vitest";
import { measureLoudness } from "../loudness/loudness-meter.js";
import { masteringMetrics } from "../mastering/mastering-accumulator.js";
import { whiteNoise } from "../test-helpers/signals.js";
import type { AudioSignal } from "../types.js";
import { FEATURE_DIMENSIONS } from "./feature-dimensions.js";
import { featureInputFrom, SIDE_TO_MID_LIMIT_DB, trackFeatureVector } from "./feature-input.js";
import { BALANCE_FLOOR_DB } from "./third-octave-bands.js";
import { cosineSimilarity, vectorLength } from "./vector-math.js";

const SAMPLE_RATE = 44_100;
const SECONDS = 12;
const LENGTH = SAMPLE_RATE * SECONDS;

/** White noise through a one-pole low-pass (y += (1 − a)·(x − y)); a = 0 leaves it white. */
function noise(seed: number, amplitude: number, pole: number): Float32Array {
  const samples = whiteNoise(LENGTH, seed, amplitude);
  let state = 0;
  for (let index = 0; index < LENGTH; index++) {
    state += (1 - pole) * (samples[index]! - state);
    samples[index] = state;
  }
  return samples;
}

/** Stereo: a shared part and a part of each channel's own, mixed by `width` ∈ [0, 1]. */
function stereo(seed: number, amplitude: number, pole: number, width: number): AudioSignal {
  const shared = noise(seed, amplitude, pole);
  const left = noise(seed + 1, amplitude, pole);
  const right = noise(seed + 2, amplitude, pole);
  const mix = (own: Float32Array) => shared.map((value, index) => (1 - width) * value + width * own[index]!);
  return { channels: [mix(left), mix(right)], sampleRate: SAMPLE_RATE };
}

function measure(signal: AudioSignal, balanceBandsPerOctave = 3) {
  return { loudness: measureLoudness(signal), mastering: masteringMetrics(signal, { balanceBandsPerOctave }) };
}

describe("featureInputFrom", () => {
  const bright = measure(stereo(10, 0.9, 0, 0.5));

  it("carries the loudness and mastering figures over", () => {
    const { loudness, mastering } = bright;
    const input = featureInputFrom(loudness, mastering);
    expect(input.integratedLufs).toBe(loudness.integratedLufs);
    expect(input.truePeakDbtp).toBe(loudness.truePeakDbtp);
    expect(input.shortTermLufs).toBe(loudness.shortTerm.loudnessLufs);
    expect(input.dynamicRangeDb).toBe(mastering.dynamicRange.drDb);
    expect(input.stereoWidth).toBe(mastering.stereo.width);
    expect(input.bands).toHaveLength(5);
    expect(input.bands[2]!.energyShare).toBe(mastering.bands[2]!.energyShare);
    expect(input.thirdOctaveLevelsDb).toHaveLength(31);
    expect(input.thirdOctaveLevelsDb!.every((level) => level !== null && Number.isFinite(level))).toBe(true);
    // White noise: energy per third octave grows 3 dB per octave, so 8 kHz is ~20 dB above 80 Hz.
    const rise = input.thirdOctaveLevelsDb![26]! - input.thirdOctaveLevelsDb![6]!;
    expect(rise).toBeGreaterThan(18);
    expect(rise).toBeLessThan(22);
  });

  it("gives a finite unit vector with only tone and attack figures missing for noise", () => {
    const vector = trackFeatureVector(bright.loudness, bright.mastering);
    expect(vector.values.every(Number.isFinite)).toBe(true);
    expect(vectorLength(vector.values)).toBeCloseTo(1, 6);
    const missing = FEATURE_DIMENSIONS.filter((d) => vector.missing[d.index] === 1).map((d) => d.name);
    const allowed = /^(thd_db|harmonic_[23]_db|attack_time.*)$/;
    expect(missing.filter((name) => !allowed.test(name))).toEqual([]);
  });

  it("puts two bright loud wide noises closer to each other than to a dark quiet narrow one", () => {
    const other = measure(stereo(20, 0.9, 0, 0.5));
    const dark = measure(stereo(30, 0.05, 0.97, 0.05));
    const first = trackFeatureVector(bright.loudness, bright.mastering).values;
    const second = trackFeatureVector(other.loudness, other.mastering).values;
    const third = trackFeatureVector(dark.loudness, dark.mastering).values;
    expect(cosineSimilarity(first, second)).toBeGreaterThan(0.95);
    expect(cosineSimilarity(first, third)).toBeLessThan(cosineSimilarity(first, second) - 0.5);
  });

  it("re-bins a sixth-octave balance curve to the same third-octave levels", () => {
    const signal = stereo(40, 0.5, 0.9, 0.3);
    const third = featureInputFrom(measureLoudness(signal), masteringMetrics(signal, { balanceBandsPerOctave: 3 }));
    const sixth = featureInputFrom(measureLoudness(signal), masteringMetrics(signal, { balanceBandsPerOctave: 6 }));
    // Inside, sixth-octave bands nest exactly in third-octave bands; the 20 Hz and 20 kHz bands are
    // half-covered by a sixth-octave curve and extrapolated from that half.
    third.thirdOctaveLevelsDb!.forEach((level, band) => {
      const tolerance = band === 0 || band === 30 ? 0.5 : 0.02;
      expect(Math.abs(sixth.thirdOctaveLevelsDb![band]! - level!)).toBeLessThan(tolerance);
    });
  });

  it("describes a mono track as fully correlated and without side", () => {
    const signal: AudioSignal = { channels: [noise(50, 0.5, 0.5)], sampleRate: SAMPLE_RATE };
    const input = featureInputFrom(measureLoudness(signal), masteringMetrics(signal));
    expect(input.stereoCorrelation).toBe(1);
    expect(input.stereoWidth).toBe(0);
    expect(input.sideToMidDb).toBe(-SIDE_TO_MID_LIMIT_DB);
    expect(input.channelBalanceDb).toBe(0);
    expect(input.correlationSeries).toEqual([1]);
  });

  it("survives silence and a low sample rate without NaN", () => {
    const silent: AudioSignal = {
      channels: [new Float32Array(LENGTH), new Float32Array(LENGTH)],
      sampleRate: SAMPLE_RATE,
    };
    const silence = trackFeatureVector(measureLoudness(silent), masteringMetrics(silent));
    expect(silence.values.every(Number.isFinite)).toBe(true);
    expect(silence.raw[FEATURE_DIMENSIONS.findIndex((d) => d.name === "integrated_lufs")]).toBeNull();

    // At 16 kHz nothing above 8 kHz exists: those third-octave bands sit at the floor.
    const rate = 16_000;
    const low: AudioSignal = { channels: [whiteNoise(rate * 5, 60, 0.5)], sampleRate: rate };
    const input = featureInputFrom(measureLoudness(low), masteringMetrics(low));
    expect(input.thirdOctaveLevelsDb![30]).toBe(BALANCE_FLOOR_DB);
    const vector = trackFeatureVector(measureLoudness(low), masteringMetrics(low));
    expect(vector.values.every(Number.isFinite)).toBe(true);
  });
});
