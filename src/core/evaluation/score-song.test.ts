import { describe, expect, it } from "vitest";
import { summarizeSongScores } from "./corpus-metrics.js";
import type { CorpusTruth } from "./corpus-schema.js";
import { pythonFloat, pythonSortedFiniteTimes, pythonStr } from "./python-values.js";
import { roundHalfEven, roundHalfToEven } from "./round-half-even.js";
import { scoreSong } from "./score-song.js";

const beats = Array.from({ length: 40 }, (_, i) => 0.5 + i * 0.5);
const truth: CorpusTruth = {
  id: "tiny",
  split: "test",
  duration: 20.5,
  sample_rate: 44100,
  tempo: 120,
  beats,
  downbeats: beats.filter((_, i) => i % 4 === 0),
  time_signature: "4/4",
  key: "A minor",
  chords: [
    { start: 0, end: 0.5, label: "N" },
    { start: 0.5, end: 10.5, label: "A:min" },
    { start: 10.5, end: 20.5, label: "F:maj7" },
  ],
  sections: [
    { start: 0, end: 10.5, label: "verse" },
    { start: 10.5, end: 20.5, label: "chorus" },
  ],
  onsets: beats,
  drums: { kick: beats.filter((_, i) => i % 2 === 0), snare: beats.filter((_, i) => i % 2 === 1), hihat: beats },
  notes: [
    { onset: 1, offset: 1.4, midi: 69 },
    { onset: 2, offset: 2.4, midi: 72 },
  ],
  loudness: { integrated_lufs: -14, lra: 5, true_peak_dbtp: -1 },
};

describe("scoreSong (score.py score_song)", () => {
  it("gives perfect scores to the truth itself", () => {
    const scores = scoreSong(truth, { ...truth });
    expect(Object.keys(scores)).toHaveLength(26);
    for (const [name, value] of Object.entries(scores)) {
      expect(value, name).toBe(name.includes("err") ? 0 : 1);
    }
  });

  it("scores only the fields present", () => {
    expect(scoreSong(truth, {})).toEqual({});
    expect(scoreSong(truth, { tempo: 240 })).toEqual({ "tempo.acc1": 0, "tempo.acc2": 1, "tempo.abs_err_bpm": 120 });
    expect(scoreSong(truth, { key: "C major" })).toEqual({ "key.weighted": 0.3, "key.accuracy": 0 });
  });

  it("scores unusable values 0, as score.py does", () => {
    expect(scoreSong(truth, { tempo: "abc" })).toEqual({ "tempo.acc1": 0, "tempo.acc2": 0 });
    expect(scoreSong(truth, { beats: null })).toEqual({ "beat.f_measure": 0, "beat.cmlt": 0, "beat.amlt": 0 });
    expect(scoreSong(truth, { chords: "A:min" })).toEqual({ "chord.root": 0, "chord.majmin": 0, "chord.sevenths": 0 });
    expect(scoreSong(truth, { notes: [{ onset: 2, offset: 1, midi: 60 }] })).toEqual({
      "notes.onset_f": 0,
      "notes.onset_offset_f": 0,
    });
    expect(scoreSong(truth, { drums: [] })).toEqual({});
  });

  it("reads numbers the way Python's float() does", () => {
    // Beats as strings, unsorted: score.py sorts them and scores normally.
    const scores = scoreSong(truth, { beats: [...beats].reverse().map(String), tempo: "120" });
    expect(scores["beat.f_measure"]).toBe(1);
    expect(scores["tempo.acc1"]).toBe(1);
  });

  it("trims beats before 5 s: early mistakes do not count", () => {
    const shifted = beats.map((time) => (time < 5 ? time + 0.25 : time));
    expect(scoreSong(truth, { beats: shifted })["beat.f_measure"]).toBe(1);
  });

  it("pads sections to the song and ignores the trivial boundaries", () => {
    const scores = scoreSong(truth, { sections: [{ start: 10.5, end: 20.5, label: "x" }] });
    expect(scores["section.boundary_f_0.5"]).toBe(1);
    expect(scores["section.pairwise_f"]).toBe(1);
  });
});

describe("summarizeSongScores", () => {
  it("averages each metric over the songs that have it", () => {
    const summary = summarizeSongScores([{ "tempo.acc1": 1, "key.weighted": 0.5 }, { "tempo.acc1": 0 }, {}]);
    expect(summary).toEqual([
      { name: "tempo.acc1", mean: 0.5, count: 2, coverage: 2 / 3, lowerIsBetter: false },
      { name: "key.weighted", mean: 0.5, count: 1, coverage: 1 / 3, lowerIsBetter: false },
    ]);
  });
});

describe("python-values", () => {
  it("parses like float()", () => {
    expect(pythonFloat(" 1.5 ")).toBe(1.5);
    expect(pythonFloat("1_000")).toBe(1000);
    expect(pythonFloat("-inf")).toBe(Number.NEGATIVE_INFINITY);
    expect(pythonFloat(".5e1")).toBe(5);
    expect(pythonFloat(true)).toBe(1);
    for (const bad of ["", ".", "e5", "1,5", "0x10", null, [1], {}]) expect(pythonFloat(bad)).toBeUndefined();
  });

  it("reads lists like score.py arr(): sorted, finite, undefined when unusable", () => {
    expect(pythonSortedFiniteTimes([3, "1", Number.NaN, "inf", 2])).toEqual([1, 2, 3]);
    expect(pythonSortedFiniteTimes("12")).toEqual([1, 2]);
    expect(pythonSortedFiniteTimes([1, null])).toBeUndefined();
    expect(pythonSortedFiniteTimes(5)).toBeUndefined();
  });

  it("spells values like str()", () => {
    expect(pythonStr(null)).toBe("None");
    expect(pythonStr(true)).toBe("True");
    expect(pythonStr("C:maj")).toBe("C:maj");
  });
});

describe("roundHalfEven (numpy round)", () => {
  it("rounds ties to even", () => {
    expect([0.5, 1.5, 2.5, -1.5, 3.2].map(roundHalfToEven)).toEqual([0, 2, 2, -2, 3]);
    expect(roundHalfEven(0.050000000000000044, 4)).toBe(0.05);
    expect(roundHalfEven(1.000004, 5)).toBe(1);
  });
});
