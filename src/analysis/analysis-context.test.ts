import { describe, expect, it } from "vitest";
import { AnalysisContext } from "./analysis-context.js";

const stereo = () => ({ channels: [new Float32Array([1, 0, 0.5]), new Float32Array([0, 0, 0.5])], sampleRate: 8000 });

describe("AnalysisContext", () => {
  it("computes a representation once and hands every asker the same object", () => {
    const context = new AnalysisContext(stereo());
    let computed = 0;
    const first = context.memo("thing:1", () => ({ value: ++computed }));
    const second = context.memo("thing:1", () => ({ value: ++computed }));
    expect(second).toBe(first);
    expect(computed).toBe(1);
    expect(context.representationStats()).toEqual([expect.objectContaining({ key: "thing:1", computeCount: 1 })]);
  });

  it("keys representations by their parameters", () => {
    const context = new AnalysisContext(stereo());
    expect(context.memo("stft:1024", () => 1)).toBe(1);
    expect(context.memo("stft:2048", () => 2)).toBe(2);
  });

  it("memoises the mono mix", () => {
    const context = new AnalysisContext(stereo());
    const mono = context.mono();
    expect(Array.from(mono)).toEqual([0.5, 0, 0.5]);
    expect(context.mono()).toBe(mono);
  });

  it("recomputes after release", () => {
    const context = new AnalysisContext(stereo());
    context.mono();
    context.release("mono");
    context.mono();
    expect(context.representationStats()[0]!.computeCount).toBe(2);
  });

  it("rejects signals without channels, ragged channels and bad rates", () => {
    expect(() => new AnalysisContext({ channels: [], sampleRate: 8000 })).toThrow(/at least one channel/);
    expect(
      () => new AnalysisContext({ channels: [new Float32Array(2), new Float32Array(3)], sampleRate: 8000 }),
    ).toThrow(/same length/);
    expect(() => new AnalysisContext({ channels: [new Float32Array(2)], sampleRate: 0 })).toThrow(/sampleRate/);
  });

  it("reports duration from length and rate", () => {
    expect(new AnalysisContext({ channels: [new Float32Array(22_222)], sampleRate: 22_222 }).durationSeconds).toBe(1);
  });
});
