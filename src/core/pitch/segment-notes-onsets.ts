/**
 * Level onsets for the note segmenter: re-attacks that the pitch contour cannot show
 * (repeated notes of one pitch played legato). Per pitch-track frame, the level in dB
 * of the signal around the frame time; an onset where the level rises by at least
 * `riseDb` above its minimum over the preceding `spanFrames` frames, placed at the frame
 * after that minimum (the attack's start). Stable notes are split at such onsets when
 * both parts keep the minimum note duration (segment-notes.ts).
 * Tony uses the same cue: its note tracker splits notes where the amplitude rises
 * sharply (its "onset sensitivity" setting).
 * Reference: Mauch et al. (2015), "Computer-aided melody note transcription using the
 *   Tony software: accuracy and efficiency", TENOR 2015.
 */
import type { Hz } from "../types.js";

/**
 * dB level (10·log10 of the mean square, floored at −120 dB) of `windowLength` samples
 * centred on each time plus `lookahead` seconds (pass pYIN's attackLookahead to measure
 * the audio each pitch frame analysed).
 */
export function frameLevelsDb(
  samples: Float32Array,
  times: Float64Array,
  sampleRate: Hz,
  windowLength = 1024,
  lookahead = 0,
): Float32Array {
  if (!(Number.isInteger(windowLength) && windowLength >= 1)) {
    throw new RangeError(`frameLevelsDb: windowLength must be an integer ≥ 1, got ${windowLength}`);
  }
  const levels = new Float32Array(times.length);
  const half = windowLength >> 1;
  for (let t = 0; t < times.length; t++) {
    const centre = Math.round(times[t]! * sampleRate) + Math.round(lookahead * sampleRate);
    let sum = 0;
    for (let i = Math.max(0, centre - half); i < Math.min(samples.length, centre - half + windowLength); i++) {
      sum += samples[i]! * samples[i]!;
    }
    levels[t] = 10 * Math.log10(Math.max(sum / windowLength, 1e-12));
  }
  return levels;
}

/** Frames where an attack starts: level − min(previous spanFrames levels) ≥ riseDb, one per rise. */
export function levelOnsets(levelsDb: Float32Array, riseDb: number, spanFrames: number): number[] {
  const onsets: number[] = [];
  // A new rise is measured only from frames after the last onset's peak.
  let floor = 0;
  let t = 1;
  while (t < levelsDb.length) {
    let minimum = Number.POSITIVE_INFINITY;
    let at = -1;
    for (let k = Math.max(floor, t - spanFrames); k < t; k++) {
      if (levelsDb[k]! < minimum) {
        minimum = levelsDb[k]!;
        at = k;
      }
    }
    if (levelsDb[t]! - minimum >= riseDb) {
      onsets.push(at + 1);
      // Skip to the top of this rise so one attack yields one onset.
      while (t + 1 < levelsDb.length && levelsDb[t + 1]! >= levelsDb[t]!) t++;
      floor = t;
    }
    t++;
  }
  return onsets;
}
