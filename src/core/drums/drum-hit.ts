/**
 * The shared vocabulary of drum transcription: the drum classes tonearm transcribes, a
 * hit, and the beat grid that quantisation and notation align hits to. Separation,
 * transcription, quantisation and the MIDI / MusicXML / PDF writers all speak these types.
 * General MIDI percussion key numbers: MIDI 1.0 Detailed Specification, GM Level 1 Sound Set
 * (channel 10 key map).
 */

/** Drum classes, from the bottom of the kit to the top. */
export const DRUM_CLASSES = [
  "kick",
  "snare",
  "tom-low",
  "tom-mid",
  "tom-high",
  "hihat-closed",
  "hihat-open",
  "ride",
  "crash",
] as const;

export type DrumClass = (typeof DRUM_CLASSES)[number];

/** The General MIDI percussion key of each class (channel 10). */
export const GM_DRUM_KEY: Readonly<Record<DrumClass, number>> = {
  kick: 36, // Bass Drum 1
  snare: 38, // Acoustic Snare
  "tom-low": 43, // High Floor Tom
  "tom-mid": 47, // Low-Mid Tom
  "tom-high": 50, // High Tom
  "hihat-closed": 42, // Closed Hi-Hat
  "hihat-open": 46, // Open Hi-Hat
  ride: 51, // Ride Cymbal 1
  crash: 49, // Crash Cymbal 1
};

export interface DrumHit {
  /** Onset time, seconds from the start of the track. */
  readonly timeSeconds: number;
  readonly drum: DrumClass;
  /** MIDI velocity, 1..127. */
  readonly velocity: number;
}

/** The beat grid from the rhythm analysis that hits are quantised to. */
export interface DrumBeatGrid {
  /** Beat times, seconds, ascending (dotted quarters in compound meters). */
  readonly beats: readonly number[];
  /** Bar starts, seconds, ascending; a subset of `beats`. */
  readonly downbeats: readonly number[];
  /** Beats per bar (4 in 4/4, 3 in 3/4, 2 in 6/8); null when unknown. */
  readonly beatsPerBar: number | null;
  /** "4/4", "3/4", "6/8", "12/8"…; null when unknown. */
  readonly timeSignature: string | null;
  /** Global tempo in beats per minute; null when no pulse was found. */
  readonly tempoBpm: number | null;
}
