/**
 * Whether a transcription found drums at all: a track without a drum part still gives the
 * network some peaks (plucked notes, a woodblock, consonants), but few and weak. Drums are
 * present when at least MIN_DRUM_HITS hits were found, at a rate of at least
 * MIN_HITS_PER_MINUTE, with a confidence (the hits' mean activation, shrunk when they are
 * few) of at least MIN_DRUM_CONFIDENCE. On the 144 held-out clips of the models' training
 * (scripts/train-drum-model.ts), the 137 with drums scored ≥ 0.59 and the 7 without ≤ 0.33
 * with either shipped model. "No drums" comes with the reason.
 */
import type { DrumTranscription } from "./transcribe-drums.js";

/** Fewer hits than this are not a drum part. */
export const MIN_DRUM_HITS = 8;
/** Nor is a rate below this (hits per minute of audio). */
export const MIN_HITS_PER_MINUTE = 6;
/** Nor are hits whose confidence is below this. */
export const MIN_DRUM_CONFIDENCE = 0.45;

export interface DrumPresence {
  readonly hasDrums: boolean;
  /** Confidence that the track has drums, 0..1 (mean hit activation, shrunk when hits are few). */
  readonly confidence: number;
  /** Why no drums were reported; null when they were. */
  readonly reason: string | null;
}

export function drumPresence(transcription: DrumTranscription, durationSeconds: number): DrumPresence {
  if (!transcription.audible) return { hasDrums: false, confidence: 0, reason: "the signal is silent" };
  const count = transcription.hits.length;
  let sum = 0;
  for (const activation of transcription.hitActivations) sum += activation;
  const confidence = count === 0 ? 0 : (sum / count) * (count / (count + MIN_DRUM_HITS));
  const perMinute = durationSeconds > 0 ? (60 * count) / durationSeconds : 0;
  if (count < MIN_DRUM_HITS) {
    return {
      hasDrums: false,
      confidence,
      reason: `only ${count} drum-like onset${count === 1 ? "" : "s"} found (a drum part needs at least ${MIN_DRUM_HITS})`,
    };
  }
  if (perMinute < MIN_HITS_PER_MINUTE) {
    return {
      hasDrums: false,
      confidence,
      reason: `only ${perMinute.toFixed(1)} drum-like onsets per minute (a drum part has at least ${MIN_HITS_PER_MINUTE})`,
    };
  }
  if (confidence < MIN_DRUM_CONFIDENCE) {
    return {
      hasDrums: false,
      confidence,
      reason: `the ${count} drum-like onsets are weak (confidence ${confidence.toFixed(2)}, a drum part has at least ${MIN_DRUM_CONFIDENCE})`,
    };
  }
  return { hasDrums: true, confidence, reason: null };
}
