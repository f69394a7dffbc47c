import { describe, expect, it } from "vitest";
import { chordGrid } from "./chord-grid.js";
import { metricalPositions } from "./metrical-positions.js";

describe("metricalPositions", () => {
  // Beats every 0.5 s from 1 s; 4/4 with downbeats from 2 s on, 10 s of audio.
  const beats = Array.from({ length: 18 }, (_, i) => 1 + i * 0.5);
  const downbeats = [2, 4, 6, 8];
  const boundaries = chordGrid(beats, 10);

  it("counts steps from each downbeat and marks the rest unknown", () => {
    const positions = metricalPositions(boundaries, downbeats, 4);
    expect(positions.length).toBe(boundaries.length - 1);
    const at = (seconds: number) => positions[boundaries.indexOf(seconds)];
    expect(at(1.5)).toBe(-1); // before the first downbeat
    expect([at(2), at(2.5), at(3), at(3.5), at(4)]).toEqual([0, 1, 2, 3, 0]);
    expect(at(8)).toBe(0);
    expect(at(9.5)).toBe(3);
  });

  it("marks steps more than a bar past the last downbeat unknown", () => {
    const positions = metricalPositions(boundaries, [2], 4);
    expect(positions[boundaries.indexOf(3.5)]).toBe(3);
    expect(positions[boundaries.indexOf(4)]).toBe(-1);
  });

  it("returns all unknown without a meter, for no steps and for bad bar lengths", () => {
    expect(Array.from(metricalPositions(boundaries, downbeats, null)).every((p) => p === -1)).toBe(true);
    expect(Array.from(metricalPositions(boundaries, downbeats, 0)).every((p) => p === -1)).toBe(true);
    expect(metricalPositions([], downbeats, 4).length).toBe(0);
    expect(metricalPositions([0], downbeats, 4).length).toBe(0);
  });
});
