import { describe, expect, it } from "vitest";
import { createSeededRandom } from "../test-helpers/seeded-random.js";
import { sine, whiteNoise } from "../test-helpers/signals.js";
import { createRealFft, isPowerOfTwo } from "./real-fft.js";

/** Reference DFT in Float64: bins 0…N/2 interleaved. */
function naiveRealDft(input: Float32Array): Float64Array {
  const size = input.length;
  const cos = new Float64Array(size);
  const sin = new Float64Array(size);
  for (let i = 0; i < size; i++) {
    cos[i] = Math.cos((2 * Math.PI * i) / size);
    sin[i] = Math.sin((2 * Math.PI * i) / size);
  }
  const out = new Float64Array(size + 2);
  for (let k = 0; k <= size / 2; k++) {
    let re = 0;
    let im = 0;
    for (let n = 0; n < size; n++) {
      const index = (k * n) % size;
      re += input[n]! * cos[index]!;
      im -= input[n]! * sin[index]!;
    }
    out[2 * k] = re;
    out[2 * k + 1] = im;
  }
  return out;
}

const SIZES = Array.from({ length: 12 }, (_, i) => 2 ** (i + 1)); // 2 … 4096

describe("createRealFft", () => {
  it.each(SIZES)("matches a Float64 DFT of seeded noise at N = %i", (size) => {
    const input = whiteNoise(size, 1000 + size);
    const expected = naiveRealDft(input);
    const out = new Float32Array(size + 2);
    createRealFft(size).forward(input, out);
    const largest = expected.reduce((max, value) => Math.max(max, Math.abs(value)), 0);
    for (let i = 0; i < size + 2; i++) expect(Math.abs(out[i]! - expected[i]!)).toBeLessThan(1e-6 * (1 + largest));
  });

  it.each(SIZES)("inverse(forward(x)) = x at N = %i", (size) => {
    const input = whiteNoise(size, 7 * size);
    const fft = createRealFft(size);
    const spectrum = new Float32Array(size + 2);
    const back = new Float32Array(size);
    fft.forward(input, spectrum);
    fft.inverse(spectrum, back);
    for (let i = 0; i < size; i++) expect(back[i]).toBeCloseTo(input[i]!, 6);
  });

  it("inverse matches a Float64 inverse DFT of a random Hermitian spectrum", () => {
    const size = 64;
    const random = createSeededRandom(99);
    const spectrum = new Float32Array(size + 2).map(() => 2 * random() - 1);
    spectrum[1] = 0;
    spectrum[size + 1] = 0;
    const out = new Float32Array(size);
    createRealFft(size).inverse(spectrum, out);
    for (let n = 0; n < size; n++) {
      let sum = spectrum[0]! + spectrum[size]! * (n % 2 === 0 ? 1 : -1);
      for (let k = 1; k < size / 2; k++) {
        const angle = (2 * Math.PI * k * n) / size;
        sum += 2 * (spectrum[2 * k]! * Math.cos(angle) - spectrum[2 * k + 1]! * Math.sin(angle));
      }
      expect(out[n]).toBeCloseTo(sum / size, 6);
    }
  });

  it("puts a bin-centred sine at its bin with magnitude N/2", () => {
    const size = 1024;
    const sampleRate = 22222; // an unusual rate: bins are k·rate/N whatever the rate
    const bin = 37;
    const input = sine((bin * sampleRate) / size, sampleRate, size);
    const out = new Float32Array(size + 2);
    createRealFft(size).forward(input, out);
    for (let k = 0; k <= size / 2; k++) {
      const magnitude = Math.hypot(out[2 * k]!, out[2 * k + 1]!);
      if (k === bin) expect(magnitude).toBeCloseTo(size / 2, 2);
      else expect(magnitude).toBeLessThan(1e-3);
    }
    // sin has phase −π/2: the bin is −i·N/2.
    expect(out[2 * bin + 1]).toBeCloseTo(-size / 2, 2);
  });

  it("transforms an impulse to a flat spectrum and DC to bin 0", () => {
    const size = 256;
    const fft = createRealFft(size);
    const out = new Float32Array(size + 2);
    const delta = new Float32Array(size);
    delta[0] = 1;
    fft.forward(delta, out);
    for (let k = 0; k <= size / 2; k++) {
      expect(out[2 * k]).toBeCloseTo(1, 6);
      expect(out[2 * k + 1]).toBeCloseTo(0, 6);
    }
    fft.forward(new Float32Array(size).fill(0.5), out);
    expect(out[0]).toBeCloseTo(size / 2, 4);
    for (let i = 2; i < size + 2; i++) expect(Math.abs(out[i]!)).toBeLessThan(1e-5);
  });

  it("gives the same spectra from instances of one size used in turn (they share tables and scratch)", () => {
    const first = whiteNoise(1024, 11);
    const second = whiteNoise(1024, 12);
    const alone = (input: Float32Array) => {
      const out = new Float32Array(1026);
      createRealFft(1024).forward(input, out);
      return out;
    };
    const [a, b] = [createRealFft(1024), createRealFft(1024)];
    const outA = new Float32Array(1026);
    const outB = new Float32Array(1026);
    a.forward(first, outA);
    b.forward(second, outB);
    expect(Array.from(outA)).toEqual(Array.from(alone(first)));
    expect(Array.from(outB)).toEqual(Array.from(alone(second)));
    const back = new Float32Array(1024);
    a.inverse(outB, back);
    for (let i = 0; i < 1024; i++) expect(back[i]).toBeCloseTo(second[i]!, 5);
  });

  it("maps all zeros to all zeros", () => {
    const out = new Float32Array(34).fill(7);
    createRealFft(32).forward(new Float32Array(32), out);
    expect(Array.from(out).every((value) => value === 0)).toBe(true);
  });

  it("propagates NaN to the spectrum (documented: no silent cleaning)", () => {
    const input = whiteNoise(64, 3);
    input[10] = Number.NaN;
    const out = new Float32Array(66);
    createRealFft(64).forward(input, out);
    expect(Number.isNaN(out[0]!)).toBe(true);
    expect(out.some((value) => Number.isNaN(value))).toBe(true);
  });

  it("rejects sizes that are not powers of two ≥ 2, naming function, parameter and value", () => {
    expect(() => createRealFft(1000)).toThrow("createRealFft: size must be a power of two ≥ 2, got 1000");
    for (const size of [0, 1, -4, 3, 2.5, Number.NaN]) expect(() => createRealFft(size)).toThrow(RangeError);
    expect(isPowerOfTwo(2)).toBe(true);
    expect(isPowerOfTwo(1)).toBe(false);
  });

  it("rejects buffers of the wrong length, including empty input", () => {
    const fft = createRealFft(16);
    expect(() => fft.forward(new Float32Array(0), new Float32Array(18))).toThrow(
      "RealFft.forward: time-domain length must be 16, got 0",
    );
    expect(() => fft.forward(new Float32Array(16), new Float32Array(16))).toThrow(RangeError);
    expect(() => fft.inverse(new Float32Array(18), new Float32Array(8))).toThrow(RangeError);
  });
});
