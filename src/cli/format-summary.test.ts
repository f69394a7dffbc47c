import { describe, expect, it } from "vitest";
import { analyzeAudio } from "../analysis/analyze-audio.js";
import { toneSegments } from "../core/loudness/ebu-test-signals.js";
import { addChord } from "../core/test-helpers/harmonic-signals.js";
import { clickTrain } from "../core/test-helpers/signals.js";
import { formatSummary } from "./format-summary.js";

describe("formatSummary", () => {
  it("shows levels, tempo with its alternatives and meter, and the key with its codes", async () => {
    const rate = 22_050;
    const samples = clickTrain(120, rate, rate * 12);
    for (let bar = 0; bar < 6; bar++) addChord(samples, rate, bar * 2 * rate, 2 * rate, [57, 60, 64]);
    const report = await analyzeAudio(
      { channels: [samples], sampleRate: rate },
      { origin: "file", path: "a.wav" },
      {
        analyses: ["signal", "rhythm", "key", "tuning", "chords", "structure"],
      },
    );
    const text = formatSummary(report, "a.wav");
    expect(text.split("\n")[0]).toBe("a.wav");
    expect(text).toMatch(/^ {2}levels {3}peak [−+]?\d+\.\d dBFS/m);
    expect(text).toMatch(/^ {2}tempo {4}1[12]\d\.\d BPM \(confidence \d\.\d\d\)/m);
    expect(text).toMatch(/^ {2}key {6}A minor \(\d\.\d\d, Camelot 8A, Open Key 1m\)/m);
    expect(text).toMatch(/^ {2}chords {3}Am( Am)* {2}\(\d+ changes\/min\)$/m);
  });

  it("says so when there is no pulse and no tonal centre", async () => {
    const report = await analyzeAudio({ channels: [new Float32Array(22_050 * 2)], sampleRate: 22_050 }, undefined, {
      analyses: ["rhythm", "key", "chords"],
    });
    const text = formatSummary(report, "silence");
    expect(text).toContain("tempo    no steady pulse found");
    expect(text).toContain("key      no tonal centre found");
    expect(text).toContain("chords   no chords found");
    expect(text).not.toContain("levels");
  });

  it("shows loudness when it was measured, and says why when it cannot be", async () => {
    const rate = 48_000;
    const tone = toneSegments([[-23, 10]], rate);
    const report = await analyzeAudio({ channels: [tone, tone], sampleRate: rate }, undefined, {
      analyses: ["loudness"],
    });
    expect(formatSummary(report, "tone")).toMatch(
      /^ {2}loudness −23\.0 LUFS integrated, LRA 0\.0 LU, true peak −23\.0 dBTP, PLR 0\.0 dB$/m,
    );
    const slow = await analyzeAudio({ channels: [new Float32Array(3000)], sampleRate: 3000 }, undefined, {
      analyses: ["loudness"],
    });
    expect(formatSummary(slow, "slow")).toMatch(/^ {2}loudness BS\.1770 loudness needs a sample rate above 3364 Hz/m);
  });

  it("keeps long timelines to one readable line", async () => {
    const report = await analyzeAudio({ channels: [new Float32Array(2205)], sampleRate: 22_050 }, undefined, {
      analyses: ["structure"],
    });
    const sections = Array.from({ length: 40 }, (_, i) => ({
      start: i * 10,
      end: (i + 1) * 10,
      label: "A",
      name: "verse" as const,
      confidence: 0.5,
    }));
    const long = { ...report, analyses: { structure: { ...report.analyses.structure!, sections } } };
    const line = formatSummary(long, "long.wav")
      .split("\n")
      .find((row) => row.startsWith("  sections"))!;
    expect(line.split(" · ")).toHaveLength(17);
    expect(line).toMatch(/… \(40 sections; --json has all\)$/);
  });
});
