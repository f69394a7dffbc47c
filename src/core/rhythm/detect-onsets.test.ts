import { describe, expect, it } from "vitest";
import { magnitudeSpectrogram } from "../dsp/spectrogram.js";
import { stft } from "../dsp/stft.js";
import { onsetFMeasure } from "../evaluation/onset-metrics.js";
import { detectOnsets } from "./detect-onsets.js";
import { createLogFilterbank, logFilteredSpectrogram } from "./log-filterbank.js";
import { bandNormalisedOnsetStrength, onsetStrength } from "./onset-strength.js";
import { renderHits } from "./test-helpers/rhythm-signals.js";

const RATE = 22_050;

function envelopes(samples: Float32Array) {
  const magnitude = magnitudeSpectrogram(stft(samples, RATE, { frameSize: 1024, hopSize: 256 }));
  const bank = createLogFilterbank({ sampleRate: RATE, frameSize: 1024 });
  const spectrogram = logFilteredSpectrogram(magnitude, bank, 100);
  const split = bank.centerHz.findIndex((center) => center > 5000);
  return { full: onsetStrength(spectrogram), detection: bandNormalisedOnsetStrength(spectrogram, [split]) };
}

describe("detectOnsets (SuperFlux + peak picking)", () => {
  it("finds hits of very different loudness within 50 ms", () => {
    const times = [0.3, 0.55, 0.9, 1.1, 1.6, 1.75, 2.2, 2.9, 3.05, 3.5];
    const hits = times.map((timeSeconds, i) => ({ timeSeconds, amplitude: i % 2 === 0 ? 0.8 : 0.1 }));
    const { detection } = envelopes(renderHits(hits, RATE, 4));
    const found = detectOnsets(detection, { frameRate: RATE / 256 });
    expect(onsetFMeasure(times, [...found]).fMeasure).toBeGreaterThanOrEqual(0.95);
  });

  it("reports nothing for silence and few onsets for a steady sine", () => {
    const { detection } = envelopes(new Float32Array(RATE * 2));
    expect(detectOnsets(detection, { frameRate: RATE / 256 }).length).toBe(0);
    const sine = new Float32Array(RATE * 2).map((_, n) => 0.5 * Math.sin((2 * Math.PI * 440 * n) / RATE));
    expect(detectOnsets(envelopes(sine).detection, { frameRate: RATE / 256 }).length).toBeLessThanOrEqual(1);
  });

  it("suppresses vibrato (max filter) better than plain flux", () => {
    const vibrato = new Float32Array(RATE * 2);
    let phase = 0;
    for (let n = 0; n < vibrato.length; n++) {
      phase += (2 * Math.PI * 880 * 2 ** ((0.5 * Math.sin((2 * Math.PI * 6 * n) / RATE)) / 12)) / RATE;
      vibrato[n] = 0.5 * Math.sin(phase);
    }
    const magnitude = magnitudeSpectrogram(stft(vibrato, RATE, { frameSize: 1024, hopSize: 256 }));
    const spectrogram = logFilteredSpectrogram(
      magnitude,
      createLogFilterbank({ sampleRate: RATE, frameSize: 1024 }),
      100,
    );
    const sum = (values: Float32Array) => values.slice(20).reduce((a, b) => a + b, 0);
    expect(sum(onsetStrength(spectrogram, { maxFilterBins: 3 }))).toBeLessThan(
      0.7 * sum(onsetStrength(spectrogram, { maxFilterBins: 1 })),
    );
  });
});
