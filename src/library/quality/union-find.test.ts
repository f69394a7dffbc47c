import { describe, expect, it } from "vitest";
import { createUnionFind } from "./union-find.js";

describe("createUnionFind", () => {
  it("joins pairs into groups of two or more, transitively", () => {
    const sets = createUnionFind(7);
    sets.union(0, 3);
    sets.union(3, 5);
    sets.union(6, 2);
    sets.union(5, 0);
    expect(sets.groups()).toEqual([
      [0, 3, 5],
      [2, 6],
    ]);
    expect(sets.find(5)).toBe(sets.find(0));
    expect(sets.find(1)).toBe(1);
  });
});
