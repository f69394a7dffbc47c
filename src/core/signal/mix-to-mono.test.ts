import { describe, expect, it } from "vitest";
import { mixToMono } from "./mix-to-mono.js";

describe("mixToMono", () => {
  it("averages channels", () => {
    const mono = mixToMono({
      channels: [new Float32Array([1, 0.5, -1]), new Float32Array([0, 0.5, 1])],
      sampleRate: 8000,
    });
    expect(Array.from(mono)).toEqual([0.5, 0.5, 0]);
  });

  it("returns the single channel of a mono signal without copying", () => {
    const channel = new Float32Array([0.1, 0.2]);
    expect(mixToMono({ channels: [channel], sampleRate: 8000 })).toBe(channel);
  });

  it("writes into a supplied buffer and rejects a short one", () => {
    const signal = { channels: [new Float32Array([1, 1]), new Float32Array([0, 0])], sampleRate: 8000 };
    const out = new Float32Array(2);
    expect(mixToMono(signal, out)).toBe(out);
    expect(Array.from(out)).toEqual([0.5, 0.5]);
    expect(() => mixToMono(signal, new Float32Array(1))).toThrow(/out must hold 2/);
  });

  it("gives an empty mono signal for no channels", () => {
    expect(mixToMono({ channels: [], sampleRate: 8000 })).toHaveLength(0);
  });
});
