import { describe, expect, it } from "vitest";
import { atMetricalLevel, estimateTempo } from "./estimate-tempo.js";

const FRAME_RATE = 86.1328125;

/** Beats at `tempoBpm` (height 1) with off-beat eighths of height `offBeat`, for 40 s. */
function beatsWithOffBeats(tempoBpm: number, offBeat: number): Float32Array {
  const period = (60 * FRAME_RATE) / tempoBpm;
  const envelope = new Float32Array(Math.round(40 * FRAME_RATE));
  for (let beat = 0; 10 + (beat + 1) * period < envelope.length; beat++) {
    envelope[Math.round(10 + beat * period)] = 1;
    envelope[Math.round(10 + (beat + 0.5) * period)] = offBeat;
  }
  return envelope;
}

describe("estimateTempo", () => {
  it("finds a beat whose period falls between two frames, not its double", () => {
    // 84 BPM: 61.5 frames per beat; the eighths (30.76 frames) sit nearly on whole frames.
    const estimate = estimateTempo(beatsWithOffBeats(84, 0.7), { frameRate: FRAME_RATE });
    expect(estimate.tempoBpm! / 84).toBeCloseTo(1, 1);
  });

  it("reports the half, double, third, triple, two thirds and three halves as alternatives", () => {
    const estimate = estimateTempo(beatsWithOffBeats(120, 0.3), { frameRate: FRAME_RATE });
    expect(estimate.tempoBpm! / 120).toBeCloseTo(1, 1);
    const ratios = estimate.candidates
      .map((candidate) => candidate.tempoBpm / estimate.tempoBpm!)
      .sort((a, b) => a - b);
    expect(ratios.map((ratio) => Math.round(ratio * 100) / 100)).toEqual([0.33, 0.5, 0.67, 1, 1.5, 2, 3]);
    const total = estimate.candidates.reduce((sum, candidate) => sum + candidate.likelihood, 0);
    expect(total).toBeCloseTo(1, 6);
    expect(atMetricalLevel(estimate, 3 / 2).tempoBpm! / estimate.tempoBpm!).toBeCloseTo(1.5, 6);
  });
});
