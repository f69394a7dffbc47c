/**
 * The drum class of each detected hit: kick and snare as detected; hi-hats open or closed
 * and cymbals crash or ride by the network's attribute outputs at the hit (≥ 0.5); toms
 * low, mid or high by the pitch of their attack: the centroid of the rise of the pools
 * below 450 Hz, placed within the range of the track's tom hits (thirds of the log range;
 * all "tom-mid" when the pitches span less than TOM_SPREAD_RATIO).
 */
import type { DrumClass } from "../drum-hit.js";
import type { DrumFeatureRows } from "./drum-frame-features.js";
import { poolsIn, relativeLevel } from "./drum-hit-velocities.js";
import type { DrumDetector } from "./drum-model.js";
import { DRUM_NETWORK_OUTPUTS } from "./drum-network.js";

const TOM_SPREAD_RATIO = 1.12;
const TOM_PITCH_HZ = [55, 450] as const;
const OPEN_OUTPUT = DRUM_NETWORK_OUTPUTS.indexOf("hihat-open");
const CRASH_OUTPUT = DRUM_NETWORK_OUTPUTS.indexOf("crash");

export function drumHitClasses(
  detector: DrumDetector,
  frames: Int32Array,
  activations: Float32Array,
  rows: DrumFeatureRows,
): DrumClass[] {
  const outputs = DRUM_NETWORK_OUTPUTS.length;
  switch (detector) {
    case "kick":
    case "snare":
      return Array.from(frames, () => detector);
    case "hihat":
      return Array.from(frames, (t) =>
        activations[t * outputs + OPEN_OUTPUT]! >= 0.5 ? "hihat-open" : "hihat-closed",
      );
    case "cymbal":
      return Array.from(frames, (t) => (activations[t * outputs + CRASH_OUTPUT]! >= 0.5 ? "crash" : "ride"));
    case "tom":
      return tomClasses(frames, rows);
  }
}

function tomClasses(frames: Int32Array, rows: DrumFeatureRows): DrumClass[] {
  const pools = poolsIn(rows, TOM_PITCH_HZ[0], TOM_PITCH_HZ[1]);
  const edges = rows.layout.poolEdgesHz;
  const centroids = Array.from(frames, (t) => {
    let weighted = 0;
    let total = 0;
    for (const p of pools) {
      const rise = Math.max(0, relativeLevel(rows, t + 1, p) - relativeLevel(rows, t - 2, p));
      weighted += rise * Math.sqrt(edges[p]! * edges[p + 1]!);
      total += rise;
    }
    return total > 0 ? weighted / total : 0;
  });
  const known = centroids.filter((centroid) => centroid > 0);
  if (known.length === 0) return centroids.map(() => "tom-mid");
  const low = Math.min(...known);
  const high = Math.max(...known);
  if (high / low < TOM_SPREAD_RATIO) return centroids.map(() => "tom-mid");
  return centroids.map((centroid) => {
    const position = Math.log(Math.max(centroid, low) / low) / Math.log(high / low);
    return position < 1 / 3 ? "tom-low" : position > 2 / 3 ? "tom-high" : "tom-mid";
  });
}
