import { describe, expect, it } from "vitest";
import { createLogFilterbank } from "./log-filterbank.js";
import { logFilteredStft } from "./log-filtered-stft.js";
import { metricalLevel } from "./metrical-level.js";
import { regionOnsetStrengths } from "./onset-strength.js";
import { beatTimes, type Hit, renderHits } from "./test-helpers/rhythm-signals.js";

const RATE = 22_050;
const HOP = 256;

/** Onset envelopes of the regions above 120 Hz (120–250 Hz, 250 Hz–2 kHz, 2–5 kHz, above). */
function regionEnvelopes(hits: readonly Hit[], durationSeconds: number): Float32Array[] {
  const bank = createLogFilterbank({ sampleRate: RATE, frameSize: 1024 });
  const spectrogram = logFilteredStft(renderHits(hits, RATE, durationSeconds), RATE, {
    frameSize: 1024,
    hopSize: HOP,
    bank,
    multiplier: 100,
  });
  const band = (hz: number) => bank.centerHz.findIndex((center) => center > hz);
  return regionOnsetStrengths(spectrogram, [band(120), band(250), band(2000), band(5000), bank.bands]);
}

const frames = (times: readonly number[]) => Int32Array.from(times.map((time) => Math.round((time * RATE) / HOP)));

/** Kick on beats 1 and 3, loud backbeat on 2 and 4, soft hi-hat eighths. */
function rockHits(tempoBpm: number, durationSeconds: number): Hit[] {
  return beatTimes(tempoBpm, 0.5, durationSeconds - 1).flatMap((time, i) => [
    i % 2 === 0 ? { timeSeconds: time, amplitude: 0.15, kick: 0.9 } : { timeSeconds: time, amplitude: 0.6 },
    { timeSeconds: time + 30 / tempoBpm, amplitude: 0.08 },
  ]);
}

describe("metricalLevel", () => {
  const tempoBpm = 170;
  const envelopes = regionEnvelopes(rockHits(tempoBpm, 20), 20);
  const truth = beatTimes(tempoBpm, 0.5, 19);

  it("accepts beats at the beat level", () => {
    expect(metricalLevel(frames(truth), envelopes).factor).toBe(1);
  });

  it("doubles beats that skip every backbeat (half tempo)", () => {
    const evidence = metricalLevel(frames(truth.filter((_, i) => i % 2 === 0)), envelopes);
    expect(evidence.factor).toBe(2);
    expect(evidence.halfBeatRatio).toBeGreaterThan(0.65);
  });

  it("keeps a slow groove whose eighths are as loud as its beats, when nothing divides the eighths", () => {
    // 80 BPM: kick and backbeat on the beats, open eighths as loud; no sixteenths. The
    // eighths are the finest pulse, so they are not the beat (the doubled tempo would be).
    const slowBpm = 80;
    const hits = beatTimes(slowBpm, 0.5, 29).flatMap((time, i) => [
      i % 2 === 0 ? { timeSeconds: time, amplitude: 0.3, kick: 0.9 } : { timeSeconds: time, amplitude: 0.6 },
      { timeSeconds: time + 30 / slowBpm, amplitude: 0.6 },
    ]);
    const evidence = metricalLevel(frames(beatTimes(slowBpm, 0.5, 29)), regionEnvelopes(hits, 30));
    expect(evidence.halfBeatRatio).toBeGreaterThan(0.65);
    expect(evidence.quarterBeatRatio).toBeLessThan(0.12);
    expect(evidence.factor).toBe(1);
    // Add soft sixteenths and the same half-beats do make those eighths the beat.
    const subdivided = hits.flatMap((hit) => [hit, { timeSeconds: hit.timeSeconds + 15 / slowBpm, amplitude: 0.3 }]);
    expect(metricalLevel(frames(beatTimes(slowBpm, 0.5, 29)), regionEnvelopes(subdivided, 30)).factor).toBe(2);
  });

  it("halves beats that fall on every eighth of a sparse groove (double tempo)", () => {
    // A slow waltz: kick on 1, backbeat on 3, nothing between the beats.
    const slow = beatTimes(66, 0.5, 29);
    const waltz = slow.map((time, i) =>
      i % 3 === 0
        ? { timeSeconds: time, amplitude: 0.15, kick: 0.9 }
        : { timeSeconds: time, amplitude: i % 3 === 2 ? 0.6 : 0.05 },
    );
    const doubled = beatTimes(132, 0.5, 29);
    expect(metricalLevel(frames(doubled), regionEnvelopes(waltz, 30)).factor).toBe(0.5);
  });

  it("doubles half notes of a half-time groove (snare on 3, hi-hat eighths)", () => {
    // 140 BPM: kick on 1 and the "and" of 3, snare on 3 only, hi-hat eighths accented on the beats.
    const fast = beatTimes(140, 0.5, 29);
    const halftime = fast.flatMap((time, i) => [
      i % 4 === 0
        ? { timeSeconds: time, amplitude: 0.15, kick: 0.9 }
        : { timeSeconds: time, amplitude: i % 4 === 2 ? 0.6 : 0.12 },
      { timeSeconds: time + 30 / 140, amplitude: 0.08, kick: i % 4 === 2 ? 0.9 : 0 },
    ]);
    const halfNotes = frames(fast.filter((_, i) => i % 2 === 0));
    const evidence = metricalLevel(halfNotes, regionEnvelopes(halftime, 30));
    expect(evidence.halfBeatRatio).toBeLessThan(0.65);
    expect(evidence.factor).toBe(2);
  });

  it("says nothing with too few beats or no envelopes", () => {
    expect(metricalLevel(frames(truth.slice(0, 5)), envelopes)).toEqual({
      halfBeatRatio: 0,
      alternateBeatRatio: 1,
      quarterBeatRatio: 0,
      factor: 1,
    });
    expect(metricalLevel(frames(truth), []).factor).toBe(1);
    expect(metricalLevel(frames(truth), [new Float32Array(5000)]).factor).toBe(1);
  });
});
