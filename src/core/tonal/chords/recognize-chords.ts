/**
 * Chord recognition: beat-synchronous bass and treble chroma → a chord per step by
 * template emissions (chord-emissions.ts) and an HMM with a sticky, musically weighted
 * transition matrix (chord-transitions.ts), decoded by Viterbi with an extra cost on
 * changes that fall off the bar line when the bars are known (`changeCost`; a walking bass
 * or a melody note then cannot split a bar's chord); consecutive steps with one
 * chord merge into segments. Each segment's confidence is the mean, over its steps, of the
 * label's share of the step's emission likelihood (a softmax over states) times the step's
 * tonal clarity (how peaked and how loud its chroma is), so chords heard plainly score
 * near 1 while N over silence or noise, and chords over murky chroma, score near 0.
 * Input: `boundariesSeconds` (steps + 1 ascending times) and the observations of each
 * step; output: segments covering [first boundary, last boundary].
 * Reference: Sheh & Ellis (2003), ISMIR (HMM chord recognition); Mauch & Dixon (2010),
 *   IEEE TASLP 18(6) (bass-aware chord HMM); Rabiner (1989) (Viterbi decoding).
 */
import { viterbiWithSwitchCost } from "../../sequence/viterbi-with-switch-cost.js";
import {
  CHORD_EMISSION_DEFAULTS,
  type ChordEmissionOptions,
  type ChordObservations,
  chordEmissions,
} from "./chord-emissions.js";
import { CHORD_TRANSITION_DEFAULTS, type ChordTransitionOptions, chordTransitions } from "./chord-transitions.js";
import { type ChordVocabulary, chordLabel, chordName, chordVocabulary, FULL_VOCABULARY } from "./chord-vocabulary.js";

export interface RecognizeChordsOptions {
  /** Chord qualities (keys of CHORD_QUALITY_TABLE) besides N. */
  readonly qualities: readonly string[];
  readonly emission: Partial<ChordEmissionOptions>;
  readonly transition: Partial<ChordTransitionOptions>;
  /**
   * Weight of the song's own chord histogram as a prior in a second decoding pass (a song
   * keeps returning to a few chords); 0 decodes once.
   */
  readonly songPriorWeight: number;
  /** Share of each chord's prior taken from its root's count over all qualities; in [0, 1]. */
  readonly songPriorRootShare: number;
  /** Share of uniform mass mixed into the song's chord histogram; in (0, 1]. */
  readonly songPriorFloor: number;
  /** Clarity (1 − flatness) at and below which a step counts as murky (noise ≈ 0.1–0.3); ≥ 0. */
  readonly murkyClarity: number;
  /** Clarity that counts as fully clear (a bare triad ≈ 0.5); > murkyClarity. */
  readonly clearClarity: number;
  /**
   * Extra cost (log units, ≥ 0) of a chord change entering a step, by its metrical
   * position (see `ChordRecognitionInput.metricalPositions`): on a downbeat, on the half
   * bar (even bars), on any other step of a known bar, and where the bar is unknown.
   */
  readonly changeCost: {
    readonly downbeat: number;
    readonly halfBar: number;
    readonly otherBeat: number;
    readonly unknown: number;
  };
}

export const RECOGNIZE_CHORDS_DEFAULTS: RecognizeChordsOptions = {
  qualities: FULL_VOCABULARY,
  emission: CHORD_EMISSION_DEFAULTS,
  transition: CHORD_TRANSITION_DEFAULTS,
  songPriorWeight: 1,
  songPriorRootShare: 0.5,
  songPriorFloor: 0.05,
  murkyClarity: 0.15,
  clearClarity: 0.45,
  changeCost: { downbeat: 0, halfBar: 3, otherBeat: 8, unknown: 2 },
};

/** The observations and, when the bars are known, each step's place in its bar. */
export interface ChordRecognitionInput extends ChordObservations {
  /** Per step: 0 on a downbeat, k steps after one, −1 unknown (metrical-positions.ts). */
  readonly metricalPositions?: Int32Array;
  /** Steps per bar; null or absent when unknown. */
  readonly stepsPerBar?: number | null;
}

export interface ChordSegment {
  readonly startSeconds: number;
  readonly endSeconds: number;
  /** State index in the vocabulary (the last state is N). */
  readonly state: number;
  /** Harte label: "C:maj", "A:min7", "N". */
  readonly label: string;
  /** Readable name: "C", "Am7", "N". */
  readonly name: string;
  /** 0 … 1, see the module comment. */
  readonly confidence: number;
}

export interface ChordRecognition {
  readonly vocabulary: ChordVocabulary;
  /** State per step. */
  readonly path: Int32Array;
  readonly segments: readonly ChordSegment[];
}

export function recognizeChords(
  observations: ChordRecognitionInput,
  boundariesSeconds: ArrayLike<number>,
  options: Partial<RecognizeChordsOptions> = {},
): ChordRecognition {
  const resolved = { ...RECOGNIZE_CHORDS_DEFAULTS, ...options };
  const { steps } = observations;
  if (boundariesSeconds.length !== steps + 1 && !(steps === 0 && boundariesSeconds.length === 0)) {
    throw new RangeError(
      `recognizeChords: boundariesSeconds must have steps + 1 = ${steps + 1} values, got ${boundariesSeconds.length}`,
    );
  }
  const { murkyClarity, clearClarity } = resolved;
  if (!(murkyClarity >= 0 && clearClarity > murkyClarity)) {
    throw new RangeError(
      `recognizeChords: need 0 ≤ murkyClarity < clearClarity, got ${murkyClarity} and ${clearClarity}`,
    );
  }
  const { vocabulary, transition, initial } = decodingModel(resolved);
  const { states } = vocabulary;
  const emissions = chordEmissions(observations, vocabulary, { ...CHORD_EMISSION_DEFAULTS, ...resolved.emission });
  const switchCost = changeCosts(observations, resolved.changeCost);
  let { path } = viterbiWithSwitchCost(emissions.logLikelihoods, transition, initial, switchCost);
  if (resolved.songPriorWeight > 0 && steps > 0) {
    // Second pass: the first pass's chord histogram (N excluded) as a log prior.
    const histogram = new Float64Array(states);
    for (let t = 0; t < steps; t++) if (path[t] !== vocabulary.noChordState) histogram[path[t]!]! += 1;
    let total = 0;
    for (let s = 0; s < states; s++) total += histogram[s]!;
    const floor = resolved.songPriorFloor;
    const rootHistogram = new Float64Array(12);
    for (let s = 0; s < vocabulary.noChordState; s++) rootHistogram[s % 12]! += histogram[s]!;
    const qualityCount = vocabulary.qualities.length;
    const rootShare = resolved.songPriorRootShare;
    const logPriors = new Float64Array(states);
    for (let s = 0; s < vocabulary.noChordState; s++) {
      // A chord's share mixes its own count with its root's (spread over the qualities),
      // so the prior favours the song's roots without freezing each root's quality.
      const count = (1 - rootShare) * histogram[s]! + (rootShare * rootHistogram[s % 12]!) / qualityCount;
      const share = total > 0 ? count / total : 0;
      logPriors[s] = resolved.songPriorWeight * Math.log((1 - floor) * share + floor / (states - 1));
    }
    logPriors[vocabulary.noChordState] = resolved.songPriorWeight * Math.log(floor / (states - 1));
    const reweighted = withLogPriors(emissions.logLikelihoods, logPriors);
    path = viterbiWithSwitchCost(reweighted, transition, initial, switchCost).path;
  }
  const shares = labelShares(emissions.logLikelihoods, path);
  const segments: ChordSegment[] = [];
  let start = 0;
  let confidenceSum = 0;
  for (let t = 0; t < steps; t++) {
    const state = path[t]!;
    const clarity = (emissions.clarity[t]! - murkyClarity) / (clearClarity - murkyClarity);
    const clear = Math.min(1, Math.max(0, clarity)) * emissions.salience[t]!;
    confidenceSum += shares[t]! * clear;
    if (t === steps - 1 || path[t + 1] !== state) {
      segments.push({
        startSeconds: boundariesSeconds[start]!,
        endSeconds: boundariesSeconds[t + 1]!,
        state,
        label: chordLabel(vocabulary, state),
        name: chordName(vocabulary, state),
        confidence: confidenceSum / (t + 1 - start),
      });
      start = t + 1;
      confidenceSum = 0;
    }
  }
  return { vocabulary, path, segments };
}

interface DecodingModel {
  readonly vocabulary: ChordVocabulary;
  /** states × states log transition probabilities. */
  readonly transition: Float64Array;
  /** Uniform log initial probabilities. */
  readonly initial: Float64Array;
}

/** Models by qualities and transition options: every track of a process shares them (read only). */
const MODEL_CACHE = new Map<string, DecodingModel>();

function decodingModel(options: RecognizeChordsOptions): DecodingModel {
  const transitionOptions = { ...CHORD_TRANSITION_DEFAULTS, ...options.transition };
  const key = JSON.stringify([options.qualities, transitionOptions]);
  const cached = MODEL_CACHE.get(key);
  if (cached !== undefined) return cached;
  const vocabulary = chordVocabulary(options.qualities);
  const model = {
    vocabulary,
    transition: chordTransitions(vocabulary, transitionOptions),
    initial: new Float64Array(vocabulary.states).fill(-Math.log(vocabulary.states)),
  };
  MODEL_CACHE.set(key, model);
  return model;
}

/** The log-likelihoods (steps × states) plus each state's log prior, as float32 like them. */
function withLogPriors(logLikelihoods: Float32Array, logPriors: Float64Array): Float32Array {
  const states = logPriors.length;
  const reweighted = new Float32Array(logLikelihoods);
  for (let row = 0; row < reweighted.length; row += states) {
    for (let s = 0; s < states; s++) reweighted[row + s]! += logPriors[s]!;
  }
  return reweighted;
}

/**
 * Per step, the share of the step's emission likelihood that falls on its path state: a
 * softmax over states of the log-likelihoods (steps × states).
 */
function labelShares(logLikelihoods: Float32Array, path: Int32Array): Float64Array {
  const steps = path.length;
  const states = steps > 0 ? logLikelihoods.length / steps : 0;
  const shares = new Float64Array(steps);
  for (let t = 0; t < steps; t++) {
    const row = t * states;
    let largest = -Infinity;
    for (let s = 0; s < states; s++) largest = Math.max(largest, logLikelihoods[row + s]!);
    let total = 0;
    for (let s = 0; s < states; s++) total += Math.exp(logLikelihoods[row + s]! - largest);
    shares[t] = Math.exp(logLikelihoods[row + path[t]!]! - largest) / total;
  }
  return shares;
}

/** Per-step cost of a change by metrical position; all 0 without bars. */
function changeCosts(input: ChordRecognitionInput, cost: RecognizeChordsOptions["changeCost"]): Float32Array {
  const { steps, metricalPositions: positions, stepsPerBar } = input;
  const costs = new Float32Array(steps);
  if (positions === undefined || stepsPerBar === undefined || stepsPerBar === null) return costs;
  if (positions.length !== steps) {
    throw new RangeError(`recognizeChords: metricalPositions must have ${steps} values, got ${positions.length}`);
  }
  for (const [name, value] of Object.entries(cost)) {
    if (!(value >= 0)) throw new RangeError(`recognizeChords: changeCost.${name} must be ≥ 0, got ${value}`);
  }
  const half = stepsPerBar % 2 === 0 ? stepsPerBar / 2 : -2;
  for (let t = 0; t < steps; t++) {
    const position = positions[t]!;
    costs[t] =
      position === 0 ? cost.downbeat : position === half ? cost.halfBar : position < 0 ? cost.unknown : cost.otherBeat;
  }
  return costs;
}
