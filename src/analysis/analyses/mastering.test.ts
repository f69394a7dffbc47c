import { describe, expect, it } from "vitest";
import { toneSegments } from "../../core/loudness/ebu-test-signals.js";
import { createSeededRandom } from "../../core/test-helpers/seeded-random.js";
import { AnalysisContext } from "../analysis-context.js";
import { MasteringSchema, masteringAnalysis } from "./mastering.js";

function masteringOf(channels: Float32Array[], sampleRate: number) {
  const context = AnalysisContext.fromSignal(
    { channels, sampleRate },
    { origin: "signal" },
    { passes: ["loudness", "mastering"] },
  );
  const report = MasteringSchema.parse(masteringAnalysis.run(context, {}));
  // Never NaN anywhere in the report.
  expect(JSON.stringify(report)).not.toMatch(/NaN|Infinity/);
  return report;
}

const codes = (report: { notes: { code: string }[] }) => report.notes.map((note) => note.code);

/** Pink-ish noise: white noise through a one-pole low-pass, so every band has energy. */
function music(length: number, seed: number): Float32Array {
  const random = createSeededRandom(seed);
  const out = new Float32Array(length);
  let state = 0;
  for (let i = 0; i < length; i++) {
    state = 0.97 * state + 0.03 * (2 * random() - 1);
    out[i] = 0.5 * state + 0.05 * (2 * random() - 1);
  }
  return out;
}

describe("mastering analysis: the reports the issue asks for", () => {
  it("a silent file: null loudness and band figures, explained", () => {
    const report = masteringOf([new Float32Array(96_000), new Float32Array(96_000)], 48_000);
    expect(report.loudness.integratedLufs).toBeNull();
    expect(report.bands.every((band) => band.energyShare === null)).toBe(true);
    expect(codes(report)).toContain("SILENT");
  });

  it("a mono file: correlation 1, width 0, no mono loss, explained", () => {
    const report = masteringOf([music(44_100 * 8, 1)], 44_100);
    expect(report.stereo.source).toBe("mono");
    expect(report.stereo.correlation).toBe(1);
    expect(report.stereo.width).toBe(0);
    expect(report.stereo.monoLossDb).toBe(0);
    expect(codes(report)).toContain("MONO_INPUT");
    expect(report.loudness.integratedLufs).not.toBeNull();
  });

  it("one silent channel: correlation undefined (null), explained", () => {
    const left = music(44_100 * 8, 2);
    const report = masteringOf([left, new Float32Array(left.length)], 44_100);
    expect(report.stereo.correlation).toBeNull();
    expect(codes(report)).toContain("SILENT_CHANNEL");
    expect(report.stereo.width).toBeCloseTo(0.5, 2); // L only: mid and side carry equal energy
  });

  it("a clipped file: clipped runs counted, true peak at or above full scale", () => {
    const sine = toneSegments([[6, 5]], 44_100, { frequency: 100 });
    for (let i = 0; i < sine.length; i++) sine[i] = Math.max(-1, Math.min(1, sine[i]!));
    const report = masteringOf([sine, sine], 44_100);
    expect(report.clipping.events).toBeGreaterThan(900); // two flat tops per 10 ms cycle, 5 s
    expect(report.loudness.truePeakDbtp!).toBeGreaterThanOrEqual(0);
    expect(report.crestFactorDb!).toBeLessThan(3.01); // flattened: below a sine's crest
  });

  it("a 5.1 file: stereo figures from the front pair, loudness weights the surrounds", () => {
    const channels = Array.from({ length: 6 }, (_, c) => music(48_000 * 6, 10 + c));
    const report = masteringOf(channels, 48_000);
    expect(report.stereo.source).toBe("front-pair");
    expect(codes(report)).toContain("FRONT_PAIR");
    expect(report.stereo.correlation!).toBeLessThan(0.2); // independent noises
    expect(report.loudness.integratedLufs).not.toBeNull();
  });

  it("a 96 kHz file: bands and the balance curve stay within 20 kHz", () => {
    const tone = toneSegments([[-12, 6]], 96_000, { frequency: 1000 });
    const report = masteringOf([tone, tone], 96_000);
    const mid = report.bands.find((band) => band.name === "mid")!;
    expect(mid.energyShare!).toBeGreaterThan(0.99);
    expect(report.loudness.integratedLufs).toBeCloseTo(-12, 1);
    expect(Math.max(...report.spectralBalance.nominalHz)).toBeLessThanOrEqual(20_000);
    const loudest = report.spectralBalance.levelsDb.indexOf(
      Math.max(...report.spectralBalance.levelsDb.map((level) => level ?? -Infinity)),
    );
    expect(report.spectralBalance.nominalHz[loudest]).toBe(1000);
  });
});
