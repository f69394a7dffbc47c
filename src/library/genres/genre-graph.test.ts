import { describe, expect, it } from "vitest";
import { ancestorClosure, findCycle } from "./genre-graph.js";

describe("genre graph", () => {
  it("finds a cycle and returns it as a closed path", () => {
    const graph = new Map<string, readonly string[]>([
      ["a", ["b"]],
      ["b", ["c"]],
      ["c", ["a"]],
      ["d", []],
    ]);
    expect(findCycle(graph)).toEqual(["a", "b", "c", "a"]);
    expect(findCycle(new Map([["x", ["x"]]]))).toEqual(["x", "x"]);
  });

  it("accepts a diamond, which is not a cycle, and lists each ancestor once, nearest first", () => {
    const diamond = new Map<string, readonly string[]>([
      ["child", ["left", "right"]],
      ["left", ["root"]],
      ["right", ["root"]],
      ["root", []],
    ]);
    expect(findCycle(diamond)).toBeUndefined();
    expect(ancestorClosure(diamond).get("child")).toEqual(["left", "right", "root"]);
    expect(ancestorClosure(diamond).get("root")).toEqual([]);
  });
});
