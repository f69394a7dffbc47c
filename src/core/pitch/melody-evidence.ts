/**
 * Short-frame evidence about the melody's notes, read at the pitch the melody line found:
 * the rhythm pass's log-filtered bands (~12 ms hop, 24 bands per octave, log10(1 + λ·x)),
 * its onset detection function, the detected onsets and the beats. The salience frames
 * (~93 ms) smear a re-articulated note into one; the short bands at the note's harmonics
 * show its new attack (a rise after a dip), which a broadband onset detector cannot tell
 * from a drum hit or a chord change.
 * Reference: S. Böck & G. Widmer (2013), "Maximum filter vibrato suppression for onset
 *   detection", DAFx-13 (log-filtered bands and their positive differences, here taken only
 *   at the harmonics of one pitch).
 */

export interface MelodyEvidence {
  /** Log-compressed band magnitudes, frame-major: frames × bandCount. */
  readonly bands: Float32Array;
  readonly bandCount: number;
  /** Fractional MIDI pitch of each band's centre, ascending. */
  readonly bandMidi: Float32Array;
  /** Frames per second of the bands and the onset envelope. */
  readonly frameRate: number;
  /** Seconds of frame 0's centre. */
  readonly firstFrameSeconds: number;
  /** Onset detection function on the bands' frames, ≥ 0 (its parts divided by their robust scales). */
  readonly onsetEnvelope: Float32Array;
  /** Detected onsets, seconds, ascending. */
  readonly onsets: readonly number[];
  /** Beat times, seconds, ascending (empty when no pulse was found). */
  readonly beats: readonly number[];
}

/** Harmonics of the melody pitch whose bands are read. */
const HARMONICS = 4;
/** Frames averaged before a time (the level the attack rises from). */
const BEFORE_FRAMES = 3;
/** Frames after a time within which the attack's peak is taken. */
const AFTER_FRAMES = 3;

/** Frames of the evidence (rows of `bands`). */
export function evidenceFrames(evidence: MelodyEvidence): number {
  return evidence.bandCount > 0 ? Math.floor(evidence.bands.length / evidence.bandCount) : 0;
}

/** Index of the frame nearest to `seconds`, clamped to the frames. */
export function evidenceFrameAt(evidence: MelodyEvidence, seconds: number): number {
  const frames = evidenceFrames(evidence);
  const index = Math.round((seconds - evidence.firstFrameSeconds) * evidence.frameRate);
  return Math.min(Math.max(0, index), Math.max(0, frames - 1));
}

/** Index of the band whose centre lies nearest to `midi` (-1 outside the bands by > 1 semitone). */
export function bandNearest(evidence: MelodyEvidence, midi: number): number {
  const pitches = evidence.bandMidi;
  let low = 0;
  let high = pitches.length - 1;
  if (high < 0 || midi < pitches[0]! - 1 || midi > pitches[high]! + 1) return -1;
  while (high - low > 1) {
    const middle = (low + high) >> 1;
    if (pitches[middle]! <= midi) low = middle;
    else high = middle;
  }
  return Math.abs(pitches[low]! - midi) <= Math.abs(pitches[high]! - midi) ? low : high;
}

/** The harmonic bands' rise and dip at one time: the pieces of a re-articulation. */
export interface HarmonicChange {
  /** Mean over the harmonics of (peak of the next frames − mean of the previous frames), log10 units. */
  readonly rise: number;
  /** Mean over the harmonics of (mean of the previous frames − mean of the frames 60–120 ms before), log10 units. */
  readonly dip: number;
  /** Mean positive rise over all bands (a drum hit or chord change rises everywhere). */
  readonly broadRise: number;
}

function meanOf(evidence: MelodyEvidence, band: number, from: number, to: number): number {
  const frames = evidenceFrames(evidence);
  let sum = 0;
  let count = 0;
  for (let t = Math.max(0, from); t <= Math.min(frames - 1, to); t++) {
    sum += evidence.bands[t * evidence.bandCount + band]!;
    count++;
  }
  return count > 0 ? sum / count : 0;
}

function maxOf(evidence: MelodyEvidence, band: number, from: number, to: number): number {
  const frames = evidenceFrames(evidence);
  let best = 0;
  for (let t = Math.max(0, from); t <= Math.min(frames - 1, to); t++) {
    best = Math.max(best, evidence.bands[t * evidence.bandCount + band]!);
  }
  return best;
}

/** How the bands at the harmonics of `midi` change around `seconds`. */
export function harmonicChange(evidence: MelodyEvidence, midi: number, seconds: number): HarmonicChange {
  const u = evidenceFrameAt(evidence, seconds);
  const farFrom = u - Math.round(0.12 * evidence.frameRate);
  const farTo = u - Math.round(0.06 * evidence.frameRate);
  let rise = 0;
  let dip = 0;
  let counted = 0;
  for (let h = 1; h <= HARMONICS; h++) {
    const band = bandNearest(evidence, midi + 12 * Math.log2(h));
    if (band < 0) continue;
    const before = meanOf(evidence, band, u - BEFORE_FRAMES, u - 1);
    rise += maxOf(evidence, band, u, u + AFTER_FRAMES) - before;
    dip += meanOf(evidence, band, farFrom, farTo) - before;
    counted++;
  }
  let broadRise = 0;
  for (let b = 0; b < evidence.bandCount; b++) {
    broadRise += Math.max(0, maxOf(evidence, b, u, u + AFTER_FRAMES) - meanOf(evidence, b, u - BEFORE_FRAMES, u - 1));
  }
  return {
    rise: counted > 0 ? rise / counted : 0,
    dip: counted > 0 ? dip / counted : 0,
    broadRise: evidence.bandCount > 0 ? broadRise / evidence.bandCount : 0,
  };
}

/** Frames over which the harmonic bands' activity is summed from a time on. */
const ACTIVITY_FRAMES = 5;

/** Sum of |frame-to-frame change| of `band` over frames from … to (each against the frame before). */
function activityOf(evidence: MelodyEvidence, band: number, from: number, to: number): number {
  const frames = evidenceFrames(evidence);
  const { bands, bandCount } = evidence;
  let sum = 0;
  for (let t = Math.max(1, from); t <= Math.min(frames - 1, to); t++) {
    sum += Math.abs(bands[t * bandCount + band]! - bands[(t - 1) * bandCount + band]!);
  }
  return sum;
}

/**
 * Mean over the first harmonics of `midi` of the bands' summed |change| over ACTIVITY_FRAMES
 * frames from `seconds` on (`harmonic`), the same between those harmonics (`between`: a drum
 * hit or chord change moves both), and the mean of that per-frame activity at the harmonics
 * over `fromSeconds … toSeconds` (`steady`, times ACTIVITY_FRAMES: the note's usual level),
 * the same between the harmonics (`betweenSteady`), the larger activity of the ACTIVITY_FRAMES
 * frames just before and just after (`around`), and log(activity / usual) of the
 * fundamental's band alone (`fundamental`).
 * A re-struck note moves its own harmonics: the attack rises, or the old note's cut dips.
 */
export function harmonicActivity(
  evidence: MelodyEvidence,
  midi: number,
  seconds: number,
  fromSeconds: number,
  toSeconds: number,
): { harmonic: number; between: number; steady: number; betweenSteady: number; around: number; fundamental: number } {
  const u = evidenceFrameAt(evidence, seconds);
  const from = evidenceFrameAt(evidence, fromSeconds);
  const to = evidenceFrameAt(evidence, toSeconds);
  let harmonic = 0;
  let between = 0;
  let steady = 0;
  let before = 0;
  let after = 0;
  let betweenSteady = 0;
  let fundamental = 0;
  let counted = 0;
  let countedBetween = 0;
  for (let h = 1; h <= HARMONICS; h++) {
    const band = bandNearest(evidence, midi + 12 * Math.log2(h));
    if (band < 0) continue;
    const own = activityOf(evidence, band, u, u + ACTIVITY_FRAMES - 1);
    harmonic += own;
    before += activityOf(evidence, band, u - ACTIVITY_FRAMES, u - 1);
    after += activityOf(evidence, band, u + ACTIVITY_FRAMES, u + 2 * ACTIVITY_FRAMES - 1);
    const usual = (activityOf(evidence, band, from, to) / Math.max(1, to - from + 1)) * ACTIVITY_FRAMES;
    steady += usual;
    if (h === 1) fundamental = Math.log((own + 0.01) / (usual + 0.01));
    counted++;
    const middle = bandNearest(evidence, midi + 12 * Math.log2(h + 0.5));
    if (middle < 0 || middle === band) continue;
    between += activityOf(evidence, middle, u, u + ACTIVITY_FRAMES - 1);
    betweenSteady += (activityOf(evidence, middle, from, to) / Math.max(1, to - from + 1)) * ACTIVITY_FRAMES;
    countedBetween++;
  }
  return {
    harmonic: counted > 0 ? harmonic / counted : 0,
    between: countedBetween > 0 ? between / countedBetween : 0,
    betweenSteady: countedBetween > 0 ? betweenSteady / countedBetween : 0,
    fundamental,
    steady: counted > 0 ? steady / counted : 0,
    around: counted > 0 ? Math.max(before, after) / counted : 0,
  };
}

/** Largest onset-envelope value within ±`radiusSeconds` of `seconds`. */
export function onsetStrengthNear(evidence: MelodyEvidence, seconds: number, radiusSeconds = 0.025): number {
  const u = evidenceFrameAt(evidence, seconds);
  const radius = Math.round(radiusSeconds * evidence.frameRate);
  let best = 0;
  for (let t = Math.max(0, u - radius); t <= Math.min(evidence.onsetEnvelope.length - 1, u + radius); t++) {
    best = Math.max(best, evidence.onsetEnvelope[t]!);
  }
  return best;
}

/**
 * Distance (in beats, 0 … 0.125) from `seconds` to the nearest sixteenth of the beat grid,
 * and the local beat length in seconds; NaN for both without two beats around.
 */
export function gridDistance(beats: readonly number[], seconds: number): { beats: number; beatSeconds: number } {
  if (beats.length < 2) return { beats: Number.NaN, beatSeconds: Number.NaN };
  let low = 0;
  let high = beats.length - 1;
  while (high - low > 1) {
    const middle = (low + high) >> 1;
    if (beats[middle]! <= seconds) low = middle;
    else high = middle;
  }
  const beatSeconds = beats[high]! - beats[low]!;
  if (!(beatSeconds > 0)) return { beats: Number.NaN, beatSeconds: Number.NaN };
  const phase = (seconds - beats[low]!) / beatSeconds;
  const quarters = phase * 4;
  return { beats: Math.abs(quarters - Math.round(quarters)) / 4, beatSeconds };
}
