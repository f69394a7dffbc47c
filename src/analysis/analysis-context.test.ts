import { describe, expect, it } from "vitest";
import { createRealFft } from "../core/dsp/real-fft.js";
import { magnitudeSpectrogram } from "../core/dsp/spectrogram.js";
import { AnalysisContext } from "./analysis-context.js";

const stereo = () => ({ channels: [new Float32Array([1, 0, 0.5]), new Float32Array([0, 0, 0.5])], sampleRate: 8000 });

describe("AnalysisContext", () => {
  it("computes a representation once and hands every asker the same object", () => {
    const context = new AnalysisContext(stereo());
    let computed = 0;
    const first = context.memo("thing:1", () => ({ value: ++computed }));
    const second = context.memo("thing:1", () => ({ value: ++computed }));
    expect(second).toBe(first);
    expect(computed).toBe(1);
    expect(context.representationStats()).toEqual([expect.objectContaining({ key: "thing:1", computeCount: 1 })]);
  });

  it("keys representations by their parameters", () => {
    const context = new AnalysisContext(stereo());
    expect(context.memo("stft:1024", () => 1)).toBe(1);
    expect(context.memo("stft:2048", () => 2)).toBe(2);
  });

  it("memoises the mono mix", () => {
    const context = new AnalysisContext(stereo());
    const mono = context.mono();
    expect(Array.from(mono)).toEqual([0.5, 0, 0.5]);
    expect(context.mono()).toBe(mono);
  });

  it("recomputes after release", () => {
    const context = new AnalysisContext(stereo());
    context.mono();
    context.release("mono");
    context.mono();
    expect(context.representationStats()[0]!.computeCount).toBe(2);
  });

  it("rejects signals without channels, ragged channels and bad rates", () => {
    expect(() => new AnalysisContext({ channels: [], sampleRate: 8000 })).toThrow(/at least one channel/);
    expect(
      () => new AnalysisContext({ channels: [new Float32Array(2), new Float32Array(3)], sampleRate: 8000 }),
    ).toThrow(/same length/);
    expect(() => new AnalysisContext({ channels: [new Float32Array(2)], sampleRate: 0 })).toThrow(/sampleRate/);
  });

  it("reports duration from length and rate", () => {
    expect(new AnalysisContext({ channels: [new Float32Array(22_222)], sampleRate: 22_222 }).durationSeconds).toBe(1);
  });
});

describe("AnalysisContext spectral representations", () => {
  const rate = 22_050;
  const tone = () => {
    const samples = new Float32Array(rate);
    for (let i = 0; i < samples.length; i++) samples[i] = Math.sin((2 * Math.PI * 1000 * i) / rate);
    return { channels: [samples, samples.slice()], sampleRate: rate };
  };

  it("computes the STFT once for every analysis that asks for the same resolution", () => {
    const context = new AnalysisContext(tone());
    const first = context.magnitudeSpectrogram({ frameSize: 1024, hopSize: 256 });
    const again = context.stft({ frameSize: 1024, hopSize: 256 });
    expect(context.magnitudeSpectrogram({ frameSize: 1024, hopSize: 256 })).toBe(first);
    expect(context.stft({ frameSize: 1024, hopSize: 256 })).toBe(again);
    const keys = context.representationStats().map((entry) => [entry.key, entry.computeCount]);
    expect(keys).toEqual([
      ["mono", 1],
      ["magnitude@22050:1024:256:hann", 1],
      ["stft@22050:1024:256:hann", 1],
    ]);
  });

  it("computes magnitudes without keeping a complex STFT, equal to |STFT|", () => {
    const context = new AnalysisContext(tone());
    const direct = context.magnitudeSpectrogram({ frameSize: 512, hopSize: 128 });
    expect(context.representationStats().map((entry) => entry.key)).not.toContain("stft@22050:512:128:hann");
    const viaComplex = magnitudeSpectrogram(new AnalysisContext(tone()).stft({ frameSize: 512, hopSize: 128 }));
    expect(direct.frames).toBe(viaComplex.frames);
    let worst = 0;
    for (let i = 0; i < direct.data.length; i++)
      worst = Math.max(worst, Math.abs(direct.data[i]! - viaComplex.data[i]!));
    expect(worst).toBe(0);
  });

  it("puts a 1 kHz tone in the right bin", () => {
    const spectrogram = new AnalysisContext(tone()).magnitudeSpectrogram({ frameSize: 2048, hopSize: 512 });
    const frame = 10;
    let peakBin = 0;
    for (let bin = 1; bin < spectrogram.bins; bin++) {
      if (spectrogram.data[frame * spectrogram.bins + bin]! > spectrogram.data[frame * spectrogram.bins + peakBin]!)
        peakBin = bin;
    }
    expect((peakBin * rate) / 2048).toBeCloseTo(1000, -1);
  });

  it("resamples the mono mix once per rate and keeps the tone's frequency", () => {
    const context = new AnalysisContext(tone());
    const low = context.monoAt(11_025);
    expect(context.monoAt(11_025)).toBe(low);
    expect(low.length).toBe(11_025);
    let crossings = 0;
    for (let i = 1; i < low.length; i++) if (low[i - 1]! < 0 && low[i]! >= 0) crossings++;
    expect(crossings).toBeGreaterThanOrEqual(998);
    expect(crossings).toBeLessThanOrEqual(1001);
    expect(context.monoAt(rate)).toBe(context.mono());
  });

  it("uses the injected FFT factory, one FFT per size", () => {
    const sizes: number[] = [];
    const context = new AnalysisContext(tone(), undefined, {
      fftFactory: (size) => {
        sizes.push(size);
        return createRealFft(size);
      },
    });
    context.stft({ frameSize: 512, hopSize: 128 });
    context.stft({ frameSize: 512, hopSize: 256 });
    context.stft({ frameSize: 1024, hopSize: 256 });
    expect(sizes).toEqual([512, 1024]);
  });
});
