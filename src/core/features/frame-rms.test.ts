import { describe, expect, it } from "vitest";
import { sine, whiteNoise } from "../test-helpers/signals.js";
import { frameRms } from "./frame-rms.js";

/** librosa.feature.rms transcribed: zero padding by frameSize/2, framing, √mean(x²). */
function referenceRms(samples: Float32Array, frameSize: number, hopSize: number): number[] {
  const padded = [...new Array<number>(frameSize / 2).fill(0), ...samples, ...new Array<number>(frameSize / 2).fill(0)];
  const frames = 1 + Math.floor((padded.length - frameSize) / hopSize);
  return Array.from({ length: frames }, (_, t) => {
    let sum = 0;
    for (let n = 0; n < frameSize; n++) sum += padded[t * hopSize + n]! ** 2;
    return Math.sqrt(sum / frameSize);
  });
}

describe("frameRms (librosa.feature.rms)", () => {
  it("reads A/√2 for a sine of amplitude A and |c| for DC, away from the edges", () => {
    const levels = frameRms(sine(440, 22050, 22050, { amplitude: 0.5 }));
    expect(levels[20]!).toBeCloseTo(0.5 / Math.SQRT2, 3);
    expect(frameRms(new Float32Array(8192).fill(-0.25))[8]!).toBeCloseTo(0.25, 6);
    // The first frame is half zeros (constant padding): √(1/2) of the level.
    expect(frameRms(new Float32Array(8192).fill(1))[0]!).toBeCloseTo(Math.SQRT1_2, 6);
  });

  it.each([
    [2048, 512],
    [300, 128],
  ])("equals librosa's definition frame by frame (frame %i, hop %i)", (frameSize, hopSize) => {
    const noise = whiteNoise(5000, 3, 0.7);
    const levels = frameRms(noise, { frameSize, hopSize });
    const reference = referenceRms(noise, frameSize, hopSize);
    expect(levels.length).toBe(reference.length);
    for (let t = 0; t < reference.length; t++) expect(levels[t]!).toBeCloseTo(reference[t]!, 5);
  });

  it("is 0 for silence, handles empty and uncentred input, and marks NaN frames", () => {
    expect(frameRms(new Float32Array(3000)).every((value) => value === 0)).toBe(true);
    expect(frameRms(new Float32Array(0)).length).toBe(0);
    expect(frameRms(new Float32Array(100), { center: false }).length).toBe(0);
    const withNan = new Float32Array(6000);
    withNan[5000] = Number.NaN;
    const levels = frameRms(withNan);
    expect(levels[0]).toBe(0);
    expect(Number.isNaN(levels[10]!)).toBe(true);
  });
});
