/**
 * Which grid each beat is quantised to, as the cheapest labelling of a tree: the song
 * has a subdivision (straight, triplet, swing), each bar follows it unless leaving it
 * saves more than `barSwitchCost`, each beat follows its bar unless leaving it saves more
 * than `beatSwitchCost` (a triplet fill on beat 4 of a straight bar). The song takes the
 * subdivision with the least total cost when every bar and beat may switch at that price,
 * so one sloppy hit cannot flip a beat, and a few deviating bars cannot flip the song, since
 * each weighs at most its switch cost. Within the chosen subdivision each beat takes its
 * cheapest grid (8ths, 16ths, 32nds…). Costs are those of subdivision-grids.ts. Swung 8ths are a candidate in simple metres; their off-beat
 * position is fitted to the song (the robust least-squares fraction in [0.57, 0.75]).
 * Reference: Cemgil, Desain & Kappen (2000), "Rhythm quantization for transcription",
 *   CMJ 24(2) (MAP choice of grid per segment; a prior that keeps the grid stable);
 *   Desain & Honing (1989), "The quantization of musical time", CMJ 13(3) (context over
 *   single-onset decisions).
 */
import type { BeatSubdivision } from "./drum-score.js";
import {
  GRID_COST_DEFAULTS,
  type GridCostOptions,
  hitCost,
  type SubdivisionGrid,
  subdivisionGrids,
} from "./subdivision-grids.js";

/** Hits as beat index + fraction of the beat, with the length of that beat. */
export interface HitsOnBeats {
  /** The beat each hit falls in (floor of its beat position). */
  readonly beatIndices: Int32Array;
  /** Where in the beat, 0 ≤ fraction < 1. */
  readonly fractions: Float64Array;
  /** Length of that beat, seconds. */
  readonly beatPeriods: Float64Array;
}

/** A bar as a run of beats of the timeline. */
export interface BeatSpan {
  readonly startBeat: number;
  readonly beats: number;
}

export interface DetectSubdivisionOptions extends GridCostOptions {
  /** Cost a bar pays for not following the song's subdivision. */
  readonly barSwitchCost: number;
  /** Cost a beat pays for not following its bar's subdivision. */
  readonly beatSwitchCost: number;
  /** Consider swung 8ths (simple metres only). */
  readonly allowSwing: boolean;
}

export const DETECT_SUBDIVISION_DEFAULTS: DetectSubdivisionOptions = {
  ...GRID_COST_DEFAULTS,
  barSwitchCost: 3,
  beatSwitchCost: 1.5,
  allowSwing: true,
};

export interface SubdivisionDecision {
  readonly songSubdivision: BeatSubdivision;
  /** The fitted swing fraction when some beat is swung, else null. */
  readonly swingFraction: number | null;
  /** One per bar. */
  readonly barSubdivisions: BeatSubdivision[];
  /** The first beat of `beatGrids` (the first bar's start beat). */
  readonly firstBeat: number;
  /** The grid of each beat from `firstBeat` to the end of the last bar. */
  readonly beatGrids: SubdivisionGrid[];
}

const SWING_SEARCH_FROM = 0.57;
const SWING_SEARCH_TO = 0.75;
const SWING_SEARCH_STEP = 0.005;

/**
 * The swung off-beat position that fits the hits between 0.45 and 0.85 of their beat best
 * (capped squared error), or null when there are no such hits.
 */
export function estimateSwingFraction(hits: HitsOnBeats, options: GridCostOptions = GRID_COST_DEFAULTS): number | null {
  const { beatIndices, fractions, beatPeriods } = hits;
  let offBeatHits = 0;
  for (let hit = 0; hit < beatIndices.length; hit++) {
    if (fractions[hit]! >= 0.45 && fractions[hit]! <= 0.85) offBeatHits++;
  }
  if (offBeatHits === 0) return null;
  const denominator = 2 * options.timingSigmaSeconds * options.timingSigmaSeconds;
  let bestFraction = SWING_SEARCH_FROM;
  let bestCost = Number.POSITIVE_INFINITY;
  const steps = Math.round((SWING_SEARCH_TO - SWING_SEARCH_FROM) / SWING_SEARCH_STEP);
  for (let step = 0; step <= steps; step++) {
    const candidate = SWING_SEARCH_FROM + step * SWING_SEARCH_STEP;
    let cost = 0;
    for (let hit = 0; hit < beatIndices.length; hit++) {
      const fraction = fractions[hit]!;
      if (fraction < 0.45 || fraction > 0.85) continue;
      const errorSeconds = (fraction - candidate) * beatPeriods[hit]!;
      cost += Math.min((errorSeconds * errorSeconds) / denominator, options.hitCostCap);
    }
    if (cost < bestCost - 1e-12) {
      bestCost = cost;
      bestFraction = candidate;
    }
  }
  return bestFraction;
}

export function detectSubdivision(
  hits: HitsOnBeats,
  bars: readonly BeatSpan[],
  compound: boolean,
  options: Partial<DetectSubdivisionOptions> = {},
): SubdivisionDecision {
  const settings = { ...DETECT_SUBDIVISION_DEFAULTS, ...options };
  if (bars.length === 0) throw new RangeError("detectSubdivision: bars must not be empty");
  const firstBeat = bars[0]!.startBeat;
  const lastBar = bars[bars.length - 1]!;
  const beatCount = lastBar.startBeat + lastBar.beats - firstBeat;
  const swingCandidate = !compound && settings.allowSwing ? estimateSwingFraction(hits, settings) : null;
  const groups = subdivisionGrids(compound, swingCandidate);
  const grids = groups.flat();
  const gridGroup = Int32Array.from(groups.flatMap((group, index) => group.map(() => index)));
  const gridCount = grids.length;
  const groupCount = groups.length;

  // Cost of every beat on every grid: the grid's prior plus its hits' timing costs; a grid
  // too fine for the beat's tempo is ruled out where it has hits.
  const costs = new Float64Array(beatCount * gridCount);
  for (let beat = 0; beat < beatCount; beat++) {
    for (let grid = 0; grid < gridCount; grid++) costs[beat * gridCount + grid] = grids[grid]!.gridCost;
  }
  for (let hit = 0; hit < hits.beatIndices.length; hit++) {
    const beat = hits.beatIndices[hit]! - firstBeat;
    if (beat < 0 || beat >= beatCount) continue;
    const period = hits.beatPeriods[hit]!;
    for (let grid = 0; grid < gridCount; grid++) {
      const candidate = grids[grid]!;
      costs[beat * gridCount + grid]! +=
        candidate.smallestStep * period < settings.minSlotSeconds && candidate.slots.length > 2
          ? Number.POSITIVE_INFINITY
          : hitCost(candidate, hits.fractions[hit]!, period, settings);
    }
  }

  // Per beat and subdivision: the cheapest grid of that subdivision.
  const groupCosts = new Float64Array(beatCount * groupCount).fill(Number.POSITIVE_INFINITY);
  const groupGrids = new Int32Array(beatCount * groupCount);
  for (let beat = 0; beat < beatCount; beat++) {
    for (let grid = 0; grid < gridCount; grid++) {
      const cell = beat * groupCount + gridGroup[grid]!;
      if (costs[beat * gridCount + grid]! < groupCosts[cell]!) {
        groupCosts[cell] = costs[beat * gridCount + grid]!;
        groupGrids[cell] = grid;
      }
    }
  }

  // A tree of decisions (song → bars → beats), each child following its parent unless
  // leaving it pays: the cost of a bar under subdivision s lets each beat switch for
  // beatSwitchCost, the cost of the song under s lets each bar switch for barSwitchCost.
  const barCosts = new Float64Array(bars.length * groupCount);
  bars.forEach((bar, index) => {
    const from = bar.startBeat - firstBeat;
    for (let beat = from; beat < from + bar.beats; beat++) {
      const cheapestBeat = minimum(groupCosts, beat * groupCount, groupCount);
      for (let group = 0; group < groupCount; group++) {
        barCosts[index * groupCount + group]! += Math.min(
          groupCosts[beat * groupCount + group]!,
          cheapestBeat + settings.beatSwitchCost,
        );
      }
    }
  });
  const songCosts = new Float64Array(groupCount);
  for (let index = 0; index < bars.length; index++) {
    const cheapestBar = minimum(barCosts, index * groupCount, groupCount);
    for (let group = 0; group < groupCount; group++) {
      songCosts[group]! += Math.min(barCosts[index * groupCount + group]!, cheapestBar + settings.barSwitchCost);
    }
  }
  const songGroup = cheapest(songCosts, 0, groupCount, -1, 0);

  const barSubdivisions: BeatSubdivision[] = [];
  const beatGrids: SubdivisionGrid[] = new Array(beatCount);
  bars.forEach((bar, index) => {
    const barGroup = cheapest(barCosts, index * groupCount, groupCount, songGroup, settings.barSwitchCost);
    barSubdivisions.push(groups[barGroup]![0]!.subdivision);
    const from = bar.startBeat - firstBeat;
    for (let beat = from; beat < from + bar.beats; beat++) {
      const beatGroup = cheapest(groupCosts, beat * groupCount, groupCount, barGroup, settings.beatSwitchCost);
      beatGrids[beat] = grids[groupGrids[beat * groupCount + beatGroup]!]!;
    }
  });
  const swung = beatGrids.some((grid) => grid.subdivision === "swing" && grid.slots.length > 2);
  return {
    songSubdivision: groups[songGroup]![0]!.subdivision,
    swingFraction: swung ? swingCandidate : null,
    barSubdivisions,
    firstBeat,
    beatGrids,
  };
}

function minimum(values: Float64Array, offset: number, count: number): number {
  let smallest = Number.POSITIVE_INFINITY;
  for (let index = offset; index < offset + count; index++) smallest = Math.min(smallest, values[index]!);
  return smallest;
}

/** Index (0-based within the run) of the cheapest of `count` costs from `offset`; `preferred` is charged nothing, the others `switchCost`. */
function cheapest(costs: Float64Array, offset: number, count: number, preferred: number, switchCost: number): number {
  let best = 0;
  let bestCost = Number.POSITIVE_INFINITY;
  for (let index = 0; index < count; index++) {
    const cost = costs[offset + index]! + (index === preferred ? 0 : switchCost);
    if (cost < bestCost - 1e-9) {
      best = index;
      bestCost = cost;
    }
  }
  return best;
}
