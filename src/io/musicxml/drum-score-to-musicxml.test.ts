import { describe, expect, it } from "vitest";
import { quantizeDrums } from "../../core/drums/notation/quantize-drums.js";
import {
  beatsWithTempo,
  CRASH_BAR,
  gridOf,
  placePatterns,
  ROCK_BEAT,
  SHUFFLE,
  SIXTEENTH_GROOVE,
  steadyBeats,
  TOM_FILL,
  TRIPLET_GROOVE,
  timeAtBeat,
} from "../../core/drums/notation/test-helpers/grooves.js";
import { drumScoreToMusicXml, MUSICXML_DIVISIONS } from "./drum-score-to-musicxml.js";

interface ParsedNote {
  readonly xml: string;
  readonly chord: boolean;
  readonly rest: boolean;
  readonly duration: number;
  readonly voice: number;
  readonly position: string | null;
  readonly notehead: string | null;
  readonly instrument: string | null;
  readonly stem: string | null;
}

interface ParsedMeasure {
  readonly number: string;
  readonly implicit: boolean;
  readonly xml: string;
  readonly notes: ParsedNote[];
  /** Summed durations of each voice (chord notes count once). */
  readonly voiceDurations: Map<number, number>;
}

const first = (xml: string, pattern: RegExp) => pattern.exec(xml)?.[1] ?? null;

function parseMeasures(musicXml: string): ParsedMeasure[] {
  return [...musicXml.matchAll(/<measure number="([^"]+)"([^>]*)>([\s\S]*?)<\/measure>/g)].map((match) => {
    const xml = match[3]!;
    const notes = [...xml.matchAll(/<note\b[^>]*>[\s\S]*?<\/note>/g)].map(([note]) => {
      const step = first(note, /<display-step>(\w)<\/display-step>/);
      const octave = first(note, /<display-octave>(\d)<\/display-octave>/);
      return {
        xml: note,
        chord: note.includes("<chord/>"),
        rest: note.includes("<rest"),
        duration: Number(first(note, /<duration>(\d+)<\/duration>/)),
        voice: Number(first(note, /<voice>(\d)<\/voice>/)),
        position: step === null ? null : `${step}${octave}`,
        notehead: first(note, /<notehead>([^<]+)<\/notehead>/),
        instrument: first(note, /<instrument id="([^"]+)"\/>/),
        stem: first(note, /<stem>(\w+)<\/stem>/),
      };
    });
    const voiceDurations = new Map<number, number>();
    for (const note of notes) {
      if (!note.chord) voiceDurations.set(note.voice, (voiceDurations.get(note.voice) ?? 0) + note.duration);
    }
    return { number: match[1]!, implicit: match[2]!.includes(`implicit="yes"`), xml, notes, voiceDurations };
  });
}

/** Every voice of every measure fills it; the backups rewind exactly one bar. */
function expectFullMeasures(measures: readonly ParsedMeasure[], barDivisions: (measure: ParsedMeasure) => number) {
  for (const measure of measures) {
    for (const [, total] of measure.voiceDurations) expect(total).toBe(barDivisions(measure));
    for (const [, backup] of measure.xml.matchAll(/<backup><duration>(\d+)<\/duration><\/backup>/g)) {
      expect(Number(backup)).toBe(barDivisions(measure));
    }
  }
}

const QUARTER = MUSICXML_DIVISIONS;

describe("drumScoreToMusicXml", () => {
  const rockBeats = steadyBeats(4 * 4 + 1, 120);
  const rock = quantizeDrums(
    placePatterns(rockBeats, [ROCK_BEAT, ROCK_BEAT, ROCK_BEAT, ROCK_BEAT], 4, { jitterSeconds: 0.015 }),
    gridOf(rockBeats, 4, "4/4", 120),
  );

  it("writes the rock beat in standard drum-set notation: percussion clef, voices, noteheads, tempo", () => {
    const xml = drumScoreToMusicXml(rock, { title: "Rock Beat", encodingDate: "2026-01-01" });
    expect(xml.startsWith(`<?xml version="1.0" encoding="UTF-8" standalone="no"?>`)).toBe(true);
    expect(xml).toContain(`<score-partwise version="4.0">`);
    expect(xml).toContain("<work><work-title>Rock Beat</work-title></work>");
    expect(xml).toContain("<encoding-date>2026-01-01</encoding-date>");
    const measures = parseMeasures(xml);
    expect(measures.map((measure) => measure.number)).toEqual(["1", "2", "3", "4"]);
    const bar1 = measures[0]!;
    expect(bar1.xml).toContain(`<divisions>${QUARTER}</divisions>`);
    expect(bar1.xml).toContain("<time><beats>4</beats><beat-type>4</beat-type></time>");
    expect(bar1.xml).toContain("<clef><sign>percussion</sign><line>2</line></clef>");
    expect(bar1.xml).toContain("<staff-lines>5</staff-lines>");
    expect(bar1.xml).toMatch(
      /<metronome parentheses="no"><beat-unit>quarter<\/beat-unit><per-minute>120<\/per-minute><\/metronome>/,
    );
    expect(bar1.xml).toContain(`<sound tempo="120"/>`);
    expectFullMeasures(measures, () => 4 * QUARTER);
    // Hi-hat eighths: G5, x, stems up, voice 1; kick F4 quarters, voice 2, stems down; snare C5 on 2 and 4.
    const hihats = bar1.notes.filter((note) => note.position === "G5");
    expect(hihats).toHaveLength(8);
    expect(hihats.every((note) => note.notehead === "x" && note.stem === "up" && note.voice === 1)).toBe(true);
    expect(hihats.every((note) => note.duration === QUARTER / 2 && note.instrument === "P1-I42")).toBe(true);
    const kicks = bar1.notes.filter((note) => note.position === "F4");
    expect(kicks.map((note) => [note.duration, note.voice, note.stem, note.notehead])).toEqual([
      [QUARTER, 2, "down", null],
      [QUARTER, 2, "down", null],
    ]);
    const snares = bar1.notes.filter((note) => note.position === "C5");
    expect(snares.map((note) => [note.voice, note.stem, note.notehead, note.instrument])).toEqual(
      Array(2).fill([1, "up", null, "P1-I38"]),
    );
    // A chord lists its notes bottom-up: the snare, then the hi-hat as <chord/>.
    expect(hihats.filter((note) => note.chord)).toHaveLength(2);
    expect(bar1.notes.filter((note) => note.rest && note.voice === 2)).toHaveLength(2);
    // Beams by beat: begin/end pairs, on the first note of each chord.
    const chords = bar1.notes.filter((note) => note.voice === 1 && !note.chord && !note.rest);
    expect(chords.map((note) => first(note.xml, /<beam number="1">([^<]+)<\/beam>/))).toEqual(
      Array(4).fill(["begin", "end"]).flat(),
    );
  });

  it("writes bars that repeat the bar before as a measure repeat, with all their notes in one voice", () => {
    const measures = parseMeasures(drumScoreToMusicXml(rock));
    expect(measures[1]!.xml).toContain(`<measure-repeat type="start">1</measure-repeat>`);
    expect(measures[2]!.xml).not.toContain("measure-repeat");
    for (const measure of measures.slice(1)) {
      expect(measure.notes).toHaveLength(measures[0]!.notes.filter((note) => !note.rest).length);
      expect(new Set(measure.notes.map((note) => note.voice))).toEqual(new Set([1]));
    }
    const written = parseMeasures(drumScoreToMusicXml(rock, { measureRepeats: false }));
    expect(written.some((measure) => measure.xml.includes("measure-repeat"))).toBe(false);
    // A repeat run that ends before the last bar is stopped in the bar after it.
    const beats = steadyBeats(4 * 4 + 1, 120);
    const score = quantizeDrums(
      placePatterns(beats, [ROCK_BEAT, ROCK_BEAT, ROCK_BEAT, TOM_FILL], 4),
      gridOf(beats, 4, "4/4", 120),
    );
    expect(parseMeasures(drumScoreToMusicXml(score))[3]!.xml).toContain(`<measure-repeat type="stop"/>`);
    // Repeats followed by empty bars: the stop and the multi-bar rest each get their own measure-style.
    const tacetBeats = steadyBeats(5 * 4 + 1, 120);
    const tacet = quantizeDrums(
      placePatterns(tacetBeats, [ROCK_BEAT, ROCK_BEAT, ROCK_BEAT], 4),
      gridOf(tacetBeats, 4, "4/4", 120),
    );
    expect(parseMeasures(drumScoreToMusicXml(tacet))[3]!.xml).toContain(
      `<measure-style><multiple-rest>2</multiple-rest></measure-style><measure-style><measure-repeat type="stop"/></measure-style>`,
    );
  });

  it("writes toms, crash, open hi-hat and a triplet beat with tuplet marks", () => {
    const beats = steadyBeats(3 * 4 + 1, 100);
    const score = quantizeDrums(
      placePatterns(beats, [SIXTEENTH_GROOVE, TOM_FILL, CRASH_BAR], 4, { jitterSeconds: 0.012 }),
      gridOf(beats, 4, "4/4", 100),
    );
    const measures = parseMeasures(drumScoreToMusicXml(score));
    expectFullMeasures(measures, () => 4 * QUARTER);
    const [groove, fill, crash] = measures as [ParsedMeasure, ParsedMeasure, ParsedMeasure];
    const open = groove.notes.filter((note) => note.instrument === "P1-I46");
    expect(open).toHaveLength(1);
    expect(open[0]!.position).toBe("G5");
    expect(open[0]!.xml).toContain("<technical><open-string/></technical>");
    expect(
      groove.notes.filter((note) => note.position === "G5" && !note.rest).every((note) => note.notehead === "x"),
    ).toBe(true);
    expect(
      new Set(fill.notes.filter((note) => !note.rest).map((note) => `${note.position} ${note.instrument}`)),
    ).toEqual(new Set(["C5 P1-I38", "E5 P1-I50", "D5 P1-I47", "A4 P1-I43", "F4 P1-I36"]));
    // Beat 4 of the fill: snare, snare, floor tom as a 3:2 triplet of eighths.
    const triplet = fill.notes.filter((note) => note.xml.includes("<time-modification>"));
    expect(triplet.map((note) => [note.position, note.duration])).toEqual([
      ["C5", QUARTER / 3],
      ["C5", QUARTER / 3],
      ["A4", QUARTER / 3],
    ]);
    expect(triplet[0]!.xml).toContain(`<tuplet type="start" bracket="no" show-number="actual"/>`);
    expect(triplet[2]!.xml).toContain(`<tuplet type="stop"/>`);
    const crashNote = crash.notes.find((note) => note.instrument === "P1-I49")!;
    expect([crashNote.position, crashNote.notehead, crashNote.duration]).toEqual(["A5", "x", QUARTER]);
  });

  it("writes a triplet groove in 12/8 with a dotted-quarter metronome mark", () => {
    const beats = steadyBeats(2 * 4 + 1, 90);
    const score = quantizeDrums(
      placePatterns(beats, [TRIPLET_GROOVE, TRIPLET_GROOVE], 4, { jitterSeconds: 0.01 }),
      gridOf(beats, 4, "4/4", 90),
    );
    const xml = drumScoreToMusicXml(score);
    expect(xml).toContain("<time><beats>12</beats><beat-type>8</beat-type></time>");
    expect(xml).toContain("<beat-unit>quarter</beat-unit><beat-unit-dot/><per-minute>90</per-minute>");
    expect(xml).toContain(`<sound tempo="135"/>`);
    expect(xml).not.toContain("<time-modification>");
    const measures = parseMeasures(xml);
    expectFullMeasures(measures, () => 6 * QUARTER);
    expect(
      measures[0]!.notes.filter((note) => note.position === "F5").every((note) => note.duration === QUARTER / 2),
    ).toBe(true);
  });

  it("writes a pickup as an implicit bar 0 that holds only its beats", () => {
    const beats = steadyBeats(2 * 4 + 1, 120, 1);
    const hits = placePatterns(beats, [ROCK_BEAT, ROCK_BEAT], 4);
    hits.push({ timeSeconds: timeAtBeat(beats, -0.5), drum: "snare", velocity: 90 });
    const measures = parseMeasures(drumScoreToMusicXml(quantizeDrums(hits, gridOf(beats, 4, "4/4", 120))));
    expect(measures.map((measure) => [measure.number, measure.implicit])).toEqual([
      ["0", true],
      ["1", false],
      ["2", false],
    ]);
    expectFullMeasures(measures, (measure) => (measure.implicit ? QUARTER : 4 * QUARTER));
    expect(measures[0]!.xml).toContain("<time><beats>4</beats>");
    expect(measures[1]!.xml).not.toContain("<time>");
  });

  it("marks the tempo where it changes, and only there", () => {
    const beats = beatsWithTempo(8 * 4 + 1, (beat) => (beat < 16 ? 100 : 140));
    const score = quantizeDrums(placePatterns(beats, Array(8).fill(ROCK_BEAT), 4), gridOf(beats, 4, "4/4", 120));
    const measures = parseMeasures(drumScoreToMusicXml(score));
    const marks = measures
      .map((measure) => [measure.number, first(measure.xml, /<per-minute>(\d+)<\/per-minute>/)])
      .filter(([, tempo]) => tempo !== null);
    expect(marks).toEqual([
      ["1", "100"],
      ["5", "140"],
    ]);
  });

  it("writes swung eighths as eighths under a Shuffle mark with MusicXML swing playback", () => {
    const beats = steadyBeats(2 * 4 + 1, 100);
    const score = quantizeDrums(
      placePatterns(beats, [SHUFFLE, SHUFFLE], 4, { jitterSeconds: 0.008 }),
      gridOf(beats, 4, "4/4", 100),
    );
    const xml = drumScoreToMusicXml(score);
    expect(xml).toContain(`<words font-weight="bold">Shuffle</words>`);
    expect(xml).toMatch(
      /<swing><first>6[5-8]<\/first><second>3[2-5]<\/second><swing-type>eighth<\/swing-type><\/swing>/,
    );
    const hihats = parseMeasures(xml)[0]!.notes.filter((note) => note.position === "G5");
    expect(hihats.every((note) => note.duration === QUARTER / 2)).toBe(true);
  });

  it("writes an empty score as a tempo bar and a multi-bar rest, with the part's nine instruments", () => {
    const beats = steadyBeats(6 * 4 + 1, 120);
    const xml = drumScoreToMusicXml(quantizeDrums([], gridOf(beats, 4, "4/4", 120)), { title: `Rock & <Roll> "live"` });
    expect(xml).toContain("<work-title>Rock &amp; &lt;Roll&gt; &quot;live&quot;</work-title>");
    const measures = parseMeasures(xml);
    expect(measures).toHaveLength(6);
    expectFullMeasures(measures, () => 4 * QUARTER);
    expect(
      measures.every(
        (measure) => measure.notes.length === 1 && measure.notes[0]!.xml.includes(`<rest measure="yes"/>`),
      ),
    ).toBe(true);
    expect(measures[0]!.xml).toContain("<per-minute>120</per-minute>");
    expect(measures[1]!.xml).toContain("<multiple-rest>5</multiple-rest>");
    expect([...xml.matchAll(/<score-instrument id=/g)]).toHaveLength(9);
    expect(xml).toContain(`<midi-instrument id="P1-I36"><midi-channel>10</midi-channel>`);
    expect(xml).toContain("<midi-unpitched>37</midi-unpitched>");
  });
});
