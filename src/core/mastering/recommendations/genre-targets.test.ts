import { describe, expect, it } from "vitest";
import { MASTERING_BANDS } from "../frequency-bands.js";
import { TARGET_BANDS } from "./genre-target.js";
import { BALANCED_TARGET, findGenreTarget, GENRE_TARGETS, genreKey } from "./genre-targets.js";
import { LOUD_MASTER_LUFS } from "./streaming-platforms.js";

const REQUIRED = [
  "Psytrance",
  "Trance",
  "Techno",
  "House",
  "Drum & Bass",
  "Dubstep",
  "Pop",
  "Rock",
  "Hip Hop",
  "Jazz",
  "Classical",
  "Metal",
];
const ALL = [...GENRE_TARGETS, BALANCED_TARGET];

describe("GENRE_TARGETS", () => {
  it("holds at least 24 genres including the twelve required ones", () => {
    expect(GENRE_TARGETS.length).toBeGreaterThanOrEqual(24);
    const names = GENRE_TARGETS.map((target) => target.name);
    for (const name of REQUIRED) expect(names).toContain(name);
  });

  it("uses unique kebab-case ids", () => {
    const ids = ALL.map((target) => target.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  it("has band shares that sum to 1 over the five default bands", () => {
    for (const target of ALL) {
      const names = Object.keys(target.bandShares).sort();
      expect(names, target.id).toEqual(TARGET_BANDS.map((band) => band.name).sort());
      const total = Object.values(target.bandShares).reduce((sum, share) => sum + share, 0);
      expect(total, target.id).toBeCloseTo(1, 9);
      for (const share of Object.values(target.bandShares)) expect(share, target.id).toBeGreaterThan(0);
    }
  });

  it("keeps every profile internally consistent", () => {
    for (const target of ALL) {
      const { targetLufs, minLufs, maxLufs } = target.loudness;
      const where = target.id;
      expect(minLufs, where).toBeLessThan(targetLufs);
      expect(targetLufs, where).toBeLessThan(maxLufs);
      expect(maxLufs, where).toBeLessThan(0);
      expect(target.truePeakCeilingDbtp, where).toBeLessThanOrEqual(0);
      // The ceiling follows the encoding rule of streaming-platforms.ts.
      expect(target.truePeakCeilingDbtp, where).toBe(targetLufs > LOUD_MASTER_LUFS ? -2 : -1);
      for (const range of [target.loudnessRangeLu, target.peakToLoudnessDb, target.stereoWidth]) {
        expect(range.min, where).toBeGreaterThanOrEqual(0);
        expect(range.min, where).toBeLessThan(range.max);
      }
      expect(target.stereoWidth.max, where).toBeLessThanOrEqual(1);
      expect(target.lowEndMinCorrelation, where).toBeGreaterThan(0);
      expect(target.lowEndMinCorrelation, where).toBeLessThanOrEqual(1);
      expect(target.bandToleranceDb, where).toBeGreaterThan(0);
      // A master at the target loudness with peaks at the ceiling has a PLR the profile accepts.
      expect(target.peakToLoudnessDb.min, where).toBeLessThanOrEqual(target.truePeakCeilingDbtp - targetLufs);
      expect(target.basis, where).toMatch(/published guidance, not measured tracks/);
    }
  });

  it("orders the genres sensibly: club music louder with more low end than jazz and classical", () => {
    const [techno, dubstep, jazz, classical] = ["techno", "dubstep", "jazz", "classical"].map(findGenreTarget);
    for (const loud of [techno!, dubstep!]) {
      for (const quiet of [jazz!, classical!]) {
        expect(loud.loudness.targetLufs).toBeGreaterThan(quiet.loudness.targetLufs + 5);
        expect(loud.bandShares.low).toBeGreaterThan(quiet.bandShares.low);
        expect(loud.lowEndMinCorrelation).toBeGreaterThan(quiet.lowEndMinCorrelation);
        expect(loud.loudnessRangeLu.max).toBeLessThan(quiet.loudnessRangeLu.max);
      }
    }
    const widestLra = Math.max(...GENRE_TARGETS.map((target) => target.loudnessRangeLu.max));
    expect(classical!.loudnessRangeLu.max).toBe(widestLra);
  });

  it("describes the same five bands as the mastering metrics' default split", () => {
    expect(TARGET_BANDS.map(({ name, lowHz, highHz }) => ({ name, lowHz, highHz }))).toEqual(
      MASTERING_BANDS.map(({ name, lowHz, highHz }) => ({ name, lowHz, highHz })),
    );
  });
});

describe("findGenreTarget", () => {
  it("matches ids, names and aliases without case, spaces or punctuation", () => {
    expect(findGenreTarget("techno").id).toBe("techno");
    expect(findGenreTarget("Drum & Bass").id).toBe("drum-and-bass");
    expect(findGenreTarget("drum and bass").id).toBe("drum-and-bass");
    expect(findGenreTarget("DnB").id).toBe("drum-and-bass");
    expect(findGenreTarget("  HIP-HOP ").id).toBe("hip-hop");
    expect(findGenreTarget("Lo-Fi").id).toBe("lo-fi-hip-hop");
    expect(findGenreTarget("R&B").id).toBe("r-and-b");
    expect(findGenreTarget("k pop").id).toBe("k-pop");
    expect(findGenreTarget("Psychedelic Trance").id).toBe("psytrance");
    expect(findGenreTarget("house").id).toBe("house");
  });

  it("finds the balanced house target by its id and aliases", () => {
    expect(findGenreTarget("balanced")).toBe(BALANCED_TARGET);
    expect(findGenreTarget("General")).toBe(BALANCED_TARGET);
    expect(findGenreTarget("default")).toBe(BALANCED_TARGET);
  });

  it("never lets one name lead to two profiles", () => {
    const owner = new Map<string, string>();
    for (const target of ALL) {
      for (const name of [target.id, target.name, ...target.aliases]) {
        const key = genreKey(name);
        expect(key.length, name).toBeGreaterThan(0);
        const previous = owner.get(key);
        if (previous !== undefined) expect(previous, `"${name}"`).toBe(target.id);
        owner.set(key, target.id);
      }
    }
  });

  it("throws a clear error listing the valid ids", () => {
    expect(() => findGenreTarget("polka")).toThrow(RangeError);
    expect(() => findGenreTarget("polka")).toThrow(
      /unknown genre "polka"; expected one of .*psytrance.*techno.*balanced/,
    );
    expect(() => findGenreTarget("")).toThrow(/unknown genre ""/);
  });
});
