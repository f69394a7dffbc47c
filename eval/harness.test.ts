import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CorpusTruth } from "../src/core/evaluation/index.js";
import { parseEvalOptions } from "./cli-options.js";
import { corpusSplit, isRendered, listAudioFiles, predictionNames, resolveCorpusRoot } from "./corpus-location.js";
import { evalDocument } from "./eval-document.js";
import { randomTools } from "./perturb-truth.js";
import { PERTURBATION_CASES } from "./perturbation-cases.js";
import { comparisonTable, parsePeersRows, systemRowFromSummary } from "./report-table.js";
import { formatScoreListing, loadTruth, scorePredictionDirectory } from "./score-predictions.js";

const beats = Array.from({ length: 30 }, (_, i) => 0.25 + i * 0.5);
const truth: CorpusTruth = {
  id: "song_a",
  split: "dev",
  duration: 15.5,
  sample_rate: 44100,
  tempo: 120,
  beats,
  beat_positions: beats.map((_, i) => (i % 4) + 1),
  downbeats: beats.filter((_, i) => i % 4 === 0),
  time_signature: "4/4",
  key: "D major",
  chords: [
    { start: 0, end: 0.25, label: "N" },
    { start: 0.25, end: 8.25, label: "D:maj" },
    { start: 8.25, end: 15.5, label: "B:min7" },
  ],
  sections: [
    { start: 0, end: 8.25, label: "verse" },
    { start: 8.25, end: 15.5, label: "chorus" },
  ],
  onsets: beats,
  drums: { kick: beats.filter((_, i) => i % 2 === 0), snare: beats.filter((_, i) => i % 2 === 1), hihat: beats },
  notes: [{ onset: 1, offset: 1.5, midi: 74 }],
  loudness: { integrated_lufs: -12, lra: 4, true_peak_dbtp: -1 },
};

let root: string;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), "tonearm-eval-"));
  mkdirSync(join(root, "corpus", "dev", "truth"), { recursive: true });
  mkdirSync(join(root, "corpus", "dev", "audio"), { recursive: true });
  mkdirSync(join(root, "pred"));
  writeFileSync(join(root, "corpus", "dev", "truth", "song_a.json"), JSON.stringify(truth));
  writeFileSync(join(root, "corpus", "dev", "truth", "song_b.json"), JSON.stringify({ ...truth, id: "song_b" }));
  writeFileSync(join(root, "corpus", "dev", "truth", "notes.json"), JSON.stringify({ not: "a truth file" }));
  // song_a: tempo doubled, key a fifth up, beats perfect. song_b: no prediction file.
  writeFileSync(join(root, "pred", "song_a.json"), JSON.stringify({ tempo: 240, key: "A major", beats }));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("scorePredictionDirectory", () => {
  it("scores a tiny corpus like score.py: means over songs with the field, coverage, missing files", async () => {
    const score = await scorePredictionDirectory(join(root, "corpus", "dev"), join(root, "pred"));
    expect(score.songIds).toEqual(["song_a", "song_b"]);
    expect(score.missing).toEqual(["song_b"]);
    const byName = Object.fromEntries(score.summary.map((entry) => [entry.name, entry]));
    expect(byName["tempo.acc1"]).toMatchObject({ mean: 0, count: 1, coverage: 0.5 });
    expect(byName["tempo.acc2"]?.mean).toBe(1);
    expect(byName["key.weighted"]?.mean).toBe(0.5);
    expect(byName["beat.f_measure"]?.mean).toBe(1);
    expect(byName["chord.majmin"]).toBeUndefined();
    const listing = formatScoreListing(score);
    expect(listing).toContain("songs: 2  prediction files: 1");
    expect(listing).toMatch(/tempo\.acc2\s+1\.000\s+1\/2/);
  });

  it("warns about unreadable predictions and scores them as empty", async () => {
    const directory = join(root, "bad-pred");
    mkdirSync(directory);
    writeFileSync(join(directory, "song_a.json"), "[1, 2]");
    writeFileSync(join(directory, "song_b.json"), "{ not json");
    const score = await scorePredictionDirectory(join(root, "corpus", "dev"), directory);
    expect(score.warnings).toHaveLength(2);
    expect(score.summary).toEqual([]);
  });

  it("loads only real truth files", async () => {
    expect([...(await loadTruth(join(root, "corpus", "dev"))).keys()]).toEqual(["song_a", "song_b"]);
  });
});

describe("corpus location", () => {
  it("prefers the flag, then TONEARM_CORPUS, then ~/tonearm-corpus", () => {
    expect(resolveCorpusRoot("/x", { TONEARM_CORPUS: "/y" }, "/home/u")).toBe("/x");
    expect(resolveCorpusRoot(undefined, { TONEARM_CORPUS: "/y" }, "/home/u")).toBe("/y");
    expect(resolveCorpusRoot(undefined, {}, "/home/u")).toBe("/home/u/tonearm-corpus");
  });

  it("names predictions after the audio file, keeping the extension only on a clash", () => {
    expect(predictionNames(["/a/x.wav", "/a/y.flac", "/a/y.mp3", "/a/z.v2.ogg"])).toEqual([
      "x.json",
      "y.flac.json",
      "y.mp3.json",
      "z.v2.json",
    ]);
  });

  it("lists audio files and links to them, not folders, dangling links or other files", () => {
    const folder = mkdtempSync(join(tmpdir(), "tonearm-list-"));
    try {
      writeFileSync(join(folder, "b.wav"), "");
      writeFileSync(join(folder, "notes.txt"), "");
      mkdirSync(join(folder, "folder.mp3"));
      symlinkSync(join(folder, "b.wav"), join(folder, "a.WAV"));
      symlinkSync(join(folder, "missing.flac"), join(folder, "c.flac"));
      expect(listAudioFiles(folder)).toEqual([join(folder, "a.WAV"), join(folder, "b.wav")]);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it("knows a split is rendered only with truth and audio", () => {
    expect(isRendered(corpusSplit(join(root, "corpus"), "dev"))).toBe(false); // audio/ is empty
    writeFileSync(join(root, "corpus", "dev", "audio", "song_a.wav"), "");
    expect(isRendered(corpusSplit(join(root, "corpus"), "dev"))).toBe(true);
    expect(isRendered(corpusSplit(join(root, "corpus"), "dev-long"))).toBe(false);
  });
});

describe("cli options", () => {
  it("parses the three modes", () => {
    expect(parseEvalOptions([]).mode).toEqual({ kind: "full" });
    expect(parseEvalOptions(["--score-only", "p"]).mode).toEqual({ kind: "score-only", predictionDirectory: "p" });
    expect(parseEvalOptions(["--predict-only", "a", "o", "--jobs", "3"])).toMatchObject({
      mode: { kind: "predict-only", audioDirectory: "a", outputDirectory: "o" },
      jobs: 3,
    });
    expect(parseEvalOptions(["--split", "dev-long", "--no-doc"])).toMatchObject({
      split: "dev-long",
      writeDocument: false,
    });
  });

  it("rejects misuse", () => {
    expect(() => parseEvalOptions(["--score-only"])).toThrow(/PRED_DIR/);
    expect(() => parseEvalOptions(["--jobs", "0"])).toThrow(/jobs/);
    expect(() => parseEvalOptions(["stray"])).toThrow(/unexpected/);
  });
});

describe("report tables", () => {
  const peers = `| system | tempo Acc1 | beat F | × real time |
|---|---|---|---|
| madmom | 0.767 | 0.958 | 0.97 |
`;

  it("reads PEERS.md rows by column heading", () => {
    expect(parsePeersRows(peers)).toEqual([
      { system: "madmom", values: { "tempo Acc1": "0.767", "beat F": "0.958", "× real time": "0.97" } },
    ]);
  });

  it("writes our row in PEERS.md's column order, with — for missing metrics", () => {
    const summary = [{ name: "tempo.acc1", mean: 0.5, count: 1, coverage: 0.5, lowerIsBetter: false }];
    const table = comparisonTable([systemRowFromSummary("tonearm", summary, 12.345), ...parsePeersRows(peers)]);
    const lines = table.split("\n");
    expect(lines[0]).toMatch(/^\| system \| tempo Acc1 \| tempo Acc2 \| beat F \|/);
    expect(lines[2]).toMatch(/^\| tonearm \| 0\.500 \| — \| — \|.* \| 12\.35 \|$/);
    expect(lines[3]).toMatch(/^\| madmom \| 0\.767 \| — \| 0\.958 \|/);
  });

  it("writes the document with date, machine, commit and the table", () => {
    const text = evalDocument({
      date: new Date("2025-01-02T03:04:05Z"),
      machine: {
        cpuModel: "Test CPU",
        cores: 2,
        memoryGiB: 4,
        nodeVersion: "v20.0.0",
        platform: "linux-x64",
        commit: "abc1234",
      },
      split: "dev",
      songCount: 2,
      audioSeconds: 31,
      wallSeconds: 3.1,
      cpuSeconds: 6.2,
      jobCount: 2,
      failures: 0,
      summary: [],
      peers: parsePeersRows(peers),
    });
    expect(text).toContain("2025-01-02T03:04:05.000Z");
    expect(text).toContain("Test CPU, 2 cores");
    expect(text).toContain("commit: abc1234");
    expect(text).toMatch(/\| \*\*tonearm\*\* \|.*\| 10\.00 \|/);
    expect(text).toContain("| madmom | 0.767 |");
  });
});

describe("perturbations for the cross-check", () => {
  it("are deterministic and serialisable for every case", () => {
    PERTURBATION_CASES.forEach((perturbation, caseIndex) => {
      for (const songIndex of [0, 1, 2, 3, 4, 5]) {
        const first = JSON.stringify(perturbation.perturb(truth, songIndex, randomTools(caseIndex, songIndex)));
        const second = JSON.stringify(perturbation.perturb(truth, songIndex, randomTools(caseIndex, songIndex)));
        expect(first).toBe(second);
      }
    });
  });
});
