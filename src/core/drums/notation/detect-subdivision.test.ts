import { describe, expect, it } from "vitest";
import { createSeededRandom } from "../../test-helpers/seeded-random.js";
import { type BeatSpan, detectSubdivision, estimateSwingFraction, type HitsOnBeats } from "./detect-subdivision.js";

/** Hits at beat positions (bars of 4 from beat 0) with a uniform timing error of ±jitter seconds. */
function hitsAt(positions: readonly number[], periodSeconds: number, jitterSeconds = 0, seed = 1): HitsOnBeats {
  const random = createSeededRandom(seed);
  const moved = positions.map((position) => position + ((2 * random() - 1) * jitterSeconds) / periodSeconds);
  return {
    beatIndices: Int32Array.from(moved, (position) => Math.floor(position)),
    fractions: Float64Array.from(moved, (position) => position - Math.floor(position)),
    beatPeriods: new Float64Array(moved.length).fill(periodSeconds),
  };
}

const barsOf = (count: number, beats = 4): BeatSpan[] =>
  Array.from({ length: count }, (_, bar) => ({ startBeat: bar * beats, beats }));

/** Positions of `perBeat` equal divisions in every beat of `beats` beats from `from`. */
const divisions = (from: number, beats: number, perBeat: number) =>
  Array.from({ length: beats * perBeat }, (_, index) => from + index / perBeat);

describe("detectSubdivision", () => {
  it("calls straight 16ths straight and jittered triplets triplets (±15 ms at 120 BPM)", () => {
    const straight = detectSubdivision(hitsAt(divisions(0, 32, 4), 0.5, 0.015), barsOf(8), false);
    expect(straight.songSubdivision).toBe("straight");
    expect(new Set(straight.beatGrids.map((grid) => grid.name))).toEqual(new Set(["16ths"]));
    const triplets = detectSubdivision(hitsAt(divisions(0, 32, 3), 0.5, 0.015), barsOf(8), false);
    expect(triplets.songSubdivision).toBe("triplet");
    expect(new Set(triplets.beatGrids.map((grid) => grid.name))).toEqual(new Set(["triplet 8ths"]));
    expect(triplets.barSubdivisions).toEqual(Array(8).fill("triplet"));
  });

  it("keeps a bar straight when one 16th is played 35 ms late (nearer the triplet)", () => {
    const positions = divisions(0, 16, 4);
    positions[5] = 1.25 + 0.035 / 0.5;
    const decision = detectSubdivision(hitsAt(positions, 0.5), barsOf(4), false);
    expect(decision.barSubdivisions).toEqual(Array(4).fill("straight"));
    expect(decision.beatGrids[1]!.subdivision).toBe("straight");
  });

  it("switches one beat for a triplet fill, and a whole bar for a bar of triplets", () => {
    const eighths = divisions(0, 16, 2).filter((position) => !(position >= 7 && position < 8));
    const fill = [7, 7 + 1 / 3, 7 + 2 / 3];
    const tripletBar = divisions(8, 4, 3);
    const positions = [...eighths.filter((position) => position < 8 || position >= 12), ...fill, ...tripletBar];
    const decision = detectSubdivision(hitsAt(positions, 0.5, 0.01), barsOf(4), false);
    expect(decision.songSubdivision).toBe("straight");
    expect(decision.barSubdivisions).toEqual(["straight", "straight", "triplet", "straight"]);
    expect(decision.beatGrids.slice(4, 8).map((grid) => grid.subdivision)).toEqual([
      "straight",
      "straight",
      "straight",
      "triplet",
    ]);
  });

  it("hears a shuffle as swing at 2/3 and a light swing at its own fraction", () => {
    const shuffle = divisions(0, 16, 1).flatMap((beat) => [beat, beat + 2 / 3]);
    const decision = detectSubdivision(hitsAt(shuffle, 0.6, 0.01), barsOf(4), false);
    expect(decision.songSubdivision).toBe("swing");
    expect(decision.swingFraction!).toBeCloseTo(2 / 3, 1);
    const light = divisions(0, 16, 1).flatMap((beat) => [beat, beat + 0.6]);
    const lightDecision = detectSubdivision(hitsAt(light, 0.5, 0.005), barsOf(4), false);
    expect(lightDecision.songSubdivision).toBe("swing");
    expect(Math.abs(lightDecision.swingFraction! - 0.6)).toBeLessThanOrEqual(0.011);
    // Straight eighths are not swing.
    const straightEighths = detectSubdivision(hitsAt(divisions(0, 16, 2), 0.5, 0.015), barsOf(4), false);
    expect(straightEighths.songSubdivision).toBe("straight");
    expect(straightEighths.swingFraction).toBeNull();
  });

  it("takes thirds as the natural division of a compound beat, and writes halves on tick 24 (dotted eighths)", () => {
    const eighths = detectSubdivision(hitsAt(divisions(0, 8, 3), 0.75, 0.015), barsOf(4, 2), true);
    expect(eighths.songSubdivision).toBe("triplet");
    expect(new Set(eighths.beatGrids.map((grid) => grid.name))).toEqual(new Set(["8ths"]));
    const positions = [...divisions(0, 6, 3), 6, 6.5, 7, 7.5];
    const duplets = detectSubdivision(hitsAt(positions, 0.75, 0.01), barsOf(4, 2), true);
    const grid = duplets.beatGrids[6]!;
    const half = Array.from(grid.slots).findIndex((slot) => Math.abs(slot - 0.5) < 1e-9);
    expect(grid.slotTicks[half]).toBe(24);
  });

  it("has no opinion without hits, and no swing estimate without off-beats", () => {
    const empty = detectSubdivision(hitsAt([], 0.5), barsOf(2), false);
    expect(empty.songSubdivision).toBe("straight");
    expect(empty.beatGrids.every((grid) => grid.slots.length === 2)).toBe(true);
    expect(estimateSwingFraction(hitsAt([0, 1, 2], 0.5))).toBeNull();
    expect(() => detectSubdivision(hitsAt([], 0.5), [], false)).toThrow(/bars/);
  });
});
