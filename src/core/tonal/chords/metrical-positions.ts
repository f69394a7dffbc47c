/**
 * Metrical position of each chord step: 0 for a step starting on a downbeat, k for the
 * step starting k steps after the latest downbeat (within one bar), −1 where the bar is
 * unknown (before the first downbeat, after a gap, or more than a bar past a downbeat).
 * Chord changes cluster on bar lines and, less, on half bars, so the chord HMM makes a
 * change cheaper or dearer by this position (recognize-chords.ts).
 * Input: step boundaries (steps + 1 ascending times, seconds), downbeat times (s) and the
 * steps per bar (beats per bar × subdivisions). Output: Int32Array, one value per step.
 * Reference: Mauch & Dixon (2010), "Simultaneous estimation of chords and musical
 *   context from audio", IEEE TASLP 18(6), §III-B (metric position in the chord model).
 */

/** A boundary this close (s) to a downbeat counts as on it. */
const TOLERANCE_SECONDS = 0.005;

export function metricalPositions(
  boundariesSeconds: ArrayLike<number>,
  downbeatsSeconds: ArrayLike<number>,
  stepsPerBar: number | null,
): Int32Array {
  const steps = Math.max(0, boundariesSeconds.length - 1);
  const positions = new Int32Array(steps).fill(-1);
  if (stepsPerBar === null || !(Number.isInteger(stepsPerBar) && stepsPerBar >= 1)) return positions;
  let next = 0;
  let sinceDownbeat = -1;
  for (let t = 0; t < steps; t++) {
    const start = boundariesSeconds[t]!;
    while (next < downbeatsSeconds.length && downbeatsSeconds[next]! < start - TOLERANCE_SECONDS) next++;
    if (next < downbeatsSeconds.length && Math.abs(downbeatsSeconds[next]! - start) <= TOLERANCE_SECONDS) {
      sinceDownbeat = 0;
      next++;
    } else if (sinceDownbeat >= 0) sinceDownbeat++;
    positions[t] = sinceDownbeat >= 0 && sinceDownbeat < stepsPerBar ? sinceDownbeat : -1;
  }
  return positions;
}
