/**
 * MIDI velocities of detected hits: the rise of the summed linear level of the detector's
 * band from just before the hit to its peak just after (at least a share of that peak for
 * cymbals and hi-hats, which ring over each other), relative to the track's loud hits of
 * the same detector (its LOUD_QUANTILE rise maps to VELOCITY_OF_LOUD), as
 * velocity ∝ amplitude^(1/1.3): the curve General MIDI synthesisers and sample players
 * commonly use for key velocity to gain. Clamped to 1..127.
 */
import type { DrumFeatureRows } from "./drum-frame-features.js";
import type { DrumDetector } from "./drum-model.js";

/** Hz ranges whose level rise at a hit gives its velocity. */
const VELOCITY_BAND_HZ: Readonly<Record<DrumDetector, readonly [number, number]>> = {
  kick: [55, 160],
  snare: [160, 4000],
  tom: [55, 450],
  hihat: [1850, 4000],
  cymbal: [1850, 4000],
};
/** Loud hits of a detector (this quantile of its rises) get VELOCITY_OF_LOUD. */
const LOUD_QUANTILE = 0.9;
const VELOCITY_OF_LOUD = 112;
const VELOCITY_EXPONENT = 1 / 1.3;

/** Linear level of pool p at frame t (clamped to the track), relative to the track's reference. */
export function relativeLevel(rows: DrumFeatureRows, t: number, p: number): number {
  const frame = Math.max(0, Math.min(rows.frames - 1, t));
  return (10 ** rows.descriptors[frame * rows.descriptorWidth + p]! - 1) / rows.layout.levelGain;
}

/** Pools whose lower edge lies in [fromHz, toHz). */
export function poolsIn(rows: DrumFeatureRows, fromHz: number, toHz: number): number[] {
  const edges = rows.layout.poolEdgesHz;
  const pools: number[] = [];
  for (let p = 0; p < rows.pools; p++) if (edges[p]! >= fromHz && edges[p]! < toHz) pools.push(p);
  return pools;
}

function summedLevel(rows: DrumFeatureRows, t: number, pools: readonly number[]): number {
  let sum = 0;
  for (const p of pools) sum += relativeLevel(rows, t, p);
  return sum;
}

/** Velocities (1..127) of the hits of `detector` at `frames`. */
export function drumHitVelocities(rows: DrumFeatureRows, frames: Int32Array, detector: DrumDetector): number[] {
  if (frames.length === 0) return [];
  const [fromHz, toHz] = VELOCITY_BAND_HZ[detector];
  const pools = poolsIn(rows, fromHz, toHz);
  const floorShare = detector === "hihat" || detector === "cymbal" ? 0.5 : 0.05;
  const rises = Array.from(frames, (t) => {
    const before = Math.min(summedLevel(rows, t - 2, pools), summedLevel(rows, t - 3, pools));
    const after = Math.max(
      summedLevel(rows, t, pools),
      summedLevel(rows, t + 1, pools),
      summedLevel(rows, t + 2, pools),
    );
    return Math.max(after - before, floorShare * after, 1e-9);
  });
  const sorted = [...rises].sort((a, b) => a - b);
  const loud = sorted[Math.min(sorted.length - 1, Math.floor(LOUD_QUANTILE * sorted.length))]!;
  return rises.map((rise) =>
    Math.max(1, Math.min(127, Math.round(VELOCITY_OF_LOUD * (rise / loud) ** VELOCITY_EXPONENT))),
  );
}
