/**
 * Song structure from beat-synchronous harmony and timbre: section boundaries with
 * confidence, repetition labels (A, B, C…) and functional names (intro, verse, chorus,
 * bridge, outro, instrumental).
 *   1. Features are averaged over beats (beat-synchronous.ts): chroma for harmony, MFCCs
 *      1…k standardised over the track for timbre, RMS level for energy. Chroma is
 *      centred on the track's mean so that the key's ever-present pitch classes do not
 *      make every bar look alike.
 *   2. Each unit is delay-embedded over one bar (the bar's chord and timbre sequence), and
 *      the cosine self-similarity matrices of harmony and timbre are mixed (self-similarity.ts).
 *   3. Boundary novelty = Foote's checkerboard novelty (homogeneity: the music changes)
 *      + Serrà's structure-feature novelty on the mutual-kNN recurrence plot (repetition:
 *      the pattern of recurrences changes, which also separates verse 1 from verse 2);
 *      each normalised by its maximum; its peaks, moved to bar lines, are chosen jointly
 *      under a regularity prior (sections last 1, 2, 4, 8 … bars: regular-boundaries.ts)
 *      when the bar lines can be trusted, else picked one by one (pick-section-boundaries.ts).
 *   4. Segments are compared along diagonals of the similarity matrix and clustered into
 *      repetition labels (label-sections.ts); functional names follow from repetition,
 *      position and energy (name-sections.ts).
 * Cost: O(n²·bar) for n beats (a few hundred in a 3-minute song), no per-frame allocation.
 * References: Foote (2000), IEEE ICME; Serrà, Müller, Grosche & Arcos (2014), IEEE TMM
 *   16(5); Sargent, Bimbot & Vincent (2017), IEEE/ACM TASLP 25(2) (regularity constraints);
 *   McFee & Ellis (2014), "Analyzing song structure with spectral clustering",
 *   ISMIR (beat-synchronous chroma for repetition, MFCC for timbre); Paulus, Müller &
 *   Klapuri (2010), ISMIR (overview).
 */
import {
  beatSynchronous,
  type FrameSeries,
  STRUCTURE_GRID_DEFAULTS,
  structureGrid,
  thinStructureGrid,
} from "./beat-synchronous.js";
import { checkerboardNovelty } from "./checkerboard-novelty.js";
import { labelSections } from "./label-sections.js";
import { mergeDecayingEnding, mergeRepeatedPairs } from "./merge-sections.js";
import { nameSections, type SectionName } from "./name-sections.js";
import { heightAboveMedian, pickSectionBoundaries } from "./pick-section-boundaries.js";
import { regularSectionBoundaries } from "./regular-boundaries.js";
import {
  cosineSelfSimilarity,
  delayEmbed,
  mixSimilarities,
  recurrenceRows,
  standardizeColumns,
} from "./self-similarity.js";
import { structuralNoveltyOfRows } from "./structural-features.js";

/**
 * Most grid units the similarity matrices work on: each holds MAX_UNITS² floats (5.8 MB);
 * a 3-minute song has about 400 beats, a 60-minute mix 7,200 (then units are bars or more).
 */
const MAX_UNITS = 1200;
/** Units quieter than this (dBFS RMS) count as silence. */
const SILENCE_DB = -60;

export interface SegmentStructureOptions {
  /** Beats per bar when the meter is unknown; integer ≥ 1. */
  readonly defaultBeatsPerBar: number;
  /** MFCCs 1 … timbreCoefficients describe timbre (c0, the level, is left out); integer ≥ 1. */
  readonly timbreCoefficients: number;
  /** Weight of timbre against harmony (1 − weight) in the similarity matrix for repetition and labels, [0, 1]. */
  readonly timbreWeight: number;
  /** The same weight in the similarity matrix for homogeneity (checkerboard) novelty, [0, 1]. */
  readonly homogeneityTimbreWeight: number;
  /**
   * Checkerboard half widths, seconds (novelties at several scales are averaged); each > 0.
   * Time scales are in seconds, not bars, so that a beat tracker locked to half or double
   * the tempo does not halve or double them.
   */
  readonly checkerboardSeconds: readonly number[];
  /** Structure-feature half width, seconds; > 0. */
  readonly structureSeconds: number;
  /** Recurrence neighbours as a share of the units, (0, 1). */
  readonly recurrenceShare: number;
  /** Weight of the structure-feature novelty against the checkerboard's, [0, 1]. */
  readonly structureWeight: number;
  /** Peak height above the moving median for a boundary (normalised novelty, 0 … 1). */
  readonly boundaryThreshold: number;
  /**
   * With bar lines: cost of a section not lasting a power-of-two number of bars in the joint
   * choice of boundaries (regular-boundaries.ts); 0 picks novelty peaks one by one instead.
   */
  readonly irregularityCost: number;
  /** Height above the moving median a boundary needs under the regularity prior. */
  readonly regularThreshold: number;
  /** Below this meter confidence the bar lines are not trusted and peaks are picked one by one. */
  readonly regularMinMeterConfidence: number;
  /** A last section up to this many bars long that decays is the previous one's ending. */
  readonly decayingEndingBars: number;
  /** Shortest section, seconds; > 0. */
  readonly minSectionSeconds: number;
  /** Clustering threshold on segment similarity (cosine units). */
  readonly labelThreshold: number;
  /** Merge the segments of labels that always come in pairs (merge-sections.ts). */
  readonly mergePairs: boolean;
  /** Tracks shorter than this get proportionally lower confidence, seconds. */
  readonly confidentSeconds: number;
}

export const SEGMENT_STRUCTURE_DEFAULTS: SegmentStructureOptions = {
  defaultBeatsPerBar: 4,
  timbreCoefficients: 13,
  timbreWeight: 0.5,
  homogeneityTimbreWeight: 1,
  checkerboardSeconds: [3, 6, 12],
  structureSeconds: 6,
  recurrenceShare: 0.05,
  structureWeight: 0.5,
  boundaryThreshold: 0.1,
  irregularityCost: 0.2,
  regularThreshold: 0.05,
  regularMinMeterConfidence: 0.15,
  minSectionSeconds: 1.5,
  decayingEndingBars: 1,
  labelThreshold: 0.5,
  mergePairs: true,
  confidentSeconds: 20,
};

export interface StructureInput {
  readonly durationSeconds: number;
  /** Beat times, seconds, ascending (may be empty: a 0.5-s grid is used then). */
  readonly beatTimes: ArrayLike<number>;
  /** Bar starts, seconds (may be empty: boundaries stay on beats). */
  readonly downbeatTimes: ArrayLike<number>;
  readonly beatsPerBar: number | null;
  /**
   * How far the beat grid can be trusted, 0 … 1 (the tempo estimate's confidence); the
   * regularity prior needs real bar lines. Default 1.
   */
  readonly meterConfidence?: number;
  /** Chroma, frames × 12. */
  readonly chroma: FrameSeries;
  /** MFCCs, frames × coefficients (c0 first). */
  readonly mfcc: FrameSeries;
  /** Linear RMS, frames × 1. */
  readonly rms: FrameSeries;
}

export interface StructureSection {
  readonly start: number;
  readonly end: number;
  /** Repetition label index: 0 = "A", 1 = "B", … */
  readonly cluster: number;
  readonly name: SectionName;
  readonly confidence: number;
}

export interface StructureResult {
  readonly sections: StructureSection[];
  readonly boundaries: { readonly time: number; readonly confidence: number }[];
  /** The grid the analysis worked on (beat times with 0 and the end), seconds. */
  readonly grid: Float64Array;
  /** Combined boundary novelty per grid time, 0 … 1; and its two parts, each 0 … 1. */
  readonly novelty: {
    readonly combined: Float32Array;
    readonly homogeneity: Float32Array;
    readonly repetition: Float32Array;
  };
}

export function segmentStructure(
  input: StructureInput,
  options: Partial<SegmentStructureOptions> = {},
): StructureResult {
  const resolved = { ...SEGMENT_STRUCTURE_DEFAULTS, ...options };
  const duration = Number.isFinite(input.durationSeconds) && input.durationSeconds > 0 ? input.durationSeconds : 0;
  const beatGrid = structureGrid(input.beatTimes, duration, STRUCTURE_GRID_DEFAULTS);
  const uniform = input.beatTimes.length < STRUCTURE_GRID_DEFAULTS.minBeats;
  const gridBeatsPerBar = uniform ? 4 : (input.beatsPerBar ?? resolved.defaultBeatsPerBar);
  // Long tracks work on whole bars (or several) so the O(n²) matrices stay small.
  const beatDownbeats = markDownbeats(beatGrid, input.downbeatTimes);
  const { grid, step } = thinStructureGrid(beatGrid, gridBeatsPerBar, Math.max(0, beatDownbeats.indexOf(1)), MAX_UNITS);
  const beatsPerBar = Math.max(1, Math.round(gridBeatsPerBar / step));
  const units = grid.length - 1;
  const harmony = centerRows(beatSynchronous(input.chroma, grid), units, input.chroma.width);
  const timbreWidth = Math.min(resolved.timbreCoefficients, input.mfcc.width - 1);
  const timbre = standardizeColumns(beatSynchronous(input.mfcc, grid, 1, timbreWidth), units, timbreWidth);
  const energyDb = levelDb(beatSynchronous(input.rms, grid));
  const unitSeconds = medianStep(grid);
  const toUnits = (seconds: number) => Math.max(1, Math.round(seconds / unitSeconds));
  // A centred window of about one bar: a change at unit n stays centred on n.
  const half = Math.max(1, Math.floor(beatsPerBar / 2));
  const span = 2 * half + 1;
  const harmonySimilarity = cosineSelfSimilarity(
    delayEmbed(harmony, units, input.chroma.width, half, half),
    units,
    input.chroma.width * span,
  );
  const timbreSimilarity = cosineSelfSimilarity(
    delayEmbed(timbre, units, timbreWidth, half, half),
    units,
    timbreWidth * span,
  );
  // Timbre alone (the default) is the mix itself when harmony is finite: 0·harmony adds ±0.
  const homogeneitySimilarity =
    resolved.homogeneityTimbreWeight === 1 && allFinite(harmony)
      ? timbreSimilarity
      : mixSimilarities(
          [harmonySimilarity, timbreSimilarity],
          [1 - resolved.homogeneityTimbreWeight, resolved.homogeneityTimbreWeight],
        );
  // The harmony matrix is not needed after this: the mix takes its place.
  const similarity = mixSimilarities(
    [harmonySimilarity, timbreSimilarity],
    [1 - resolved.timbreWeight, resolved.timbreWeight],
    harmonySimilarity,
  );
  const checkerboard = new Float32Array(units + 1);
  for (const seconds of resolved.checkerboardSeconds) {
    const scale = normalized(checkerboardNovelty(homogeneitySimilarity, units, { halfWidth: toUnits(seconds) }));
    for (let g = 0; g <= units; g++) checkerboard[g]! += scale[g]! / resolved.checkerboardSeconds.length;
  }
  const recurrence = recurrenceRows(similarity, units, Math.max(2, resolved.recurrenceShare * units), beatsPerBar);
  const structure = structuralNoveltyOfRows(recurrence, units, {
    halfWidth: toUnits(resolved.structureSeconds),
  });
  const novelty = combineNovelties(checkerboard, structure, resolved.structureWeight);
  const isDownbeat = grid === beatGrid ? beatDownbeats : markDownbeats(grid, input.downbeatTimes);
  const picked =
    resolved.irregularityCost > 0 &&
    isDownbeat.length > 0 &&
    (input.meterConfidence ?? 1) >= resolved.regularMinMeterConfidence
      ? regularSectionBoundaries(novelty, heightAboveMedian(novelty, 4 * beatsPerBar), isDownbeat, {
          threshold: resolved.regularThreshold,
          irregularityCost: resolved.irregularityCost,
          minSectionUnits: toUnits(resolved.minSectionSeconds),
          unitsPerBar: beatsPerBar,
          peakRadius: beatsPerBar,
          snapUnits: Math.max(1, Math.floor(beatsPerBar / 2)),
        })
      : pickSectionBoundaries(novelty, isDownbeat, {
          threshold: resolved.boundaryThreshold,
          minSectionUnits: toUnits(resolved.minSectionSeconds),
          snapUnits: Math.max(1, Math.floor(beatsPerBar / 2)),
          peakRadius: beatsPerBar,
          medianRadius: 4 * beatsPerBar,
        });
  // Confidence shrinks for short tracks and for tracks that are mostly silent.
  let audible = 0;
  for (let i = 0; i < units; i++) if (energyDb[i]! > SILENCE_DB) audible++;
  const trackConfidence =
    Math.min(1, duration / resolved.confidentSeconds) *
    (units > 0 ? audible / units : 0) *
    (units >= 2 * beatsPerBar ? 1 : 0.5);
  const heights = new Map(picked.map((boundary) => [boundary.index, Math.min(1, boundary.height)]));
  const detected = mergeDecayingEnding([0, ...picked.map((boundary) => boundary.index), units], energyDb, {
    maxEndingUnits: resolved.decayingEndingBars * beatsPerBar,
  });
  const firstLabelling = labelSections(similarity, units, detected, { threshold: resolved.labelThreshold });
  const merged = resolved.mergePairs
    ? mergeRepeatedPairs(detected, [...firstLabelling.clusters])
    : { bounds: detected, clusters: [...firstLabelling.clusters] };
  const bounds = merged.bounds;
  const labelling =
    bounds.length === detected.length
      ? firstLabelling
      : labelSections(similarity, units, bounds, { threshold: resolved.labelThreshold });
  const boundaryConfidence = bounds.map((index, k) => (k === 0 || k === bounds.length - 1 ? 1 : heights.get(index)!));
  const segmentCount = bounds.length - 1;
  const sectionEnergy = [];
  for (let k = 0; k < segmentCount; k++) sectionEnergy.push(meanOf(energyDb, bounds[k]!, bounds[k + 1]!));
  const names = nameSections(sectionEnergy.map((energy, k) => ({ cluster: labelling.clusters[k]!, energyDb: energy })));
  const sections: StructureSection[] = [];
  for (let k = 0; k < segmentCount; k++) {
    const edges = (boundaryConfidence[k]! + boundaryConfidence[k + 1]!) / 2;
    const label = labelConfidence(labelling.similarity, labelling.clusters, segmentCount, k);
    sections.push({
      start: k === 0 ? 0 : grid[bounds[k]!]!,
      end: k === segmentCount - 1 ? duration : grid[bounds[k + 1]!]!,
      cluster: labelling.clusters[k]!,
      name: names[k]!,
      confidence: clamp01(trackConfidence * (0.5 * edges + 0.5 * label)),
    });
  }
  return {
    sections,
    boundaries: bounds.slice(1, -1).map((index, k) => ({
      time: grid[index]!,
      confidence: clamp01(trackConfidence * boundaryConfidence[k + 1]!),
    })),
    grid,
    novelty: { combined: novelty, homogeneity: normalized(checkerboard), repetition: normalized(structure) },
  };
}

function combineNovelties(checkerboard: Float32Array, structure: Float32Array, structureWeight: number): Float32Array {
  const out = new Float32Array(checkerboard.length);
  const maxA = Math.max(1e-9, ...checkerboard);
  const maxB = Math.max(1e-9, ...structure);
  // A curve whose maximum is negligible (silence, a constant texture) adds nothing.
  const scaleA = maxA > 1e-3 ? (1 - structureWeight) / maxA : 0;
  const scaleB = maxB > 1e-3 ? structureWeight / maxB : 0;
  for (let i = 0; i < out.length; i++) out[i] = scaleA * checkerboard[i]! + scaleB * structure[i]!;
  return out;
}

/** Median spacing of the grid, seconds. */
function medianStep(grid: Float64Array): number {
  const steps = new Float64Array(Math.max(0, grid.length - 1));
  for (let k = 0; k < steps.length; k++) steps[k] = grid[k + 1]! - grid[k]!;
  steps.sort();
  return steps.length > 0 ? Math.max(1e-3, steps[steps.length >> 1]!) : 1;
}

function normalized(curve: Float32Array): Float32Array {
  const max = Math.max(1e-9, ...curve);
  return curve.map((value) => value / max);
}

function markDownbeats(grid: Float64Array, downbeats: ArrayLike<number>): Uint8Array {
  if (downbeats.length === 0) return new Uint8Array(0);
  const marks = new Uint8Array(grid.length);
  let g = 0;
  for (let d = 0; d < downbeats.length; d++) {
    const time = downbeats[d]!;
    while (g + 1 < grid.length && Math.abs(grid[g + 1]! - time) <= Math.abs(grid[g]! - time)) g++;
    if (Math.abs(grid[g]! - time) < 0.05) marks[g] = 1;
  }
  return marks;
}

/**
 * Similarity to the other members of its label (repeated), 1 − the best match elsewhere
 * (unique), 0 for a lone section (nothing found to compare it with).
 */
function labelConfidence(similarity: Float64Array, clusters: Int32Array, count: number, k: number): number {
  let same = 0;
  let sameCount = 0;
  let otherBest = 0;
  for (let j = 0; j < count; j++) {
    if (j === k) continue;
    const value = similarity[k * count + j]!;
    if (clusters[j] === clusters[k]) {
      same += value;
      sameCount++;
    } else if (value > otherBest) otherBest = value;
  }
  if (count < 2) return 0;
  return clamp01(sameCount > 0 ? same / sameCount : 1 - otherBest);
}

function centerRows(features: Float32Array, units: number, width: number): Float32Array {
  const mean = new Float64Array(width);
  for (let i = 0; i < units; i++) for (let d = 0; d < width; d++) mean[d]! += features[i * width + d]! / units;
  for (let i = 0; i < units; i++) for (let d = 0; d < width; d++) features[i * width + d]! -= mean[d]!;
  return features;
}

/** No NaN or infinity in `values`. */
function allFinite(values: Float32Array): boolean {
  for (let i = 0; i < values.length; i++) if (!Number.isFinite(values[i]!)) return false;
  return true;
}

function levelDb(rms: Float32Array): Float32Array {
  const out = new Float32Array(rms.length);
  for (let i = 0; i < rms.length; i++) out[i] = 20 * Math.log10(Math.max(1e-5, rms[i]!));
  return out;
}

function meanOf(values: Float32Array, from: number, to: number): number {
  let sum = 0;
  for (let i = from; i < to; i++) sum += values[i]!;
  return to > from ? sum / (to - from) : 0;
}

function clamp01(value: number): number {
  return Number.isFinite(value) ? Math.min(1, Math.max(0, value)) : 0;
}
