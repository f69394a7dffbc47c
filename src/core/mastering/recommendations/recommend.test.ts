import { describe, expect, it } from "vitest";
import type { GenreTarget } from "./genre-target.js";
import { TARGET_BANDS, type TargetBandName } from "./genre-target.js";
import { BALANCED_TARGET, findGenreTarget } from "./genre-targets.js";
import { type MasteringFigures, UNMEASURED_FIGURES } from "./mastering-figures.js";
import { recommendMastering } from "./recommend.js";
import type { Recommendation, RecommendationLevel } from "./recommendation.js";
import { findStreamingPlatform } from "./streaming-platforms.js";

const techno = findGenreTarget("techno");
const jazz = findGenreTarget("jazz");

/**
 * Figures that sit on `target` except for band EQ offsets (dB of energy applied to the band, as
 * an equaliser would, then shares renormalised) and the overrides.
 */
function figuresOn(
  target: GenreTarget,
  eqDb: Partial<Record<TargetBandName, number>> = {},
  overrides: Partial<MasteringFigures> = {},
): MasteringFigures {
  const energies = TARGET_BANDS.map((band) => target.bandShares[band.name] * 10 ** ((eqDb[band.name] ?? 0) / 10));
  const total = energies.reduce((sum, energy) => sum + energy, 0);
  const { targetLufs } = target.loudness;
  return {
    integratedLufs: targetLufs,
    loudnessRangeLu: (target.loudnessRangeLu.min + target.loudnessRangeLu.max) / 2,
    truePeakDbtp: target.truePeakCeilingDbtp - 0.5,
    channelCount: 2,
    stereoWidth: (target.stereoWidth.min + target.stereoWidth.max) / 2,
    lowEndCorrelation: 0.95,
    bands: TARGET_BANDS.map((band, index) => ({
      name: band.name,
      lowHz: band.lowHz,
      highHz: band.highHz,
      energyShare: energies[index]! / total,
    })),
    clippingEvents: 0,
    clippedSamples: 0,
    dcOffset: 0,
    ...overrides,
  };
}

function byArea(items: readonly Recommendation[], area: string): Recommendation {
  const found = items.find((item) => item.area === area);
  if (!found) throw new Error(`no recommendation for ${area}`);
  return found;
}

const LEVELS: readonly RecommendationLevel[] = ["informative", "suggestive", "prescriptive"];

describe("recommendMastering", () => {
  it("finds nothing to change in figures on the target", () => {
    for (const level of LEVELS) {
      const result = recommendMastering(figuresOn(techno), { target: techno, level });
      expect(result.targetId).toBe("techno");
      expect(result.overall.map((item) => item.severity)).toEqual(Array(8).fill("ok"));
      expect(result.summary).toMatch(
        /^Techno target: everything within the target; Spotify \(normal\) turns it down by 6\.0 dB$/,
      );
      if (level === "informative") {
        expect(result.bands).toHaveLength(5);
        expect(byArea(result.overall, "loudness").message).toMatch(/within the Techno target/);
      } else {
        expect(result.bands).toHaveLength(0);
        expect(byArea(result.overall, "loudness").message).toBe("Loudness: ok");
      }
    }
  });

  it("reports a low-end excess in dB with level-dependent wording", () => {
    const figures = figuresOn(techno, { low: 3.1 });
    const [informative, suggestive, prescriptive] = LEVELS.map((level) =>
      recommendMastering(figures, { target: techno, level }),
    );
    const low = byArea(informative!.bands, "band:low");
    expect(low.severity).toBe("minor");
    expect(low.delta).toBeCloseTo(3.1, 9);
    expect(low.deltaUnit).toBe("dB");
    expect(low.measured).toBeCloseTo(3.1, 9);
    expect(low.target).toEqual({ min: -2, max: 2, ideal: 0 });
    expect(low.shares!.target).toBe(0.66);
    expect(low.shares!.measured).toBeCloseTo(figures.bands[0]!.energyShare!, 12);
    expect(low.message).toMatch(/^Low end \(20–200 Hz\) is 3\.1 dB above the Techno target \(/);
    expect(low.message).not.toMatch(/consider/);
    // Only the changed band is off: the others sit on the median reference.
    for (const band of informative!.bands.filter((item) => item.area !== "band:low")) {
      expect(band.severity).toBe("ok");
      expect(band.delta).toBeCloseTo(0, 9);
    }
    const suggested = byArea(suggestive!.bands, "band:low").message;
    expect(suggested).toMatch(/3\.1 dB above the Techno target/);
    expect(suggested).toMatch(/consider cutting 60–120 Hz by about 2 dB/);
    expect(suggestive!.bands).toHaveLength(1);
    expect(byArea(prescriptive!.bands, "band:low").message).toMatch(/low shelf at 120 Hz, −2\.0 dB, Q 0\.7/);
    expect(prescriptive!.summary).toMatch(/1 minor \(low end\)/);
  });

  it("grades band deviations by the tolerance and suggests boosts inside the band", () => {
    // Techno tolerance 2 dB: −4.5 dB is beyond twice the tolerance.
    const result = recommendMastering(figuresOn(techno, { high: -4.5 }), { target: techno, level: "prescriptive" });
    const high = byArea(result.bands, "band:high");
    expect(high.severity).toBe("major");
    expect(high.delta).toBeCloseTo(-4.5, 9);
    expect(high.message).toMatch(/Highs \(6–20 kHz\) are 4\.5 dB below the Techno target/);
    expect(high.message).toMatch(/high shelf at 10 kHz, \+2\.5 dB, Q 0\.7/);
    const suggestion = recommendMastering(figuresOn(techno, { high_mid: 3 }), { target: techno, level: "suggestive" });
    expect(byArea(suggestion.bands, "band:high_mid").message).toMatch(/consider cutting 2\.5–5 kHz by about 2 dB/);
  });

  it("prescribes a limiter change for a master louder than the target", () => {
    const figures = figuresOn(techno, {}, { integratedLufs: -4.2, truePeakDbtp: -0.2 });
    const informative = recommendMastering(figures, { target: techno, level: "informative" });
    const loudness = byArea(informative.overall, "loudness");
    expect(loudness.severity).toBe("minor");
    expect(loudness.delta).toBeCloseTo(3.8, 9);
    expect(loudness.message).toMatch(
      /^Integrated loudness −4\.2 LUFS is 3\.8 LU above the Techno target of −8\.0 LUFS/,
    );
    const truePeak = byArea(informative.overall, "true-peak");
    expect(truePeak.severity).toBe("minor");
    expect(truePeak.delta).toBeCloseTo(1.8, 9);
    const dynamics = byArea(informative.overall, "dynamics");
    expect(dynamics.measured).toBeCloseTo(4, 9);
    expect(dynamics.delta).toBeCloseTo(-1.5, 9);
    expect(dynamics.severity).toBe("minor");
    const prescriptive = recommendMastering(figures, { target: techno, level: "prescriptive" });
    expect(byArea(prescriptive.overall, "loudness").message).toMatch(
      /reduce limiter input by 3\.8 dB and set the ceiling to −2\.0 dBTP/,
    );
    expect(byArea(prescriptive.overall, "true-peak").message).toMatch(/true-peak mode .* ceiling −2\.0 dBTP/);
  });

  it("flags true peaks over full scale, clipping and DC offset", () => {
    const figures = figuresOn(jazz, {}, { truePeakDbtp: 0.4, clippingEvents: 12, clippedSamples: 80, dcOffset: 0.02 });
    const result = recommendMastering(figures, { target: jazz, level: "suggestive" });
    expect(byArea(result.overall, "true-peak").severity).toBe("major");
    expect(byArea(result.overall, "true-peak").message).toMatch(
      /True peak 0\.4 dBTP is 1\.4 dB above the Jazz ceiling of −1\.0 dBTP \(over full scale/,
    );
    const clipping = byArea(result.overall, "clipping");
    expect(clipping.severity).toBe("major");
    expect(clipping.message).toMatch(/^12 clipped runs \(80 samples at full scale\): consider/);
    const dc = byArea(result.overall, "dc-offset");
    expect(dc.severity).toBe("major");
    expect(dc.measured).toBeCloseTo(20 * Math.log10(0.02), 9);
    expect(dc.message).toMatch(/DC offset −34\.0 dBFS \(\+0\.0200 of full scale\) is above the −60 dBFS threshold/);
    expect(
      recommendMastering(figuresOn(jazz, {}, { clippingEvents: 2 }), { target: jazz, level: "informative" }).overall[6]!
        .severity,
    ).toBe("minor");
  });

  it("assesses loudness range, stereo width and a mono low end", () => {
    const figures = figuresOn(techno, {}, { loudnessRangeLu: 12, stereoWidth: 0.02, lowEndCorrelation: 0.5 });
    const result = recommendMastering(figures, { target: techno, level: "prescriptive" });
    const lra = byArea(result.overall, "loudness-range");
    expect(lra.delta).toBeCloseTo(5, 9);
    expect(lra.severity).toBe("major");
    const width = byArea(result.overall, "stereo-width");
    expect(width.delta).toBeCloseTo(-0.03, 9);
    // 0.02 → 0.05 needs 10·log10(0.05·0.98 / (0.02·0.95)) = 4.1 dB more side: major.
    expect(width.severity).toBe("major");
    expect(width.message).toMatch(/M\/S: high-pass the side at 300 Hz, then raise the side by 2\.5 dB/);
    const mono = byArea(result.overall, "low-end-mono");
    expect(mono.severity).toBe("major");
    expect(mono.delta).toBeCloseTo(-0.35, 9);
    expect(mono.message).toMatch(/high-pass the side at 120 Hz/);
    const jazzMono = recommendMastering(figuresOn(jazz, {}, { lowEndCorrelation: 0.45 }), {
      target: jazz,
      level: "suggestive",
    });
    expect(byArea(jazzMono.overall, "low-end-mono").severity).toBe("minor");
    expect(byArea(jazzMono.overall, "low-end-mono").message).toMatch(/below about 80 Hz/);
  });

  it("does not judge the stereo width of a mono file", () => {
    const figures = figuresOn(BALANCED_TARGET, {}, { channelCount: 1, stereoWidth: 0, lowEndCorrelation: 1 });
    const result = recommendMastering(figures, { target: BALANCED_TARGET, level: "informative" });
    expect(byArea(result.overall, "stereo-width").severity).toBe("unknown");
    expect(byArea(result.overall, "stereo-width").message).toMatch(/mono file/);
    expect(byArea(result.overall, "low-end-mono").severity).toBe("ok");
  });

  it("says 'cannot assess' for silent or unmeasured input, never NaN", () => {
    for (const level of LEVELS) {
      const result = recommendMastering(UNMEASURED_FIGURES, { target: techno, level });
      for (const item of result.overall) {
        expect(item.severity, item.area).toBe("unknown");
        expect(item.message, item.area).toMatch(/cannot assess/);
        expect(item.measured).toBeNull();
        expect(item.delta).toBeNull();
      }
      expect(result.bands).toHaveLength(1);
      expect(result.bands[0]!.area).toBe("spectral-balance");
      expect(result.bands[0]!.message).toMatch(/Spectral balance: cannot assess/);
      expect(result.platforms.every((playback) => playback.action === "unknown")).toBe(true);
      expect(result.summary).toMatch(/^Cannot assess against the Techno target/);
      expect(JSON.stringify(result)).not.toMatch(/NaN|Infinity|null dB|undefined/);
    }
  });

  it("reads non-finite numbers as unmeasured", () => {
    const figures = figuresOn(techno, {}, { integratedLufs: Number.NaN, loudnessRangeLu: Number.POSITIVE_INFINITY });
    const result = recommendMastering(figures, { target: techno, level: "prescriptive" });
    expect(byArea(result.overall, "loudness").severity).toBe("unknown");
    expect(byArea(result.overall, "dynamics").severity).toBe("unknown");
    expect(byArea(result.overall, "loudness-range").severity).toBe("unknown");
    expect(byArea(result.overall, "true-peak").severity).toBe("ok");
    expect(JSON.stringify(result)).not.toMatch(/NaN|Infinity/);
  });

  it("marks single bands it cannot compare and needs three bands for a balance", () => {
    const base = figuresOn(techno);
    const shifted = base.bands.map((band) => (band.name === "high" ? { ...band, lowHz: 5000 } : band));
    const oneOff = recommendMastering({ ...base, bands: shifted }, { target: techno, level: "suggestive" });
    expect(oneOff.bands).toHaveLength(1);
    expect(oneOff.bands[0]!.severity).toBe("unknown");
    expect(oneOff.bands[0]!.message).toMatch(/Highs \(6–20 kHz\): cannot assess \(measured over 5–20 kHz/);
    const two = recommendMastering({ ...base, bands: base.bands.slice(0, 2) }, { target: techno, level: "suggestive" });
    expect(two.bands[0]!.message).toMatch(/only 2 of 5 bands measured/);
  });

  it("simulates the platforms asked for", () => {
    const platforms = [findStreamingPlatform("spotify"), findStreamingPlatform("youtube")];
    const quiet = figuresOn(jazz, {}, { integratedLufs: -20, truePeakDbtp: -3 });
    const result = recommendMastering(quiet, { target: jazz, level: "informative", platforms });
    expect(result.platforms.map((playback) => [playback.platformId, playback.gainDb])).toEqual([
      ["spotify", 2],
      ["youtube", 0],
    ]);
    expect(result.summary).toMatch(/Spotify \(normal\) turns it up by 2\.0 dB$/);
    const loud = recommendMastering(figuresOn(techno, {}, { truePeakDbtp: -0.5 }), {
      target: techno,
      level: "informative",
    });
    expect(loud.summary).toMatch(/clip risk after lossy encoding on every platform$/);
  });

  it("rejects an unknown level", () => {
    expect(() =>
      recommendMastering(figuresOn(techno), { target: techno, level: "loud" as unknown as RecommendationLevel }),
    ).toThrow(/recommendMastering: level must be one of informative, suggestive, prescriptive, got "loud"/);
  });
});
