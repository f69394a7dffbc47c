import { describe, expect, it } from "vitest";
import { createSeededRandom } from "../test-helpers/seeded-random.js";
import { hzToCents } from "./hz-to-cents.js";
import { createDroneSpectrumStream, droneSpectrumPeaks, type SpectralPeak } from "./tonic-drone-peaks.js";

const RATE = 22_050;

/** A 146.8-Hz drone (Sa, Pa, upper Sa) under a melody wandering 300–500 Hz, with light noise. */
function droneUnderMelody(seconds: number): Float32Array {
  const random = createSeededRandom(17);
  const out = new Float32Array(Math.round(seconds * RATE));
  let phase = 0;
  for (let i = 0; i < out.length; i++) {
    const time = i / RATE;
    let drone = 0;
    for (const [ratio, gain] of [
      [1, 0.15],
      [1.5, 0.08],
      [2, 0.08],
    ] as const) {
      drone += gain * Math.sin(2 * Math.PI * 146.8 * ratio * time);
    }
    out[i] = drone + 0.3 * Math.sin(phase) + 0.01 * (random() - 0.5);
    phase += (2 * Math.PI * (400 + 100 * Math.sin(0.7 * time))) / RATE;
  }
  return out;
}

function streamed(signal: Float32Array, expectedSamples: number | null, sizes: readonly number[]): SpectralPeak[] {
  const stream = createDroneSpectrumStream(RATE, expectedSamples);
  for (let i = 0, k = 0; i < signal.length; k++) {
    const size = sizes[k % sizes.length]!;
    stream.push(signal.subarray(i, i + size));
    i += size;
  }
  return stream.finish();
}

/** The drone's Sa is among the peaks, within 5 cents. */
function expectSa(peaks: readonly SpectralPeak[]): void {
  const nearest = Math.min(...peaks.map((peak) => Math.abs(hzToCents(peak.hz, 146.8))));
  expect(nearest).toBeLessThan(5);
}

describe("createDroneSpectrumStream", () => {
  const signal = droneUnderMelody(40);
  const whole = droneSpectrumPeaks(signal, RATE);

  it("gives droneSpectrumPeaks' peaks exactly when the expected length is right or nearly so", () => {
    expectSa(whole);
    for (const sizes of [[1, 999, 65_536], [4096]]) {
      expect(streamed(signal, signal.length, sizes)).toEqual(whole);
    }
    // A declared length 0.1 s off either way (within half a frame of slack) still places the frames exactly.
    expect(streamed(signal, signal.length + 2205, [10_000])).toEqual(whole);
    expect(streamed(signal, signal.length - 2205, [10_000])).toEqual(whole);
  });

  it("still finds the drone when the length is unknown or far off", () => {
    for (const expected of [null, Math.round(signal.length * 1.5), Math.round(signal.length * 0.6)]) {
      const peaks = streamed(signal, expected, [7000]);
      expectSa(peaks);
      expect(peaks.length).toBeGreaterThan(0);
    }
  });

  it("matches droneSpectrumPeaks on short and empty signals", () => {
    for (const seconds of [0, 0.2, 2]) {
      const short = droneUnderMelody(seconds);
      expect(streamed(short, short.length, [333])).toEqual(droneSpectrumPeaks(short, RATE));
    }
    expect(createDroneSpectrumStream(RATE, null).finish()).toEqual([]);
  });
});
