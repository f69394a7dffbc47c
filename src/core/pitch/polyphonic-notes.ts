/**
 * Polyphonic note tracking: each semitone pitch's frame-wise detections (polyphonic-salience.ts)
 * are smoothed by a two-state (off/on) hidden Markov model decoded by Viterbi, as Poliner &
 * Ellis smooth their per-note classifiers; an "on" run becomes a note. Repeated notes, which
 * the HMM joins, are split where the pitch's harmonic energy rises again by `splitRiseDb` after
 * falling `dipDb` from the note's peak (new energy in its partials), unless a higher note whose
 * fundamental is one of its partials (+12, +19, +24 semitones) starts there (pitches are split
 * from the top down). Each onset is placed at the first frame, from the energy's lowest point
 * near the run's start, within 6 dB of the peak that follows: a centred window's magnitude is
 * half its steady value when its centre passes the attack, however long the window (the
 * constant-Q windows of low pitches are long, so detections begin before the attack).
 * Runs shorter than `minNoteSeconds` are dropped. Defaults tuned on dev_010…dev_017.
 * Confidence: the note's mean salience s mapped to s/(s + onThreshold) (0 … 1).
 * Reference: G. Poliner & D. Ellis (2007), "A discriminative model for polyphonic piano
 *   transcription", EURASIP J. Advances in Signal Processing, 048317; A. Klapuri (2006), ISMIR.
 */
import { type PolyphonicSalience, type PolyphonicSalienceOptions, polyphonicSalience } from "./polyphonic-salience.js";

export interface PolyphonicNoteOptions {
  /** Salience at which "on" and "off" are equally likely. */
  readonly onThreshold: number;
  /** Slope of the emission's logistic in the log of salience/onThreshold. */
  readonly evidenceSlope: number;
  /** Probability of staying on / off from one frame to the next. */
  readonly stayOn: number;
  readonly stayOff: number;
  /** Rise of the pitch's harmonic energy (dB over `riseFrames` frames) that splits a note. */
  readonly splitRiseDb: number;
  /** Fall (dB) from the note's energy peak that must precede a split (a re-attack). */
  readonly dipDb: number;
  /** Frames over which the energy rise is measured. */
  readonly riseFrames: number;
  /** Seconds around a run's start searched for its onset. */
  readonly onsetSearchSeconds: number;
  /** Shortest note kept (s). */
  readonly minNoteSeconds: number;
}

export const POLYPHONIC_NOTE_DEFAULTS: PolyphonicNoteOptions = {
  onThreshold: 0.4,
  evidenceSlope: 2,
  stayOn: 0.95,
  stayOff: 0.99,
  splitRiseDb: 4,
  dipDb: 2,
  riseFrames: 2,
  onsetSearchSeconds: 0.08,
  minNoteSeconds: 0.06,
};

export interface PolyphonicNote {
  readonly onset: number;
  readonly offset: number;
  /** Integer MIDI pitch. */
  readonly midi: number;
  /** 0 … 1. */
  readonly confidence: number;
}

const DB_PER_NEPER_POWER = 10 / Math.LN10;
/** Semitones from a pitch to the notes whose fundamentals are its 2nd, 3rd and 4th partials. */
const SHARED_PARTIAL_INTERVALS = [12, 19, 24];
/** Frames within which a higher note's attack explains a rise. */
const ATTACK_MATCH_FRAMES = 3;
/** 6 dB of power in natural-log units: half the amplitude. */
const HALF_AMPLITUDE = Math.log(4);

export function trackPolyphonicNotes(
  salience: PolyphonicSalience,
  options: Partial<PolyphonicNoteOptions> = {},
): PolyphonicNote[] {
  const o = { ...POLYPHONIC_NOTE_DEFAULTS, ...options };
  const { frames, pitches, hopSeconds } = salience;
  const notes: PolyphonicNote[] = [];
  if (frames === 0) return notes;
  const onPath = new Uint8Array(frames);
  const rise = new Float32Array(frames);
  const fromOn = new Uint8Array(frames * 2);
  const logStayOn = Math.log(o.stayOn);
  const logLeaveOn = Math.log(1 - o.stayOn);
  const logStayOff = Math.log(o.stayOff);
  const logLeaveOff = Math.log(1 - o.stayOff);
  const minFrames = Math.max(1, Math.round(o.minNoteSeconds / hopSeconds));
  const searchFrames = Math.max(1, Math.round(o.onsetSearchSeconds / hopSeconds));

  // Pass 1, per pitch: the Viterbi path and the refined starts of its "on" runs.
  const onPaths = new Uint8Array(frames * pitches);
  const attacks = new Uint8Array(frames * pitches);
  for (let p = 0; p < pitches; p++) {
    decodePitch(p);
    for (let t = 0; t < frames; t++) onPaths[t * pitches + p] = onPath[t]!;
    computeRise(p);
    forEachRun((start, end) => {
      attacks[refinedStart(start, end, p) * pitches + p] = 1;
    });
  }
  // Pass 2, from the top down: split runs at re-attacks not explained by a higher note's attack.
  for (let p = pitches - 1; p >= 0; p--) {
    for (let t = 0; t < frames; t++) onPath[t] = onPaths[t * pitches + p]!;
    computeRise(p);
    forEachRun((start, end) => emitRun(p, start, end));
  }
  notes.sort((a, b) => a.onset - b.onset || a.midi - b.midi);
  return notes;

  function decodePitch(p: number): void {
    // Viterbi over {off, on}; fromOn[2t + s] = 1 when state s at t came from "on".
    let off = 0;
    let on = Math.log(0.01);
    for (let t = 0; t < frames; t++) {
      const s = salience.salience[t * pitches + p]!;
      const x = s > 0 ? o.evidenceSlope * Math.log(s / o.onThreshold) : -8;
      // log sigmoid(x) and log sigmoid(−x), stable.
      const logOn = -softplus(-x);
      const logOff = -softplus(x);
      const offFromOff = off + logStayOff;
      const offFromOn = on + logLeaveOn;
      const onFromOff = off + logLeaveOff;
      const onFromOn = on + logStayOn;
      fromOn[2 * t] = offFromOn > offFromOff ? 1 : 0;
      fromOn[2 * t + 1] = onFromOn > onFromOff ? 1 : 0;
      off = Math.max(offFromOff, offFromOn) + logOff;
      on = Math.max(onFromOff, onFromOn) + logOn;
    }
    let state = on > off ? 1 : 0;
    for (let t = frames - 1; t >= 0; t--) {
      onPath[t] = state;
      state = fromOn[2 * t + state]!;
    }
  }

  /** Energy rise per frame (dB over riseFrames), for onsets and splits. */
  function computeRise(p: number): void {
    for (let t = 0; t < frames; t++) {
      const before = t >= o.riseFrames ? salience.logEnergy[(t - o.riseFrames) * pitches + p]! : -Infinity;
      const value = DB_PER_NEPER_POWER * (salience.logEnergy[t * pitches + p]! - before);
      rise[t] = Number.isFinite(value) ? value : 0;
    }
  }

  function forEachRun(visit: (start: number, end: number) => void): void {
    let t = 0;
    while (t < frames) {
      if (onPath[t] === 0) {
        t++;
        continue;
      }
      let end = t;
      while (end < frames && onPath[end] === 1) end++;
      visit(t, end);
      t = end;
    }
  }

  /**
   * The onset of a run: the first frame near its start whose harmonic energy is within 6 dB
   * of the peak that follows. A centred window's magnitude reaches half its steady value
   * when its centre passes the attack, whatever the window's length (low pitches have long ones).
   */
  function refinedStart(start: number, end: number, p: number): number {
    // From the energy's lowest point near the start: after a previous note's tail, or silence.
    let from = Math.max(0, start - searchFrames);
    const last = Math.min(end - 1, start + searchFrames);
    for (let t = from + 1; t <= last; t++) {
      if (salience.logEnergy[t * pitches + p]! < salience.logEnergy[from * pitches + p]!) from = t;
    }
    const to = Math.min(end - 1, start + 2 * searchFrames);
    let peak = -Infinity;
    for (let t = from; t <= to; t++) peak = Math.max(peak, salience.logEnergy[t * pitches + p]!);
    for (let t = from; t <= to; t++) if (salience.logEnergy[t * pitches + p]! >= peak - HALF_AMPLITUDE) return t;
    return start;
  }

  /** An attack of a note whose fundamental is this pitch's 2nd, 3rd or 4th partial, near frame t. */
  function higherAttackNear(p: number, t: number): boolean {
    for (const interval of SHARED_PARTIAL_INTERVALS) {
      const q = p + interval;
      if (q >= pitches) break;
      for (let u = Math.max(0, t - ATTACK_MATCH_FRAMES); u <= Math.min(frames - 1, t + ATTACK_MATCH_FRAMES); u++) {
        if (attacks[u * pitches + q] === 1) return true;
      }
    }
    return false;
  }

  /**
   * Splits the on-run [start, end) where the pitch's energy rises by splitRiseDb after having
   * fallen by dipDb from the note's peak (a re-attack, not the rest of the first attack), unless
   * a higher note sharing the partials starts there; emits its notes.
   */
  function emitRun(p: number, start: number, end: number): void {
    const first = refinedStart(start, end, p);
    const cuts = [first];
    let peak = salience.logEnergy[first * pitches + p]!;
    for (let t = first + 1; t < end - minFrames; t++) {
      const energy = salience.logEnergy[t * pitches + p]!;
      const value = rise[t]!;
      const sinceCut = t - cuts[cuts.length - 1]!;
      const before = salience.logEnergy[Math.max(0, t - o.riseFrames) * pitches + p]!;
      const isCut =
        sinceCut >= minFrames &&
        value >= o.splitRiseDb &&
        value >= rise[t - 1]! &&
        value >= rise[t + 1]! &&
        DB_PER_NEPER_POWER * (peak - before) >= o.dipDb &&
        !higherAttackNear(p, t);
      if (isCut) {
        const at = refinedStart(t, end, p);
        if (at - cuts[cuts.length - 1]! < minFrames) continue;
        cuts.push(at);
        attacks[at * pitches + p] = 1;
        peak = energy;
      } else if (energy > peak) {
        peak = energy;
      }
    }
    cuts.push(end);
    for (let i = 0; i + 1 < cuts.length; i++) {
      const from = cuts[i]!;
      const to = cuts[i + 1]!;
      if (to - from < minFrames) continue;
      let sum = 0;
      for (let u = from; u < to; u++) sum += salience.salience[u * pitches + p]!;
      const mean = sum / (to - from);
      notes.push({
        onset: from * hopSeconds,
        offset: to * hopSeconds,
        midi: salience.minMidi + p,
        confidence: mean / (mean + o.onThreshold),
      });
    }
  }
}

function softplus(x: number): number {
  return x > 30 ? x : Math.log1p(Math.exp(x));
}

/** Samples → notes: polyphonicSalience, then trackPolyphonicNotes. */
export function transcribePolyphonic(
  samples: Float32Array,
  sampleRate: number,
  options: { salience?: Partial<PolyphonicSalienceOptions>; notes?: Partial<PolyphonicNoteOptions> } = {},
): PolyphonicNote[] {
  return trackPolyphonicNotes(polyphonicSalience(samples, sampleRate, options.salience), options.notes);
}
