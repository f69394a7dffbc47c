/**
 * Beat tracking by dynamic programming: the beat sequence that maximises onset strength at
 * the beats minus a penalty for intervals that depart from the local beat period.
 *   C(t) = O(t) + max_{τ ∈ [t − 2P(t), t − P(t)/2]} ( C(τ) − α·log²((t − τ)/P(t)) ),
 * O = onset envelope divided by its standard deviation and smoothed by a Gaussian of width
 * P/32, P(t) the local period in frames (a constant, or a tempo curve for drifting songs),
 * α the tightness. The last beat is the last local maximum of C above half the median of
 * C's local maxima; earlier beats follow the back-links. Beats at the edges whose smoothed
 * strength is below `trimThreshold` × the RMS strength at the beats are dropped (silence
 * before and after the music).
 * One pass over the frames, O(frames · P); typed arrays only.
 * Reference: Ellis (2007), "Beat tracking by dynamic programming", JNMR 36(1), §3.2–3.3.
 */

export interface TrackBeatsOptions {
  readonly frameRate: number;
  /** α: how strictly intervals follow the period; 100 as in Ellis (2007) and librosa. */
  readonly tightness: number;
  /** Edge beats weaker than this fraction of the RMS beat strength are dropped. */
  readonly trimThreshold: number;
}

export const TRACK_BEATS_DEFAULTS: Omit<TrackBeatsOptions, "frameRate"> = { tightness: 100, trimThreshold: 0.1 };

/**
 * Beat positions in frames (ascending) of `envelope`, for beat period `period` in frames: a
 * number, or one value per frame (see `periodPerFrame`). Empty when the envelope is flat.
 */
export function trackBeats(
  envelope: Float32Array,
  period: number | Float64Array,
  options: Pick<TrackBeatsOptions, "frameRate"> & Partial<TrackBeatsOptions>,
): Int32Array {
  const { tightness, trimThreshold } = { ...TRACK_BEATS_DEFAULTS, ...options };
  const frames = envelope.length;
  if (typeof period === "number" && !(period >= 2)) {
    throw new RangeError(`trackBeats: period must be ≥ 2 frames, got ${period}`);
  }
  if (typeof period !== "number" && period.length !== frames) {
    throw new RangeError(`trackBeats: period must have one value per frame (${frames}), got ${period.length}`);
  }
  if (frames === 0) return new Int32Array(0);
  // One array either way: a closure per call would deoptimise the hot loop on every new call.
  const periods = typeof period === "number" ? new Float64Array(frames).fill(period) : period;
  const local = localScore(envelope, periods[frames >> 1]!);
  if (local === null) return new Int32Array(0);
  const cumulative = new Float64Array(frames);
  const backlink = new Int32Array(frames).fill(-1);
  accumulateScores(local, periods, tightness, cumulative, backlink);
  const last = lastBeat(cumulative);
  const beats: number[] = [];
  for (let t = last; t >= 0; t = backlink[t]!) beats.push(t);
  beats.reverse();
  return trimWeakEdges(Int32Array.from(beats), local, trimThreshold);
}

/** The recursion C(t) and its back-links (see the header), in one pass over the frames. */
function accumulateScores(
  local: Float64Array,
  periods: Float64Array,
  tightness: number,
  cumulative: Float64Array,
  backlink: Int32Array,
): void {
  const frames = local.length;
  let longest = 0;
  for (let t = 0; t < frames; t++) longest = Math.max(longest, periods[t]!);
  // log of every interval in frames, so the inner loop does no Math.log.
  const logInterval = new Float64Array(Math.round(2 * longest) + 2);
  for (let d = 1; d < logInterval.length; d++) logInterval[d] = Math.log(d);
  for (let t = 0; t < frames; t++) {
    const beatPeriod = periods[t]!;
    const logPeriod = Math.log(beatPeriod);
    const earliest = t - Math.round(2 * beatPeriod);
    const latest = t - Math.round(beatPeriod / 2);
    let best = 0;
    let bestFrom = -1;
    for (let from = Math.max(0, earliest); from <= latest; from++) {
      const deviation = logInterval[t - from]! - logPeriod;
      const value = cumulative[from]! - tightness * deviation * deviation;
      if (bestFrom < 0 || value > best) {
        best = value;
        bestFrom = from;
      }
    }
    // A beat with no good predecessor starts a new chain rather than inherit a penalty.
    if (bestFrom >= 0 && best > 0) {
      cumulative[t] = local[t]! + best;
      backlink[t] = bestFrom;
    } else cumulative[t] = local[t]!;
  }
}

/** Envelope / standard deviation, smoothed by a Gaussian of σ = period/32; null if flat. */
function localScore(envelope: Float32Array, period: number): Float64Array | null {
  const frames = envelope.length;
  let mean = 0;
  for (let t = 0; t < frames; t++) mean += envelope[t]!;
  mean /= frames;
  let variance = 0;
  for (let t = 0; t < frames; t++) variance += (envelope[t]! - mean) ** 2;
  const deviation = Math.sqrt(variance / frames);
  if (!(deviation > 1e-12)) return null;
  const sigma = Math.max(0.5, period / 32);
  const radius = Math.ceil(3 * sigma);
  const kernel = new Float64Array(2 * radius + 1);
  for (let k = -radius; k <= radius; k++) kernel[k + radius] = Math.exp(-0.5 * (k / sigma) ** 2);
  const out = new Float64Array(frames);
  for (let t = 0; t < frames; t++) {
    let sum = 0;
    const low = Math.max(0, t - radius);
    const high = Math.min(frames - 1, t + radius);
    for (let i = low; i <= high; i++) sum += kernel[i - t + radius]! * envelope[i]!;
    out[t] = sum / deviation;
  }
  return out;
}

/** The last local maximum of the cumulative score above half the median local maximum. */
function lastBeat(cumulative: Float64Array): number {
  const maxima: number[] = [];
  for (let t = 0; t < cumulative.length; t++) {
    const left = t > 0 ? cumulative[t - 1]! : -Infinity;
    const right = t + 1 < cumulative.length ? cumulative[t + 1]! : -Infinity;
    if (cumulative[t]! > left && cumulative[t]! >= right) maxima.push(t);
  }
  if (maxima.length === 0) return cumulative.length - 1;
  const sorted = maxima.map((t) => cumulative[t]!).sort((a, b) => a - b);
  const median = sorted[sorted.length >> 1]!;
  for (let i = maxima.length - 1; i >= 0; i--) if (cumulative[maxima[i]!]! > 0.5 * median) return maxima[i]!;
  return maxima[maxima.length - 1]!;
}

function trimWeakEdges(beats: Int32Array, local: Float64Array, threshold: number): Int32Array {
  if (beats.length === 0) return beats;
  let squares = 0;
  for (const beat of beats) squares += local[beat]! ** 2;
  const limit = threshold * Math.sqrt(squares / beats.length);
  let first = 0;
  let last = beats.length - 1;
  while (first <= last && local[beats[first]!]! <= limit) first++;
  while (last >= first && local[beats[last]!]! <= limit) last--;
  return beats.slice(first, last + 1);
}
