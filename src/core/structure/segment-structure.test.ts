import { describe, expect, it } from "vitest";
import { beatSynchronous, structureGrid, thinStructureGrid } from "./beat-synchronous.js";
import { checkerboardNovelty } from "./checkerboard-novelty.js";
import { labelSections } from "./label-sections.js";
import { mergeDecayingEnding, mergeRepeatedPairs } from "./merge-sections.js";
import { nameSections } from "./name-sections.js";
import { segmentStructure } from "./segment-structure.js";
import { recurrencePlot } from "./self-similarity.js";
import { structuralNovelty } from "./structural-features.js";

/** n × n similarity: 1 where the units' blocks carry the same letter of `pattern`, else 0. */
function blockSimilarity(pattern: string, unitsPerBlock: number): { matrix: Float32Array; units: number } {
  const units = pattern.length * unitsPerBlock;
  const matrix = new Float32Array(units * units);
  for (let i = 0; i < units; i++) {
    for (let j = 0; j < units; j++) {
      matrix[i * units + j] = pattern[Math.floor(i / unitsPerBlock)] === pattern[Math.floor(j / unitsPerBlock)] ? 1 : 0;
    }
  }
  return { matrix, units };
}

/** n × n similarity: 1 where two units sit at the same position of blocks with the same letter. */
function stripeSimilarity(pattern: string, unitsPerBlock: number): { matrix: Float32Array; units: number } {
  const { matrix, units } = blockSimilarity(pattern, unitsPerBlock);
  for (let i = 0; i < units; i++) {
    for (let j = 0; j < units; j++) if ((i - j) % unitsPerBlock !== 0) matrix[i * units + j] = 0;
  }
  return { matrix, units };
}

const argmaxInside = (curve: Float32Array) => {
  let best = 1;
  for (let g = 1; g < curve.length - 1; g++) if (curve[g]! > curve[best]!) best = g;
  return best;
};

describe("structure building blocks", () => {
  it("builds a beat grid from 0 to the end, or a uniform one without beats", () => {
    const beats = Array.from({ length: 20 }, (_, k) => 0.5 + k * 0.5);
    const grid = structureGrid(beats, 10.2);
    expect(grid[0]).toBe(0);
    expect(grid[1]).toBeCloseTo(0.5, 9);
    expect(grid.at(-1)).toBeCloseTo(10.2, 9);
    const uniform = structureGrid([], 3);
    expect([...uniform]).toEqual([0, 0.5, 1, 1.5, 2, 2.5, 3]);
    expect([...structureGrid([], 0.2)]).toEqual([0, 0.2]);
  });

  it("averages frames over grid units, NaN counting as 0", () => {
    const data = Float32Array.from([1, 1, 3, 3, Number.NaN, 5]);
    const means = beatSynchronous({ data, frames: 6, width: 1, hopSeconds: 1 }, Float64Array.from([0, 2, 4, 6]));
    expect([...means]).toEqual([1, 3, 2.5]);
  });

  it("puts checkerboard novelty at a change of block", () => {
    const { matrix, units } = blockSimilarity("AB", 16);
    expect(argmaxInside(checkerboardNovelty(matrix, units, { halfWidth: 8 }))).toBe(16);
  });

  it("puts structure-feature novelty between two statements of the same material", () => {
    // A A B A: the checkerboard sees no change between the first two A blocks, the
    // recurrence lags do.
    // Repetition shows as diagonal stripes: unit t of one A block matches unit t of the others.
    const { matrix, units } = stripeSimilarity("AABA", 12);
    const recurrence = recurrencePlot(matrix, units, 3, 2);
    const novelty = structuralNovelty(recurrence, units, { halfWidth: 6, lagSigma: 0 });
    expect(novelty[12]!).toBeGreaterThan(3 * novelty[6]!);
    expect(novelty[12]!).toBeGreaterThanOrEqual(Math.max(...novelty.subarray(6, 19)));
  });

  it("labels repeated blocks alike and names them by repetition, position and energy", () => {
    const { matrix, units } = blockSimilarity("ABABCB", 8);
    const bounds = [0, 8, 16, 24, 32, 40, 48];
    const { clusters } = labelSections(matrix, units, bounds);
    expect([...clusters]).toEqual([0, 1, 0, 1, 2, 1]);
    const names = nameSections([...clusters].map((cluster) => ({ cluster, energyDb: cluster === 1 ? -10 : -20 })));
    expect(names).toEqual(["verse", "chorus", "verse", "chorus", "bridge", "chorus"]);
    const sections = [0, 1, 0, 2].map((cluster) => ({ cluster, energyDb: -20 }));
    expect(nameSections(sections)).toEqual(["chorus", "bridge", "chorus", "outro"]);
    expect(nameSections([{ cluster: 0, energyDb: -20 }])).toEqual(["verse"]);
  });

  it("merges labels that always come in pairs, and a decaying ending", () => {
    const merged = mergeRepeatedPairs([0, 4, 8, 12, 16, 20, 24, 28, 32], [0, 0, 1, 1, 0, 0, 1, 1]);
    expect(merged.bounds).toEqual([0, 8, 16, 24, 32]);
    expect(merged.clusters).toEqual([0, 1, 0, 1]);
    // A label heard once alone keeps its pairs apart (verse verse chorus verse).
    expect(mergeRepeatedPairs([0, 4, 8, 12, 16], [0, 0, 1, 0]).bounds).toEqual([0, 4, 8, 12, 16]);
    const levels = Float32Array.from([-10, -10, -10, -10, -10, -12, -25, -40]);
    expect(mergeDecayingEnding([0, 5, 8], levels)).toEqual([0, 8]);
    expect(
      mergeDecayingEnding(
        [0, 3, 8],
        Float32Array.from({ length: 8 }, () => -10),
      ),
    ).toEqual([0, 3, 8]);
  });
});

describe("segmentStructure on degenerate input", () => {
  const empty = { data: new Float32Array(0), frames: 0, width: 12, hopSeconds: 0.02 };
  it("gives one section with zero confidence for no frames at all", () => {
    const result = segmentStructure({
      durationSeconds: 0,
      beatTimes: [],
      downbeatTimes: [],
      beatsPerBar: null,
      chroma: empty,
      mfcc: { ...empty, width: 20 },
      rms: { ...empty, width: 1 },
    });
    expect(result.sections).toHaveLength(1);
    expect(result.sections[0]!.confidence).toBe(0);
    expect(result.boundaries).toHaveLength(0);
  });

  it("never returns NaN when the features hold NaN", () => {
    const frames = 500;
    const series = (width: number) => ({
      data: Float32Array.from({ length: frames * width }, (_, i) => (i % 7 === 0 ? Number.NaN : Math.sin(i))),
      frames,
      width,
      hopSeconds: 0.02,
    });
    const result = segmentStructure({
      durationSeconds: 10,
      beatTimes: Array.from({ length: 19 }, (_, k) => 0.5 * (k + 1)),
      downbeatTimes: [],
      beatsPerBar: 4,
      chroma: series(12),
      mfcc: series(20),
      rms: series(1),
    });
    for (const section of result.sections) {
      expect(Number.isFinite(section.start + section.end + section.confidence)).toBe(true);
    }
    expect(result.sections.at(-1)!.end).toBe(10);
  });
});

describe("segmentStructure on long tracks", () => {
  it("thins a long grid to whole bars in phase with the bar lines, keeping start and end", () => {
    const grid = Float64Array.from({ length: 101 }, (_, k) => k * 0.5);
    expect(thinStructureGrid(grid, 4, 0, 200).grid).toBe(grid);
    const { grid: thinned, step } = thinStructureGrid(grid, 4, 1, 20);
    expect(step).toBe(8);
    expect([...thinned]).toEqual([0, 0.5, 4.5, 8.5, 12.5, 16.5, 20.5, 24.5, 28.5, 32.5, 36.5, 40.5, 44.5, 48.5, 50]);
  });

  it("finds the change in the middle of a 50-minute two-part track (6,000 beats) on a coarser grid", () => {
    // Harmony and timbre differ between the halves; 50 frames per second.
    const duration = 3000;
    const frames = duration * 50;
    const series = (width: number, seed: number) => {
      const data = new Float32Array(frames * width);
      for (let t = 0; t < frames; t++) {
        const second = t >= frames / 2;
        for (let k = 0; k < width; k++) {
          const pattern = second ? (k * 7 + seed) % width : (k * 3 + seed) % width;
          data[t * width + k] = (pattern < width / 3 ? 1 : 0.1) + 0.01 * Math.sin(t * 0.37 + k);
        }
      }
      return { data, frames, width, hopSeconds: 0.02 };
    };
    const rms = { data: new Float32Array(frames).fill(0.1), frames, width: 1, hopSeconds: 0.02 };
    const beats = Array.from({ length: 5999 }, (_, k) => 0.5 * (k + 1));
    const result = segmentStructure({
      durationSeconds: duration,
      beatTimes: beats,
      downbeatTimes: beats.filter((_, k) => k % 4 === 3),
      beatsPerBar: 4,
      chroma: series(12, 1),
      mfcc: series(20, 2),
      rms,
    });
    expect(result.grid.length - 1).toBeLessThanOrEqual(1200);
    const nearest = Math.min(...result.boundaries.map((boundary) => Math.abs(boundary.time - duration / 2)));
    expect(nearest).toBeLessThanOrEqual(8);
    expect(result.sections.at(-1)!.end).toBe(duration);
  });
});
