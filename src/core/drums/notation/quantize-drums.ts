/**
 * Drum hits → a quantised drum score on the song's beat grid. Steps: (1) each hit's time
 * becomes a beat position by piecewise-linear interpolation between tracked beats
 * (beat-timeline.ts), so tempo changes and drift move the grid, not the hits; (2) bars come
 * from the downbeats, with a pickup bar for hits before the first one (layout-bars.ts);
 * (3) each beat gets a grid — straight, triplet or swung — chosen song → bar → beat by
 * timing error against the candidate grids (detect-subdivision.ts); (4) hits snap to their
 * beat's nearest slot, and hits of one drum line on one slot merge, keeping the loudest
 * velocity (open and closed hi-hat are one line); (5) bars that repeat exactly are marked.
 * A song in triplets throughout is written in the compound metre (4/4 → 12/8) unless
 * disabled. No hits give a score of rest bars over the grid (at least one bar).
 * Reference: Cemgil, Desain & Kappen (2000), "Rhythm quantization for transcription",
 *   CMJ 24(2); Dixon (2001), "Automatic extraction of tempo and beat from expressive
 *   performances", JNMR 30(1).
 */
import type { DrumBeatGrid, DrumClass, DrumHit } from "../drum-hit.js";
import { DRUM_CLASSES } from "../drum-hit.js";
import { createBeatTimeline } from "./beat-timeline.js";
import { DETECT_SUBDIVISION_DEFAULTS, type DetectSubdivisionOptions, detectSubdivision } from "./detect-subdivision.js";
import {
  type BeatSubdivision,
  beatsPerBarOf,
  beatUnitOf,
  type DrumScore,
  type DrumScoreBar,
  type DrumScoreEvent,
  isCompoundMeter,
  parseTimeSignature,
  TICKS_PER_BEAT,
  type TimeSignature,
  timeSignatureWithBeats,
} from "./drum-score.js";
import { type BarSpan, layoutBars } from "./layout-bars.js";
import { markRepeatedBars } from "./mark-repeated-bars.js";
import { nearestSlot } from "./subdivision-grids.js";

export interface QuantizeDrumsOptions extends DetectSubdivisionOptions {
  /** Write a song whose subdivision is triplets in the compound metre: 2/4 → 6/8, 3/4 → 9/8, 4/4 → 12/8. */
  readonly tripletFeelAsCompoundMeter: boolean;
}

export const QUANTIZE_DRUMS_DEFAULTS: QuantizeDrumsOptions = {
  ...DETECT_SUBDIVISION_DEFAULTS,
  tripletFeelAsCompoundMeter: true,
};

/** Drum lines: hits of one line on one slot merge (open and closed hi-hat are one line). */
const DRUM_LINE: Readonly<Record<DrumClass, number>> = {
  kick: 0,
  snare: 1,
  "tom-low": 2,
  "tom-mid": 3,
  "tom-high": 4,
  "hihat-closed": 5,
  "hihat-open": 5,
  ride: 6,
  crash: 7,
};
const DRUM_ORDER = new Map<DrumClass, number>(DRUM_CLASSES.map((drum, index) => [drum, index]));

/** The metre of the grid: its time signature, else its beats per bar over 4, else 4/4. */
export function meterOfGrid(grid: DrumBeatGrid): TimeSignature {
  const parsed = grid.timeSignature === null ? null : parseTimeSignature(grid.timeSignature);
  if (parsed !== null) return parsed;
  const beats = grid.beatsPerBar;
  return beats !== null && Number.isInteger(beats) && beats >= 1 && beats <= 32
    ? { numerator: beats, denominator: 4 }
    : { numerator: 4, denominator: 4 };
}

export function quantizeDrums(
  hits: readonly DrumHit[],
  grid: DrumBeatGrid,
  options: Partial<QuantizeDrumsOptions> = {},
): DrumScore {
  const settings = { ...QUANTIZE_DRUMS_DEFAULTS, ...options };
  const meter = meterOfGrid(grid);
  const compound = isCompoundMeter(meter);
  const beatsPerBar = beatsPerBarOf(meter);
  const fallbackPeriod =
    grid.tempoBpm !== null && grid.tempoBpm > 0 && Number.isFinite(grid.tempoBpm) ? 60 / grid.tempoBpm : undefined;
  const timeline = createBeatTimeline(grid.beats, fallbackPeriod);

  // (1) Beat positions.
  const valid = hits
    .filter((hit) => Number.isFinite(hit.timeSeconds) && Number.isFinite(hit.velocity))
    .sort((a, b) => a.timeSeconds - b.timeSeconds);
  const hitCount = valid.length;
  const beatIndices = new Int32Array(hitCount);
  const fractions = new Float64Array(hitCount);
  const beatPeriods = new Float64Array(hitCount);
  for (let hit = 0; hit < hitCount; hit++) {
    const position = timeline.positionOf(valid[hit]!.timeSeconds);
    const beat = Math.floor(position);
    beatIndices[hit] = beat;
    fractions[hit] = position - beat;
    beatPeriods[hit] = timeline.timeOf(beat + 1) - timeline.timeOf(beat);
  }

  // (2) Bars over the raw positions (a superset of the final bars: a hit moves at most to the next beat).
  const downbeatBeats = grid.downbeats.filter(Number.isFinite).map((time) => Math.round(timeline.positionOf(time)));
  const layoutInput = { downbeatBeats, beatsPerBar, gridBeatCount: timeline.beatTimes.length };
  const decisionBars = layoutBars({
    ...layoutInput,
    firstHitBeat: hitCount === 0 ? null : beatIndices[0]!,
    lastHitBeat: hitCount === 0 ? null : beatIndices[hitCount - 1]! + 1,
  });

  // (3) A grid per beat.
  const decision = detectSubdivision({ beatIndices, fractions, beatPeriods }, decisionBars, compound, settings);

  // (4) Snap and merge.
  const merged = new Map<number, { tick: number; drum: DrumClass; velocity: number; position: number }>();
  let mergedHitCount = 0;
  for (let hit = 0; hit < hitCount; hit++) {
    const beat = beatIndices[hit]!;
    const beatGrid = decision.beatGrids[beat - decision.firstBeat]!;
    const slot = nearestSlot(beatGrid, fractions[hit]!);
    const tick = beat * TICKS_PER_BEAT + beatGrid.slotTicks[slot]!;
    const { drum } = valid[hit]!;
    const velocity = Math.min(127, Math.max(1, Math.round(valid[hit]!.velocity)));
    const key = tick * 16 + DRUM_LINE[drum];
    const existing = merged.get(key);
    if (existing === undefined) {
      merged.set(key, { tick, drum, velocity, position: beat + beatGrid.slots[slot]! });
    } else {
      mergedHitCount++;
      if (velocity > existing.velocity || (velocity === existing.velocity && drum === "hihat-open")) {
        existing.velocity = velocity;
        existing.drum = drum;
      }
    }
  }
  const placed = [...merged.values()].sort(
    (a, b) => a.tick - b.tick || DRUM_ORDER.get(a.drum)! - DRUM_ORDER.get(b.drum)!,
  );

  // Bars again, over the snapped positions: a pickup starts at its first note.
  const bars = layoutBars({
    ...layoutInput,
    firstHitBeat: placed.length === 0 ? null : Math.floor(placed[0]!.tick / TICKS_PER_BEAT),
    lastHitBeat: placed.length === 0 ? null : Math.floor(placed[placed.length - 1]!.tick / TICKS_PER_BEAT),
  });

  const tripletFeel =
    settings.tripletFeelAsCompoundMeter &&
    !compound &&
    meter.denominator === 4 &&
    decision.songSubdivision === "triplet";
  const scoreMeter: TimeSignature = tripletFeel ? { numerator: 3 * meter.numerator, denominator: 8 } : meter;

  const scoreBars: DrumScoreBar[] = [];
  let nextEvent = 0;
  let barNumber = 1;
  for (const bar of bars) {
    const startTick = bar.startBeat * TICKS_PER_BEAT;
    const endTick = startTick + bar.beats * TICKS_PER_BEAT;
    while (nextEvent < placed.length && placed[nextEvent]!.tick < startTick) nextEvent++;
    const events: DrumScoreEvent[] = [];
    for (; nextEvent < placed.length && placed[nextEvent]!.tick < endTick; nextEvent++) {
      const { tick, drum, velocity, position } = placed[nextEvent]!;
      events.push({ tick: tick - startTick, drum, velocity, timeSeconds: timeline.timeOf(position) });
    }
    const beatTimesSeconds: number[] = [];
    for (let beat = 0; beat <= bar.beats; beat++) beatTimesSeconds.push(timeline.timeOf(bar.startBeat + beat));
    const startSeconds = beatTimesSeconds[0]!;
    const endSeconds = beatTimesSeconds[bar.beats]!;
    const beatSubdivisions: BeatSubdivision[] = [];
    for (let beat = 0; beat < bar.beats; beat++) {
      beatSubdivisions.push(decision.beatGrids[bar.startBeat + beat - decision.firstBeat]!.subdivision);
    }
    scoreBars.push({
      index: scoreBars.length,
      number: bar.pickup ? 0 : barNumber++,
      pickup: bar.pickup,
      startSeconds,
      endSeconds,
      beats: bar.beats,
      beatTimesSeconds,
      timeSignature: bar.pickup ? scoreMeter : timeSignatureWithBeats(scoreMeter, bar.beats),
      tempoBpm: (60 * bar.beats) / (endSeconds - startSeconds),
      subdivision: decision.barSubdivisions[decisionBarOf(decisionBars, bar)]!,
      beatSubdivisions,
      events,
      repeatsPrevious: false,
      patternIndex: 0,
    });
  }

  return {
    ticksPerBeat: TICKS_PER_BEAT,
    timeSignature: scoreMeter,
    beatUnit: beatUnitOf(scoreMeter),
    tempoBpm: median(scoreBars.filter((bar) => !bar.pickup).map((bar) => bar.tempoBpm)) ?? scoreBars[0]!.tempoBpm,
    subdivision: decision.songSubdivision,
    swingFraction: decision.swingFraction,
    bars: markRepeatedBars(scoreBars),
    eventCount: placed.length,
    mergedHitCount,
    invalidHitCount: hits.length - hitCount,
  };
}

/** Index of the bar of the first layout that holds the start of `bar` (the final bars are a subset). */
function decisionBarOf(decisionBars: readonly BarSpan[], bar: BarSpan): number {
  let low = 0;
  let high = decisionBars.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >>> 1;
    if (decisionBars[middle]!.startBeat <= bar.startBeat) low = middle;
    else high = middle - 1;
  }
  return low;
}

function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}
