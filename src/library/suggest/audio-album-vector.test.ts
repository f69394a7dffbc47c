import { describe, expect, it } from "vitest";
import { albumAudioVector } from "./audio-album-vector.js";

describe("albumAudioVector", () => {
  it("averages each dimension over the tracks", () => {
    const album = albumAudioVector([Float32Array.of(1, 10), Float32Array.of(3, 20), Float32Array.of(5, 60)]);
    expect(Array.from(album ?? [])).toEqual([3, 30]);
  });

  it("appends the population standard deviation when asked", () => {
    const album = albumAudioVector([Float32Array.of(1, 10), Float32Array.of(3, 10)], { spread: true });
    expect(album).toHaveLength(4);
    expect(Array.from(album ?? [])).toEqual([2, 10, 1, 0]);
  });

  it("skips missing values and keeps NaN where no track measured a dimension", () => {
    const album = albumAudioVector([Float32Array.of(Number.NaN, 4, Number.NaN), Float32Array.of(2, 6, Number.NaN)], {
      spread: true,
    });
    expect(album?.[0]).toBe(2);
    expect(album?.[1]).toBe(5);
    expect(album?.[2]).toBeNaN();
    expect(album?.[3]).toBe(0);
    expect(album?.[5]).toBeNaN();
  });

  it("answers null for no tracks and refuses vectors of different lengths", () => {
    expect(albumAudioVector([])).toBeNull();
    expect(() => albumAudioVector([new Float32Array(3), new Float32Array(4)])).toThrow(/3 values, got 4/);
  });
});
