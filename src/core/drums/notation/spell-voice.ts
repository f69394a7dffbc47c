/**
 * The written rhythm of one voice of one bar: which note values and rests, tuplets and
 * beams spell a set of onsets. Drum notes do not sustain, so (as drum parts are written)
 * a note lasts until the next onset of its voice but never past the end of its beat, and
 * rests fill the rest; notes are never tied. Each beat is spelt on its own: in simple
 * metres in 8ths/16ths/32nds, or, when an onset needs thirds of the beat, as a 3:2 tuplet
 * spanning the beat; in compound metres in eighths and 16ths of the dotted-quarter beat
 * (duplets as dotted eighths). Note values start on their own multiple within the beat
 * (a dotted value only at its start); empty beat pairs on an even beat become one rest,
 * an empty voice one whole-bar rest. Beams join the notes of one beat (broken by rests),
 * with secondary beams and hooks for 16ths and 32nds.
 * Reference: Gould (2011), "Behind Bars", Faber Music (beaming by beat, rests, tuplets);
 *   Weinberg (1998), "Guide to Standardized Drumset Notation", Percussive Arts Society.
 */
import { TICKS_PER_BEAT } from "./drum-score.js";

export type NoteType = "whole" | "half" | "quarter" | "eighth" | "16th" | "32nd" | "64th";

export type BeamValue = "begin" | "continue" | "end" | "forward hook" | "backward hook";

export interface TupletSpan {
  /** Notes in the tuplet (3) in the time of `normal` (2). */
  readonly actual: number;
  readonly normal: number;
  readonly start: boolean;
  readonly stop: boolean;
  /** Every element of the tuplet is a beamed note: the number suffices, no bracket. */
  readonly bracket: boolean;
}

export interface SpelledElement {
  readonly kind: "note" | "rest";
  /** Start in the bar, ticks (TICKS_PER_BEAT per beat). */
  readonly tick: number;
  readonly durationTicks: number;
  /** Written value; null for a whole-bar rest. */
  readonly noteType: NoteType | null;
  readonly dots: number;
  readonly tuplet: TupletSpan | null;
  /** Beam values from the primary beam (index 0) down; empty when not beamed. */
  readonly beams: readonly BeamValue[];
  /** A rest filling the whole bar. */
  readonly wholeBarRest: boolean;
}

export interface VoiceBar {
  /** Beats in the bar. */
  readonly beats: number;
  /** Length of one beat in quarter notes (1 in x/4, 1.5 in 6/8). */
  readonly beatQuarters: number;
  /** Compound metre: beats divide in three without tuplets. */
  readonly compound: boolean;
  /** A pickup: an empty voice gets beat rests, not a whole-bar rest. */
  readonly pickup: boolean;
}

/** Allowed written values in one kind of beat: ticks, and where in the beat they may start. */
interface ValueRule {
  readonly ticks: number;
  readonly startsAt: (offset: number) => boolean;
}

const anywhere = () => true;
const atMultiple = (ticks: number) => (offset: number) => offset % ticks === 0;
const atOffsets =
  (...offsets: number[]) =>
  (offset: number) =>
    offsets.includes(offset);

/** The values of one kind of beat, longest first, for notes and for rests. */
interface BeatValues {
  readonly notes: readonly ValueRule[];
  readonly rests: readonly ValueRule[];
}

/** Simple metre, binary beat: quarter, dotted 8th, 8th, dotted 16th, 16th, 32nd (16th–8th–16th allowed). */
const BINARY_VALUES: BeatValues = {
  notes: [
    { ticks: 48, startsAt: atOffsets(0) },
    { ticks: 36, startsAt: atOffsets(0, 12) },
    { ticks: 24, startsAt: atMultiple(12) },
    { ticks: 18, startsAt: atMultiple(6) },
    { ticks: 12, startsAt: atMultiple(6) },
    { ticks: 6, startsAt: anywhere },
  ],
  rests: [
    { ticks: 48, startsAt: atOffsets(0) },
    { ticks: 36, startsAt: atOffsets(0) },
    { ticks: 24, startsAt: atMultiple(24) },
    { ticks: 12, startsAt: atMultiple(12) },
    { ticks: 6, startsAt: anywhere },
  ],
};
/** Simple metre, 3:2 tuplet beat: quarter, dotted 8th, 8th and 16th of the triplet. */
const TRIPLET_VALUES: BeatValues = {
  notes: [
    { ticks: 32, startsAt: atOffsets(0, 16) },
    { ticks: 24, startsAt: atOffsets(0, 24) },
    { ticks: 16, startsAt: anywhere },
    { ticks: 8, startsAt: anywhere },
  ],
  rests: [
    { ticks: 32, startsAt: atOffsets(0, 16) },
    { ticks: 16, startsAt: atMultiple(16) },
    { ticks: 8, startsAt: anywhere },
  ],
};
/** Compound metre: dotted quarter, quarter, dotted 8th, 8th, dotted 16th, 16th, 32nd. */
const COMPOUND_VALUES: BeatValues = {
  notes: [
    { ticks: 48, startsAt: atOffsets(0) },
    { ticks: 32, startsAt: atOffsets(0, 16) },
    { ticks: 24, startsAt: atOffsets(0, 24) },
    { ticks: 16, startsAt: atMultiple(8) },
    { ticks: 12, startsAt: atMultiple(12) },
    { ticks: 8, startsAt: atMultiple(4) },
    { ticks: 4, startsAt: anywhere },
  ],
  rests: [
    { ticks: 48, startsAt: atOffsets(0) },
    { ticks: 32, startsAt: atOffsets(0, 16) },
    { ticks: 24, startsAt: atOffsets(0, 24) },
    { ticks: 16, startsAt: atMultiple(16) },
    { ticks: 12, startsAt: atMultiple(12) },
    { ticks: 8, startsAt: atMultiple(8) },
    { ticks: 4, startsAt: anywhere },
  ],
};

const NOTE_TYPES: readonly [NoteType, number][] = [
  ["whole", 4],
  ["half", 2],
  ["quarter", 1],
  ["eighth", 0.5],
  ["16th", 0.25],
  ["32nd", 0.125],
  ["64th", 0.0625],
];

/** The written value of a length in quarter notes: a type and 0–2 dots; null when none fits. */
export function noteValueOf(quarters: number): { noteType: NoteType; dots: number } | null {
  for (const [noteType, length] of NOTE_TYPES) {
    for (const [dots, factor] of [
      [0, 1],
      [1, 1.5],
      [2, 1.75],
    ] as const) {
      if (Math.abs(quarters - length * factor) < 1e-9) return { noteType, dots };
    }
  }
  return null;
}

function beamCount(noteType: NoteType | null): number {
  switch (noteType) {
    case "eighth":
      return 1;
    case "16th":
      return 2;
    case "32nd":
      return 3;
    case "64th":
      return 4;
    default:
      return 0;
  }
}

interface Draft {
  kind: "note" | "rest";
  tick: number;
  durationTicks: number;
  noteType: NoteType | null;
  dots: number;
  tuplet: TupletSpan | null;
  beams: BeamValue[];
  wholeBarRest: boolean;
}

/**
 * Spell the onsets (ticks in the bar, any order; duplicates ignored) of one voice.
 * Onsets that fit neither binary nor ternary positions of their beat are written at the
 * nearest triplet 16th.
 */
export function spellVoice(onsetTicks: readonly number[], bar: VoiceBar): SpelledElement[] {
  const barTicks = bar.beats * TICKS_PER_BEAT;
  const onsets = [...new Set(onsetTicks)].filter((tick) => tick >= 0 && tick < barTicks).sort((a, b) => a - b);
  const quartersPerTick = bar.beatQuarters / TICKS_PER_BEAT;
  const written = (kind: "note" | "rest", tick: number, durationTicks: number, tupletScale: number): Draft => {
    const value = noteValueOf(durationTicks * quartersPerTick * tupletScale);
    return {
      kind,
      tick,
      durationTicks,
      noteType: value?.noteType ?? null,
      dots: value?.dots ?? 0,
      tuplet: null,
      beams: [],
      wholeBarRest: false,
    };
  };
  if (onsets.length === 0 && !bar.pickup) {
    return [{ ...written("rest", 0, barTicks, 1), noteType: null, dots: 0, wholeBarRest: true }];
  }

  const elements: Draft[] = [];
  let beat = 0;
  while (beat < bar.beats) {
    const beatStart = beat * TICKS_PER_BEAT;
    const inBeat = onsets.filter((tick) => tick >= beatStart && tick < beatStart + TICKS_PER_BEAT);
    if (inBeat.length === 0) {
      // An empty beat: with an empty next beat from an even beat, one rest for both.
      const nextEmpty =
        beat % 2 === 0 &&
        beat + 1 < bar.beats &&
        !onsets.some((tick) => tick >= beatStart + TICKS_PER_BEAT && tick < beatStart + 2 * TICKS_PER_BEAT);
      const span = nextEmpty ? 2 : 1;
      elements.push(written("rest", beatStart, span * TICKS_PER_BEAT, 1));
      beat += span;
      continue;
    }
    elements.push(...spellBeat(inBeat, beatStart, bar.compound, written));
    beat++;
  }
  addBeams(elements);
  return elements;
}

function spellBeat(
  onsets: readonly number[],
  beatStart: number,
  compound: boolean,
  written: (kind: "note" | "rest", tick: number, durationTicks: number, tupletScale: number) => Draft,
): Draft[] {
  let offsets = onsets.map((tick) => tick - beatStart);
  let values: BeatValues;
  let triplet = false;
  if (compound) {
    values = COMPOUND_VALUES;
    if (!offsets.every((offset) => offset % 4 === 0)) offsets = snapOffsets(offsets, 4);
  } else if (offsets.every((offset) => offset % 6 === 0)) {
    values = BINARY_VALUES;
  } else {
    values = TRIPLET_VALUES;
    triplet = true;
    if (!offsets.every((offset) => offset % 8 === 0)) offsets = snapOffsets(offsets, 8);
  }
  const tupletScale = triplet ? 1.5 : 1;
  const drafts: Draft[] = [];
  const fill = (kind: "note" | "rest", from: number, to: number) => {
    let position = from;
    while (position < to) {
      const rules = kind === "note" ? values.notes : values.rests;
      const rule =
        rules.find((candidate) => candidate.ticks <= to - position && candidate.startsAt(position)) ??
        rules[rules.length - 1]!;
      const ticks = Math.min(rule.ticks, to - position);
      drafts.push(written(kind, beatStart + position, ticks, tupletScale));
      position += ticks;
      if (kind === "note") kind = "rest";
    }
  };
  if (offsets[0]! > 0) fill("rest", 0, offsets[0]!);
  for (let index = 0; index < offsets.length; index++) {
    fill("note", offsets[index]!, offsets[index + 1] ?? TICKS_PER_BEAT);
  }
  if (triplet) {
    const bracket = drafts.some((draft) => draft.kind === "rest" || beamCount(draft.noteType) === 0);
    drafts.forEach((draft, index) => {
      draft.tuplet = { actual: 3, normal: 2, start: index === 0, stop: index === drafts.length - 1, bracket };
    });
  }
  return drafts;
}

function snapOffsets(offsets: readonly number[], step: number): number[] {
  const snapped = offsets.map((offset) => Math.min(TICKS_PER_BEAT - step, Math.round(offset / step) * step));
  return [...new Set(snapped)].sort((a, b) => a - b);
}

/** Beams over runs of beamable notes within one beat; secondary beams and hooks per level. */
function addBeams(elements: Draft[]): void {
  let runStart = 0;
  for (let index = 0; index <= elements.length; index++) {
    const element = elements[index];
    const continuesRun =
      element !== undefined &&
      element.kind === "note" &&
      beamCount(element.noteType) > 0 &&
      index > runStart &&
      Math.floor(element.tick / TICKS_PER_BEAT) === Math.floor(elements[runStart]!.tick / TICKS_PER_BEAT);
    if (continuesRun) continue;
    beamRun(elements, runStart, index);
    const startsRun = element !== undefined && element.kind === "note" && beamCount(element.noteType) > 0;
    runStart = startsRun ? index : index + 1;
  }
}

function beamRun(elements: Draft[], from: number, to: number): void {
  if (to - from < 2) return;
  const levels = Math.max(...elements.slice(from, to).map((element) => beamCount(element.noteType)));
  for (let level = 1; level <= levels; level++) {
    for (let index = from; index < to; index++) {
      const element = elements[index]!;
      if (beamCount(element.noteType) < level) continue;
      const previous = index > from && beamCount(elements[index - 1]!.noteType) >= level;
      const next = index + 1 < to && beamCount(elements[index + 1]!.noteType) >= level;
      let value: BeamValue;
      if (level === 1) value = index === from ? "begin" : index === to - 1 ? "end" : "continue";
      else if (previous && next) value = "continue";
      else if (next) value = "begin";
      else if (previous) value = "end";
      else value = index === from ? "forward hook" : "backward hook";
      element.beams.push(value);
    }
  }
}
