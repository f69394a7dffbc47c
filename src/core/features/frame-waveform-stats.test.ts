import { describe, expect, it } from "vitest";
import { createSeededRandom } from "../test-helpers/seeded-random.js";
import { createFrameWaveformStats, type WaveformFraming } from "./frame-waveform-stats.js";

/** Crossings and energy of signal samples [start, start + frameSize) ∩ [0, length), counted directly. */
function reference(signal: Float32Array, start: number, frameSize: number, floor: number): [number, number] {
  const from = Math.max(0, start);
  const to = Math.min(signal.length, start + frameSize);
  let crossings = 0;
  let energy = 0;
  for (let n = from; n < to; n++) {
    energy += signal[n]! * signal[n]!;
    if (n > from && signal[n]! < floor !== signal[n - 1]! < floor) crossings++;
  }
  return [crossings, energy];
}

/** Frames the signal as the streaming STFT does (reflect-like junk in the padding) and collects the figures. */
function framedStats(signal: Float32Array, framing: WaveformFraming, floor: number): [number, number][] {
  const { frameSize, hopSize, center } = framing;
  const pad = center ? frameSize >> 1 : 0;
  const frames = center
    ? Math.floor(signal.length / hopSize) + 1
    : Math.max(0, Math.floor((signal.length - frameSize) / hopSize) + 1);
  const stats = createFrameWaveformStats(framing, floor);
  const frame = new Float32Array(frameSize);
  const out = new Float64Array(2);
  const result: [number, number][] = [];
  for (let t = 0; t < frames; t++) {
    const start = t * hopSize - pad;
    const validFrom = Math.max(0, -start);
    const validTo = Math.max(validFrom, Math.min(frameSize, signal.length - start));
    frame.fill(0.75); // padding must not count, whatever it holds
    frame.set(signal.subarray(start + validFrom, start + validTo), validFrom);
    stats(frame, validFrom, validTo, out);
    result.push([out[0]!, out[1]!]);
  }
  return result;
}

describe("createFrameWaveformStats", () => {
  const floor = -1e-10;
  const random = createSeededRandom(31);
  const framings: WaveformFraming[] = [
    { frameSize: 2048, hopSize: 512, center: true }, // blockwise
    { frameSize: 1024, hopSize: 256, center: false }, // blockwise, no padding
    { frameSize: 2048, hopSize: 500, center: true }, // not whole hops: frame by frame
    { frameSize: 64, hopSize: 64, center: true }, // no overlap
  ];
  for (const framing of framings) {
    it(`counts what a direct count over each frame's signal samples gives (${JSON.stringify(framing)})`, () => {
      for (const length of [0, 1, 3, 511, 2047, 2048, 2049, 5000, 20_011]) {
        // A signal that hovers around zero so crossings are plentiful, with exact zeros too.
        const signal = new Float32Array(length).map(() => (random() < 0.05 ? 0 : random() - 0.45));
        const pad = framing.center ? framing.frameSize >> 1 : 0;
        framedStats(signal, framing, floor).forEach(([crossings, energy], t) => {
          const [expectedCrossings, expectedEnergy] = reference(
            signal,
            t * framing.hopSize - pad,
            framing.frameSize,
            floor,
          );
          expect(crossings).toBe(expectedCrossings);
          expect(energy).toBeCloseTo(expectedEnergy, 9);
        });
      }
    });
  }
});
