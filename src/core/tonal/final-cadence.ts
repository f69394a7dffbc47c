/**
 * Tie-break between a key and its relative (C major / A minor): both share one pitch-class
 * set, so a pitch-class profile separates them only weakly. Tonal music closes on its tonic
 * triad (the final cadence), so when the chroma's two best keys are a relative pair and the
 * last chord heard is the tonic triad of the runner-up but not of the winner, the
 * runner-up is the key. Nothing else changes: other key pairs, an ending on any other
 * chord, or no chords at all leave the chroma's answer alone.
 * References: Aldwell & Schachter, "Harmony and Voice Leading" (cadence and tonic closure);
 *   Temperley (2007), "Music and Probability", ch. 4 (relative-key ambiguity of profiles).
 */
import type { KeyCandidate } from "./estimate-key.js";

/** The final chord as root pitch class (0 = C) and the quality of its third. */
export interface FinalChord {
  readonly root: number;
  readonly third: "major" | "minor";
}

/** True when `a` and `b` are relative keys (same key signature, other mode). */
export function areRelativeKeys(
  a: Pick<KeyCandidate, "tonic" | "mode">,
  b: Pick<KeyCandidate, "tonic" | "mode">,
): boolean {
  if (a.mode === b.mode) return false;
  const major = a.mode === "major" ? a : b;
  const minor = a.mode === "major" ? b : a;
  return (major.tonic + 9) % 12 === minor.tonic;
}

function isTonicTriad(key: Pick<KeyCandidate, "tonic" | "mode">, chord: FinalChord): boolean {
  return chord.root === key.tonic && chord.third === key.mode;
}

/** The key the final cadence supports: `runnerUp` when it wins the tie-break, else `best`. */
export function resolveByFinalCadence<K extends Pick<KeyCandidate, "tonic" | "mode">>(
  best: K,
  runnerUp: K,
  finalChord: FinalChord | null,
): K {
  if (finalChord === null || !areRelativeKeys(best, runnerUp)) return best;
  return isTonicTriad(runnerUp, finalChord) && !isTonicTriad(best, finalChord) ? runnerUp : best;
}
