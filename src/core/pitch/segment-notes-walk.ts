/**
 * Steps 1 and 2 of the note segmenter (segment-notes.ts), on frame pitches in fractional
 * MIDI (NaN = unvoiced): voiced runs with short same-pitch dropouts bridged, a centred
 * median filter of the contour, and the stability walk that starts a new segment where
 * the (filtered) pitch leaves the band around the segment's running median on one side
 * for long enough.
 * Reference: McNab et al. (1996), ACM DL (pitch-stability note segmentation); the
 *   median filter's preservation of steps and monotonic trends: Tukey (1977),
 *   "Exploratory Data Analysis", ch. 7.
 */
import { type FrameSegment, median } from "./segment-notes-refine.js";

/** Voiced runs [first, end), bridging gaps of ≤ maxGapFrames whose two sides agree within the band. */
export function voicedRuns(pitch: Float64Array, maxGapFrames: number, band: number): [number, number][] {
  const runs: [number, number][] = [];
  let t = 0;
  while (t < pitch.length) {
    if (Number.isNaN(pitch[t]!)) {
      t++;
      continue;
    }
    const first = t;
    while (t < pitch.length && !Number.isNaN(pitch[t]!)) t++;
    const previous = runs[runs.length - 1];
    if (previous !== undefined && first - previous[1] <= maxGapFrames) {
      const before = pitch[previous[1] - 1]!;
      if (Math.abs(before - pitch[first]!) <= band) {
        previous[1] = t;
        continue;
      }
    }
    runs.push([first, t]);
  }
  return runs;
}

/** Centred median filter of pitch[first, end) with the given half-width, into out (NaNs skipped). */
export function medianFilter(
  pitch: Float64Array,
  first: number,
  end: number,
  halfWidth: number,
  out: Float64Array,
): void {
  for (let t = first; t < end; t++) {
    out[t] = Number.isNaN(pitch[t]!)
      ? Number.NaN
      : median(pitch, Math.max(first, t - halfWidth), Math.min(end, t + halfWidth + 1));
  }
}

/** Step 2: split [first, end) where the pitch leaves the running median's band on one side long enough. */
export function walkStability(
  pitch: Float64Array,
  first: number,
  end: number,
  band: number,
  departureFrames: number,
): FrameSegment[] {
  const segments: FrameSegment[] = [];
  let start = first;
  let departure = -1;
  let side = 0;
  for (let t = first; t < end; t++) {
    const value = pitch[t]!;
    if (Number.isNaN(value)) continue; // a bridged dropout
    const reference = median(pitch, start, departure >= 0 ? departure : t);
    const deviation = Number.isNaN(reference) ? 0 : value - reference;
    if (Math.abs(deviation) <= band) {
      departure = -1;
      continue;
    }
    const sign = Math.sign(deviation);
    if (departure < 0 || sign !== side) {
      departure = t;
      side = sign;
    }
    if (t - departure + 1 >= departureFrames) {
      if (departure > start) segments.push({ first: start, end: departure, kind: "stable" });
      start = departure;
      departure = -1;
    }
  }
  segments.push({ first: start, end, kind: "stable" });
  return segments;
}
