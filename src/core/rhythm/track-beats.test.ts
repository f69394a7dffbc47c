import { describe, expect, it } from "vitest";
import { magnitudeSpectrogram } from "../dsp/spectrogram.js";
import { stft } from "../dsp/stft.js";
import { beatFMeasure } from "../evaluation/beat-metrics.js";
import { estimateMeter } from "./estimate-meter.js";
import { estimateTempo } from "./estimate-tempo.js";
import { createLogFilterbank, logFilteredSpectrogram } from "./log-filterbank.js";
import { onsetStrength } from "./onset-strength.js";
import { periodPerFrame, tempoCurve } from "./tempo-curve.js";
import { beatTimes, type Hit, renderHits } from "./test-helpers/rhythm-signals.js";
import { trackBeats } from "./track-beats.js";

const RATE = 22_050;
const FRAME_RATE = RATE / 256;

function analyse(hits: readonly Hit[], durationSeconds: number) {
  const magnitude = magnitudeSpectrogram(
    stft(renderHits(hits, RATE, durationSeconds), RATE, { frameSize: 1024, hopSize: 256 }),
  );
  const bank = createLogFilterbank({ sampleRate: RATE, frameSize: 1024 });
  const spectrogram = logFilteredSpectrogram(magnitude, bank, 100);
  const envelope = onsetStrength(spectrogram);
  const low = onsetStrength(spectrogram, { toBand: bank.centerHz.findIndex((center) => center > 250) });
  const tempo = estimateTempo(envelope, { frameRate: FRAME_RATE });
  const curve = tempoCurve(envelope, tempo.tempoBpm ?? 120, { frameRate: FRAME_RATE });
  const frames = trackBeats(envelope, periodPerFrame(curve, envelope.length, FRAME_RATE, tempo.tempoBpm ?? 120), {
    frameRate: FRAME_RATE,
  });
  return { tempo, curve, frames, beats: [...frames].map((frame) => frame / FRAME_RATE), low, spectrogram };
}

/** Hits with a kick on every beat and soft off-beat eighths. */
function clickHits(tempoBpm: number, start: number, end: number): Hit[] {
  return beatTimes(tempoBpm, start, end).flatMap((time) => [
    { timeSeconds: time, amplitude: 0.5, kick: 0.8 },
    { timeSeconds: time + 30 / tempoBpm, amplitude: 0.12 },
  ]);
}

describe("tempo and beats on click tracks", () => {
  for (const tempoBpm of [80, 100, 128, 160]) {
    it(`finds ${tempoBpm} BPM within 2 % and its beats (F ≥ 0.95 at ±70 ms)`, () => {
      const truth = beatTimes(tempoBpm, 0.5, 20);
      const { tempo, beats } = analyse(clickHits(tempoBpm, 0.5, 20), 20);
      expect(tempo.tempoBpm).not.toBeNull();
      expect(Math.abs(tempo.tempoBpm! / tempoBpm - 1)).toBeLessThan(0.02);
      expect(tempo.candidates.map((candidate) => candidate.likelihood).every(Number.isFinite)).toBe(true);
      expect(beatFMeasure(truth, beats).fMeasure).toBeGreaterThanOrEqual(0.95);
    });
  }

  // The Viterbi path over the local tempogram follows the change instead of staying near the
  // global tempo.
  it("follows a tempo change from 100 to 130 BPM", () => {
    const first = beatTimes(100, 0.5, 15);
    const second = beatTimes(130, first[first.length - 1]! + 60 / 100, 30);
    const hits = [...first, ...second].map((timeSeconds, i) => ({
      timeSeconds,
      amplitude: 0.5,
      kick: i % 2 === 0 ? 0.8 : 0,
    }));
    const { curve, beats } = analyse(hits, 30);
    const early = curve.tempoBpm[2]!;
    const late = curve.tempoBpm[curve.tempoBpm.length - 2]!;
    expect(Math.abs(early / 100 - 1)).toBeLessThan(0.04);
    expect(Math.abs(late / 130 - 1)).toBeLessThan(0.04);
    expect(beatFMeasure([...first, ...second], beats).fMeasure).toBeGreaterThanOrEqual(0.9);
  });

  it("keeps the beat through a quiet intro", () => {
    const truth = beatTimes(120, 0.5, 20);
    const hits = truth.map((timeSeconds, i) => ({
      timeSeconds,
      amplitude: timeSeconds < 6 ? 0.03 : 0.5,
      kick: timeSeconds < 6 ? 0 : i % 2 === 0 ? 0.8 : 0.6,
    }));
    const { beats } = analyse(hits, 20);
    expect(beatFMeasure(truth, beats).fMeasure).toBeGreaterThanOrEqual(0.95);
  });

  it("finds 3/4 and its downbeats from accented first beats", () => {
    const truth = beatTimes(120, 0.5, 24);
    const hits = truth.map((timeSeconds, i) => ({ timeSeconds, amplitude: 0.4, kick: i % 3 === 0 ? 1 : 0 }));
    const { frames, low, spectrogram } = analyse(hits, 24);
    const meter = estimateMeter(frames, low, spectrogram);
    expect(meter.beatsPerBar).toBe(3);
    const downbeats = [...meter.downbeatIndices].map((index) => frames[index]! / FRAME_RATE);
    expect(
      beatFMeasure(
        truth.filter((_, i) => i % 3 === 0),
        downbeats,
      ).fMeasure,
    ).toBeGreaterThanOrEqual(0.9);
  });

  it("returns no tempo and no beats for silence", () => {
    const envelope = new Float32Array(2000);
    expect(estimateTempo(envelope, { frameRate: FRAME_RATE })).toEqual({
      tempoBpm: null,
      confidence: 0,
      candidates: [],
    });
    expect(trackBeats(envelope, 40, { frameRate: FRAME_RATE }).length).toBe(0);
  });
});
