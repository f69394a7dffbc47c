import { describe, expect, it } from "vitest";
import type { DrumHit } from "../drum-hit.js";
import { type DrumScore, TICKS_PER_BEAT } from "./drum-score.js";
import { quantizeDrums } from "./quantize-drums.js";
import {
  beatsWithTempo,
  CRASH_BAR,
  gridOf,
  type Pattern,
  placePatterns,
  ROCK_BEAT,
  SHUFFLE,
  SIXTEENTH_GROOVE,
  steadyBeats,
  TOM_FILL,
  TRIPLET_GROOVE,
  timeAtBeat,
  WALTZ,
} from "./test-helpers/grooves.js";

/** The pattern of a bar as the score has it: "tick drum" strings, sorted. */
const barContent = (score: DrumScore, index: number) =>
  score.bars[index]!.events.map((event) => `${event.tick} ${event.drum}`).sort();

/** The exact ticks a pattern must quantise to. */
const patternContent = (pattern: Pattern) =>
  pattern.map((hit) => `${Math.round(hit.beat * TICKS_PER_BEAT)} ${hit.drum}`).sort();

describe("quantizeDrums", () => {
  it("quantises a rock beat with ±15 ms jitter at 120 BPM to the exact ticks, bar after bar", () => {
    const beats = steadyBeats(8 * 4 + 1, 120);
    const patterns = Array.from({ length: 8 }, () => ROCK_BEAT);
    for (const seed of [1, 2, 3, 4, 5]) {
      const score = quantizeDrums(
        placePatterns(beats, patterns, 4, { jitterSeconds: 0.015, seed }),
        gridOf(beats, 4, "4/4", 120),
      );
      expect(score.bars).toHaveLength(8);
      for (let bar = 0; bar < 8; bar++) expect(barContent(score, bar)).toEqual(patternContent(ROCK_BEAT));
      expect(score.subdivision).toBe("straight");
      expect(score.timeSignature).toEqual({ numerator: 4, denominator: 4 });
      expect(score.beatUnit).toEqual({ noteValue: 4, dotted: false });
      expect(score.tempoBpm).toBeCloseTo(120, 6);
      expect(score.bars[0]!.startSeconds).toBeCloseTo(0.5, 12);
      expect(score.bars.map((bar) => bar.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    }
  });

  it("keeps 16th grooves, fills, crashes and velocities exact (±15 ms at 110 BPM)", () => {
    const beats = steadyBeats(4 * 4 + 1, 110);
    const patterns = [SIXTEENTH_GROOVE, TOM_FILL, CRASH_BAR, SIXTEENTH_GROOVE];
    const score = quantizeDrums(
      placePatterns(beats, patterns, 4, { jitterSeconds: 0.015, seed: 11 }),
      gridOf(beats, 4, "4/4", 110),
    );
    patterns.forEach((pattern, bar) => {
      expect(barContent(score, bar)).toEqual(patternContent(pattern));
    });
    expect(score.bars[1]!.beatSubdivisions).toEqual(["straight", "straight", "straight", "triplet"]);
    const ghost = score.bars[0]!.events.find((event) => event.tick === 180 && event.drum === "snare");
    expect(ghost?.velocity).toBe(40);
  });

  it("detects triplets and writes a song in triplets in 12/8", () => {
    const beats = steadyBeats(8 * 4 + 1, 90);
    const patterns = Array.from({ length: 8 }, () => TRIPLET_GROOVE);
    const score = quantizeDrums(
      placePatterns(beats, patterns, 4, { jitterSeconds: 0.015, seed: 4 }),
      gridOf(beats, 4, "4/4", 90),
    );
    expect(score.subdivision).toBe("triplet");
    expect(score.timeSignature).toEqual({ numerator: 12, denominator: 8 });
    expect(score.beatUnit).toEqual({ noteValue: 4, dotted: true });
    expect(score.bars.every((bar) => bar.subdivision === "triplet")).toBe(true);
    for (let bar = 0; bar < 8; bar++) expect(barContent(score, bar)).toEqual(patternContent(TRIPLET_GROOVE));
    const in44 = quantizeDrums(
      placePatterns(beats, patterns, 4, { jitterSeconds: 0.015 }),
      gridOf(beats, 4, "4/4", 90),
      {
        tripletFeelAsCompoundMeter: false,
      },
    );
    expect(in44.timeSignature).toEqual({ numerator: 4, denominator: 4 });
    expect(in44.subdivision).toBe("triplet");
  });

  it("hears a shuffle as swung eighths written on the half beat", () => {
    const beats = steadyBeats(4 * 4 + 1, 100);
    const patterns = Array.from({ length: 4 }, () => SHUFFLE);
    const score = quantizeDrums(
      placePatterns(beats, patterns, 4, { jitterSeconds: 0.01, seed: 9 }),
      gridOf(beats, 4, "4/4", 100),
    );
    expect(score.subdivision).toBe("swing");
    expect(Math.abs(score.swingFraction! - 2 / 3)).toBeLessThan(0.02);
    const written = SHUFFLE.map(
      (hit) => `${Math.floor(hit.beat) * 48 + (hit.beat % 1 > 0 ? 24 : 0)} ${hit.drum}`,
    ).sort();
    expect(barContent(score, 2)).toEqual(written);
    // The swung notes sound where they were played.
    const offBeat = score.bars[2]!.events.find((event) => event.tick === 24)!;
    expect(offBeat.timeSeconds).toBeCloseTo(timeAtBeat(beats, 8 + score.swingFraction!), 9);
  });

  it("keeps every hit in its bar through a tempo change (100 → 140 BPM)", () => {
    const beats = beatsWithTempo(12 * 4 + 1, (beat) => (beat < 24 ? 100 : 140));
    const patterns = Array.from({ length: 12 }, (_, bar) => (bar % 4 === 3 ? TOM_FILL : ROCK_BEAT));
    const score = quantizeDrums(
      placePatterns(beats, patterns, 4, { jitterSeconds: 0.015, seed: 2 }),
      gridOf(beats, 4, "4/4", 120),
    );
    expect(score.bars).toHaveLength(12);
    patterns.forEach((pattern, bar) => {
      expect(barContent(score, bar)).toEqual(patternContent(pattern));
    });
    expect(score.bars[5]!.tempoBpm).toBeCloseTo(100, 6);
    expect(score.bars[6]!.tempoBpm).toBeCloseTo(140, 6);
    expect(score.bars[6]!.startSeconds).toBeCloseTo(beats[24]!, 12);
  });

  it("follows a 3/4 grid", () => {
    const beats = steadyBeats(6 * 3 + 1, 150);
    const score = quantizeDrums(
      placePatterns(beats, Array(6).fill(WALTZ), 3, { jitterSeconds: 0.012 }),
      gridOf(beats, 3, "3/4", 150),
    );
    expect(score.bars.map((bar) => bar.beats)).toEqual(Array(6).fill(3));
    expect(score.bars[0]!.timeSignature).toEqual({ numerator: 3, denominator: 4 });
    expect(barContent(score, 3)).toEqual(patternContent(WALTZ));
  });

  it("starts a pickup bar at hits before the first downbeat", () => {
    const beats = steadyBeats(4 * 4 + 1, 120, 1);
    const hits = placePatterns(beats, Array(4).fill(ROCK_BEAT), 4, { jitterSeconds: 0.01 });
    hits.push(
      { timeSeconds: timeAtBeat(beats, -0.5) + 0.008, drum: "snare", velocity: 70 },
      { timeSeconds: timeAtBeat(beats, -0.25) - 0.01, drum: "snare", velocity: 80 },
    );
    const score = quantizeDrums(hits, gridOf(beats, 4, "4/4", 120));
    expect(score.bars.map((bar) => [bar.number, bar.pickup, bar.beats])).toEqual([
      [0, true, 1],
      [1, false, 4],
      [2, false, 4],
      [3, false, 4],
      [4, false, 4],
    ]);
    expect(barContent(score, 0)).toEqual(["24 snare", "36 snare"]);
    expect(score.bars[0]!.startSeconds).toBeCloseTo(0.5, 12);
    expect(score.bars[0]!.timeSignature).toEqual({ numerator: 4, denominator: 4 });
    // A hit just before the first downbeat belongs on it, not in a pickup.
    const early = quantizeDrums([{ timeSeconds: 0.99, drum: "crash", velocity: 100 }], gridOf(beats, 4, "4/4", 120));
    expect(early.bars[0]!.pickup).toBe(false);
    expect(barContent(early, 0)).toEqual(["0 crash"]);
  });

  it("merges hits of one drum line on one slot, keeping the loudest; open and closed hi-hat share a line", () => {
    const beats = steadyBeats(4 + 1, 120);
    const hits: DrumHit[] = [
      { timeSeconds: 0.5, drum: "snare", velocity: 60 },
      { timeSeconds: 0.51, drum: "snare", velocity: 100 },
      { timeSeconds: 0.5, drum: "kick", velocity: 90 },
      { timeSeconds: 1.0, drum: "hihat-closed", velocity: 70 },
      { timeSeconds: 1.005, drum: "hihat-open", velocity: 85 },
      { timeSeconds: Number.NaN, drum: "crash", velocity: 100 },
      { timeSeconds: 1.5, drum: "ride", velocity: 300 },
    ];
    const score = quantizeDrums(hits, gridOf(beats, 4, "4/4", 120));
    expect(score.bars[0]!.events.map((event) => [event.tick, event.drum, event.velocity])).toEqual([
      [0, "kick", 90],
      [0, "snare", 100],
      [48, "hihat-open", 85],
      [96, "ride", 127],
    ]);
    expect(score.mergedHitCount).toBe(2);
    expect(score.invalidHitCount).toBe(1);
    expect(score.eventCount).toBe(4);
  });

  it("marks bars that repeat the bar before", () => {
    const beats = steadyBeats(6 * 4 + 1, 120);
    const patterns = [ROCK_BEAT, ROCK_BEAT, ROCK_BEAT, TOM_FILL, ROCK_BEAT, ROCK_BEAT];
    const score = quantizeDrums(
      placePatterns(beats, patterns, 4, { jitterSeconds: 0.01 }),
      gridOf(beats, 4, "4/4", 120),
    );
    expect(score.bars.map((bar) => bar.repeatsPrevious)).toEqual([false, true, true, false, false, true]);
    expect(score.bars.map((bar) => bar.patternIndex)).toEqual([0, 0, 0, 1, 0, 0]);
  });

  it("gives rest bars over the grid for no hits, and one bar without a grid", () => {
    const beats = steadyBeats(3 * 4 + 1, 120);
    const rests = quantizeDrums([], gridOf(beats, 4, "4/4", 120));
    expect(rests.bars).toHaveLength(3);
    expect(rests.bars.every((bar) => bar.events.length === 0 && !bar.pickup)).toBe(true);
    expect(rests.eventCount).toBe(0);
    const nothing = quantizeDrums([], {
      beats: [],
      downbeats: [],
      beatsPerBar: null,
      timeSignature: null,
      tempoBpm: null,
    });
    expect(nothing.bars).toHaveLength(1);
    expect(nothing.bars[0]!.tempoBpm).toBeCloseTo(120, 9);
    expect(nothing.timeSignature).toEqual({ numerator: 4, denominator: 4 });
    // Hits without a grid: bars at the given tempo from 0 s.
    const gridless = quantizeDrums([{ timeSeconds: 2.25, drum: "snare", velocity: 90 }], {
      beats: [],
      downbeats: [],
      beatsPerBar: 3,
      timeSignature: null,
      tempoBpm: 60,
    });
    expect(gridless.bars.map((bar) => bar.events.map((event) => [event.tick, event.drum]))).toEqual([[[108, "snare"]]]);
    expect(gridless.timeSignature).toEqual({ numerator: 3, denominator: 4 });
  });

  it("follows a drifting beat tracker: hits stay on their beats", () => {
    const steady = steadyBeats(8 * 4 + 1, 100);
    // The tracked beats wander by up to ±20 ms; the drummer plays with the tracked beats.
    const beats = steady.map((time, index) => time + 0.02 * Math.sin(index / 3));
    const patterns = Array.from({ length: 8 }, () => SIXTEENTH_GROOVE);
    const score = quantizeDrums(
      placePatterns(beats, patterns, 4, { jitterSeconds: 0.012 }),
      gridOf(beats, 4, "4/4", 100),
    );
    patterns.forEach((pattern, bar) => {
      expect(barContent(score, bar)).toEqual(patternContent(pattern));
    });
  });
});
