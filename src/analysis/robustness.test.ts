/**
 * Every analysis together, through analyzeAudio and the report schema (which rejects NaN
 * and infinities), on the inputs the music-analysis issue lists as hostile: each must
 * give a valid report, with low confidence where nothing can be known, and never crash.
 */
import { describe, expect, it } from "vitest";
import { addChord } from "../core/test-helpers/harmonic-signals.js";
import { clickTrain, gaussianNoise, impulse } from "../core/test-helpers/signals.js";
import type { AudioSignal } from "../core/types.js";
import { analyzeAudio } from "./analyze-audio.js";
import { ReportSchema } from "./report.js";

const mono = (samples: Float32Array, sampleRate: number): AudioSignal => ({ channels: [samples], sampleRate });

function music(sampleRate: number, seconds: number, silentIntroSeconds = 0): Float32Array {
  const samples = new Float32Array(Math.round(sampleRate * (seconds + silentIntroSeconds)));
  const start = Math.round(sampleRate * silentIntroSeconds);
  // Quarter-note clicks with softer off-beat eighths, as a groove has (a hi-hat's eighths).
  const clicks = clickTrain(120, sampleRate, samples.length - start);
  const offBeats = clickTrain(120, sampleRate, samples.length - start, 0.25);
  for (let i = 0; i < clicks.length; i++) samples[start + i] = 0.5 * clicks[i]! + 0.2 * offBeats[i]!;
  const bar = 2 * sampleRate;
  // I–IV–V7–I in C major: an unambiguous cadence (C–Am–F–G would fit A minor as well).
  const progression = [
    [48, 60, 64, 67],
    [41, 60, 65, 69],
    [43, 59, 62, 65, 67],
    [48, 60, 64, 67],
  ];
  for (let b = 0; start + b * bar < samples.length; b++) {
    addChord(samples, sampleRate, start + b * bar, bar, progression[b % 4]!);
  }
  return samples;
}

const CASES: [string, () => AudioSignal][] = [
  ["digital silence", () => mono(new Float32Array(44_100 * 5), 44_100)],
  ["white noise", () => mono(gaussianNoise(44_100 * 5, 3, 0.2), 44_100)],
  ["a single click", () => mono(impulse(44_100 * 5, 44_100 * 2), 44_100)],
  ["a 0.5-second clip", () => mono(music(44_100, 0.5), 44_100)],
  ["a 10-millisecond clip", () => mono(music(44_100, 0.01), 44_100)],
  [
    "DC offset",
    () =>
      mono(
        music(44_100, 6).map((value) => value + 0.3),
        44_100,
      ),
  ],
  ["8 kHz mono", () => mono(music(8_000, 10), 8_000)],
  ["192 kHz stereo", () => ({ channels: [music(192_000, 4), music(192_000, 4)], sampleRate: 192_000 })],
  ["a long silent intro", () => mono(music(22_050, 12, 20), 22_050)],
];

describe("every analysis on hostile input", () => {
  it.each(CASES)("%s gives a valid report", async (_, makeSignal) => {
    const report = await analyzeAudio(makeSignal(), undefined, { analyses: "all" });
    expect(ReportSchema.safeParse(report).success).toBe(true);
    expect(JSON.stringify(report)).not.toMatch(/NaN|Infinity/);
  });

  it("knows nothing about silence and says so with zero confidence", async () => {
    const { analyses } = await analyzeAudio(mono(new Float32Array(44_100 * 5), 44_100), undefined, { analyses: "all" });
    expect(analyses.rhythm?.tempoBpm).toBeNull();
    expect(analyses.rhythm?.tempoConfidence).toBe(0);
    expect(analyses.key?.key).toBeNull();
    expect(analyses.key?.confidence).toBe(0);
    expect(analyses.chords?.segments.every((segment) => segment.label === "N")).toBe(true);
    expect(analyses.onsets?.count).toBe(0);
  });

  it("finds the music after a long silent intro", async () => {
    const { analyses } = await analyzeAudio(mono(music(22_050, 16, 20), 22_050), undefined, {
      analyses: ["rhythm", "key"],
    });
    expect(analyses.rhythm!.tempoBpm! / 120).toBeGreaterThan(0.97);
    expect(analyses.rhythm!.tempoBpm! / 120).toBeLessThan(1.03);
    expect(analyses.rhythm!.beats[0]!).toBeGreaterThan(19.5);
    expect(analyses.key!.key).toBe("C major");
  });
});
