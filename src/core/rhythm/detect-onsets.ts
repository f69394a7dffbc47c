/**
 * Onset times from an onset strength envelope by offline peak picking.
 * The envelope is normalised by its robust scale (mean of the frames above the median),
 * so `threshold` is level independent; windows are given in seconds and converted with the
 * envelope's frame rate. Returns seconds, ascending.
 * Reference: Böck, Krebs & Schedl (2012), "Evaluating the online capabilities of onset
 *   detection methods", ISMIR 2012 (peak picking); parameters after Böck & Widmer (2013).
 */
import { pickPeaks } from "../sequence/pick-peaks.js";
import type { Seconds } from "../types.js";
import { robustScale } from "./onset-strength.js";

export interface DetectOnsetsOptions {
  /** Envelope frames per second. */
  readonly frameRate: number;
  /** Peak must exceed the local mean by this fraction of the envelope's robust scale. */
  readonly threshold: number;
  readonly preMaxSeconds: Seconds;
  readonly postMaxSeconds: Seconds;
  readonly preAvgSeconds: Seconds;
  readonly postAvgSeconds: Seconds;
  /** Minimum distance between onsets. */
  readonly combineSeconds: Seconds;
  /** Added to every frame time (the envelope's latency), seconds. */
  readonly offsetSeconds: Seconds;
}

export const DETECT_ONSETS_DEFAULTS: Omit<DetectOnsetsOptions, "frameRate"> = {
  threshold: 0.3,
  preMaxSeconds: 0.03,
  postMaxSeconds: 0.03,
  preAvgSeconds: 0.1,
  postAvgSeconds: 0.07,
  combineSeconds: 0.03,
  offsetSeconds: 0,
};

export function detectOnsets(
  envelope: Float32Array,
  options: Pick<DetectOnsetsOptions, "frameRate"> & Partial<DetectOnsetsOptions>,
): Float64Array {
  const resolved = { ...DETECT_ONSETS_DEFAULTS, ...options };
  const { frameRate } = resolved;
  if (!(frameRate > 0)) throw new RangeError(`detectOnsets: frameRate must be > 0, got ${frameRate}`);
  const scale = robustScale(envelope);
  if (scale === 0) return new Float64Array(0);
  const frames = (seconds: number) => Math.max(0, Math.round(seconds * frameRate));
  const peaks = pickPeaks(envelope, {
    preMax: frames(resolved.preMaxSeconds),
    postMax: frames(resolved.postMaxSeconds),
    preAvg: frames(resolved.preAvgSeconds),
    postAvg: frames(resolved.postAvgSeconds),
    combine: frames(resolved.combineSeconds),
    delta: resolved.threshold * scale,
  });
  const times = new Float64Array(peaks.length);
  for (let i = 0; i < peaks.length; i++) times[i] = Math.max(0, peaks[i]! / frameRate + resolved.offsetSeconds);
  return times;
}
