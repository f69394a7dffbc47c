/**
 * A DrumScore as a MusicXML 4.0 partwise score: one drum-set part on a five-line
 * percussion staff (positions, noteheads and voices of drum-set-notation.ts), with title,
 * metronome marks wherever the tempo moves, time signatures wherever a bar's metre
 * changes, 3:2 tuplets, beams by beat, note velocities (`dynamics`), a "Swing"/"Shuffle"
 * direction with MusicXML's <swing> playback element, multi-bar rests over runs of empty
 * bars and measure-repeat signs over bars that repeat the bar before.
 * Voices: 1 = hands and cymbals (stems up), 2 = bass drum (stems down). A bar shown as a
 * measure repeat keeps all its notes (the MusicXML rule: the repeated music is still
 * encoded) in one voice, which Verovio needs to draw a single repeat sign.
 * An open hi-hat is marked with <technical><open-string/>: MusicXML 4.0's <open> has the
 * same glyph but Verovio 6.3 drops it, and the file must engrave without losing content.
 * Reference: MusicXML 4.0 (W3C Music Notation Community Group, 2021), score-partwise DTD;
 *   Weinberg (1998), "Guide to Standardized Drumset Notation", Percussive Arts Society.
 */
import { DRUM_CLASSES, GM_DRUM_KEY } from "../../core/drums/drum-hit.js";
import {
  beatLengthInQuarters,
  type DrumScore,
  type DrumScoreBar,
  type DrumScoreEvent,
  isCompoundMeter,
  TICKS_PER_BEAT,
  type TimeSignature,
} from "../../core/drums/notation/drum-score.js";
import { type SpelledElement, spellVoice, type VoiceBar } from "../../core/drums/notation/spell-voice.js";
import { DRUM_NOTATION, instrumentId, staffPosition } from "./drum-set-notation.js";
import { escapeXml } from "./escape-xml.js";

export interface DrumMusicXmlOptions {
  readonly title: string;
  /** Under the title; "" for none. */
  readonly subtitle: string;
  readonly partName: string;
  /** Show bars that repeat the bar before as measure-repeat signs. */
  readonly measureRepeats: boolean;
  /** Show runs of empty bars as one multi-bar rest. */
  readonly multiBarRests: boolean;
  /** A metronome mark when the (3-bar median) bar tempo moves this far from the last mark; ratio. */
  readonly tempoMarkChange: number;
  /** yyyy-mm-dd in <encoding-date>; null for none. */
  readonly encodingDate: string | null;
}

export const DRUM_MUSICXML_DEFAULTS: DrumMusicXmlOptions = {
  title: "Drums",
  subtitle: "",
  partName: "Drum Set",
  measureRepeats: true,
  multiBarRests: true,
  tempoMarkChange: 0.04,
  encodingDate: null,
};

const PART_ID = "P1";
/** Divisions per quarter note: 96 makes every tick of every beat unit an integer (48 ticks = 1, 1.5, 2 or 0.5 quarters). */
export const MUSICXML_DIVISIONS = 96;

export function drumScoreToMusicXml(score: DrumScore, options: Partial<DrumMusicXmlOptions> = {}): string {
  const settings = { ...DRUM_MUSICXML_DEFAULTS, ...options };
  const beatQuarters = beatLengthInQuarters(score.beatUnit);
  const divisionsPerTick = (MUSICXML_DIVISIONS * beatQuarters) / TICKS_PER_BEAT;
  if (!Number.isInteger(divisionsPerTick)) {
    throw new RangeError(`drumScoreToMusicXml: beat unit of ${beatQuarters} quarters has no integer divisions`);
  }
  const bars = score.bars;
  const tempoMarks = tempoMarksOf(bars, settings.tempoMarkChange);
  const multiRests = settings.multiBarRests ? multiRestRuns(bars, tempoMarks) : new Map<number, number>();
  const repeated = bars.map(
    (bar, index) =>
      settings.measureRepeats &&
      bar.repeatsPrevious &&
      bar.events.length > 0 &&
      !tempoMarks.has(index) &&
      !multiRests.has(index),
  );
  const swingBar = score.swingFraction === null ? -1 : bars.findIndex((bar) => bar.beatSubdivisions.includes("swing"));

  const compound = isCompoundMeter(score.timeSignature);
  const measures = bars.map((bar, index) => {
    const previous = bars[index - 1];
    const styles: string[] = [];
    const restRun = multiRests.get(index);
    if (restRun !== undefined) styles.push(`<multiple-rest>${restRun}</multiple-rest>`);
    if (repeated[index] && !repeated[index - 1]) {
      styles.push(`<measure-repeat type="start">1</measure-repeat>`);
    } else if (!repeated[index] && repeated[index - 1]) {
      styles.push(`<measure-repeat type="stop"/>`);
    }
    const content = [attributesXml(bar.timeSignature, previous?.timeSignature ?? null, index === 0, styles)];
    const tempoMark = tempoMarks.get(index);
    if (tempoMark !== undefined) content.push(metronomeDirection(tempoMark, score, beatQuarters));
    if (index === swingBar && score.swingFraction !== null) content.push(swingDirection(score.swingFraction));

    // Hands up, feet down; a measure-repeat bar keeps all its notes in one voice; an empty bar is one rest.
    const hands = bar.events.filter((event) => DRUM_NOTATION[event.drum].voice === 1);
    const feet = bar.events.filter((event) => DRUM_NOTATION[event.drum].voice === 2);
    const voices: [1 | 2, readonly DrumScoreEvent[]][] = repeated[index]
      ? [[1, bar.events]]
      : bar.events.length === 0
        ? [[1, []]]
        : [
            [1, hands],
            [2, feet],
          ];
    const voiceBar = { beats: bar.beats, beatQuarters, compound, pickup: bar.pickup };
    const barDivisions = bar.beats * TICKS_PER_BEAT * divisionsPerTick;
    content.push(
      voices
        .map(([voice, events]) => voiceXml(events, voice, voiceBar, divisionsPerTick))
        .join(`<backup><duration>${barDivisions}</duration></backup>`),
    );
    if (index === bars.length - 1) {
      content.push(`<barline location="right"><bar-style>light-heavy</bar-style></barline>`);
    }
    const implicit = bar.pickup ? ` implicit="yes"` : "";
    return `<measure number="${bar.number}"${implicit}>${content.join("")}</measure>`;
  });

  return [
    `<?xml version="1.0" encoding="UTF-8" standalone="no"?>`,
    `<!DOCTYPE score-partwise PUBLIC "-//Recordare//DTD MusicXML 4.0 Partwise//EN" "http://www.musicxml.org/dtds/partwise.dtd">`,
    `<score-partwise version="4.0">`,
    `<work><work-title>${escapeXml(settings.title)}</work-title></work>`,
    identificationXml(settings.encodingDate),
    `<credit page="1"><credit-type>title</credit-type><credit-words justify="center" valign="top" font-size="20">${escapeXml(settings.title)}</credit-words></credit>`,
    settings.subtitle === ""
      ? ""
      : `<credit page="1"><credit-type>subtitle</credit-type><credit-words justify="center" valign="top" font-size="12">${escapeXml(settings.subtitle)}</credit-words></credit>`,
    partListXml(settings.partName),
    `<part id="${PART_ID}">`,
    measures.join("\n"),
    `</part>`,
    `</score-partwise>`,
    "",
  ]
    .filter((line) => line !== "")
    .join("\n");
}

/** A bar's <attributes>: divisions, key, clef and staff in the first bar; the metre where it changes; measure styles. */
function attributesXml(
  signature: TimeSignature,
  previousSignature: TimeSignature | null,
  first: boolean,
  styles: readonly string[],
): string {
  const parts: string[] = [];
  if (first) {
    parts.push(`<divisions>${MUSICXML_DIVISIONS}</divisions>`, `<key print-object="no"><fifths>0</fifths></key>`);
  }
  if (previousSignature === null || !sameSignature(signature, previousSignature)) {
    parts.push(`<time><beats>${signature.numerator}</beats><beat-type>${signature.denominator}</beat-type></time>`);
  }
  if (first) {
    parts.push(
      "<clef><sign>percussion</sign><line>2</line></clef>",
      "<staff-details><staff-lines>5</staff-lines></staff-details>",
    );
  }
  // One measure-style element per style: the schema makes its content a choice.
  for (const style of styles) parts.push(`<measure-style>${style}</measure-style>`);
  return parts.length === 0 ? "" : `<attributes>${parts.join("")}</attributes>`;
}

/** One voice of one bar: its rhythm spelt by spellVoice, each onset a chord of its drums. */
function voiceXml(events: readonly DrumScoreEvent[], voice: 1 | 2, bar: VoiceBar, divisionsPerTick: number): string {
  const drumsAt = new Map<number, DrumScoreEvent[]>();
  for (const event of events) drumsAt.set(event.tick, [...(drumsAt.get(event.tick) ?? []), event]);
  return spellVoice([...drumsAt.keys()], bar)
    .map((element) =>
      element.kind === "rest"
        ? restXml(element, voice, divisionsPerTick)
        : chordXml(element, drumsAt.get(element.tick) ?? [], voice, divisionsPerTick),
    )
    .join("");
}

function sameSignature(a: TimeSignature, b: TimeSignature): boolean {
  return a.numerator === b.numerator && a.denominator === b.denominator;
}

function identificationXml(encodingDate: string | null): string {
  const date = encodingDate === null ? "" : `<encoding-date>${escapeXml(encodingDate)}</encoding-date>`;
  return `<identification><encoding><software>tonearm</software>${date}<supports element="accidental" type="no"/></encoding></identification>`;
}

function partListXml(partName: string): string {
  const instruments = DRUM_CLASSES.map(
    (drum) =>
      `<score-instrument id="${instrumentId(PART_ID, drum)}"><instrument-name>${DRUM_NOTATION[drum].instrumentName}</instrument-name></score-instrument>`,
  );
  const midi = DRUM_CLASSES.map(
    (drum) =>
      `<midi-instrument id="${instrumentId(PART_ID, drum)}"><midi-channel>10</midi-channel><midi-program>1</midi-program><midi-unpitched>${GM_DRUM_KEY[drum] + 1}</midi-unpitched></midi-instrument>`,
  );
  return [
    `<part-list><score-part id="${PART_ID}"><part-name>${escapeXml(partName)}</part-name><part-abbreviation>Dr.</part-abbreviation>`,
    ...instruments,
    ...midi,
    `</score-part></part-list>`,
  ].join("\n");
}

/** Bar index → tempo (beats per minute) for the bars that get a metronome mark. */
function tempoMarksOf(bars: readonly DrumScoreBar[], change: number): Map<number, number> {
  const marks = new Map<number, number>();
  let marked = 0;
  bars.forEach((bar, index) => {
    const around = [bars[index - 1], bar, bars[index + 1]]
      .filter((neighbour): neighbour is DrumScoreBar => neighbour !== undefined && !neighbour.pickup)
      .map((neighbour) => neighbour.tempoBpm)
      .sort((a, b) => a - b);
    const smoothed = around.length === 0 ? bar.tempoBpm : around[(around.length - 1) >> 1]!;
    if (index === 0 || Math.abs(smoothed - marked) > change * marked) {
      marked = smoothed;
      marks.set(index, Math.round(smoothed));
    }
  });
  return marks;
}

/**
 * First bar index → length of each run of ≥ 2 empty bars of one metre without tempo marks
 * (Verovio drops the directions of the bars a multi-bar rest stands for).
 */
function multiRestRuns(bars: readonly DrumScoreBar[], tempoMarks: ReadonlyMap<number, number>): Map<number, number> {
  const runs = new Map<number, number>();
  let index = 0;
  while (index < bars.length) {
    const first = bars[index]!;
    let end = index;
    while (
      end < bars.length &&
      bars[end]!.events.length === 0 &&
      !bars[end]!.pickup &&
      sameSignature(bars[end]!.timeSignature, first.timeSignature) &&
      !tempoMarks.has(end)
    ) {
      end++;
    }
    if (end - index >= 2) runs.set(index, end - index);
    index = Math.max(end, index + 1);
  }
  return runs;
}

function metronomeDirection(tempoBpm: number, score: DrumScore, beatQuarters: number): string {
  const unit = score.beatUnit;
  const beatUnit = NOTE_TYPE_NAME[unit.noteValue] ?? "quarter";
  const dot = unit.dotted ? "<beat-unit-dot/>" : "";
  const quartersPerMinute = Math.round(tempoBpm * beatQuarters * 100) / 100;
  return (
    `<direction placement="above"><direction-type><metronome parentheses="no"><beat-unit>${beatUnit}</beat-unit>${dot}` +
    `<per-minute>${tempoBpm}</per-minute></metronome></direction-type><sound tempo="${quartersPerMinute}"/></direction>`
  );
}

function swingDirection(swingFraction: number): string {
  const label = swingFraction >= 0.64 ? "Shuffle" : "Swing";
  const first = Math.round(swingFraction * 100);
  return (
    `<direction placement="above"><direction-type><words font-weight="bold">${label}</words></direction-type>` +
    `<sound><swing><first>${first}</first><second>${100 - first}</second><swing-type>eighth</swing-type></swing></sound></direction>`
  );
}

const NOTE_TYPE_NAME: Readonly<Record<number, string>> = {
  1: "whole",
  2: "half",
  4: "quarter",
  8: "eighth",
  16: "16th",
};

function rhythmXml(element: SpelledElement): { type: string; modification: string } {
  const type = element.noteType === null ? "" : `<type>${element.noteType}</type>${"<dot/>".repeat(element.dots)}`;
  const modification =
    element.tuplet === null
      ? ""
      : `<time-modification><actual-notes>${element.tuplet.actual}</actual-notes><normal-notes>${element.tuplet.normal}</normal-notes></time-modification>`;
  return { type, modification };
}

function tupletXml(element: SpelledElement): string {
  const tuplet = element.tuplet;
  if (tuplet === null) return "";
  const bracket = tuplet.bracket ? "yes" : "no";
  return (
    (tuplet.start ? `<tuplet type="start" bracket="${bracket}" show-number="actual"/>` : "") +
    (tuplet.stop ? `<tuplet type="stop"/>` : "")
  );
}

function restXml(element: SpelledElement, voice: 1 | 2, divisionsPerTick: number): string {
  const { type, modification } = rhythmXml(element);
  const tuplet = tupletXml(element);
  // The feet's whole-bar rest hangs in the bottom space (E4), clear of the hands' notes.
  const rest = element.wholeBarRest
    ? voice === 2
      ? `<rest measure="yes"><display-step>E</display-step><display-octave>4</display-octave></rest>`
      : `<rest measure="yes"/>`
    : "<rest/>";
  return (
    `<note>${rest}<duration>${element.durationTicks * divisionsPerTick}</duration><voice>${voice}</voice>${type}${modification}` +
    `${tuplet === "" ? "" : `<notations>${tuplet}</notations>`}</note>`
  );
}

function chordXml(
  element: SpelledElement,
  hits: readonly DrumScoreEvent[],
  voice: 1 | 2,
  divisionsPerTick: number,
): string {
  const stem = voice === 1 ? "up" : "down";
  const { type, modification } = rhythmXml(element);
  const beams = element.beams.map((value, level) => `<beam number="${level + 1}">${value}</beam>`).join("");
  const ordered = [...hits].sort((a, b) => staffPosition(a.drum) - staffPosition(b.drum));
  return ordered
    .map((hit, index) => {
      const notation = DRUM_NOTATION[hit.drum];
      const first = index === 0;
      const notations =
        (first ? tupletXml(element) : "") + (notation.open ? "<technical><open-string/></technical>" : "");
      const dynamics = ((hit.velocity / 90) * 100).toFixed(2);
      return (
        `<note dynamics="${dynamics}">${first ? "" : "<chord/>"}` +
        `<unpitched><display-step>${notation.displayStep}</display-step><display-octave>${notation.displayOctave}</display-octave></unpitched>` +
        `<duration>${element.durationTicks * divisionsPerTick}</duration><instrument id="${instrumentId(PART_ID, hit.drum)}"/>` +
        `<voice>${voice}</voice>${type}${modification}<stem>${stem}</stem>` +
        `${notation.notehead === "x" ? "<notehead>x</notehead>" : ""}${first ? beams : ""}` +
        `${notations === "" ? "" : `<notations>${notations}</notations>`}</note>`
      );
    })
    .join("");
}
