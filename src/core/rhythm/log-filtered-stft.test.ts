import { describe, expect, it } from "vitest";
import { magnitudeSpectrogram } from "../dsp/spectrogram.js";
import { stft } from "../dsp/stft.js";
import { createSeededRandom } from "../test-helpers/seeded-random.js";
import { createLogFilterbank, logFilteredSpectrogram } from "./log-filterbank.js";
import { logFilteredStft } from "./log-filtered-stft.js";

const RATE = 22_050;

describe("logFilteredStft", () => {
  const bank = createLogFilterbank({ sampleRate: RATE, frameSize: 1024 });

  it("equals the log-filtered magnitude STFT, edges included", () => {
    const random = createSeededRandom(3);
    const samples = new Float32Array(RATE).map((_, n) => 0.3 * Math.sin(n / 7) + 0.1 * (2 * random() - 1));
    const expected = logFilteredSpectrogram(
      magnitudeSpectrogram(stft(samples, RATE, { frameSize: 1024, hopSize: 256 })),
      bank,
      100,
    );
    const actual = logFilteredStft(samples, RATE, { frameSize: 1024, hopSize: 256, bank, multiplier: 100 });
    expect(actual.frames).toBe(expected.frames);
    expect(actual.bins).toBe(bank.bands);
    let worst = 0;
    for (let i = 0; i < actual.data.length; i++) worst = Math.max(worst, Math.abs(actual.data[i]! - expected.data[i]!));
    expect(worst).toBeLessThan(1e-4);
  });

  it("gives no frames for no samples, zeros for silence, and rejects a mismatched bank", () => {
    expect(logFilteredStft(new Float32Array(0), RATE, { frameSize: 1024, hopSize: 256, bank }).frames).toBe(0);
    const silent = logFilteredStft(new Float32Array(3000), RATE, { frameSize: 1024, hopSize: 256, bank });
    expect(silent.data.every((value) => value === 0)).toBe(true);
    expect(() => logFilteredStft(new Float32Array(3000), RATE, { frameSize: 2048, hopSize: 256, bank })).toThrow(
      RangeError,
    );
  });
});
