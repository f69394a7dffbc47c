import { describe, expect, it } from "vitest";
import { analyzeAudio, type ProgressEvent, resolveAnalyses } from "./analyze-audio.js";
import { TonearmError } from "./errors.js";
import { ReportSchema } from "./report.js";

function sine(amplitude: number, seconds: number, sampleRate: number): Float32Array {
  const out = new Float32Array(Math.round(seconds * sampleRate));
  for (let i = 0; i < out.length; i++) out[i] = amplitude * Math.sin((2 * Math.PI * 440 * i) / sampleRate);
  return out;
}

describe("analyzeAudio", () => {
  it("reports the decoded signal's facts and levels, validated by the schema", async () => {
    const audio = { channels: [sine(0.5, 2, 48_000), sine(0.25, 2, 48_000)], sampleRate: 48_000 };
    const report = await analyzeAudio(audio, { origin: "file", path: "/music/a song.wav", codec: "pcm_s16le" });
    expect(ReportSchema.safeParse(report).success).toBe(true);
    expect(report.audio).toEqual({ durationSeconds: 2, sampleRate: 48_000, channels: 2, samples: 96_000 });
    expect(report.source.name).toBe("a song.wav");
    expect(report.analyses.signal!.samplePeakDbfs!).toBeCloseTo(-6.02, 2);
    expect(report.analyses.signal!.channels[1]!.samplePeakDbfs!).toBeCloseTo(-12.04, 2);
    expect(report.warnings).toEqual([]);
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
  });

  it("warns about a silent signal instead of failing", async () => {
    const report = await analyzeAudio({ channels: [new Float32Array(8000)], sampleRate: 8000 });
    expect(report.warnings.map((warning) => warning.code)).toEqual(["SILENT_AUDIO"]);
    expect(report.analyses.signal!.samplePeakDbfs).toBeNull();
  });

  it("reports progress that rises to 1", async () => {
    const events: ProgressEvent[] = [];
    await analyzeAudio({ channels: [sine(0.1, 0.5, 8000)], sampleRate: 8000 }, undefined, {
      onProgress: (event) => events.push(event),
      progressOffset: 0.4,
    });
    const fractions = events.map((event) => event.fraction);
    expect(fractions[0]).toBeCloseTo(0.4, 9);
    expect(fractions.at(-1)).toBe(1);
    expect([...fractions].sort((a, b) => a - b)).toEqual(fractions);
  });

  it("stops when aborted", async () => {
    const controller = new AbortController();
    controller.abort(new Error("user cancelled"));
    await expect(
      analyzeAudio({ channels: [new Float32Array(10)], sampleRate: 8000 }, undefined, { signal: controller.signal }),
    ).rejects.toThrow("user cancelled");
  });
});

describe("resolveAnalyses", () => {
  it("defaults to every analysis and keeps registry order", () => {
    expect(resolveAnalyses(undefined)).toContain("signal");
    expect(resolveAnalyses("all")).toEqual(expect.arrayContaining(resolveAnalyses(undefined)));
  });

  it("names unknown analyses and lists the available ones", () => {
    try {
      resolveAnalyses(["signal", "tempo"]);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(TonearmError);
      expect((error as TonearmError).code).toBe("INVALID_OPTION");
      expect((error as TonearmError).message).toMatch(/unknown analysis "tempo"; available: signal/);
    }
  });
});

describe("resolveAnalyses: opt-in analyses", () => {
  it("leaves opt-in analyses out of the default set but not out of 'all'", async () => {
    const { ANALYSES } = await import("./registry.js");
    const optIn = ANALYSES.filter(
      (analysis) => (analysis as { includedByDefault?: boolean }).includedByDefault === false,
    );
    const defaults = resolveAnalyses(undefined);
    for (const analysis of optIn) {
      expect(defaults).not.toContain(analysis.name);
      expect(resolveAnalyses("all")).toContain(analysis.name);
      expect(resolveAnalyses([analysis.name])).toEqual([analysis.name]);
    }
    expect(defaults.length + optIn.length).toBe(ANALYSES.length);
  });
});
