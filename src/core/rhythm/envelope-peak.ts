/**
 * The strongest value of an onset envelope within ± `radius` frames of a frame: how the
 * metrical tests read "the accent at a beat" when tracked beats sit a frame or two off
 * the envelope's peak.
 */
export function envelopePeakNear(envelope: Float32Array, frame: number, radius: number): number {
  let peak = 0;
  const to = Math.min(envelope.length - 1, frame + radius);
  for (let t = Math.max(0, frame - radius); t <= to; t++) if (envelope[t]! > peak) peak = envelope[t]!;
  return peak;
}
