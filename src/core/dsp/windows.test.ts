import { describe, expect, it } from "vitest";
import {
  besselI0,
  blackmanHarrisWindow,
  blackmanWindow,
  createWindow,
  hammingWindow,
  hannWindow,
  kaiserWindow,
  type WindowKind,
} from "./windows.js";

function expectClose(actual: Float32Array, expected: readonly number[], digits = 6): void {
  expect(actual.length).toBe(expected.length);
  for (const [i, value] of expected.entries()) expect(actual[i]).toBeCloseTo(value, digits);
}

const KINDS: WindowKind[] = ["hann", "hamming", "blackman", "blackman-harris", "kaiser"];

describe("windows", () => {
  it("gives the textbook Hann values, periodic and symmetric", () => {
    expectClose(hannWindow(4), [0, 0.5, 1, 0.5]);
    expectClose(hannWindow(5, "symmetric"), [0, 0.5, 1, 0.5, 0]);
  });

  it("gives Hamming end points 0.08 and centre 1", () => {
    expectClose(hammingWindow(5, "symmetric"), [0.08, 0.54, 1, 0.54, 0.08]);
  });

  it("gives Blackman and Blackman–Harris values (source: scipy.signal.windows)", () => {
    expectClose(blackmanWindow(5, "symmetric"), [0, 0.34, 1, 0.34, 0]);
    // blackmanharris(5): [6e-05, 0.21747, 1, 0.21747, 6e-05]
    expectClose(blackmanHarrisWindow(5, "symmetric"), [6e-5, 0.21747, 1, 0.21747, 6e-5], 5);
  });

  it("gives numpy.kaiser(12, 14) (source: NumPy documentation)", () => {
    const expected = [7.72686684e-6, 3.46009194e-3, 4.65200189e-2, 2.2973712e-1, 5.99885316e-1, 9.45674898e-1];
    expectClose(kaiserWindow(12, 14, "symmetric"), [...expected, ...expected.slice().reverse()], 7);
    expectClose(kaiserWindow(6, 0, "symmetric"), [1, 1, 1, 1, 1, 1]);
  });

  it("computes I0 (source: Abramowitz & Stegun table 9.8)", () => {
    expect(besselI0(0)).toBe(1);
    expect(besselI0(1)).toBeCloseTo(1.266065878, 9);
    expect(besselI0(5)).toBeCloseTo(27.23987182, 7);
  });

  it.each(KINDS)("%s: symmetric is mirror-symmetric, periodic is symmetric(M+1) without its last sample", (kind) => {
    const symmetric = createWindow(kind, 65, { symmetry: "symmetric" });
    for (let n = 0; n < 65; n++) expect(symmetric[n]).toBeCloseTo(symmetric[64 - n]!, 7);
    const periodic = createWindow(kind, 64);
    for (let n = 0; n < 64; n++) expect(periodic[n]).toBeCloseTo(symmetric[n]!, 7);
    expect(Math.max(...periodic)).toBeCloseTo(1, 6);
  });

  it("sums to a constant under 50 % overlap (periodic Hann, COLA)", () => {
    const window = hannWindow(64);
    for (let n = 0; n < 32; n++) expect(window[n]! + window[n + 32]!).toBeCloseTo(1, 6);
  });

  it("handles lengths 0 and 1 and rejects invalid lengths and β", () => {
    for (const kind of KINDS) {
      expect(createWindow(kind, 0).length).toBe(0);
      expectClose(createWindow(kind, 1), [1]);
    }
    expect(() => hannWindow(-1)).toThrow("hannWindow: length must be an integer ≥ 0, got -1");
    expect(() => createWindow("hann", Number.NaN)).toThrow(RangeError);
    expect(() => kaiserWindow(8, Number.NaN)).toThrow("kaiserWindow: beta must be finite and ≥ 0, got NaN");
  });
});
