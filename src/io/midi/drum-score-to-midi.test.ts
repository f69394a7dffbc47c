import { describe, expect, it } from "vitest";
import { GM_DRUM_KEY } from "../../core/drums/drum-hit.js";
import { quantizeDrums } from "../../core/drums/notation/quantize-drums.js";
import {
  beatsWithTempo,
  gridOf,
  placePatterns,
  ROCK_BEAT,
  SHUFFLE,
  steadyBeats,
  TRIPLET_GROOVE,
  timeAtBeat,
} from "../../core/drums/notation/test-helpers/grooves.js";
import { createSeededRandom } from "../../core/test-helpers/seeded-random.js";
import { drumScoreToMidi } from "./drum-score-to-midi.js";
import { notesOf, readMidi, secondsAtTick, tempoChanges, timeSignatures, trackName } from "./test-helpers/read-midi.js";

/** Every note of the file against the exact (unjittered) times of the pattern hits. */
function expectNotesAt(
  midi: Uint8Array,
  expected: readonly { timeSeconds: number; key: number }[],
  toleranceSeconds: number,
) {
  const file = readMidi(midi);
  const notes = notesOf(file);
  expect(notes).toHaveLength(expected.length);
  const sorted = [...expected].sort((a, b) => a.timeSeconds - b.timeSeconds || a.key - b.key);
  notes.forEach((note, index) => {
    expect(note.key).toBe(sorted[index]!.key);
    expect(Math.abs(note.timeSeconds - sorted[index]!.timeSeconds)).toBeLessThan(toleranceSeconds);
  });
  return { file, notes };
}

describe("drumScoreToMidi", () => {
  it("writes a format-1 file whose notes land on the beat grid: channel 10, GM keys, velocities, one tempo", () => {
    // First bar at 0 s: no lead-in, so the steady tempo is the only tempo event.
    const beats = steadyBeats(4 * 4 + 1, 120, 0);
    const hits = placePatterns(beats, [ROCK_BEAT, ROCK_BEAT, ROCK_BEAT, ROCK_BEAT], 4, {
      jitterSeconds: 0.015,
      seed: 7,
    });
    const score = quantizeDrums(hits, gridOf(beats, 4, "4/4", 120));
    const midi = drumScoreToMidi(score, { trackName: "Rock Beat" });
    const exact = placePatterns(beats, [ROCK_BEAT, ROCK_BEAT, ROCK_BEAT, ROCK_BEAT], 4);
    const { file, notes } = expectNotesAt(
      midi,
      exact.map((hit) => ({ timeSeconds: hit.timeSeconds, key: GM_DRUM_KEY[hit.drum] })),
      1e-6,
    );
    expect(file.format).toBe(1);
    expect(file.ticksPerQuarter).toBe(480);
    expect(file.tracks).toHaveLength(2);
    expect(trackName(file.tracks[0]!)).toBe("Rock Beat");
    expect(tempoChanges(file)).toEqual([{ tick: 0, microsecondsPerQuarter: 500000 }]);
    expect(timeSignatures(file)).toEqual([{ tick: 0, numerator: 4, denominator: 4, clocksPerClick: 24 }]);
    expect(notes.every((note) => note.channel === 9)).toBe(true);
    // Eighth-note hi-hats every 240 ticks; kick 110, snare 105, hi-hat 80 (the pattern's velocities).
    const hihats = notes.filter((note) => note.key === GM_DRUM_KEY["hihat-closed"]);
    expect(hihats.map((note) => note.tick)).toEqual(Array.from({ length: 32 }, (_, index) => index * 240));
    expect(new Set(notes.filter((note) => note.key === 36).map((note) => note.velocity))).toEqual(new Set([110]));
    expect(new Set(hihats.map((note) => note.velocity))).toEqual(new Set([80]));
    // Note-offs a 32nd (60 ticks) later.
    expect(notes.every((note) => note.endTick - note.tick === 60)).toBe(true);
  });

  it("puts a tempo event where the tempo changes and keeps every note on its beat", () => {
    const beats = beatsWithTempo(8 * 4 + 1, (beat) => (beat < 16 ? 100 : 140), 0);
    const patterns = Array.from({ length: 8 }, () => ROCK_BEAT);
    const score = quantizeDrums(
      placePatterns(beats, patterns, 4, { jitterSeconds: 0.012 }),
      gridOf(beats, 4, "4/4", 120),
    );
    const midi = drumScoreToMidi(score);
    const exact = placePatterns(beats, patterns, 4);
    const { file } = expectNotesAt(
      midi,
      exact.map((hit) => ({ timeSeconds: hit.timeSeconds, key: GM_DRUM_KEY[hit.drum] })),
      0.001,
    );
    expect(tempoChanges(file)).toEqual([
      { tick: 0, microsecondsPerQuarter: 600000 },
      { tick: 4 * 1920, microsecondsPerQuarter: 428571 },
    ]);
    expect(secondsAtTick(file, 8 * 1920)).toBeCloseTo(beats[32]!, 3);
  });

  it("follows a drifting beat grid to within a millisecond", () => {
    const random = createSeededRandom(3);
    const beats = steadyBeats(8 * 4 + 1, 96, 0).map((time, index) =>
      index === 0 ? 0 : time + (random() - 0.5) * 0.02,
    );
    const patterns = Array.from({ length: 8 }, () => ROCK_BEAT);
    const score = quantizeDrums(
      placePatterns(beats, patterns, 4, { jitterSeconds: 0.01 }),
      gridOf(beats, 4, "4/4", 96),
    );
    const exact = placePatterns(beats, patterns, 4);
    const { file } = expectNotesAt(
      drumScoreToMidi(score),
      exact.map((hit) => ({ timeSeconds: hit.timeSeconds, key: GM_DRUM_KEY[hit.drum] })),
      0.001,
    );
    expect(tempoChanges(file).length).toBeGreaterThan(1);
  });

  it("writes a lead-in before a first bar that starts late, and a pickup as a short bar", () => {
    const beats = steadyBeats(4 * 4 + 1, 120, 2.0);
    const hits = placePatterns(beats, [ROCK_BEAT, ROCK_BEAT, ROCK_BEAT, ROCK_BEAT], 4);
    // Two 16th snare notes on the last beat before the first downbeat.
    hits.push(
      { timeSeconds: timeAtBeat(beats, -0.5), drum: "snare", velocity: 90 },
      { timeSeconds: timeAtBeat(beats, -0.25), drum: "snare", velocity: 90 },
    );
    const score = quantizeDrums(hits, gridOf(beats, 4, "4/4", 120));
    expect(score.bars[0]!.pickup).toBe(true);
    const { file } = expectNotesAt(
      drumScoreToMidi(score),
      hits.map((hit) => ({ timeSeconds: hit.timeSeconds, key: GM_DRUM_KEY[hit.drum] })),
      0.001,
    );
    // The pickup starts at 1.5 s: one lead-in bar of 4/4 squeezed into 1.5 s, then 1/4, then 4/4.
    expect(timeSignatures(file).map(({ tick, numerator, denominator }) => [tick, numerator, denominator])).toEqual([
      [0, 4, 4],
      [1920, 1, 4],
      [2400, 4, 4],
    ]);
    expect(tempoChanges(file)).toEqual([
      { tick: 0, microsecondsPerQuarter: 375000 },
      { tick: 1920, microsecondsPerQuarter: 500000 },
    ]);
  });

  it("writes a triplet groove as 12/8 with dotted-quarter clicks and the tempo in quarters", () => {
    const beats = steadyBeats(4 * 4 + 1, 90, 0);
    const patterns = Array.from({ length: 4 }, () => TRIPLET_GROOVE);
    const score = quantizeDrums(
      placePatterns(beats, patterns, 4, { jitterSeconds: 0.01 }),
      gridOf(beats, 4, "4/4", 90),
    );
    expect(score.timeSignature).toEqual({ numerator: 12, denominator: 8 });
    const exact = placePatterns(beats, patterns, 4);
    const { file } = expectNotesAt(
      drumScoreToMidi(score),
      exact.map((hit) => ({ timeSeconds: hit.timeSeconds, key: GM_DRUM_KEY[hit.drum] })),
      0.001,
    );
    expect(timeSignatures(file)).toEqual([{ tick: 0, numerator: 12, denominator: 8, clocksPerClick: 36 }]);
    // A dotted quarter lasts 60/90 s, so a quarter lasts 2/3 of that.
    expect(tempoChanges(file)).toEqual([{ tick: 0, microsecondsPerQuarter: Math.round((60 / 90 / 1.5) * 1e6) }]);
  });

  it("sounds swung off-beats late, where they were played", () => {
    const beats = steadyBeats(4 * 4 + 1, 100, 0);
    const patterns = Array.from({ length: 4 }, () => SHUFFLE);
    const score = quantizeDrums(
      placePatterns(beats, patterns, 4, { jitterSeconds: 0.008 }),
      gridOf(beats, 4, "4/4", 100),
    );
    expect(score.subdivision).toBe("swing");
    const exact = placePatterns(beats, patterns, 4);
    // The fitted swing fraction is within a search step (0.005 beat = 3 ms at 100 BPM) of 2/3.
    expectNotesAt(
      drumScoreToMidi(score),
      exact.map((hit) => ({ timeSeconds: hit.timeSeconds, key: GM_DRUM_KEY[hit.drum] })),
      0.004,
    );
  });

  it("writes a valid file without notes for an empty score", () => {
    const beats = steadyBeats(2 * 4 + 1, 120, 0);
    const file = readMidi(drumScoreToMidi(quantizeDrums([], gridOf(beats, 4, "4/4", 120))));
    expect(notesOf(file)).toEqual([]);
    expect(tempoChanges(file)).toEqual([{ tick: 0, microsecondsPerQuarter: 500000 }]);
    expect(timeSignatures(file)).toHaveLength(1);
  });
});
