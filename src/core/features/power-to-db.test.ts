import { describe, expect, it } from "vitest";
import { powerToDb } from "./power-to-db.js";

describe("powerToDb (librosa.power_to_db)", () => {
  it("maps power to 10·log10 with the amin floor and the top-dB clamp over the whole matrix", () => {
    // source: librosa.power_to_db docs — 10·log10(max(amin, S)/ref), then max(·, max − top_db)
    const values = Float32Array.from([1, 0.1, 1e-3, 0, 1e-12, 100]);
    const db = powerToDb(values.slice(), { topDb: null });
    expect(Array.from(db)).toEqual([0, -10, -30, -100, -100, 20].map((value) => expect.closeTo(value, 4)));
    const clamped = powerToDb(values.slice());
    expect(Array.from(clamped)).toEqual([0, -10, -30, -60, -60, 20].map((value) => expect.closeTo(value, 4)));
    expect(powerToDb(Float32Array.from([10]), { reference: 10 })[0]).toBeCloseTo(0, 6);
  });

  it("keeps NaN as NaN without letting it spoil the clamp, and writes into out", () => {
    const out = new Float32Array(3);
    powerToDb(Float32Array.from([1, Number.NaN, 1e-20]), {}, out);
    expect(out[0]).toBeCloseTo(0, 6);
    expect(Number.isNaN(out[1]!)).toBe(true);
    expect(out[2]).toBeCloseTo(-80, 4);
  });

  it("rejects bad options and handles empty input", () => {
    expect(() => powerToDb(new Float32Array(1), { amin: 0 })).toThrow(/amin/);
    expect(() => powerToDb(new Float32Array(1), { topDb: -1 })).toThrow(/topDb/);
    expect(() => powerToDb(new Float32Array(2), {}, new Float32Array(1))).toThrow(/out length/);
    expect(powerToDb(new Float32Array(0)).length).toBe(0);
  });
});
