/**
 * pYIN's first stage fed in chunks: the framing and per-frame f0 candidates of pyin.ts for a
 * signal that arrives in pieces of any size, holding only the last frameLength samples (a
 * ring), so an hour of audio costs no more than a second. Frame t covers samples
 * [t·hop − W/2 + L, t·hop − W/2 + L + frameLength) with zeros outside the signal (W: YIN's
 * integration window, L: the attack lookahead in samples, see pyin.ts); it is analysed as soon as its last sample arrives, and
 * the frames that reach past the end are analysed by `finish`, when the length is known:
 * ⌊length/hop⌋ + 1 frames in all, as over the whole signal. Each frame's candidates come
 * from one code path (mean-square silence gate, YIN's CMNDF, pyinCandidates), so the
 * whole-signal tracker (createPyin, one push) and chunked feeding give the same candidates
 * bit for bit.
 * Reference: Mauch & Dixon (2014), "pYIN: A fundamental frequency estimator using
 *   probabilistic threshold distributions", ICASSP 2014, §2.1.
 */
import type { PyinOptions } from "./pyin.js";
import { betaThresholdCdf, PYIN_THRESHOLD_COUNT, pyinCandidates } from "./pyin-candidates.js";
import { createYinDifference } from "./yin-difference.js";

/**
 * One analysed frame: its index, its frameLength samples (zeros outside the signal; the
 * first is sample index·hop − `frameStart`), and its `count` candidates in
 * frequencies[0 … count) (Hz) and probabilities[0 … count). The arrays are reused: valid
 * only during the call.
 */
export type PyinFrameVisitor = (
  frameIndex: number,
  frame: Float32Array,
  frequencies: Float32Array,
  probabilities: Float32Array,
  count: number,
) => void;

export interface PyinCandidateStream {
  /** Samples from the frame time to the frame's first sample: frame t starts at t·hop − frameStart. */
  readonly frameStart: number;
  /** Feeds the next samples; visits every frame they complete, in order. */
  push(samples: Float32Array): void;
  /**
   * Visits the frames left (those reaching past the end) and returns the frame count,
   * ⌊length/hop⌋ + 1. The stream is then empty, ready for another signal.
   */
  finish(): number;
}

/** A chunked pYIN front end for resolved options (see resolvePyinOptions); allocates once. */
export function createPyinCandidateStream(options: PyinOptions, visit: PyinFrameVisitor): PyinCandidateStream {
  const { frameLength, hopSize, sampleRate, silenceMeanSquare } = options;
  const maxLag = Math.ceil(sampleRate / options.fmin);
  const minLag = Math.max(2, Math.floor(sampleRate / options.fmax));
  const yin = createYinDifference({ frameLength, maxLag });
  const cdf = betaThresholdCdf(options.betaAlpha, options.betaBeta);
  const frame = new Float32Array(frameLength);
  const cmndf = new Float32Array(maxLag + 1);
  const difference = new Float32Array(maxLag + 1);
  const frequencies = new Float32Array(PYIN_THRESHOLD_COUNT + 1);
  const probabilities = new Float32Array(PYIN_THRESHOLD_COUNT + 1);
  // Centre YIN's integration window, not the whole frame, on the frame time plus the
  // attack lookahead (pyin.ts); `half` is negative when the frame starts after its time.
  const half = (yin.windowLength >> 1) - Math.round(options.attackLookahead * sampleRate);
  /** The last frameLength samples received: sample i sits at ring[i mod frameLength]. */
  const ring = new Float32Array(frameLength);
  let received = 0;
  let next = 0;

  /** Analyses frame `next` from the ring (samples before `chunkStart`) and `chunk` (from it on). */
  const analyse = (chunk: Float32Array, chunkStart: number): void => {
    const start = next * hopSize - half;
    const end = start + frameLength;
    frame.fill(0);
    // Ring part: [max(0, start), min(end, chunkStart)); the ring holds every sample ≥ chunkStart − frameLength.
    for (let from = Math.max(0, start); from < Math.min(end, chunkStart); ) {
      const slot = from % frameLength;
      const to = Math.min(end, chunkStart, from + frameLength - slot);
      frame.set(ring.subarray(slot, slot + to - from), from - start);
      from = to;
    }
    // Chunk part: [max(start, chunkStart), min(end, chunkStart + chunk.length)).
    const from = Math.max(start, chunkStart);
    const to = Math.min(end, chunkStart + chunk.length);
    if (to > from) frame.set(chunk.subarray(from - chunkStart, to - chunkStart), from - start);
    let count = 0;
    if (meanSquare(frame) >= silenceMeanSquare) {
      yin.compute(frame, cmndf, difference);
      count = pyinCandidates(cmndf, difference, minLag, maxLag, sampleRate, cdf, frequencies, probabilities);
    }
    visit(next, frame, frequencies, probabilities, count);
    next++;
  };

  return {
    frameStart: half,
    push(samples) {
      const chunkStart = received;
      const total = received + samples.length;
      // Frame t is complete once sample t·hop − half + frameLength − 1 has arrived.
      while (next * hopSize - half + frameLength <= total) analyse(samples, chunkStart);
      // Keep the last frameLength samples for the frames that straddle this chunk's end.
      const keep = Math.min(samples.length, frameLength);
      for (let i = samples.length - keep; i < samples.length; ) {
        const slot = (chunkStart + i) % frameLength;
        const run = Math.min(samples.length - i, frameLength - slot);
        ring.set(samples.subarray(i, i + run), slot);
        i += run;
      }
      received = total;
    },
    finish() {
      const frames = Math.floor(received / hopSize) + 1;
      while (next < frames) analyse(NO_SAMPLES, received);
      received = 0;
      next = 0;
      return frames;
    },
  };
}

const NO_SAMPLES = new Float32Array(0);

function meanSquare(frame: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < frame.length; i++) sum += frame[i]! * frame[i]!;
  return sum / frame.length;
}
