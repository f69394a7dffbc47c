import { describe, expect, it } from "vitest";
import { beatFMeasure } from "../../core/evaluation/beat-metrics.js";
import { beatTimes, type Groove, renderGroove, renderHits } from "../../core/rhythm/test-helpers/rhythm-signals.js";
import { addChord, majorCadence } from "../../core/test-helpers/harmonic-signals.js";
import { whiteNoise } from "../../core/test-helpers/signals.js";
import { AnalysisContext } from "../analysis-context.js";
import { OnsetsSchema, onsetsAnalysis } from "./onsets.js";
import { RhythmSchema, rhythmAnalysis } from "./rhythm.js";

function run(samples: Float32Array, sampleRate: number) {
  const context = AnalysisContext.fromSignal({ channels: [samples], sampleRate });
  const rhythm = RhythmSchema.parse(rhythmAnalysis.run(context, {}));
  const onsets = OnsetsSchema.parse(onsetsAnalysis.run(context, {}));
  return { rhythm, onsets, context };
}

function expectValid(rhythm: ReturnType<typeof run>["rhythm"]) {
  const numbers = [rhythm.tempoConfidence, rhythm.meterConfidence, ...rhythm.beats, ...rhythm.downbeats];
  expect(numbers.every(Number.isFinite)).toBe(true);
  expect(rhythm.tempoBpm === null || Number.isFinite(rhythm.tempoBpm)).toBe(true);
}

describe("rhythm analysis robustness", () => {
  it("silence: null tempo, confidence 0, no beats", () => {
    const { rhythm, onsets } = run(new Float32Array(22_050 * 4), 22_050);
    expect(rhythm.tempoBpm).toBeNull();
    expect(rhythm.tempoConfidence).toBe(0);
    expect(rhythm.beats).toEqual([]);
    expect(onsets.times).toEqual([]);
  });

  it("white noise: valid result with low confidence", () => {
    const { rhythm } = run(whiteNoise(22_050 * 8, 3, 0.3), 22_050);
    expectValid(rhythm);
    expect(rhythm.tempoConfidence).toBeLessThan(0.5);
  });

  it("a single click, a 0.5-s clip and a DC offset give valid results", () => {
    const click = new Float32Array(22_050 * 4);
    click[22_050] = 1;
    for (const samples of [
      click,
      renderHits([{ timeSeconds: 0.1, amplitude: 0.5 }], 22_050, 0.5),
      new Float32Array(22_050 * 4).fill(0.3),
    ]) {
      const { rhythm } = run(samples, 22_050);
      expectValid(rhythm);
      expect(rhythm.tempoBpm).toBeNull();
    }
  });

  it("8 kHz and 192 kHz click tracks are analysed", () => {
    for (const sampleRate of [8000, 192_000]) {
      const hits = Array.from({ length: 16 }, (_, i) => ({ timeSeconds: 0.25 + i * 0.5, amplitude: 0.5, kick: 0.5 }));
      const { rhythm, onsets } = run(renderHits(hits, sampleRate, 8.5), sampleRate);
      expectValid(rhythm);
      expect(rhythm.tempoBpm).not.toBeNull();
      expect([60, 120, 240].some((tempo) => Math.abs(rhythm.tempoBpm! / tempo - 1) < 0.03)).toBe(true);
      expect(onsets.count).toBeGreaterThanOrEqual(14);
    }
  });

  it("keeps the beat within 40–200 BPM: uniform hits 220 times a minute are felt at 110 BPM", () => {
    const hits = Array.from({ length: 88 }, (_, i) => ({
      timeSeconds: 0.2 + (i * 60) / 220,
      amplitude: 0.5,
      kick: 0.3,
    }));
    const { rhythm } = run(renderHits(hits, 22_050, 25), 22_050);
    expect(rhythm.tempoBpm).not.toBeNull();
    expect(Math.abs(rhythm.tempoBpm! / 110 - 1)).toBeLessThan(0.03);
  });

  it("shares the onset envelope between analyses (computed once)", () => {
    const hits = Array.from({ length: 16 }, (_, i) => ({ timeSeconds: 0.25 + i * 0.5, amplitude: 0.5 }));
    const { context } = run(renderHits(hits, 22_050, 8.5), 22_050);
    const stats = context.representationStats().filter((entry) => entry.key.startsWith("rhythm:"));
    expect(stats.every((entry) => entry.computeCount === 1)).toBe(true);
  });
});

describe("rhythm analysis meters", () => {
  const RATE = 22_050;
  const DURATION = 24;
  /** Bar starts from 0.5 s on, for bars of `barSeconds`. */
  const barStarts = (barSeconds: number) =>
    Array.from({ length: Math.floor((DURATION - 0.5) / barSeconds) }, (_, bar) => 0.5 + bar * barSeconds);

  // 6/8: kick on eighth 1, snare on eighth 4, hi-hat on every eighth, one triad per bar.
  // At 90 the tracker first locks on pairs of eighths (135 BPM, a 3:2 error heard as 3/4).
  for (const dottedQuarterBpm of [90, 110]) {
    it(`hears 6/8 at ${dottedQuarterBpm} dotted quarters a minute, with its bar lines`, () => {
      const groove: Groove = {
        pulseBpm: 3 * dottedQuarterBpm,
        pulsesPerBar: 6,
        kickPulses: [0],
        snarePulses: [3],
        hatPulses: [0, 1, 2, 3, 4, 5],
        bassPulses: [],
        chordPulses: [],
        roots: [60, 67],
      };
      const { rhythm } = run(renderGroove(groove, RATE, DURATION), RATE);
      expect(rhythm.timeSignature).toBe("6/8");
      expect(rhythm.beatsPerBar).toBe(2);
      expect(Math.abs(rhythm.tempoBpm! / dottedQuarterBpm - 1)).toBeLessThan(0.02);
      const beatSeconds = 60 / dottedQuarterBpm;
      const truthBeats = barStarts(beatSeconds);
      expect(beatFMeasure(truthBeats, rhythm.beats).fMeasure).toBeGreaterThanOrEqual(0.95);
      expect(beatFMeasure(barStarts(2 * beatSeconds), rhythm.downbeats).fMeasure).toBeGreaterThanOrEqual(0.9);
    });
  }

  it("keeps 4/4 for a binary groove (kick 1 and 3, snare 2 and 4, eighth hi-hats)", () => {
    const groove: Groove = {
      pulseBpm: 2 * 110,
      pulsesPerBar: 8,
      kickPulses: [0, 4],
      snarePulses: [2, 6],
      hatPulses: [0, 1, 2, 3, 4, 5, 6, 7],
      bassPulses: [0],
      chordPulses: [],
      roots: [60, 65, 67, 65],
    };
    const { rhythm } = run(renderGroove(groove, RATE, DURATION), RATE);
    expect(rhythm.timeSignature).toBe("4/4");
    expect(Math.abs(rhythm.tempoBpm! / 110 - 1)).toBeLessThan(0.02);
  });

  it("hears 4/4 rock with loud eighth hi-hats at 125 BPM, not 12/8 at three eighths a beat", () => {
    // Even eighths leave the autocorrelation as happy with three eighths a beat (83 BPM) as
    // with two; the kick and snare accent every other eighth, so the eighths group in twos.
    const hits = beatTimes(250, 0.5, DURATION - 1).flatMap((timeSeconds, i) => [
      { timeSeconds, amplitude: 0.45 },
      ...(i % 4 === 0 ? [{ timeSeconds, amplitude: 0.1, kick: 0.8 }] : []),
      ...(i % 4 === 2 ? [{ timeSeconds, amplitude: 0.5 }] : []),
    ]);
    const { rhythm } = run(renderHits(hits, RATE, DURATION), RATE);
    expect(rhythm.timeSignature).toBe("4/4");
    expect(Math.abs(rhythm.tempoBpm! / 125 - 1)).toBeLessThan(0.02);
  });

  it("hears a slow rock groove at its tempo when its chords change once a bar (harmonic rhythm)", () => {
    // Eighth hi-hats as loud as the beats pull the tracker to the eighths; a chord held for
    // eight of those "beats" says they are eighths. Without the harmonic-rhythm check all
    // three come out at twice their tempo.
    for (const tempoBpm of [64, 72, 80]) {
      const groove: Groove = {
        pulseBpm: 2 * tempoBpm,
        pulsesPerBar: 8,
        kickPulses: [0, 4],
        snarePulses: [2, 6],
        hatPulses: [0, 1, 2, 3, 4, 5, 6, 7],
        bassPulses: [0],
        chordPulses: [],
        roots: [60, 65, 67, 62, 57, 64],
      };
      const { rhythm } = run(renderGroove(groove, RATE, 30), RATE);
      expect(Math.abs(rhythm.tempoBpm! / tempoBpm - 1)).toBeLessThan(0.02);
      expect(rhythm.timeSignature).toBe("4/4");
    }
  });

  it("halves beats with nothing between them when the chords last two of their bars", () => {
    // Kick on 1 and 3, snare on 2 and 4, hi-hat eighths nearly as loud, nothing finer: tracked
    // at the eighths, nothing falls between the "beats" and alternate ones sound much alike, so
    // the beats' own evidence cannot tell them from a metronome's; chords held a bar can.
    for (const tempoBpm of [64, 76]) {
      const eighth = 30 / tempoBpm;
      const hits = beatTimes(2 * tempoBpm, 0.5, DURATION - 0.5).flatMap((time, i) => [
        { timeSeconds: time, amplitude: 0.25 },
        ...(i % 4 === 0 ? [{ timeSeconds: time, amplitude: 0.05, kick: 0.9 }] : []),
        ...(i % 4 === 2 ? [{ timeSeconds: time, amplitude: 0.3 }] : []),
      ]);
      const samples = renderHits(hits, RATE, DURATION);
      const chords = majorCadence(60);
      const bar = Math.round(8 * eighth * RATE);
      for (let b = 0; Math.round(0.5 * RATE) + b * bar < samples.length; b++) {
        addChord(samples, RATE, Math.round(0.5 * RATE) + b * bar, bar, chords[b % chords.length]!);
      }
      const { rhythm } = run(samples, RATE);
      expect(Math.abs(rhythm.tempoBpm! / tempoBpm - 1)).toBeLessThan(0.02);
    }
  });

  it("hears a drumless click groove under chords at its quarter notes (equal clicks, soft eighths)", () => {
    // No kick or snare: the metrical-level decision must not take the quarters for eighths
    // (metrical-level-model.ts fitted on kick–snare songs alone did).
    for (const tempoBpm of [84, 138]) {
      const samples = new Float32Array(DURATION * RATE);
      const beat = 60 / tempoBpm;
      for (let time = 0.5; time < DURATION - 0.5; time += beat) {
        samples[Math.round(time * RATE)] = 0.5;
        samples[Math.round((time + beat / 2) * RATE)] = 0.2;
      }
      const bar = Math.round(4 * beat * RATE);
      const chords = majorCadence(60);
      for (let b = 0; Math.round(0.5 * RATE) + b * bar < samples.length; b++) {
        addChord(samples, RATE, Math.round(0.5 * RATE) + b * bar, bar, chords[b % chords.length]!);
      }
      const { rhythm } = run(samples, RATE);
      expect(Math.abs(rhythm.tempoBpm! / tempoBpm - 1)).toBeLessThan(0.02);
    }
  });

  it("counts the beats of a final chord held for its bar, and none in the ring after it", () => {
    // Twelve bars of kick, snare and eighth hi-hats at 110 BPM, then the final chord struck with
    // a kick on the next downbeat and held for that bar, then silence: nothing to lock to after
    // the downbeat, yet the bar has four beats.
    const beat = 60 / 110;
    const start = 0.5;
    const finalDownbeat = start + 48 * beat;
    const hits = beatTimes(220, start, finalDownbeat - 0.01).flatMap((timeSeconds, i) => [
      { timeSeconds, amplitude: i % 2 === 0 ? 0.3 : 0.15 },
      ...(i % 4 === 0 ? [{ timeSeconds, amplitude: 0.05, kick: 0.9 }] : []),
      ...(i % 4 === 2 ? [{ timeSeconds, amplitude: 0.5 }] : []),
    ]);
    hits.push({ timeSeconds: finalDownbeat, amplitude: 0.4, kick: 0.9 });
    const duration = finalDownbeat + 4 * beat + 3;
    const samples = renderHits(hits, RATE, duration);
    const chords = majorCadence(60);
    const bar = Math.round(4 * beat * RATE);
    for (let b = 0; b <= 12; b++) {
      addChord(samples, RATE, Math.round((start + 4 * b * beat) * RATE), bar, chords[b % chords.length]!);
    }
    const { rhythm } = run(samples, RATE);
    expect(Math.abs(rhythm.tempoBpm! / 110 - 1)).toBeLessThan(0.02);
    const expected = beatTimes(110, start, finalDownbeat + 3.5 * beat);
    expect(beatFMeasure(expected, rhythm.beats).fMeasure).toBe(1);
    expect(rhythm.downbeats.at(-1)).toBeCloseTo(finalDownbeat, 1);
  });

  it("keeps the beat through an intro of loud off-beat chord stabs over bass notes on the beats", () => {
    const tempoBpm = 110;
    const intro: Groove = {
      pulseBpm: 2 * tempoBpm,
      pulsesPerBar: 8,
      kickPulses: [],
      snarePulses: [],
      hatPulses: [],
      bassPulses: [0, 2, 4, 6],
      chordPulses: [1, 3, 5, 7],
      roots: [60, 65, 67, 65],
    };
    const body: Groove = { ...intro, kickPulses: [0, 4], snarePulses: [2, 6], hatPulses: [0, 1, 2, 3, 4, 5, 6, 7] };
    const barSeconds = (4 * 60) / tempoBpm;
    const introSeconds = 0.5 + 4 * barSeconds;
    const bodySeconds = 0.5 + 12 * barSeconds;
    // The body starts exactly one bar period after the intro's last bar (both groove renders start at 0.5 s).
    const samples = new Float32Array(Math.round((introSeconds + bodySeconds) * RATE));
    samples.set(renderGroove(intro, RATE, introSeconds));
    samples.set(
      renderGroove(body, RATE, bodySeconds).subarray(Math.round(0.5 * RATE)),
      Math.round(introSeconds * RATE),
    );
    const truthBeats = Array.from({ length: 80 }, (_, i) => 0.5 + (i * 60) / tempoBpm);
    const introBeats = truthBeats.filter((time) => time < introSeconds - 0.1);
    const { rhythm } = run(samples, RATE);
    expect(Math.abs(rhythm.tempoBpm! / tempoBpm - 1)).toBeLessThan(0.02);
    const inIntro = rhythm.beats.filter((time) => time < introSeconds - 0.1);
    expect(beatFMeasure(introBeats, inIntro).fMeasure).toBeGreaterThanOrEqual(0.9);
  });
});
