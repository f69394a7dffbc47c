/**
 * Drum transcription: hit times, drum classes and velocities from a DrumSpectralInput (the
 * rhythm analysis's bands and onset envelopes, or `drumInputFromSignal` of any mono signal).
 * Steps: frame descriptors (drum-frame-features.ts) → the trained frame-wise network's
 * activations (drum-network.ts) → peak picking per detector (kick, snare, tom, hi-hat,
 * cymbal) at its trained threshold → each hit's class refined by the network's attributes
 * (open or closed hi-hat, crash or ride) and, for toms, by pitch within the track (low, mid,
 * high) → velocity from the rise of the class's band level at the hit, relative to the
 * track's loud hits of that class (MIDI velocity ∝ amplitude^(1/1.3), 1..127).
 * Reference: Vogl, Dorfer & Knees (2017), "Drum transcription from polyphonic music with
 *   recurrent neural networks", ICASSP; Wu et al. (2018), "A review of automatic drum
 *   transcription", IEEE/ACM TASLP 26(9).
 */
import type { DrumHit } from "../drum-hit.js";
import { drumFeatureRows } from "./drum-frame-features.js";
import { drumHitClasses } from "./drum-hit-classes.js";
import { drumHitVelocities } from "./drum-hit-velocities.js";
import { DRUM_DETECTOR_NAMES, type DrumDetector, type DrumModel } from "./drum-model.js";
import { DRUM_DETECTORS, DRUM_NETWORK_OUTPUTS, drumActivations } from "./drum-network.js";
import type { DrumSpectralInput } from "./drum-spectral-input.js";
import { pickActivationPeaks } from "./pick-activation-peaks.js";
import { trainedDrumModelFor } from "./trained-drum-models.js";

export interface DrumTranscriptionOptions {
  /** The model; default the trained one for the input's bands (trainedDrumModelFor). */
  readonly model?: DrumModel;
  /** Overrides of the model's detection thresholds (higher: fewer, surer hits). */
  readonly thresholds?: Partial<Record<DrumDetector, number>>;
  /** Peaks of one detector are at least radiusFrames + 1 frames apart; ≥ 1. */
  readonly radiusFrames: number;
}

export const DRUM_TRANSCRIPTION_DEFAULTS: DrumTranscriptionOptions = { radiusFrames: 2 };

export interface DrumTranscription {
  /** Hits sorted by time (then by class order). */
  readonly hits: DrumHit[];
  /** The network's outputs, frames × DRUM_NETWORK_OUTPUTS.length, each in (0, 1). */
  readonly activations: Float32Array;
  readonly frameRate: number;
  readonly startSeconds: number;
  /** Activation at each hit's peak (same order as `hits`), a confidence in (0, 1). */
  readonly hitActivations: Float32Array;
  /** False when the input is silent (no level to transcribe). */
  readonly audible: boolean;
}

/**
 * Below this reference magnitude (the filtered FFT magnitude, ≈ 256 for a full-scale sine)
 * the input is taken as silence: about −88 dB.
 */
const SILENT_REFERENCE = 0.01;

export function transcribeDrums(
  input: DrumSpectralInput,
  options: Partial<DrumTranscriptionOptions> = {},
): DrumTranscription {
  const { radiusFrames, thresholds } = { ...DRUM_TRANSCRIPTION_DEFAULTS, ...options };
  const model = options.model ?? trainedDrumModelFor(input);
  const rows = drumFeatureRows(input, model.network.layout);
  const outputs = DRUM_NETWORK_OUTPUTS.length;
  const base = { frameRate: input.frameRate, startSeconds: input.startSeconds };
  if (!(rows.referenceMagnitude > SILENT_REFERENCE)) {
    return {
      ...base,
      hits: [],
      activations: new Float32Array(rows.frames * outputs),
      hitActivations: new Float32Array(0),
      audible: false,
    };
  }
  const activations = drumActivations(rows, model.network);
  const found: { hit: DrumHit; activation: number; order: number }[] = [];
  for (let k = 0; k < DRUM_DETECTORS; k++) {
    const detector = DRUM_DETECTOR_NAMES[k]!;
    const threshold = thresholds?.[detector] ?? model.thresholds[detector];
    const peaks = pickActivationPeaks(activations, outputs, k, threshold, radiusFrames);
    const velocities = drumHitVelocities(rows, peaks.frames, detector);
    const classes = drumHitClasses(detector, peaks.frames, activations, rows);
    peaks.frames.forEach((frame, i) => {
      const timeSeconds = input.startSeconds + (frame + peaks.offsets[i]!) / input.frameRate;
      found.push({
        hit: { timeSeconds: Math.max(0, timeSeconds), drum: classes[i]!, velocity: velocities[i]! },
        activation: activations[frame * outputs + k]!,
        order: k,
      });
    });
  }
  found.sort((a, b) => a.hit.timeSeconds - b.hit.timeSeconds || a.order - b.order);
  return {
    ...base,
    hits: found.map((entry) => entry.hit),
    activations,
    hitActivations: Float32Array.from(found, (entry) => entry.activation),
    audible: true,
  };
}
