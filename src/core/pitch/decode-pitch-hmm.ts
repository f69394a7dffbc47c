/**
 * pYIN stage 2: Viterbi decoding of the pitch HMM. States are M pitch bins × {voiced,
 * unvoiced} (state m voiced, M + m unvoiced: the unvoiced states remember a pitch so a
 * note can resume where it stopped). Transitions factor into a pitch step and a voicing
 * step: P(m → n) ∝ triangular weight of |m − n| ≤ width (0 beyond), times 1 − p_switch
 * to keep the voicing and p_switch to change it. Observations (paper §2.2): a voiced bin
 * holding candidates of total probability p gets p·trust, every unvoiced bin
 * (1 − trust·P)/M with P the frame's total candidate probability; voiced bins without
 * a candidate are impossible. The initial distribution is uniform.
 * The general Viterbi (../sequence/viterbi.ts) costs O(T·(2M)²); this one uses the
 * band and the factored voicing step (max over the source voicing first, then over the
 * band) for O(T·M·width), and skips impossible voiced targets. It reaches the same
 * maximum as viterbi() (checked in its test); among exactly tied paths (unvoiced
 * stretches, where emissions are equal) rounding may make it pick another.
 * Memory: a back-pointer is stored as the source's offset in the band and its voicing,
 * 2·(i − n + width) + unvoiced, one byte for width ≤ 63 (two beyond). Even so, the
 * back-pointers of all T·2M states grow with the input (151 MB for an hour at pYIN's
 * 11.6-ms hop and 244 bins; 303 MB as Int16), so they are held for at most
 * `backPointerBudgetBytes` (32 MiB) worth of segments of 1024 frames, a ring: the forward
 * pass also keeps the scores before each segment the ring will drop (checkpoints, 2M doubles
 * per 1024 frames: 1.2 MB for that hour), and the traceback recomputes such a segment's
 * back-pointers from its checkpoint, the same arithmetic on the same numbers, so the path is
 * exactly the one-pass path. The recomputation costs at most one more forward pass (0.8 of
 * one for the hour), none for inputs within the budget.
 * References: Mauch & Dixon (2014), "pYIN: A fundamental frequency estimator using
 *   probabilistic threshold distributions", ICASSP 2014, §2.2; Tarnas & Hughey (1998),
 *   "Reduced space hidden Markov model training", Bioinformatics 14(5) (checkpoints).
 */

export interface PitchHmmOptions {
  /** M: number of pitch bins. */
  readonly bins: number;
  /** Largest pitch step per frame in bins; integer ≥ 0. */
  readonly transitionWidth: number;
  /** Probability of changing between voiced and unvoiced per frame; in (0, 1). */
  readonly switchProbability: number;
  /** Weight of the YIN evidence for voicing; in (0, 1]. */
  readonly voicingTrust: number;
}

/**
 * Candidates of all frames, ragged: frame t owns entries offsets[t] … offsets[t+1] − 1,
 * each a pitch bin (outside 0 … M−1: ignored) and a probability.
 */
export interface PitchCandidates {
  readonly offsets: Int32Array;
  readonly bins: Int32Array;
  readonly probabilities: Float32Array;
}

export interface PitchHmmPath {
  /** Decoded pitch bin per frame (for unvoiced frames, the remembered one). */
  readonly bins: Int32Array;
  /** 1 where the decoded state is voiced. */
  readonly voiced: Uint8Array;
}

/**
 * Bytes of back-pointers held at once: beyond this, decodePitchHmm keeps checkpoints and
 * recomputes (32 MiB: about 68,000 frames of 244 bins, 13 minutes at pYIN's 11.6-ms hop).
 */
export const PITCH_HMM_BACK_POINTER_BUDGET_BYTES = 32 * 2 ** 20;

/** Frames per checkpointed segment. */
const SEGMENT_FRAMES = 1024;

export function decodePitchHmm(
  candidates: PitchCandidates,
  options: PitchHmmOptions & {
    /** Bytes of back-pointers to hold at once (see the header); default PITCH_HMM_BACK_POINTER_BUDGET_BYTES. */
    readonly backPointerBudgetBytes?: number;
  },
): PitchHmmPath {
  const { bins: m, transitionWidth: width, switchProbability, voicingTrust } = options;
  const budget = options.backPointerBudgetBytes ?? PITCH_HMM_BACK_POINTER_BUDGET_BYTES;
  if (!(Number.isInteger(m) && m >= 1 && 2 * m <= 32767)) {
    throw new RangeError(`decodePitchHmm: bins must be an integer in [1, 16383], got ${m}`);
  }
  if (!(Number.isInteger(width) && width >= 0 && width <= 16383)) {
    throw new RangeError(`decodePitchHmm: transitionWidth must be an integer in [0, 16383], got ${width}`);
  }
  if (!(switchProbability > 0 && switchProbability < 1)) {
    throw new RangeError(`decodePitchHmm: switchProbability must be in (0, 1), got ${switchProbability}`);
  }
  if (!(voicingTrust > 0 && voicingTrust <= 1)) {
    throw new RangeError(`decodePitchHmm: voicingTrust must be in (0, 1], got ${voicingTrust}`);
  }
  if (!(budget >= 0)) throw new RangeError(`decodePitchHmm: backPointerBudgetBytes must be ≥ 0, got ${budget}`);
  const frames = candidates.offsets.length - 1;
  const states = 2 * m;
  if (frames <= 0) return { bins: new Int32Array(0), voiced: new Uint8Array(0) };
  const logStep = new Float64Array(width + 1);
  let stepTotal = 0;
  for (let d = -width; d <= width; d++) stepTotal += width + 1 - Math.abs(d);
  for (let d = 0; d <= width; d++) logStep[d] = Math.log((width + 1 - d) / stepTotal);
  const logStay = Math.log(1 - switchProbability);
  const logSwitch = Math.log(switchProbability);

  const voicedEmission = new Float64Array(m);
  let previous = new Float64Array(states);
  let current = new Float64Array(states);
  // Best source per target voicing after the voicing step: score and state.
  const intoVoiced = new Float64Array(m);
  const intoVoicedFrom = new Int16Array(m);
  const intoUnvoiced = new Float64Array(m);
  const intoUnvoicedFrom = new Int16Array(m);

  // Back-pointers of frames 1 … T−1 in segments of SEGMENT_FRAMES, a ring of `slots` of them.
  const backBytes = width <= 63 ? 1 : 2;
  const segments = Math.ceil((frames - 1) / SEGMENT_FRAMES);
  const slotLength = SEGMENT_FRAMES * states;
  const slots = Math.max(1, Math.min(segments, Math.floor(budget / (slotLength * backBytes))));
  // When every segment fits, segment k simply sits at k·slotLength and nothing is recomputed.
  const backLength = segments <= slots ? (frames - 1) * states : slots * slotLength;
  const back = backBytes === 1 ? new Uint8Array(backLength) : new Uint16Array(backLength);
  // Scores before each segment that will have to be recomputed (those the ring has dropped).
  const recomputed = segments - slots;
  const checkpoints = new Float64Array(Math.max(0, recomputed) * states);

  /** Fills voicedEmission (log, −∞ for empty bins) and returns the unvoiced log emission. */
  function emissions(t: number): number {
    voicedEmission.fill(0);
    let total = 0;
    for (let c = candidates.offsets[t]!; c < candidates.offsets[t + 1]!; c++) {
      const bin = candidates.bins[c]!;
      if (bin < 0 || bin >= m) continue;
      const p = candidates.probabilities[c]!;
      voicedEmission[bin] = voicedEmission[bin]! + p;
      total += p;
    }
    for (let bin = 0; bin < m; bin++) voicedEmission[bin] = Math.log(voicedEmission[bin]! * voicingTrust);
    return Math.log(Math.max(0, 1 - voicingTrust * total) / m);
  }

  /** One Viterbi step into frame t: `previous` → `current` (then swapped), back-pointers at back[row …]. */
  function step(t: number, row: number): void {
    const unvoicedLog = emissions(t);
    for (let i = 0; i < m; i++) {
      const fromVoiced = previous[i]!;
      const fromUnvoiced = previous[m + i]!;
      // Ties go to the voiced (lower-numbered) source, as in viterbi().
      const stayVoiced = fromVoiced + logStay;
      const enterVoiced = fromUnvoiced + logSwitch;
      intoVoiced[i] = stayVoiced >= enterVoiced ? stayVoiced : enterVoiced;
      intoVoicedFrom[i] = stayVoiced >= enterVoiced ? i : m + i;
      const leaveVoiced = fromVoiced + logSwitch;
      const stayUnvoiced = fromUnvoiced + logStay;
      intoUnvoiced[i] = leaveVoiced >= stayUnvoiced ? leaveVoiced : stayUnvoiced;
      intoUnvoicedFrom[i] = leaveVoiced >= stayUnvoiced ? i : m + i;
    }
    let best = Number.NEGATIVE_INFINITY;
    for (let n = 0; n < m; n++) {
      const low = Math.max(0, n - width);
      const high = Math.min(m - 1, n + width);
      const emission = voicedEmission[n]!;
      if (emission === Number.NEGATIVE_INFINITY) {
        current[n] = Number.NEGATIVE_INFINITY;
        back[row + n] = 2 * width; // itself, voiced: never on a path
      } else {
        current[n] = bandMaximum(intoVoiced, intoVoicedFrom, logStep, n, low, high, m, width, back, row + n) + emission;
      }
      current[m + n] =
        bandMaximum(intoUnvoiced, intoUnvoicedFrom, logStep, n, low, high, m, width, back, row + m + n) + unvoicedLog;
      if (current[n]! > best) best = current[n]!;
      if (current[m + n]! > best) best = current[m + n]!;
    }
    // Renormalise so that long inputs keep full precision (the maximiser is unchanged).
    if (Number.isFinite(best)) for (let s = 0; s < states; s++) current[s] = current[s]! - best;
    const swap = previous;
    previous = current;
    current = swap;
  }

  /** Steps through segment k (frames 1 + k·S … ), its back-pointers into its ring slot. */
  function runSegment(k: number): void {
    const first = 1 + k * SEGMENT_FRAMES;
    const end = Math.min(frames, first + SEGMENT_FRAMES);
    const base = (k % slots) * slotLength;
    for (let t = first; t < end; t++) step(t, base + (t - first) * states);
  }

  const logInitial = -Math.log(states);
  const unvoicedLog = emissions(0);
  for (let s = 0; s < m; s++) {
    previous[s] = logInitial + voicedEmission[s]!;
    previous[m + s] = logInitial + unvoicedLog;
  }
  for (let k = 0; k < segments; k++) {
    if (k < recomputed) checkpoints.set(previous, k * states);
    runSegment(k);
  }
  let last = 0;
  for (let s = 1; s < states; s++) if (previous[s]! > previous[last]!) last = s;
  const path = new Int32Array(frames);
  const voiced = new Uint8Array(frames);
  let state = last;
  // Trace back segment by segment; segments the ring dropped are recomputed from their checkpoint.
  for (let k = segments - 1; k >= 0; k--) {
    if (k < recomputed) {
      previous.set(checkpoints.subarray(k * states, (k + 1) * states));
      runSegment(k);
    }
    const first = 1 + k * SEGMENT_FRAMES;
    const base = (k % slots) * slotLength;
    for (let t = Math.min(frames, first + SEGMENT_FRAMES) - 1; t >= first; t--) {
      const bin = state < m ? state : state - m;
      path[t] = bin;
      voiced[t] = state < m ? 1 : 0;
      const code = back[base + (t - first) * states + state]!;
      const source = bin + (code >> 1) - width;
      state = (code & 1) === 0 ? source : m + source;
    }
  }
  path[0] = state < m ? state : state - m;
  voiced[0] = state < m ? 1 : 0;
  return { bins: path, voiced };
}

/**
 * max over source bins i in [low, high] of into[i] + logStep[|i − n|]; writes the winning
 * source to back[slot] as 2·(i − n + width) + (1 if it is unvoiced). Equal scores go to
 * the lower state number.
 */
function bandMaximum(
  into: Float64Array,
  intoFrom: Int16Array,
  logStep: Float64Array,
  n: number,
  low: number,
  high: number,
  m: number,
  width: number,
  back: Uint8Array | Uint16Array,
  slot: number,
): number {
  let best = Number.NEGATIVE_INFINITY;
  let arg = intoFrom[n]!;
  for (let i = low; i <= high; i++) {
    const score = into[i]! + logStep[i > n ? i - n : n - i]!;
    if (score > best || (score === best && intoFrom[i]! < arg)) {
      best = score;
      arg = intoFrom[i]!;
    }
  }
  back[slot] = arg < m ? 2 * (arg - n + width) : 2 * (arg - m - n + width) + 1;
  return best;
}
