/**
 * Predominant-melody tracking over pitch-salience candidates (melody-salience.ts): a Viterbi
 * path through each frame's salience peaks and an unvoiced state. In the spirit of
 * Melodia's contour selection (Salamon & Gómez 2012), which prefers salient, continuous
 * pitch lines and drops weak stretches as unvoiced, but as one global optimisation:
 *  - emission: a voiced candidate scores log(salience / reference) plus `registerPerOctave`
 *    per octave above MIDI 60 (a lead usually lies above its accompaniment); the unvoiced
 *    state scores log(`voicingThreshold`), so a frame stays voiced only while its melody
 *    candidate's salience is comparable to the track's typical melody salience; a candidate
 *    whose salience rose over the last `noveltyFrames` frames (a note just struck) earns
 *    `noveltyWeight` per unit of log rise (capped at 2): a lead re-articulates every beat or
 *    two, while a pad or the bass's upper harmonics hold, and in a mix where those are as
 *    salient as the lead, the rises tell the lead apart (dev mixes: raw pitch accuracy
 *    0.855 → 0.873);
 *  - transition: moving within `glideCents` per frame costs `continuityPerSemitone` per
 *    semitone moved (vibrato, glides); a larger move is a new note and costs `noteChangeCost`
 *    plus `jumpPerOctave` per octave; entering or leaving the unvoiced state costs
 *    `voicingChangeCost`.
 * The reference salience is a high quantile (`referenceQuantile`) of the frames' largest
 * salience, so the scores do not depend on the recording's level.
 * Reference: J. Salamon & E. Gómez (2012), IEEE TASLP 20(6); J. Durrieu, G. Richard,
 *   B. David & C. Févotte (2010), "Source/filter model for unsupervised main melody
 *   extraction from polyphonic audio signals", IEEE TASLP 18(3) (Viterbi smoothing of the
 *   melody line).
 */
import type { SalienceCandidates } from "./melody-salience.js";

export interface TrackMelodyOptions {
  /** Fraction of the reference salience at which voiced and unvoiced score alike; in (0, 1). */
  readonly voicingThreshold: number;
  /** Quantile of the frames' largest salience used as the reference; in (0, 1]. */
  readonly referenceQuantile: number;
  /** Log-score bonus per octave above MIDI 60 (0: none). */
  readonly registerPerOctave: number;
  /** Cents per frame moved without counting as a note change; ≥ 0. */
  readonly glideCents: number;
  /** Log-score cost per semitone of a within-note move; ≥ 0. */
  readonly continuityPerSemitone: number;
  /** Log-score cost of a note change (a move larger than glideCents); ≥ 0. */
  readonly noteChangeCost: number;
  /** Extra log-score cost per octave of a note change; ≥ 0. */
  readonly jumpPerOctave: number;
  /** Log-score cost of switching between voiced and unvoiced; ≥ 0. */
  readonly voicingChangeCost: number;
  /** Weight of a candidate's salience rise over `noveltyFrames` (log ratio, 0 … 2); ≥ 0. */
  readonly noveltyWeight: number;
  /** Frames back to which a candidate's salience is compared; integer ≥ 1. */
  readonly noveltyFrames: number;
}

export const TRACK_MELODY_DEFAULTS: TrackMelodyOptions = {
  voicingThreshold: 0.4,
  referenceQuantile: 0.9,
  registerPerOctave: 0.25,
  glideCents: 60,
  continuityPerSemitone: 1,
  noteChangeCost: 0.5,
  jumpPerOctave: 2,
  voicingChangeCost: 4,
  noveltyWeight: 0.2,
  noveltyFrames: 8,
};

export interface MelodyLine {
  /** Seconds: frame centres. */
  readonly times: Float64Array;
  /** Fractional MIDI pitch per frame; NaN when unvoiced. */
  readonly midi: Float32Array;
  /** Salience of the chosen candidate per frame (0 when unvoiced), relative to the reference. */
  readonly salience: Float32Array;
}

function quantile(values: Float32Array, q: number): number {
  if (values.length === 0) return 0;
  const sorted = Float32Array.from(values).sort();
  return sorted[Math.min(sorted.length - 1, Math.floor(q * (sorted.length - 1)))]!;
}

export function trackMelody(candidates: SalienceCandidates, options: Partial<TrackMelodyOptions> = {}): MelodyLine {
  const o = { ...TRACK_MELODY_DEFAULTS, ...options };
  if (!(o.voicingThreshold > 0 && o.voicingThreshold < 1)) {
    throw new RangeError(`trackMelody: voicingThreshold must be in (0, 1), got ${o.voicingThreshold}`);
  }
  if (!(o.referenceQuantile > 0 && o.referenceQuantile <= 1)) {
    throw new RangeError(`trackMelody: referenceQuantile must be in (0, 1], got ${o.referenceQuantile}`);
  }
  const { frames, candidatesPerFrame: k, counts, midi, salience } = candidates;
  const times = new Float64Array(frames);
  for (let t = 0; t < frames; t++) times[t] = candidates.firstFrameSeconds + t * candidates.hopSeconds;
  const outMidi = new Float32Array(frames).fill(Number.NaN);
  const outSalience = new Float32Array(frames);
  if (frames === 0) return { times, midi: outMidi, salience: outSalience };

  const largest = new Float32Array(frames);
  for (let t = 0; t < frames; t++) largest[t] = counts[t]! > 0 ? salience[t * k]! : 0;
  const reference = quantile(largest, o.referenceQuantile);
  if (!(reference > 0)) return { times, midi: outMidi, salience: outSalience };

  // Scores of the k voiced slots and the unvoiced slot (index k) of the previous and current frame.
  const slots = k + 1;
  let previous = new Float64Array(slots);
  let current = new Float64Array(slots);
  const backpointers = new Int8Array(frames * slots);
  const emission = new Float64Array(k);
  const unvoicedEmission = Math.log(o.voicingThreshold);
  const glideSemitones = o.glideCents / 100;

  // log(salience / salience of the same pitch noveltyFrames earlier), in 0 … 2: new notes rise, held ones do not.
  const noveltyOf = (t: number, index: number): number => {
    const before = t - o.noveltyFrames;
    let earlier = 0.05 * reference;
    for (let i = 0; i < counts[before]!; i++) {
      const at = before * k + i;
      if (Math.abs(midi[at]! - midi[index]!) <= 0.5 && salience[at]! > earlier) earlier = salience[at]!;
    }
    return Math.min(2, Math.max(0, Math.log(salience[index]! / earlier)));
  };

  const emissionsOf = (t: number): void => {
    for (let j = 0; j < counts[t]!; j++) {
      const index = t * k + j;
      emission[j] = Math.log(salience[index]! / reference) + (o.registerPerOctave * (midi[index]! - 60)) / 12;
      if (o.noveltyWeight > 0 && t >= o.noveltyFrames) emission[j]! += o.noveltyWeight * noveltyOf(t, index);
    }
  };

  emissionsOf(0);
  previous.fill(Number.NEGATIVE_INFINITY);
  for (let j = 0; j < counts[0]!; j++) previous[j] = emission[j]! - o.voicingChangeCost;
  previous[k] = unvoicedEmission;

  for (let t = 1; t < frames; t++) {
    emissionsOf(t);
    current.fill(Number.NEGATIVE_INFINITY);
    const back = t * slots;
    const fromCount = counts[t - 1]!;
    for (let j = 0; j < counts[t]!; j++) {
      const pitch = midi[t * k + j]!;
      let best = previous[k]! - o.voicingChangeCost;
      let arg = k;
      for (let i = 0; i < fromCount; i++) {
        const step = Math.abs(pitch - midi[(t - 1) * k + i]!);
        const cost =
          step <= glideSemitones
            ? o.continuityPerSemitone * step
            : o.noteChangeCost + (o.jumpPerOctave * step) / 12 + o.continuityPerSemitone * glideSemitones;
        const score = previous[i]! - cost;
        if (score > best) {
          best = score;
          arg = i;
        }
      }
      current[j] = best + emission[j]!;
      backpointers[back + j] = arg;
    }
    let best = previous[k]!;
    let arg = k;
    for (let i = 0; i < fromCount; i++) {
      const score = previous[i]! - o.voicingChangeCost;
      if (score > best) {
        best = score;
        arg = i;
      }
    }
    current[k] = best + unvoicedEmission;
    backpointers[back + k] = arg;
    [previous, current] = [current, previous];
  }

  let state = k;
  for (let j = 0; j < counts[frames - 1]!; j++) if (previous[j]! > previous[state]!) state = j;
  for (let t = frames - 1; t >= 0; t--) {
    if (state < k) {
      outMidi[t] = midi[t * k + state]!;
      outSalience[t] = salience[t * k + state]! / reference;
    }
    if (t > 0) state = backpointers[t * slots + state]!;
  }
  return { times, midi: outMidi, salience: outSalience };
}
