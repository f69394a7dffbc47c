import { describe, expect, it } from "vitest";
import { addChord, chordSequence, majorCadence, minorCadence } from "../../core/test-helpers/harmonic-signals.js";
import { impulse, whiteNoise } from "../../core/test-helpers/signals.js";
import { AnalysisContext } from "../analysis-context.js";
import { chromaOf } from "../representations/chroma.js";
import { KeySchema, keyAnalysis } from "./key.js";
import { TuningSchema, tuningAnalysis } from "./tuning.js";

const context = (samples: Float32Array, sampleRate: number) =>
  AnalysisContext.fromSignal({ channels: [samples], sampleRate });
const run = async (samples: Float32Array, sampleRate: number) => {
  const shared = context(samples, sampleRate);
  return {
    key: KeySchema.parse(await keyAnalysis.run(shared, {})),
    tuning: TuningSchema.parse(await tuningAnalysis.run(shared, {})),
  };
};
/** Every number in the result is finite (zod's number already rejects NaN). */
const allFinite = (value: unknown): boolean =>
  typeof value === "number"
    ? Number.isFinite(value)
    : typeof value === "object" && value !== null
      ? Object.values(value).every(allFinite)
      : true;

describe("the key and tuning analyses", () => {
  it("report an A minor cadence with Camelot, Open Key, runner-up, one segment and the corpus key", async () => {
    const samples = chordSequence([...minorCadence(57), ...minorCadence(57), ...minorCadence(57)], 22_050, 0.75);
    const { key, tuning } = await run(samples, 22_050);
    expect(key).toMatchObject({ key: "A minor", tonic: "A", tonicPitchClass: 9, mode: "minor", camelot: "8A" });
    expect(key.openKey).toBe("1m");
    expect(key.confidence).toBeGreaterThan(key.runnerUp!.confidence);
    expect(key.segments).toHaveLength(1);
    expect(keyAnalysis.toCorpus!(key)).toEqual({ key: "A minor" });
    expect(Math.abs(tuning.deviationCents)).toBeLessThan(1);
  });

  it("measures the tuning of a detuned cadence and still finds its key", async () => {
    const samples = chordSequence([...majorCadence(62), ...majorCadence(62)], 22_050, 0.75, { referenceHz: 436 });
    const { key, tuning } = await run(samples, 22_050);
    expect(Math.abs(1200 * Math.log2(tuning.referenceHz / 436))).toBeLessThan(1);
    expect(key.key).toBe("D major");
  });

  it("takes the final cadence from the last chord played, not from the release tail after it", async () => {
    // Am–F–C–G twice, a final C (C major and A minor share their notes: the cadence decides),
    // then 1.5 s of an A minor triad 40 dB down, as a held melody note over the decay reads.
    const triad = (root: number, third: number) => [root - 12, root, root + third, root + 7];
    const loop = [triad(57, 3), triad(53, 4), triad(60, 4), triad(55, 4)];
    const played = chordSequence([...loop, ...loop, triad(60, 4)], 22_050, 0.75);
    const samples = new Float32Array(played.length + Math.round(1.5 * 22_050));
    samples.set(played);
    addChord(samples, 22_050, played.length, samples.length - played.length, triad(57, 3), { amplitude: 0.001 });
    const { key } = await run(samples, 22_050);
    expect(key.key).toBe("C major");
  });

  it("shares one chroma between analyses", () => {
    const shared = context(chordSequence(majorCadence(60), 22_050, 0.5), 22_050);
    keyAnalysis.run(shared, {});
    expect(chromaOf(shared)).toBe(chromaOf(shared));
    expect(shared.representationStats().find((entry) => entry.key === "chroma:tonal")?.computeCount).toBe(1);
  });

  it.each([
    ["silence", new Float32Array(44_100), 44_100],
    ["a single click", impulse(44_100, 20_000), 44_100],
    ["a 0.5-s clip", chordSequence([[60, 64, 67]], 44_100, 0.5), 44_100],
    ["DC offset", new Float32Array(44_100).fill(0.3), 44_100],
    ["white noise", whiteNoise(3 * 22_050, 11, 0.5), 22_050],
    ["8 kHz audio", chordSequence(majorCadence(60), 8000, 0.5), 8000],
    ["192 kHz audio", chordSequence([[57, 60, 64]], 192_000, 0.3), 192_000],
  ])("gives a valid, finite result for %s", async (_, samples, sampleRate) => {
    const { key, tuning } = await run(samples, sampleRate);
    expect(allFinite(key) && allFinite(tuning)).toBe(true);
    if (key.key === null) {
      expect(key.confidence).toBe(0);
      expect(keyAnalysis.toCorpus!(key)).toEqual({});
    }
  });

  it("gives no key for silence and a low confidence for white noise", async () => {
    expect((await run(new Float32Array(22_050), 22_050)).key).toMatchObject({ key: null, confidence: 0, segments: [] });
    expect((await run(whiteNoise(3 * 22_050, 5, 0.5), 22_050)).key.confidence).toBeLessThan(0.5);
  });
});
