/**
 * pYIN f0 tracking of a mono signal: YIN's CMNDF per frame (yin-difference.ts), f0
 * candidates with probabilities from a beta prior over thresholds (pyin-candidates.ts),
 * then Viterbi decoding of a pitch × voicing HMM (decode-pitch-hmm.ts). Each voiced
 * frame reports the interpolated candidate frequency in the decoded bin, so the output
 * is finer than the bin grid.
 * Framing: frame t covers samples [t·hop − W/2, t·hop − W/2 + frameLength), zeros outside
 * the signal, where W = frameLength − ⌈sampleRate/fmin⌉ is YIN's integration window: the
 * window the difference function compares is centred on t·hop (the lagged copy reaches
 * further right), so times[t] = t·hop / sampleRate and there are ⌊length / hop⌋ + 1
 * frames. (Centring the whole frame instead would date each estimate about
 * (frameLength − W)/2 samples late; on the melody-only evaluation that cost 1.5 points
 * of raw pitch accuracy at note changes.) With `attackLookahead` L > 0 seconds (default
 * 17.5 ms) every frame moves L later in the signal while keeping its time: a note's pitch
 * becomes periodic only after its attack transient (3–55 ms to half amplitude in the
 * General MIDI soundfonts measured; bowed and blown instruments are slowest), and the
 * previous note's release and reverb ring on past the new onset, so the audible change
 * of pitch trails the onset; looking ahead dates it where the note starts. On the
 * melody-only evaluation (60–1600 Hz, reverb on) raw pitch accuracy rose with L = 0 →
 * 11.6 → 17.4 → 23.2 ms from 0.938 → 0.955 → 0.958 → 0.958 with FluidR3_GM, and at
 * the default from 0.944 to 0.964 with MuseScore_General and from 0.924 to 0.946 with
 * TimGM6mb (soundfonts nothing was tuned on); attack errors halved in all three, and
 * note onset F of the transcription (eval/pitch/notes.ts) rose from 0.809 to 0.840. The
 * price: a continuous contour (vibrato, a glide) is dated L early, and the last frames of
 * a signal analyse the zeros beyond its end.
 * Threshold prior: beta(2, 8), mean 0.2, the widest of the paper's three priors (means
 * 0.1, 0.15, 0.2) rather than the reference implementation's default mean 0.15: the
 * heavier tail above d' = 0.25 gives the true period more mass when an attack makes the
 * double period the deeper trough (sub-octave errors of the GM saxophones). On the
 * melody-only evaluation (eval/pitch/melody-only.ts, 60–1600 Hz) raw pitch accuracy
 * rose from 0.936 to 0.938 and sustained octave errors fell from 0.36 % to 0.22 % of
 * note frames; means 0.22–0.25 and a wider transition band or a uniform jump term
 * measured no better (the band is what keeps the HMM off sub-octave candidates).
 * Output convention: f0Hz is NaN on unvoiced frames (so means and cents stay honest);
 * voicedProbability is the frame's total candidate probability (stage 1, in [0, 1]);
 * voiced is the HMM's decision.
 * Memory: the signal may arrive in chunks (createPyinStream; createPyin is one chunk): the
 * front end (pyin-stream.ts) holds one frame of samples, and until the end only the
 * candidates are kept (about two per frame, ≈ 30 bytes a frame with their offsets and
 * voicing probability), then the HMM decodes with its back-pointers bounded by checkpoints
 * (decode-pitch-hmm.ts). An hour at 22.05 kHz and hop 256 (310,000 frames) thus needs about
 * 10 MB of candidates and 33 MB of decoder state besides the 5-MB track, not the signal's 317 MB.
 * Reference: Mauch & Dixon (2014), "pYIN: A fundamental frequency estimator using
 *   probabilistic threshold distributions", ICASSP 2014.
 */
import type { Hz } from "../types.js";
import { decodePitchHmm } from "./decode-pitch-hmm.js";
import { createPyinCandidateStream } from "./pyin-stream.js";

export interface PyinOptions {
  /** Hz: sample rate of the input. */
  readonly sampleRate: Hz;
  /** Hz: lowest f0 tracked; > 0, and sampleRate/fmin ≤ frameLength/2. */
  readonly fmin: Hz;
  /** Hz: highest f0 tracked; in (fmin, sampleRate/4]. */
  readonly fmax: Hz;
  /** Samples per analysis frame; integer ≥ 64. */
  readonly frameLength: number;
  /** Samples between frames; integer ≥ 1. */
  readonly hopSize: number;
  /** Pitch bins per semitone of the HMM; integer ≥ 1. */
  readonly binsPerSemitone: number;
  /** Probability per frame of switching between voiced and unvoiced; in (0, 1). */
  readonly switchProbability: number;
  /** Fastest pitch change the HMM allows, in octaves per second (sets the transition width). */
  readonly maxTransitionOctavesPerSecond: number;
  /** Beta prior of the thresholds: α and β (default mean 0.2, the paper's widest setting). */
  readonly betaAlpha: number;
  readonly betaBeta: number;
  /** Weight of YIN's evidence for voicing in the HMM; in (0, 1]. */
  readonly voicingTrust: number;
  /** Frames whose mean square is below this are silent (no candidates). */
  readonly silenceMeanSquare: number;
  /** Seconds each frame looks ahead of its time (see the header); in [0, frameLength/sampleRate]. */
  readonly attackLookahead: number;
}

export const PYIN_DEFAULTS: Omit<PyinOptions, "sampleRate"> = {
  fmin: 60,
  fmax: 1000,
  frameLength: 2048,
  hopSize: 512,
  binsPerSemitone: 5,
  switchProbability: 0.01,
  maxTransitionOctavesPerSecond: 35.92,
  betaAlpha: 2,
  betaBeta: 8,
  voicingTrust: 0.5,
  silenceMeanSquare: 1e-10,
  attackLookahead: 0.0175,
};

export interface PitchTrack {
  /** Seconds: frame centres. */
  readonly times: Float64Array;
  /** Hz per frame; NaN when unvoiced. */
  readonly f0Hz: Float32Array;
  /** Stage-1 probability that the frame is voiced, in [0, 1]. */
  readonly voicedProbability: Float32Array;
  /** 1 for voiced frames, 0 otherwise. */
  readonly voiced: Uint8Array;
}

/** Checks and completes the options; throws RangeError on values outside their ranges. */
export function resolvePyinOptions(options: Partial<PyinOptions> & { readonly sampleRate: Hz }): PyinOptions {
  const resolved: PyinOptions = { ...PYIN_DEFAULTS, ...options };
  const { sampleRate, fmin, fmax, frameLength, hopSize, binsPerSemitone, maxTransitionOctavesPerSecond } = resolved;
  if (!(sampleRate > 0)) throw new RangeError(`pyin: sampleRate must be > 0, got ${sampleRate}`);
  if (!(Number.isInteger(frameLength) && frameLength >= 64)) {
    throw new RangeError(`pyin: frameLength must be an integer ≥ 64, got ${frameLength}`);
  }
  if (!(fmin > 0 && Math.ceil(sampleRate / fmin) <= frameLength / 2)) {
    throw new RangeError(`pyin: fmin must be > 0 with sampleRate/fmin ≤ frameLength/2, got ${fmin}`);
  }
  if (!(fmax > fmin && fmax <= sampleRate / 4)) {
    throw new RangeError(`pyin: fmax must be in (fmin, sampleRate/4], got ${fmax}`);
  }
  if (!(Number.isInteger(hopSize) && hopSize >= 1)) throw new RangeError(`pyin: hopSize must be an integer ≥ 1`);
  if (!(Number.isInteger(binsPerSemitone) && binsPerSemitone >= 1)) {
    throw new RangeError(`pyin: binsPerSemitone must be an integer ≥ 1, got ${binsPerSemitone}`);
  }
  if (!(maxTransitionOctavesPerSecond >= 0)) {
    throw new RangeError(`pyin: maxTransitionOctavesPerSecond must be ≥ 0`);
  }
  if (!(resolved.switchProbability > 0 && resolved.switchProbability < 1)) {
    throw new RangeError(`pyin: switchProbability must be in (0, 1), got ${resolved.switchProbability}`);
  }
  if (!(resolved.voicingTrust > 0 && resolved.voicingTrust <= 1)) {
    throw new RangeError(`pyin: voicingTrust must be in (0, 1], got ${resolved.voicingTrust}`);
  }
  if (!(resolved.attackLookahead >= 0 && resolved.attackLookahead <= frameLength / sampleRate)) {
    throw new RangeError(
      `pyin: attackLookahead must be in [0, frameLength/sampleRate] s, got ${resolved.attackLookahead}`,
    );
  }
  if (!(resolved.betaAlpha > 0 && resolved.betaBeta > 0))
    throw new RangeError("pyin: betaAlpha and betaBeta must be > 0");
  return resolved;
}

/** pYIN fed in chunks: the same track, bit for bit, as createPyin over the chunks joined. */
export interface PyinStream {
  /** Feeds the next samples (any length); frames are analysed as they complete. */
  push(samples: Float32Array): void;
  /** Analyses the frames left, decodes the HMM and returns the track; the stream then starts a new signal. */
  finish(): PitchTrack;
}

/**
 * A chunked tracker: the front end (pyin-stream.ts) keeps one frame's samples, and only the
 * candidates (a few per frame) are kept until `finish` decodes the HMM.
 */
export function createPyinStream(options: Partial<PyinOptions> & { readonly sampleRate: Hz }): PyinStream {
  const o = resolvePyinOptions(options);
  const binsPerOctave = 12 * o.binsPerSemitone;
  const bins = Math.floor(binsPerOctave * Math.log2(o.fmax / o.fmin)) + 1;
  const transitionWidth = Math.round((o.maxTransitionOctavesPerSecond * binsPerOctave * o.hopSize) / o.sampleRate);
  let collected = new CandidateCollector();
  const frontEnd = createPyinCandidateStream(o, (_t, _frame, frequencies, probabilities, count) => {
    collected.add(frequencies, probabilities, count, binsPerOctave, o.fmin);
  });

  return {
    push: (samples) => frontEnd.push(samples),
    finish(): PitchTrack {
      const frames = frontEnd.finish();
      const { offsets, candidateHz, candidateProbability, candidateBins, voicedProbability } = collected.take(frames);
      collected = new CandidateCollector();
      const path = decodePitchHmm(
        { offsets, bins: candidateBins, probabilities: candidateProbability },
        { bins, transitionWidth, switchProbability: o.switchProbability, voicingTrust: o.voicingTrust },
      );
      const f0Hz = new Float32Array(frames).fill(Number.NaN);
      const times = new Float64Array(frames);
      for (let t = 0; t < frames; t++) {
        times[t] = (t * o.hopSize) / o.sampleRate;
        if (path.voiced[t] === 0) continue;
        // The decoded voiced bin always holds a candidate; take its most probable one.
        let best = -1;
        for (let c = offsets[t]!; c < offsets[t + 1]!; c++) {
          if (
            candidateBins[c] === path.bins[t] &&
            (best < 0 || candidateProbability[c]! > candidateProbability[best]!)
          ) {
            best = c;
          }
        }
        if (best >= 0) f0Hz[t] = candidateHz[best]!;
      }
      return { times, f0Hz, voicedProbability, voiced: path.voiced };
    },
  };
}

/** A configured tracker: allocates its per-frame buffers once, reusable across signals. */
export function createPyin(
  options: Partial<PyinOptions> & { readonly sampleRate: Hz },
): (samples: Float32Array) => PitchTrack {
  const stream = createPyinStream(options);
  return (samples: Float32Array): PitchTrack => {
    stream.push(samples);
    return stream.finish();
  };
}

/** pYIN over a whole mono signal; see createPyin. */
export function pyin(samples: Float32Array, options: Partial<PyinOptions> & { readonly sampleRate: Hz }): PitchTrack {
  return createPyin(options)(samples);
}

/** The candidates of all frames, ragged (see PitchCandidates), in arrays grown by doubling. */
class CandidateCollector {
  private offsets = new Int32Array(1024);
  private hz = new Float32Array(4096);
  private probability = new Float32Array(4096);
  private bins = new Int32Array(4096);
  private voicedProbability = new Float32Array(1024);
  private frames = 0;
  private used = 0;

  /** Appends one frame's `count` candidates; bins on the HMM's grid (binsPerOctave from fmin). */
  add(
    frequencies: Float32Array,
    probabilities: Float32Array,
    count: number,
    binsPerOctave: number,
    fmin: number,
  ): void {
    if (this.frames + 2 > this.offsets.length) {
      this.offsets = grow(this.offsets, 2 * this.offsets.length);
      this.voicedProbability = grow(this.voicedProbability, 2 * this.voicedProbability.length);
    }
    if (this.used + count > this.hz.length) {
      const capacity = 2 * (this.used + count);
      this.hz = grow(this.hz, capacity);
      this.probability = grow(this.probability, capacity);
      this.bins = grow(this.bins, capacity);
    }
    const { used } = this;
    let total = 0;
    for (let c = 0; c < count; c++) {
      this.hz[used + c] = frequencies[c]!;
      this.probability[used + c] = probabilities[c]!;
      this.bins[used + c] = Math.round(binsPerOctave * Math.log2(this.hz[used + c]! / fmin));
      total += probabilities[c]!;
    }
    this.voicedProbability[this.frames] = Math.min(1, total);
    this.used += count;
    this.frames++;
    this.offsets[this.frames] = this.used;
  }

  /** The collected arrays, trimmed to `frames` frames. */
  take(frames: number) {
    if (frames !== this.frames) throw new Error(`pyin: collected ${this.frames} frames, expected ${frames}`);
    return {
      offsets: this.offsets.subarray(0, frames + 1),
      candidateHz: this.hz.subarray(0, this.used),
      candidateProbability: this.probability.subarray(0, this.used),
      candidateBins: this.bins.subarray(0, this.used),
      voicedProbability: this.voicedProbability.slice(0, frames),
    };
  }
}

function grow<T extends Float32Array | Int32Array>(values: T, capacity: number): T {
  const bigger = new (values.constructor as new (length: number) => T)(capacity);
  bigger.set(values);
  return bigger;
}
