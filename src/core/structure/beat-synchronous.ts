/**
 * Beat-synchronous features: the time grid a structure analysis works on (beats, with the
 * track start and end added, or a uniform grid when there are too few beats) and the mean
 * of each frame-level feature over every grid unit. Working at beat level makes sections
 * of a song with a steady pulse line up on the grid, removes most of the within-beat
 * variation (strums, drum hits), and keeps the later O(n²) similarity matrices small
 * (a few hundred units for a 3-minute song).
 * Input: frame-major matrices (frames × width) with their frame period; output: units ×
 * width, unit k covering [grid[k], grid[k + 1]).
 * Reference: Bartsch & Wakefield (2005), "Audio thumbnailing of popular music using
 *   chroma-based representations", IEEE TMM 7(1) (beat-synchronous chroma); Ellis &
 *   Poliner (2007), "Identifying cover songs with chroma features and dynamic programming
 *   beat tracking", ICASSP.
 */

/** A frame-level feature matrix with its time axis. */
export interface FrameSeries {
  /** frames·width values, frame-major. */
  readonly data: Float32Array;
  readonly frames: number;
  readonly width: number;
  /** Seconds between frames. */
  readonly hopSeconds: number;
  /** Time of frame 0 in seconds (0 for centred frames). */
  readonly offsetSeconds?: number;
}

export interface StructureGridOptions {
  /** Fewer beats than this and the grid is uniform instead; integer ≥ 2. */
  readonly minBeats: number;
  /** Spacing of the uniform fallback grid, seconds; > 0. */
  readonly fallbackSeconds: number;
}

export const STRUCTURE_GRID_DEFAULTS: StructureGridOptions = { minBeats: 16, fallbackSeconds: 0.5 };

/**
 * Grid times 0 = g[0] < g[1] < … < g[n] = duration: the beats strictly inside the track
 * (closer than 50 ms to a neighbour merged), or a uniform grid when there are too few.
 * A track shorter than one fallback step is one unit.
 */
export function structureGrid(
  beatTimes: ArrayLike<number>,
  durationSeconds: number,
  options: Partial<StructureGridOptions> = {},
): Float64Array {
  const { minBeats, fallbackSeconds } = { ...STRUCTURE_GRID_DEFAULTS, ...options };
  if (!(fallbackSeconds > 0))
    throw new RangeError(`structureGrid: fallbackSeconds must be > 0, got ${fallbackSeconds}`);
  const duration = Number.isFinite(durationSeconds) && durationSeconds > 0 ? durationSeconds : 0;
  const times: number[] = [0];
  const minGap = 0.05;
  let inside = 0;
  for (let i = 0; i < beatTimes.length; i++) {
    const time = beatTimes[i]!;
    if (Number.isFinite(time) && time > minGap && time < duration - minGap) inside++;
  }
  if (inside >= minBeats) {
    for (let i = 0; i < beatTimes.length; i++) {
      const time = beatTimes[i]!;
      if (!(Number.isFinite(time) && time < duration - minGap)) continue;
      if (time - times[times.length - 1]! >= minGap) times.push(time);
    }
  } else {
    const steps = Math.max(1, Math.round(duration / fallbackSeconds));
    for (let k = 1; k < steps; k++) times.push((k * duration) / steps);
  }
  times.push(Math.max(duration, times[times.length - 1]! + 1e-3));
  return Float64Array.from(times);
}

/**
 * Mean of `series` over each grid unit: frames whose time falls in [g[k], g[k + 1]);
 * a unit holding no frame takes the frame nearest its centre. Non-finite values count
 * as 0. Output: units × count, frame-major (units = grid.length − 1), of the columns
 * from … from + count − 1 (default: all).
 */
export function beatSynchronous(
  series: FrameSeries,
  grid: Float64Array,
  from = 0,
  count = series.width - from,
): Float32Array {
  const { data, frames, width, hopSeconds } = series;
  const offset = series.offsetSeconds ?? 0;
  if (!(hopSeconds > 0)) throw new RangeError(`beatSynchronous: hopSeconds must be > 0, got ${hopSeconds}`);
  if (!(Number.isInteger(from) && Number.isInteger(count) && from >= 0 && count >= 0 && from + count <= width)) {
    throw new RangeError(`beatSynchronous: columns ${from} … ${from + count - 1} are not inside width ${width}`);
  }
  const units = Math.max(0, grid.length - 1);
  const out = new Float32Array(units * count);
  if (frames === 0) return out;
  for (let k = 0; k < units; k++) {
    let first = Math.ceil((grid[k]! - offset) / hopSeconds);
    let last = Math.ceil((grid[k + 1]! - offset) / hopSeconds) - 1;
    first = Math.max(0, first);
    last = Math.min(frames - 1, last);
    if (last < first) {
      const centre = Math.round(((grid[k]! + grid[k + 1]!) / 2 - offset) / hopSeconds);
      first = Math.min(frames - 1, Math.max(0, centre));
      last = first;
    }
    addFrames(data, width, from, count, first, last, out, k * count);
  }
  return out;
}

/** out[row …] = mean of columns from … from + count − 1 over frames first … last (non-finite: 0). */
function addFrames(
  data: Float32Array,
  width: number,
  from: number,
  count: number,
  first: number,
  last: number,
  out: Float32Array,
  row: number,
): void {
  const scale = 1 / (last - first + 1);
  for (let t = first; t <= last; t++) {
    const source = t * width + from;
    for (let d = 0; d < count; d++) {
      const value = data[source + d]!;
      if (Number.isFinite(value)) out[row + d]! += value * scale;
    }
  }
}

/**
 * A grid of at most about `maxUnits` units for a long track: every `step`-th point kept,
 * `step` a whole number of bars (bars of `unitsPerBar` units), the kept points in phase
 * with the first bar line at grid index `firstDownbeat` (0 when unknown), the start and
 * end always kept. The similarity matrices grow with the square of the units (a 60-minute
 * track at 120 BPM has 7,200 beats: 207 MB per matrix); section boundaries in such a track
 * are still placed to within a bar or two. Returns the grid itself when it is short enough.
 */
export function thinStructureGrid(
  grid: Float64Array,
  unitsPerBar: number,
  firstDownbeat: number,
  maxUnits: number,
): { readonly grid: Float64Array; readonly step: number } {
  const units = grid.length - 1;
  if (units <= maxUnits) return { grid, step: 1 };
  const bar = Math.max(1, Math.round(unitsPerBar));
  const step = bar * Math.ceil(units / (maxUnits * bar));
  const times = [grid[0]!];
  for (let g = ((firstDownbeat % step) + step) % step; g < units; g += step) {
    if (g > 0) times.push(grid[g]!);
  }
  times.push(grid[units]!);
  return { grid: Float64Array.from(times), step };
}
