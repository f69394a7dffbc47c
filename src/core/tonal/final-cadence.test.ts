import { describe, expect, it } from "vitest";
import { areRelativeKeys, resolveByFinalCadence } from "./final-cadence.js";

type Key = { tonic: number; mode: "major" | "minor" };
const C_MAJOR: Key = { tonic: 0, mode: "major" };
const A_MINOR: Key = { tonic: 9, mode: "minor" };
const G_MAJOR: Key = { tonic: 7, mode: "major" };
const E_MINOR: Key = { tonic: 4, mode: "minor" };
const C_MINOR: Key = { tonic: 0, mode: "minor" };

describe("areRelativeKeys", () => {
  it("pairs each major key with the minor key a minor third below", () => {
    expect(areRelativeKeys(C_MAJOR, A_MINOR)).toBe(true);
    expect(areRelativeKeys(E_MINOR, G_MAJOR)).toBe(true);
    expect(areRelativeKeys(C_MAJOR, C_MINOR)).toBe(false);
    expect(areRelativeKeys(C_MAJOR, G_MAJOR)).toBe(false);
    expect(areRelativeKeys(C_MAJOR, E_MINOR)).toBe(false);
  });
});

describe("resolveByFinalCadence", () => {
  it("takes the relative key when the song ends on its tonic triad", () => {
    expect(resolveByFinalCadence(E_MINOR, G_MAJOR, { root: 7, third: "major" })).toBe(G_MAJOR);
    expect(resolveByFinalCadence(G_MAJOR, E_MINOR, { root: 4, third: "minor" })).toBe(E_MINOR);
  });

  it("keeps the chroma's key when the ending agrees, says nothing, or the pair is not relative", () => {
    expect(resolveByFinalCadence(C_MAJOR, A_MINOR, { root: 0, third: "major" })).toBe(C_MAJOR);
    expect(resolveByFinalCadence(C_MAJOR, A_MINOR, { root: 7, third: "major" })).toBe(C_MAJOR);
    expect(resolveByFinalCadence(C_MAJOR, A_MINOR, null)).toBe(C_MAJOR);
    expect(resolveByFinalCadence(C_MAJOR, C_MINOR, { root: 0, third: "minor" })).toBe(C_MAJOR);
  });
});
