import { describe, expect, it } from "vitest";
import { createRealFft } from "../core/dsp/real-fft.js";
import { stft } from "../core/dsp/stft.js";
import { createWindow } from "../core/dsp/windows.js";
import { sine, whiteNoise } from "../core/test-helpers/signals.js";
import { loadPffftModule, loadPffftRealFft, PffftRealFft } from "./pffft-real-fft.js";
import { createFastestRealFft } from "./select-real-fft.js";

const SIZES = [32, 64, 128, 256, 512, 1024, 2048, 4096, 8192];

function maxDifference(a: Float32Array, b: Float32Array, length: number): number {
  let difference = 0;
  for (let i = 0; i < length; i++) difference = Math.max(difference, Math.abs(a[i]! - b[i]!));
  return difference;
}

describe("PffftRealFft", () => {
  it.each(SIZES)("agrees with the pure TypeScript FFT, forward and inverse, at N = %i", async (size) => {
    const wasm = await loadPffftRealFft(size);
    const typescript = createRealFft(size);
    const input = whiteNoise(size, size + 17);
    const fromWasm = new Float32Array(size + 2);
    const fromTypescript = new Float32Array(size + 2);
    wasm.forward(input, fromWasm);
    typescript.forward(input, fromTypescript);
    const largest = fromTypescript.reduce((max, value) => Math.max(max, Math.abs(value)), 0);
    expect(maxDifference(fromWasm, fromTypescript, size + 2)).toBeLessThan(2e-6 * largest);
    expect(fromWasm[1]).toBe(0);
    expect(fromWasm[size + 1]).toBe(0);
    const back = new Float32Array(size);
    wasm.inverse(fromTypescript, back);
    expect(maxDifference(back, input, size)).toBeLessThan(1e-6);
    wasm.dispose();
  });

  it("puts a bin-centred sine at its bin and survives wasm heap growth from other instances", async () => {
    const size = 1024;
    const fft = await loadPffftRealFft(size);
    const heapBefore = (await loadPffftModule()).HEAPF32;
    const others = await Promise.all([1 << 20, 1 << 21].map((n) => loadPffftRealFft(n)));
    expect((await loadPffftModule()).HEAPF32 === heapBefore).toBe(false);
    const out = new Float32Array(size + 2);
    fft.forward(sine((40 * 8000) / size, 8000, size), out);
    expect(Math.hypot(out[80]!, out[81]!)).toBeCloseTo(size / 2, 2);
    for (const other of others) other.dispose();
  });

  it("handles zeros and NaN like the core FFT, and rejects bad sizes and buffers", async () => {
    const fft = await loadPffftRealFft(64);
    const out = new Float32Array(66).fill(3);
    fft.forward(new Float32Array(64), out);
    expect(out.every((value) => value === 0)).toBe(true);
    const withNaN = whiteNoise(64, 1);
    withNaN[5] = Number.NaN;
    fft.forward(withNaN, out);
    expect(Number.isNaN(out[0]!)).toBe(true);
    expect(() => fft.forward(new Float32Array(0), out)).toThrow(RangeError);
    await expect(loadPffftRealFft(16)).rejects.toThrow("loadPffftRealFft: size must be a power of two ≥ 32, got 16");
    await expect(loadPffftRealFft(1000)).rejects.toThrow(RangeError);
    fft.dispose();
    expect(() => fft.forward(withNaN, out)).toThrow("used after dispose");
  });
});

describe("PffftRealFft.forwardWindowed", () => {
  it("equals forward of the Float32-rounded products, bit for bit, and checks its window", async () => {
    for (const size of [32, 1024, 2048]) {
      const fft = await loadPffftRealFft(size);
      const frame = whiteNoise(size, size);
      const window = createWindow("hann", size);
      const windowed = frame.map((value, n) => value * window[n]!);
      const expected = new Float32Array(size + 2);
      const actual = new Float32Array(size + 2);
      fft.forward(windowed, expected);
      fft.forwardWindowed(frame, window, actual);
      expect(Array.from(actual)).toEqual(Array.from(expected));
      expect(() => fft.forwardWindowed(frame, window.subarray(1), actual)).toThrow(/window must hold/);
      fft.dispose();
    }
  });
});

describe("createFastestRealFft", () => {
  it("returns PFFFT from 32 up and the TypeScript FFT below, with the same results", async () => {
    expect(await createFastestRealFft(2048)).toBeInstanceOf(PffftRealFft);
    const small = await createFastestRealFft(16);
    expect(small).not.toBeInstanceOf(PffftRealFft);
    expect(small.size).toBe(16);
    await expect(createFastestRealFft(1000)).rejects.toThrow(
      "createFastestRealFft: size must be a power of two ≥ 2, got 1000",
    );
  });

  it("can be injected into stft and gives the same spectrogram", async () => {
    const signal = whiteNoise(22222, 8);
    const fft = await createFastestRealFft(1024);
    const injected = stft(signal, 22222, { frameSize: 1024, hopSize: 256, fft });
    const own = stft(signal, 22222, { frameSize: 1024, hopSize: 256 });
    expect(maxDifference(injected.data, own.data, own.data.length)).toBeLessThan(1e-4);
  });
});
