/**
 * Synthetic training material for the learned metrical-level decision
 * (src/core/rhythm/metrical-level-model.ts): percussion grooves without a kick–snare pattern,
 * the texture the rendered training songs never show (a metronome, hand percussion, a click
 * track under a pad). Every quarter note is hit alike (or only the bar's first accented),
 * softer eighths and still softer sixteenths fill the beat, and a sustained chord may change
 * once a bar: a metrical hierarchy whose beat is the quarter note by construction, so the
 * labels are exact (a metronome's clicks, with nothing between them, are its beats).
 * The grid spans tempi 60–200 BPM (log-spaced, none special), three voices (single-sample
 * clicks, noise bursts, woodblock-like sine blips), bars of 4 or 3 beats, two sample rates
 * and two lengths, cycled so that each tempo meets several textures. Deterministic.
 */
import { addChord } from "../../src/core/test-helpers/harmonic-signals.js";
import { createSeededRandom } from "../../src/core/test-helpers/seeded-random.js";

export type GrooveVoice = "click" | "burst" | "blip";

export interface SyntheticGroove {
  readonly id: string;
  readonly tempoBpm: number;
  readonly voice: GrooveVoice;
  /** Softer hits within the beat: position (fraction of the beat) and amplitude ÷ the eighth's. */
  readonly subdivisions: readonly (readonly [number, number])[];
  /** Amplitude of the eighth (the hit midway between beats) ÷ that of a beat. */
  readonly subdivisionLevel: number;
  /** Amplitude of the bar's first beat ÷ that of the others (1: unaccented). */
  readonly barAccent: number;
  readonly beatsPerBar: number;
  /** A sustained four-note chord per bar under the percussion. */
  readonly pad: boolean;
  readonly sampleRate: number;
  readonly seconds: number;
}

const TEMPO_STEPS = 12;
const VOICES: readonly GrooveVoice[] = ["click", "burst", "blip"];
/**
 * Eighths; eighths and softer sixteenths; eighths and the sixteenth before the beat (a
 * shaker's "and-a"); nothing (a metronome: when every event is alike, the events are the beats).
 */
const SUBDIVISIONS: readonly (readonly (readonly [number, number])[])[] = [
  [[0.5, 1]],
  [
    [0.25, 0.6],
    [0.5, 1],
    [0.75, 0.6],
  ],
  [
    [0.5, 1],
    [0.75, 0.6],
  ],
  [],
];
const SUBDIVISION_LEVELS = [0.4, 0.25, 0.6];
const BAR_ACCENTS = [1, 1.5];
const BEATS_PER_BAR = [4, 4, 3];
const SAMPLE_RATES = [22_050, 44_100];
const LENGTHS_SECONDS = [30, 16];
/** I–IV–V7–I in C and a minor-key cycle, one chord a bar. */
const PROGRESSIONS = [
  [
    [48, 60, 64, 67],
    [41, 60, 65, 69],
    [43, 59, 62, 65, 67],
    [48, 60, 64, 67],
  ],
  [
    [45, 57, 60, 64],
    [50, 57, 62, 65],
    [40, 56, 59, 64],
    [45, 57, 60, 64],
  ],
];
/** Where the first beat falls (s). */
const START_SECONDS = 0.5;

/** The grid of grooves: for each of TEMPO_STEPS tempi, every voice with and without a pad. */
export function syntheticGrooves(): SyntheticGroove[] {
  const grooves: SyntheticGroove[] = [];
  for (let step = 0; step < TEMPO_STEPS; step++) {
    const tempoBpm = 60 * (200 / 60) ** (step / (TEMPO_STEPS - 1));
    VOICES.forEach((voice, v) => {
      for (const pad of [false, true]) {
        const k = step + v + (pad ? 1 : 0);
        grooves.push({
          id: `groove-${grooves.length.toString().padStart(3, "0")}`,
          tempoBpm,
          voice,
          subdivisions: SUBDIVISIONS[k % SUBDIVISIONS.length]!,
          subdivisionLevel: SUBDIVISION_LEVELS[(step + 2 * v) % SUBDIVISION_LEVELS.length]!,
          barAccent: BAR_ACCENTS[(k + step) % BAR_ACCENTS.length]!,
          beatsPerBar: BEATS_PER_BAR[(step + v) % BEATS_PER_BAR.length]!,
          pad,
          sampleRate: SAMPLE_RATES[(step + v) % SAMPLE_RATES.length]!,
          seconds: LENGTHS_SECONDS[(k + v) % LENGTHS_SECONDS.length]!,
        });
      }
    });
  }
  return grooves;
}

/** Adds one hit of `voice` at `start` (samples). */
function addHit(
  out: Float32Array,
  voice: GrooveVoice,
  start: number,
  amplitude: number,
  sampleRate: number,
  random: () => number,
) {
  if (voice === "click") {
    if (start < out.length) out[start] = out[start]! + amplitude;
    return;
  }
  const decay = (voice === "burst" ? 0.03 : 0.012) * sampleRate;
  for (let n = 0; n < 6 * decay && start + n < out.length; n++) {
    const value = voice === "burst" ? 2 * random() - 1 : Math.sin((2 * Math.PI * 1500 * n) / sampleRate);
    out[start + n] = out[start + n]! + amplitude * Math.exp(-n / decay) * value;
  }
}

/** The mono signal of `groove` and its beat times (s). */
export function renderSyntheticGroove(groove: SyntheticGroove): { samples: Float32Array; beats: number[] } {
  const { sampleRate, tempoBpm, beatsPerBar } = groove;
  const out = new Float32Array(Math.round(groove.seconds * sampleRate));
  const random = createSeededRandom(Math.round(tempoBpm * 1000));
  const beatSeconds = 60 / tempoBpm;
  const beats: number[] = [];
  const beatAmplitude = 0.4;
  for (let i = 0, time = START_SECONDS; time < groove.seconds - 0.2; i++, time += beatSeconds) {
    beats.push(time);
    const accent = i % beatsPerBar === 0 ? groove.barAccent : 1;
    addHit(out, groove.voice, Math.round(time * sampleRate), beatAmplitude * accent, sampleRate, random);
    for (const [fraction, level] of groove.subdivisions) {
      const at = Math.round((time + fraction * beatSeconds) * sampleRate);
      addHit(out, groove.voice, at, beatAmplitude * groove.subdivisionLevel * level, sampleRate, random);
    }
  }
  if (groove.pad) {
    const progression = PROGRESSIONS[Math.round(tempoBpm) % PROGRESSIONS.length]!;
    const bar = Math.round(beatsPerBar * beatSeconds * sampleRate);
    for (let b = 0; START_SECONDS * sampleRate + b * bar < out.length; b++) {
      addChord(out, sampleRate, Math.round(START_SECONDS * sampleRate) + b * bar, bar, progression[b % 4]!);
    }
  }
  return { samples: out, beats };
}
