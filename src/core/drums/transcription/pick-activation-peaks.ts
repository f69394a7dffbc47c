/**
 * Peak picking of one activation function: frames whose activation reaches `threshold` and
 * is the maximum within ±radius frames (the earliest of equal values wins), so two picks
 * are at least radius + 1 frames apart; each with a sub-frame offset from the parabola
 * through the peak and its neighbours.
 * Reference: Böck, Krebs & Schedl (2012), "Evaluating the online capabilities of onset
 *   detection methods", ISMIR (local-maximum peak picking of activation functions).
 */

export interface ActivationPeaks {
  /** Frame index of each peak, ascending. */
  readonly frames: Int32Array;
  /** Sub-frame offset of each peak, in (−0.5, 0.5). */
  readonly offsets: Float32Array;
}

/**
 * Peaks of column `column` of a frames × stride matrix of activations.
 * Throws on a threshold outside (0, 1] or a radius below 1.
 */
export function pickActivationPeaks(
  activations: Float32Array,
  stride: number,
  column: number,
  threshold: number,
  radius: number,
): ActivationPeaks {
  if (!(threshold > 0 && threshold <= 1)) {
    throw new RangeError(`pickActivationPeaks: threshold must be in (0, 1], got ${threshold}`);
  }
  if (!(Number.isInteger(radius) && radius >= 1)) {
    throw new RangeError(`pickActivationPeaks: radius must be a whole number ≥ 1, got ${radius}`);
  }
  const frames = Math.floor(activations.length / stride);
  const picked: number[] = [];
  const offsets: number[] = [];
  for (let t = 0; t < frames; t++) {
    const current = activations[t * stride + column]!;
    if (!(current >= threshold)) continue;
    let peak = true;
    const last = Math.min(frames - 1, t + radius);
    for (let k = Math.max(0, t - radius); k <= last; k++) {
      const other = activations[k * stride + column]!;
      if (k < t ? other >= current : k > t && other > current) {
        peak = false;
        break;
      }
    }
    if (!peak) continue;
    picked.push(t);
    const before = t > 0 ? activations[(t - 1) * stride + column]! : current;
    const after = t + 1 < frames ? activations[(t + 1) * stride + column]! : current;
    const curvature = before - 2 * current + after;
    offsets.push(curvature < 0 ? Math.max(-0.49, Math.min(0.49, (0.5 * (before - after)) / curvature)) : 0);
  }
  return { frames: Int32Array.from(picked), offsets: Float32Array.from(offsets) };
}
