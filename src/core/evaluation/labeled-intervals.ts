/**
 * Labelled time intervals and mir_eval's operations on them, ported step by step from
 * `mir_eval.util` so chord and segment scores agree exactly: `adjust_intervals` (crop to and
 * pad out to [tMin, tMax]), `merge_labeled_intervals` (common refinement of two
 * segmentations; an instant takes the label of the last interval, in order, that starts at
 * or before it — so a gap inside a sequence inherits the label before it), boundaries
 * rounded to 5 decimals, and sampling labels on a fixed frame grid.
 * Reference: mir_eval 0.7, util.adjust_intervals / merge_labeled_intervals /
 *   intervals_to_boundaries / intervals_to_samples / interpolate_intervals.
 */
import { lowerBound, upperBound } from "./match-events.js";
import { roundHalfEven } from "./round-half-even.js";

/** [start, end] in seconds. */
export type Interval = readonly [number, number];

/** Intervals with one label each, sorted by start. */
export interface LabeledIntervals {
  readonly intervals: readonly Interval[];
  readonly labels: readonly string[];
}

/** Sort by start time, stable (mir_eval uses argsort on the starts). */
export function sortLabeledIntervals(intervals: readonly Interval[], labels: readonly string[]): LabeledIntervals {
  const order = intervals.map((_, index) => index).sort((a, b) => intervals[a]![0] - intervals[b]![0] || a - b);
  return { intervals: order.map((index) => intervals[index]!), labels: order.map((index) => labels[index]!) };
}

/**
 * Crop and pad intervals to span exactly [tMin, tMax] (mir_eval.util.adjust_intervals):
 * intervals wholly before tMin or after tMax are dropped, straddling ones clipped, and a
 * leading/trailing interval labelled `startLabel`/`endLabel` fills any uncovered edge.
 */
export function adjustIntervals(
  source: LabeledIntervals,
  tMin: number,
  tMax: number,
  startLabel: string,
  endLabel: string,
): LabeledIntervals {
  if (source.intervals.length === 0) return { intervals: [[tMin, tMax]], labels: [startLabel] };
  let intervals: Interval[] = [...source.intervals];
  let labels = [...source.labels];

  const firstIndex = intervals.findIndex(([, end]) => end >= tMin);
  if (firstIndex >= 0) {
    intervals = intervals.slice(firstIndex);
    labels = labels.slice(firstIndex);
  }
  intervals = intervals.map(([start, end]) => [Math.max(tMin, start), Math.max(tMin, end)]);
  const lowest = minimumTime(intervals);
  if (lowest > tMin) {
    intervals.unshift([tMin, lowest]);
    labels.unshift(startLabel);
  }

  const lastIndex = intervals.findIndex(([start]) => start > tMax);
  if (lastIndex >= 0) {
    intervals = intervals.slice(0, lastIndex);
    labels = labels.slice(0, lastIndex);
  }
  intervals = intervals.map(([start, end]) => [Math.min(tMax, start), Math.min(tMax, end)]);
  const highest = maximumTime(intervals);
  if (highest < tMax) {
    intervals.push([highest, tMax]);
    labels.push(endLabel);
  }
  return { intervals, labels };
}

/** Two label sequences over the common refinement of their intervals. */
export interface MergedLabeledIntervals {
  readonly intervals: readonly Interval[];
  readonly referenceLabels: readonly string[];
  readonly estimatedLabels: readonly string[];
}

/**
 * Common refinement of two segmentations that span the same range
 * (mir_eval.util.merge_labeled_intervals): every distinct boundary of either starts a new
 * interval, labelled from each side by the last interval starting at or before it.
 */
export function mergeLabeledIntervals(
  reference: LabeledIntervals,
  estimated: LabeledIntervals,
): MergedLabeledIntervals {
  const times = [...new Set([...reference.intervals.flat(), ...estimated.intervals.flat()])].sort((a, b) => a - b);
  const referenceStarts = Float64Array.from(reference.intervals, ([start]) => start);
  const estimatedStarts = Float64Array.from(estimated.intervals, ([start]) => start);
  const intervals: Interval[] = [];
  const referenceLabels: string[] = [];
  const estimatedLabels: string[] = [];
  for (let index = 0; index + 1 < times.length; index++) {
    const start = times[index]!;
    intervals.push([start, times[index + 1]!]);
    referenceLabels.push(labelAt(reference.labels, referenceStarts, start));
    estimatedLabels.push(labelAt(estimated.labels, estimatedStarts, start));
  }
  return { intervals, referenceLabels, estimatedLabels };
}

/** Label of the last interval (in start order) that starts at or before `time`. */
function labelAt(labels: readonly string[], sortedStarts: Float64Array, time: number): string {
  return labels[Math.max(0, upperBound(sortedStarts, time) - 1)]!;
}

/** Sorted distinct boundary times, rounded to `decimals` as numpy does (mir_eval.util.intervals_to_boundaries). */
export function intervalsToBoundaries(intervals: readonly Interval[], decimals = 5): number[] {
  const rounded = intervals.flat().map((time) => roundHalfEven(time, decimals));
  return [...new Set(rounded)].sort((a, b) => a - b);
}

/**
 * Labels sampled every `frameSeconds` from 0, floor(max / frameSeconds) frames
 * (mir_eval.util.intervals_to_samples): a frame at time t takes the label of the last
 * interval with start ≤ t ≤ end, or `fillLabel` when none covers it. Frame times are
 * computed in float32 (index · float32(frameSeconds)), as numpy does there.
 */
export function sampleIntervalLabels(source: LabeledIntervals, frameSeconds: number, fillLabel: string): string[] {
  const frameCount = Math.floor(maximumTime(source.intervals) / frameSeconds);
  const frameStep = Math.fround(frameSeconds);
  const frameTimes = Float64Array.from({ length: frameCount }, (_, index) => Math.fround(index * frameStep));
  const labels = new Array<string>(frameCount).fill(fillLabel);
  source.intervals.forEach(([start, end], index) => {
    const first = lowerBound(frameTimes, start);
    const stop = upperBound(frameTimes, end);
    for (let frame = first; frame < stop; frame++) labels[frame] = source.labels[index]!;
  });
  return labels;
}

/** Durations of the intervals in seconds. */
export function intervalDurations(intervals: readonly Interval[]): number[] {
  return intervals.map(([start, end]) => Math.abs(end - start));
}

function minimumTime(intervals: readonly Interval[]): number {
  let lowest = Number.POSITIVE_INFINITY;
  for (const [start, end] of intervals) lowest = Math.min(lowest, start, end);
  return lowest;
}

function maximumTime(intervals: readonly Interval[]): number {
  let highest = Number.NEGATIVE_INFINITY;
  for (const [start, end] of intervals) highest = Math.max(highest, start, end);
  return highest;
}
