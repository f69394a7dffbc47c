import { beforeAll, describe, expect, it } from "vitest";
import type { DrumBeatGrid, DrumHit } from "../../core/drums/drum-hit.js";
import { quantizeDrums } from "../../core/drums/notation/quantize-drums.js";
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
} from "../../core/drums/notation/test-helpers/grooves.js";
import { notesOf, readMidi } from "../midi/test-helpers/read-midi.js";
import { drumScoreToMusicXml } from "../musicxml/drum-score-to-musicxml.js";
import { engraveDrums } from "./engrave-drums.js";
import { svgPagesToPdf } from "./svg-pages-to-pdf.js";
import { countOperator, formXObjects, pdfPages, shownTexts } from "./test-helpers/read-pdf.js";
import { createVerovioEngraver, type VerovioEngraver } from "./verovio-engraver.js";

/** Page objects in a PDF (pdfkit writes dictionaries uncompressed). */
const pdfPageCount = (pdf: Uint8Array) =>
  (
    Buffer.from(pdf)
      .toString("latin1")
      .match(/\/Type \/Page\b(?!s)/g) ?? []
  ).length;

function song(patterns: readonly Pattern[], tempoBpm: number, beatsPerBar = 4, timeSignature = "4/4") {
  const beats = steadyBeats(patterns.length * beatsPerBar + 1, tempoBpm);
  return {
    hits: placePatterns(beats, patterns, beatsPerBar, { jitterSeconds: 0.012 }),
    grid: gridOf(beats, beatsPerBar, timeSignature, tempoBpm),
  };
}

describe("engraveDrums", () => {
  let engraver: VerovioEngraver;
  beforeAll(async () => {
    engraver = await createVerovioEngraver();
  });

  it("turns hits and a beat grid into score, MIDI, MusicXML, SVG pages and a PDF", async () => {
    const { hits, grid } = song([ROCK_BEAT, ROCK_BEAT, ROCK_BEAT, ROCK_BEAT], 120);
    const result = await engraveDrums(hits, grid, { title: "Rock Beat", engraver });
    expect(result.score.bars).toHaveLength(4);
    expect(notesOf(readMidi(result.midi))).toHaveLength(hits.length);
    expect(result.musicXml).toContain("<work-title>Rock Beat</work-title>");
    expect(result.engraveLog).toEqual([]);
    expect(result.svgPages).toHaveLength(1);
    expect(result.svgPages[0]).toContain("<svg");
    expect(Buffer.from(result.pdf.subarray(0, 5)).toString("latin1")).toBe("%PDF-");
    expect(pdfPageCount(result.pdf)).toBe(1);
    expect(Buffer.from(result.pdf).toString("latin1")).toContain("(Rock Beat)");
  });

  it("engraves no hits as valid files of rest bars", async () => {
    const { grid } = song([ROCK_BEAT, ROCK_BEAT, ROCK_BEAT], 120);
    const result = await engraveDrums([], grid, { title: "Tacet", engraver });
    expect(result.score.bars).toHaveLength(3);
    expect(notesOf(readMidi(result.midi))).toEqual([]);
    expect(result.musicXml.match(/<rest measure="yes"\/>/g)).toHaveLength(3);
    expect(result.engraveLog).toEqual([]);
    expect(Buffer.from(result.pdf.subarray(0, 5)).toString("latin1")).toBe("%PDF-");
    expect(pdfPageCount(result.pdf)).toBe(1);
  });

  it("breaks a long song into pages, one PDF page per Verovio page", async () => {
    const patterns = Array.from({ length: 20 }, (_, bar) =>
      bar % 4 === 3 ? TOM_FILL : bar % 8 === 0 ? CRASH_BAR : bar % 2 === 0 ? SIXTEENTH_GROOVE : ROCK_BEAT,
    );
    const { hits, grid } = song(patterns, 120);
    const result = await engraveDrums(hits, grid, { title: "Long", engraver });
    expect(result.svgPages.length).toBeGreaterThanOrEqual(2);
    expect(pdfPageCount(result.pdf)).toBe(result.svgPages.length);
    expect(result.engraveLog).toEqual([]);
    // Every bar is drawn: one SVG measure group per MusicXML measure.
    const drawn = result.svgPages.join("").match(/class="measure"/g) ?? [];
    expect(drawn).toHaveLength(20);
  });

  it("engraves every kind of groove without a Verovio warning, and draws all of it in the PDF", async () => {
    const withPickup = (): { hits: DrumHit[]; grid: DrumBeatGrid } => {
      const { hits, grid } = song([SIXTEENTH_GROOVE, TOM_FILL], 110);
      const beats = grid.beats;
      hits.push({ timeSeconds: timeAtBeat(beats, -0.5), drum: "snare", velocity: 80 });
      return { hits, grid };
    };
    const tempoChange = (): { hits: DrumHit[]; grid: DrumBeatGrid } => {
      const beats = beatsWithTempo(6 * 4 + 1, (beat) => (beat < 12 ? 100 : 140));
      return { hits: placePatterns(beats, Array(6).fill(ROCK_BEAT), 4), grid: gridOf(beats, 4, "4/4", 120) };
    };
    const cases: [string, { hits: DrumHit[]; grid: DrumBeatGrid }, string[]][] = [
      ["rock", song([ROCK_BEAT, ROCK_BEAT, ROCK_BEAT], 120), ["mRpt"]],
      ["shuffle", song([SHUFFLE, SHUFFLE, TOM_FILL, CRASH_BAR], 100), ["tuplet", "dir"]],
      ["12/8", song([TRIPLET_GROOVE, TRIPLET_GROOVE], 90), ["meterSig", "tempo"]],
      ["pickup", withPickup(), ["artic technical", "tuplet"]],
      ["waltz", song([WALTZ, WALTZ], 150, 3, "3/4"), ["meterSig"]],
      ["tempo change", tempoChange(), ["tempo"]],
      ["empty", { hits: [], grid: song([ROCK_BEAT, ROCK_BEAT, ROCK_BEAT], 120).grid }, ["multiRest", "mRest"]],
      [
        "repeats, then rests",
        { hits: song([ROCK_BEAT, ROCK_BEAT, ROCK_BEAT], 120).hits, grid: song(Array(6).fill(ROCK_BEAT), 120).grid },
        ["mRpt", "multiRest"],
      ],
    ];
    for (const [name, { hits, grid }, classes] of cases) {
      const score = quantizeDrums(hits, grid);
      const { svgPages, log } = engraver.renderMusicXml(drumScoreToMusicXml(score, { title: name }));
      expect(log, name).toEqual([]);
      for (const drawnClass of classes)
        expect(svgPages.join(""), `${name}: ${drawnClass}`).toContain(`class="${drawnClass}"`);
      expect((await svgPagesToPdf(svgPages)).notDrawn, name).toEqual([]);
    }
  });

  it("draws a Verovio page as vectors: one glyph form each, placed per <use>; every line; text as text", async () => {
    const { hits, grid } = song([SIXTEENTH_GROOVE, TOM_FILL, CRASH_BAR, ROCK_BEAT], 120);
    const musicXml = drumScoreToMusicXml(quantizeDrums(hits, grid), { title: "Structure" });
    const [svg] = engraver.renderMusicXml(musicXml).svgPages;
    const { pdf, notDrawn } = await svgPagesToPdf([svg!], { title: "Structure", compress: false });
    expect(notDrawn).toEqual([]);
    const [page] = pdfPages(pdf);
    const uses = [...svg!.matchAll(/<use xlink:href="#([^"]+)"/g)].map((match) => match[1]);
    expect(uses.length).toBeGreaterThan(50);
    expect(countOperator(page!.content, "Do")).toBe(uses.length);
    expect(formXObjects(pdf)).toHaveLength(new Set(uses).size);
    // Staff lines, stems, bar lines and ledger lines are straight paths: each one stroked line.
    const straight = svg!.match(/<path d="M-?\d+ -?\d+ L-?\d+ -?\d+" stroke-width="\d+"\/>/g) ?? [];
    expect(straight.length).toBeGreaterThanOrEqual(5 * 4 + 4);
    expect(page!.content.match(/^-?\d+ -?\d+ m\n-?\d+ -?\d+ l\nB$/gm)).toHaveLength(straight.length);
    // Beams: one closed four-point polygon each.
    expect(page!.content.match(/^(?:-?\d+ -?\d+ [ml]\n){4}h\nB$/gm)).toHaveLength(
      svg!.match(/<polygon /g)?.length ?? 0,
    );
    const texts = shownTexts(page!);
    expect(texts).toContainEqual({ text: "Structure", font: "Times-Roman" });
    expect(texts).toContainEqual({ text: "Drum Set", font: "Times-Roman" });
    expect(texts).toContainEqual({ text: "120", font: "Times-Bold" });
    // The tempo's quarter note: the only fill without a stroke.
    expect(countOperator(page!.content, "f")).toBe(1);
  });
});
