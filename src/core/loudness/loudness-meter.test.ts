import { describe, expect, it } from "vitest";
import { createSeededRandom } from "../test-helpers/seeded-random.js";
import {
  TECH_3341_INTEGRATED_CASES,
  TECH_3341_TRUE_PEAK_CASES,
  TECH_3342_RANGE_CASES,
  toneSegments,
} from "./ebu-test-signals.js";
import { LOUDNESS_FLOOR_LUFS } from "./loudness-gating.js";
import { createLoudnessMeter, defaultChannelWeights, type LoudnessResult, measureLoudness } from "./loudness-meter.js";

const RATES = [48000, 44100] as const;

/** Identical left and right channels, as in the EBU test files. */
function stereo(samples: Float32Array, sampleRate: number) {
  return { channels: [samples, samples], sampleRate };
}

/** Every window of a series, in LUFS (as numbers). */
const values = (series: Float32Array): number[] => Array.from(series);

describe("measureLoudness: EBU Tech 3341 integrated loudness (±0.1 LU)", () => {
  for (const sampleRate of RATES) {
    it.each(TECH_3341_INTEGRATED_CASES.map((testCase) => [testCase.name, testCase] as const))(
      `%s at ${sampleRate} Hz`,
      (_, testCase) => {
        const result = measureLoudness(stereo(toneSegments(testCase.segments, sampleRate), sampleRate));
        expect(Math.abs(result.integratedLufs! - testCase.integratedLufs)).toBeLessThanOrEqual(0.1);
      },
    );
  }

  it("cases 1 and 2: every momentary and short-term value is −23 / −33 ± 0.1 LUFS", () => {
    for (const [level, sampleRate] of [
      [-23, 48000],
      [-33, 44100],
    ] as const) {
      const result = measureLoudness(stereo(toneSegments([[level, 20]], sampleRate), sampleRate));
      for (const value of [...values(result.momentary.loudnessLufs), ...values(result.shortTerm.loudnessLufs)]) {
        expect(Math.abs(value - level)).toBeLessThanOrEqual(0.1);
      }
      expect(Math.abs(result.maxMomentaryLufs! - level)).toBeLessThanOrEqual(0.1);
      expect(Math.abs(result.maxShortTermLufs! - level)).toBeLessThanOrEqual(0.1);
    }
  });

  it("case 6: 5.0 sine in a 5.1 file (L R C −28, −28, −24; Ls Rs −30 dBFS; LFE silent) reads −23 ± 0.1 LUFS", () => {
    const sampleRate = 48000;
    const tone = (level: number) => toneSegments([[level, 20]], sampleRate);
    const channels = [tone(-28), tone(-28), tone(-24), new Float32Array(20 * sampleRate), tone(-30), tone(-30)];
    const result = measureLoudness({ channels, sampleRate });
    expect(Math.abs(result.integratedLufs! + 23)).toBeLessThanOrEqual(0.1);
  });

  it("case 9: short-term of 1.34 s at −20 / 1.66 s at −30 dBFS, repeated, stays at −23 ± 0.1 LUFS after 3 s", () => {
    for (const sampleRate of RATES) {
      const pattern = Array.from({ length: 5 }, () => [[-20, 1.34] as const, [-30, 1.66] as const]).flat();
      const result = measureLoudness(stereo(toneSegments(pattern, sampleRate), sampleRate));
      expect(result.shortTerm.timesSeconds[0]).toBeCloseTo(3, 12);
      expect(result.shortTerm.loudnessLufs.length).toBeGreaterThan(100);
      for (const value of values(result.shortTerm.loudnessLufs)) expect(Math.abs(value + 23)).toBeLessThanOrEqual(0.1);
    }
  });

  it("momentary of a 400 ms-periodic signal (0.18 s at −20, 0.22 s at −30 dBFS) is constant at its mean power", () => {
    // The 400 ms analogue of case 9: 10·log10((0.18·10^−2 + 0.22·10^−3) / 0.4) = −22.97 LUFS.
    const sampleRate = 48000;
    const pattern = Array.from({ length: 20 }, () => [[-20, 0.18] as const, [-30, 0.22] as const]).flat();
    const result = measureLoudness(stereo(toneSegments(pattern, sampleRate), sampleRate));
    const expected = 10 * Math.log10((0.18 * 0.01 + 0.22 * 0.001) / 0.4);
    for (const value of values(result.momentary.loudnessLufs)) {
      expect(Math.abs(value - expected)).toBeLessThanOrEqual(0.1);
    }
  });
});

describe("measureLoudness: EBU Tech 3342 loudness range (±1 LU)", () => {
  for (const sampleRate of RATES) {
    it.each(TECH_3342_RANGE_CASES.map((testCase) => [testCase.name, testCase] as const))(
      `%s at ${sampleRate} Hz`,
      (_, testCase) => {
        const result = measureLoudness(stereo(toneSegments(testCase.segments, sampleRate), sampleRate));
        expect(Math.abs(result.loudnessRangeLu! - testCase.rangeLu)).toBeLessThanOrEqual(1);
      },
    );
  }
});

describe("measureLoudness: EBU Tech 3341 true peak (within [−0.4, +0.2] dB)", () => {
  for (const sampleRate of RATES) {
    it.each(TECH_3341_TRUE_PEAK_CASES.map((testCase) => [testCase.name, testCase] as const))(
      `%s at ${sampleRate} Hz`,
      (_, testCase) => {
        const samples = toneSegments([[testCase.levelDbfs, 10]], sampleRate, {
          frequency: sampleRate / testCase.frequencyDivisor,
          phaseDegrees: testCase.phaseDegrees,
          fadeSeconds: 0.5,
        });
        const result = measureLoudness(stereo(samples, sampleRate));
        const error = result.truePeakDbtp! - testCase.truePeakDbtp;
        expect(error).toBeGreaterThanOrEqual(-0.4);
        expect(error).toBeLessThanOrEqual(0.2);
        expect(result.truePeak).toBeGreaterThanOrEqual(result.samplePeak);
        expect(result.channels[0]!.truePeakDbtp).toBe(result.truePeakDbtp);
      },
    );
  }
});

/** A few seconds of something music-like: a bass line, a melody, noise bursts, a silent gap. */
function musicLike(sampleRate: number, seconds: number, seed: number): Float32Array[] {
  const random = createSeededRandom(seed);
  const length = Math.round(seconds * sampleRate);
  const left = new Float32Array(length);
  const right = new Float32Array(length);
  for (let i = 0; i < length; i++) {
    const time = i / sampleRate;
    const envelope = time % 0.5 < 0.05 ? 1 : 0.3;
    const gap = time > seconds * 0.6 && time < seconds * 0.7 ? 0 : 1;
    const bass = 0.4 * Math.sin(2 * Math.PI * 55 * time);
    const melody = 0.2 * Math.sin(2 * Math.PI * (440 + 220 * Math.floor(time * 2)) * time);
    const noise = 0.3 * envelope * (2 * random() - 1);
    left[i] = gap * (bass + melody + noise);
    right[i] = gap * (bass - melody + 0.5 * noise);
  }
  return [left, right];
}

/** Runs a meter with chunks of the given lengths (cycled), through one reused, oversized buffer per channel. */
function meterInChunks(channels: Float32Array[], sampleRate: number, chunkLengths: readonly number[]): LoudnessResult {
  const meter = createLoudnessMeter({ sampleRate, channelCount: channels.length });
  const longest = Math.max(...chunkLengths);
  const buffers = channels.map(() => new Float32Array(longest + 100));
  const length = channels[0]!.length;
  for (let from = 0, chunk = 0; from < length; chunk++) {
    const count = Math.min(chunkLengths[chunk % chunkLengths.length]!, length - from);
    channels.forEach((samples, channel) => {
      buffers[channel]!.fill(Number.NaN);
      buffers[channel]!.set(samples.subarray(from, from + count));
    });
    meter.write(buffers, count);
    from += count;
  }
  return meter.result();
}

describe("createLoudnessMeter: streaming", () => {
  const sampleRate = 44100;
  const channels = musicLike(sampleRate, 8, 5);
  const whole = measureLoudness({ channels, sampleRate });

  it("gives the same numbers bit for bit for any chunking", () => {
    const random = createSeededRandom(9);
    const randomLengths = Array.from({ length: 50 }, () => 1 + Math.floor(random() * 20000));
    for (const lengths of [[1, 2, 3, 4409, 16384, 17], [4096], [65536], randomLengths]) {
      expect(meterInChunks(channels, sampleRate, lengths)).toEqual(whole);
    }
  });

  it("reports figures of what was written so far, and keeps going after result()", () => {
    const meter = createLoudnessMeter({ sampleRate, channelCount: 2 });
    const half = 4 * sampleRate;
    meter.write(
      channels.map((samples) => samples.subarray(0, half)),
      half,
    );
    const early = meter.result();
    expect(early.durationSeconds).toBe(4);
    meter.write(
      channels.map((samples) => samples.subarray(half)),
      channels[0]!.length - half,
    );
    expect(meter.result()).toEqual(whole);
  });

  it("lays out the series: momentary every 100 ms from 0.4 s, short-term from 3 s, full windows only", () => {
    expect(whole.momentary.hopSeconds).toBeCloseTo(0.1, 12);
    expect(whole.momentary.windowSeconds).toBeCloseTo(0.4, 12);
    expect(whole.shortTerm.windowSeconds).toBeCloseTo(3, 12);
    expect(whole.momentary.timesSeconds[0]).toBeCloseTo(0.4, 12);
    expect(whole.momentary.loudnessLufs.length).toBe(80 - 3);
    expect(whole.shortTerm.loudnessLufs.length).toBe(80 - 29);
    expect(whole.shortTerm.timesSeconds.at(-1)).toBeCloseTo(8, 12);
    // The silent gap (4.8–5.6 s) contains momentary windows of digital silence.
    expect(Math.min(...values(whole.momentary.loudnessLufs))).toBe(LOUDNESS_FLOOR_LUFS);
    expect(whole.integratedLufs).not.toBeNull();
  });
});

describe("measureLoudness: values that do not exist are null", () => {
  it("silence: no loudness, no peaks in dB", () => {
    const result = measureLoudness(stereo(new Float32Array(48000 * 5), 48000));
    expect(result.integratedLufs).toBeNull();
    expect(result.integratedRelativeGateLufs).toBeNull();
    expect(result.loudnessRangeLu).toBeNull();
    expect(result.maxMomentaryLufs).toBeNull();
    expect(result.maxShortTermLufs).toBeNull();
    expect(result.samplePeakDbfs).toBeNull();
    expect(result.truePeakDbtp).toBeNull();
    expect(result.momentary.loudnessLufs.every((value) => value === LOUDNESS_FLOOR_LUFS)).toBe(true);
    expect(JSON.stringify(result)).not.toMatch(/NaN|Infinity/);
  });

  it("below the −70 LUFS gate: series and peaks, but no integrated loudness", () => {
    const result = measureLoudness(stereo(toneSegments([[-80, 5]], 48000), 48000));
    expect(result.integratedLufs).toBeNull();
    expect(result.loudnessRangeLu).toBeNull();
    expect(result.maxMomentaryLufs).toBeCloseTo(-80, 0);
    expect(result.samplePeakDbfs).toBeCloseTo(-80, 3);
  });

  it("empty and very short signals", () => {
    const empty = measureLoudness(stereo(new Float32Array(0), 44100));
    expect(empty.durationSeconds).toBe(0);
    expect(empty.integratedLufs).toBeNull();
    expect(empty.momentary.loudnessLufs.length).toBe(0);
    expect(empty.truePeak).toBe(0);
    const short = measureLoudness(stereo(toneSegments([[-20, 0.3]], 44100), 44100));
    expect(short.integratedLufs).toBeNull();
    expect(short.maxShortTermLufs).toBeNull();
    expect(short.samplePeakDbfs).toBeCloseTo(-20, 3);
  });
});

describe("measureLoudness: channels", () => {
  const sampleRate = 48000;
  const tone = toneSegments([[-23, 10]], sampleRate);
  const silence = new Float32Array(tone.length);

  it("weights by channel count: mono [1], stereo [1, 1], 5.1 [1, 1, 1, 0, 1.41, 1.41], others 1", () => {
    expect(defaultChannelWeights(1)).toEqual([1]);
    expect(defaultChannelWeights(2)).toEqual([1, 1]);
    expect(defaultChannelWeights(6)).toEqual([1, 1, 1, 0, 1.41, 1.41]);
    expect(defaultChannelWeights(4)).toEqual([1, 1, 1, 1]);
  });

  it("a mono file is one channel: a −23 dBFS sine reads −26 LUFS (3 dB below the same sine in stereo)", () => {
    const mono = measureLoudness({ channels: [tone], sampleRate });
    const both = measureLoudness(stereo(tone, sampleRate));
    expect(mono.integratedLufs!).toBeCloseTo(both.integratedLufs! - 10 * Math.log10(2), 6);
    expect(Math.abs(mono.integratedLufs! + 26)).toBeLessThan(0.1);
  });

  it("5.1 with only the surrounds: +1.5 dB (weight 1.41) over the same tones in L and R", () => {
    const surrounds = measureLoudness({ channels: [silence, silence, silence, silence, tone, tone], sampleRate });
    const front = measureLoudness({ channels: [tone, tone, silence, silence, silence, silence], sampleRate });
    expect(surrounds.integratedLufs! - front.integratedLufs!).toBeCloseTo(10 * Math.log10(1.41), 6);
  });

  it("5.1: the LFE channel adds nothing to the loudness but counts for the peaks", () => {
    const loudLfe = toneSegments([[-3, 10]], sampleRate, { frequency: 60 });
    const withLfe = measureLoudness({ channels: [tone, tone, silence, loudLfe, silence, silence], sampleRate });
    const withoutLfe = measureLoudness({ channels: [tone, tone, silence, silence, silence, silence], sampleRate });
    expect(withLfe.integratedLufs).toBe(withoutLfe.integratedLufs);
    expect(withLfe.shortTerm.loudnessLufs).toEqual(withoutLfe.shortTerm.loudnessLufs);
    expect(withLfe.samplePeakDbfs).toBeCloseTo(-3, 3);
    const onlyLfe = measureLoudness({ channels: [silence, silence, silence, loudLfe, silence, silence], sampleRate });
    expect(onlyLfe.integratedLufs).toBeNull();
  });

  it("custom weights replace the defaults", () => {
    const weighted = measureLoudness(stereo(tone, sampleRate), { channelWeights: [2, 0] });
    const mono = measureLoudness({ channels: [tone], sampleRate });
    expect(weighted.integratedLufs!).toBeCloseTo(mono.integratedLufs! + 10 * Math.log10(2), 6);
    expect(weighted.channelWeights).toEqual([2, 0]);
  });

  it("an unusual sample rate (11025 Hz) still reads −23 LUFS for case 1", () => {
    const rate = 11025;
    const result = measureLoudness(stereo(toneSegments([[-23, 10]], rate), rate));
    expect(Math.abs(result.integratedLufs! + 23)).toBeLessThanOrEqual(0.1);
    expect(result.truePeakOversampling).toBe(4);
  });
});

describe("measureLoudness: NaN and infinite samples", () => {
  it("reads them as 0 and counts them; every figure stays finite", () => {
    const sampleRate = 44100;
    const [left, right] = musicLike(sampleRate, 5, 3);
    const poisoned = [Float32Array.from(left!), Float32Array.from(right!)];
    const zeroed = [Float32Array.from(left!), Float32Array.from(right!)];
    for (const [channel, index, value] of [
      [0, 1000, Number.NaN],
      [0, 50000, Number.POSITIVE_INFINITY],
      [1, 120000, Number.NEGATIVE_INFINITY],
      [1, 120001, Number.NaN],
    ] as const) {
      poisoned[channel]![index] = value;
      zeroed[channel]![index] = 0;
    }
    const result = measureLoudness({ channels: poisoned, sampleRate });
    const expected = measureLoudness({ channels: zeroed, sampleRate });
    expect(result.nonFiniteSamples).toBe(4);
    expect({ ...result, nonFiniteSamples: 0 }).toEqual(expected);
    expect(Number.isFinite(result.integratedLufs)).toBe(true);
    expect(Number.isFinite(result.truePeak)).toBe(true);
  });
});

describe("createLoudnessMeter: caller mistakes", () => {
  it("rejects bad options with the parameter, expectation and value", () => {
    const make = (options: object) => () =>
      createLoudnessMeter({ sampleRate: 48000, channelCount: 2, ...options } as Parameters<
        typeof createLoudnessMeter
      >[0]);
    expect(make({ sampleRate: 0 })).toThrow("createLoudnessMeter: sampleRate must be a finite number > 3363.9");
    expect(make({ sampleRate: Number.POSITIVE_INFINITY })).toThrow(/got Infinity/);
    expect(make({ channelCount: 0 })).toThrow("createLoudnessMeter: channelCount must be an integer ≥ 1, got 0");
    expect(make({ channelCount: 1.5 })).toThrow(/got 1.5/);
    expect(make({ channelWeights: [1] })).toThrow(
      "createLoudnessMeter: channelWeights must have one entry per channel (2), got 1",
    );
    expect(make({ channelWeights: [1, -1] })).toThrow(
      "createLoudnessMeter: channelWeights[1] must be a finite number ≥ 0, got -1",
    );
    expect(make({ channelWeights: [Number.NaN, 1] })).toThrow(
      /channelWeights\[0\] must be a finite number ≥ 0, got NaN/,
    );
  });

  it("rejects chunks of the wrong shape", () => {
    const meter = createLoudnessMeter({ sampleRate: 48000, channelCount: 2 });
    const samples = new Float32Array(10);
    expect(() => meter.write([samples], 10)).toThrow("LoudnessMeter.write: expected 2 channels, got 1");
    expect(() => meter.write([samples, samples], 11)).toThrow("LoudnessMeter.write: channel 0 holds 10 < 11 samples");
    expect(() => meter.write([samples, samples], -1)).toThrow(/length must be an integer ≥ 0, got -1/);
    expect(() => measureLoudness({ channels: [], sampleRate: 48000 })).toThrow(
      "measureLoudness: signal must have at least one channel, got 0",
    );
    expect(() => measureLoudness({ channels: [samples, new Float32Array(5)], sampleRate: 48000 })).toThrow(
      /channel 1 has 5/,
    );
    expect(() => measureLoudness({ channels: [samples], sampleRate: 1000 })).toThrow(
      "measureLoudness: sampleRate must be a finite number > 3363.9",
    );
  });
});
