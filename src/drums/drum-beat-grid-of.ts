/**
 * The beat grid drum notation aligns hits to (DrumBeatGrid), taken from the rhythm analysis
 * of the same run: its beats, downbeats, meter and global tempo, unchanged.
 */
import type { Rhythm } from "../analysis/analyses/rhythm.js";
import type { DrumBeatGrid } from "../core/drums/drum-hit.js";

export function drumBeatGridOf(rhythm: Rhythm): DrumBeatGrid {
  return {
    beats: rhythm.beats,
    downbeats: rhythm.downbeats,
    beatsPerBar: rhythm.beatsPerBar,
    timeSignature: rhythm.timeSignature,
    tempoBpm: rhythm.tempoBpm,
  };
}
