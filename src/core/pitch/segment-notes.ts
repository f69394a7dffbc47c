/**
 * Note segmentation of an f0 contour (a pYIN PitchTrack) into stable notes and glides,
 * by pitch stability (the approach of McNab et al. 1996, simpler than the HMM note
 * tracker of pYIN/Tony), with Tony's notion of a note: a voiced stretch of roughly
 * constant pitch with a minimum duration (Tony's tracker prunes short notes; here 60 ms).
 * Steps, per frame of the track (MIDI pitch p = 69 + 12·log2(f0/440), unvoiced = NaN):
 *  1. Voiced runs: maximal runs of voiced frames; runs separated by a gap of at most
 *     `maxBridgeSeconds` whose pitches agree within the band are joined (a dropout, not
 *     a new note). A longer gap always starts a new note: that is the voicing onset.
 *  2. Stability walk (pitch onsets): inside a run, a segment holds the running median m
 *     of its frames. A frame departs when |p − m| > `bandCents`; when consecutive frames
 *     depart on the same side for at least `minDepartureSeconds`, a new segment starts
 *     at the first of them. The walk runs on the contour median-filtered over
 *     `smoothingSeconds` (about a vibrato period): the filter keeps steps and monotonic
 *     glides in place but flattens vibrato, which then stays inside one note.
 *  3. Glides: runs of adjacent segments that each move monotonically in one direction
 *     (segment-notes-refine.ts) and together by more than `glideMinCents` are glides.
 *     Frames at the edges of a stable note that lie outside its band and next to a
 *     glide are handed to the glide.
 *  4. Minimum duration: stable segments shorter than `minNoteSeconds` join the adjacent
 *     segment (glide, else the nearer pitch) of their run, or are dropped when alone.
 *     Last, over all runs, notes under `octaveAttackSeconds` lying an octave from the
 *     next note (at most `maxBridgeSeconds` later) join it: octave errors in attacks
 *     (on the melody-only evaluation, one song's onset F went from 0.51 to 0.89).
 *  5. Level onsets (optional, segment-notes-onsets.ts): stable notes split where the
 *     signal level rises sharply, for repeated notes of one pitch.
 *  6. Boundaries after a stable note move back to the least voiced frame within
 *     `boundarySearchSeconds` (pYIN's voicing dip at a note change; on the melody-only
 *     evaluation pitch-change onsets were otherwise a median 21 ms late). Defaults of
 *     steps 5 and 6 were chosen on that evaluation (eval/pitch/notes.ts).
 * Output times are frame times: a note spans [times[first], times[last] + hop).
 * References: R. J. McNab, L. A. Smith, I. H. Witten, C. L. Henderson & S. J. Cunningham
 *   (1996), "Towards the digital music library: tune retrieval from acoustic input",
 *   ACM DL; M. Mauch, C. Cannam, R. Bittner, G. Fazekas, J. Salamon, J. Dai, J. Bello &
 *   S. Dixon (2015), "Computer-aided melody note transcription using the Tony software:
 *   accuracy and efficiency", TENOR 2015.
 */
import type { Seconds } from "../types.js";
import type { PitchTrack } from "./pyin.js";
import { levelOnsets } from "./segment-notes-onsets.js";
import { type FrameSegment, median, mergeOctaveAttacks, refineSegments } from "./segment-notes-refine.js";
import { medianFilter, voicedRuns, walkStability } from "./segment-notes-walk.js";

export interface SegmentNotesOptions {
  /** Cents: half-width of the stability band around a note's running median; > 0. */
  readonly bandCents: number;
  /** Seconds a departure from the band must last to start a new note; ≥ 0. */
  readonly minDepartureSeconds: Seconds;
  /** Seconds: shortest stable note kept; ≥ 0. */
  readonly minNoteSeconds: Seconds;
  /** Seconds: longest unvoiced gap bridged when the pitch on both sides agrees; ≥ 0. */
  readonly maxBridgeSeconds: Seconds;
  /** Cents a segment must move monotonically to be a glide; > 0. */
  readonly glideMinCents: number;
  /**
   * Seconds: width of the centred median filter applied to the contour before the walk,
   * about one vibrato period, so vibrato does not split notes (a median filter keeps
   * steps and monotonic glides); notes shorter than half of it vanish. ≥ 0.
   */
  readonly smoothingSeconds: Seconds;
  /** dB: level rise that splits a stable note (with `levelsDb` given); > 0. */
  readonly onsetRiseDb: number;
  /** Seconds over which the rise is measured; > 0. */
  readonly onsetSpanSeconds: Seconds;
  /**
   * Seconds before a note-to-note boundary searched for the least voiced frame, where
   * the boundary then moves (pYIN's voicing probability dips while the analysis window
   * holds both periods, and the pitch switches late); ≥ 0, 0 disables.
   */
  readonly boundarySearchSeconds: Seconds;
  /** Seconds: longest stable note an octave from its successor that is merged into it as an attack error; ≥ 0. */
  readonly octaveAttackSeconds: Seconds;
}

export const SEGMENT_NOTES_DEFAULTS: SegmentNotesOptions = {
  bandCents: 50,
  minDepartureSeconds: 0.05,
  minNoteSeconds: 0.06,
  maxBridgeSeconds: 0.03,
  glideMinCents: 100,
  smoothingSeconds: 0.15,
  onsetRiseDb: 12,
  onsetSpanSeconds: 0.05,
  boundarySearchSeconds: 0.06,
  octaveAttackSeconds: 0.2,
};

/** A glide's pitch curve: frame times and cents relative to the note's `midi`. */
export interface PitchCurve {
  readonly times: Float64Array;
  readonly cents: Float32Array;
}

export interface TranscribedPitchNote {
  /** Seconds: first frame's time. */
  readonly start: Seconds;
  /** Seconds: last frame's time plus one hop. */
  readonly end: Seconds;
  /** Median pitch as a fractional MIDI number. */
  readonly midi: number;
  /** Cents of `midi` from the nearest equal-tempered semitone, in [−50, 50]. */
  readonly centsDeviation: number;
  readonly kind: "stable" | "glide";
  /** Glides only: the pitch trajectory. */
  readonly curve?: PitchCurve;
  /** Mean voiced probability × share of frames within the band (stable) or 1 (glide), in [0, 1]. */
  readonly confidence: number;
  /** Frame index range [firstFrame, endFrame) in the track. */
  readonly firstFrame: number;
  readonly endFrame: number;
}

/** Checks and completes the options; throws RangeError for values outside their ranges. */
export function resolveSegmentNotesOptions(options: Partial<SegmentNotesOptions> = {}): SegmentNotesOptions {
  const resolved = { ...SEGMENT_NOTES_DEFAULTS, ...options };
  for (const key of ["bandCents", "glideMinCents", "onsetRiseDb", "onsetSpanSeconds"] as const) {
    if (!(resolved[key] > 0)) throw new RangeError(`segmentNotes: ${key} must be > 0, got ${resolved[key]}`);
  }
  for (const key of [
    "minDepartureSeconds",
    "minNoteSeconds",
    "maxBridgeSeconds",
    "smoothingSeconds",
    "boundarySearchSeconds",
  ] as const) {
    if (!(resolved[key] >= 0)) throw new RangeError(`segmentNotes: ${key} must be ≥ 0, got ${resolved[key]}`);
  }
  return resolved;
}

/**
 * Notes of a pitch track, in time order. `levelsDb` (optional, one level per frame, e.g.
 * from frameLevelsDb) adds level onsets: stable notes split at re-attacks.
 */
export function segmentNotes(
  track: PitchTrack,
  options: Partial<SegmentNotesOptions> = {},
  levelsDb?: Float32Array,
): TranscribedPitchNote[] {
  const settings = resolveSegmentNotesOptions(options);
  const frames = track.times.length;
  if (frames === 0) return [];
  const hop = frames > 1 ? (track.times[frames - 1]! - track.times[0]!) / (frames - 1) : 0.01;
  const pitch = new Float64Array(frames);
  for (let t = 0; t < frames; t++) {
    const hz = track.f0Hz[t]!;
    pitch[t] = track.voiced[t] === 1 && hz > 0 ? 69 + 12 * Math.log2(hz / 440) : Number.NaN;
  }
  if (levelsDb !== undefined && levelsDb.length !== frames) {
    throw new RangeError(`segmentNotes: levelsDb must have one value per frame (${frames}), got ${levelsDb.length}`);
  }
  const onsets =
    levelsDb === undefined
      ? []
      : levelOnsets(levelsDb, settings.onsetRiseDb, Math.max(1, Math.round(settings.onsetSpanSeconds / hop)));
  const minFrames = Math.max(1, Math.round(settings.minNoteSeconds / hop));
  const band = settings.bandCents / 100;
  const smoothed = new Float64Array(frames).fill(Number.NaN);
  const segments: FrameSegment[] = [];
  for (const [first, end] of voicedRuns(pitch, Math.round(settings.maxBridgeSeconds / hop), band)) {
    medianFilter(pitch, first, end, Math.floor(settings.smoothingSeconds / hop / 2), smoothed);
    const departureFrames = Math.max(1, Math.ceil(settings.minDepartureSeconds / hop));
    const runSegments = walkStability(smoothed, first, end, band, departureFrames);
    const refined = splitAtOnsets(refineSegments(smoothed, runSegments, settings, hop), onsets, minFrames);
    settleBoundaries(refined, track.voicedProbability, Math.round(settings.boundarySearchSeconds / hop));
    segments.push(...refined);
  }
  mergeOctaveAttacks(smoothed, segments, {
    maxFrames: Math.round(settings.octaveAttackSeconds / hop),
    maxGapFrames: Math.round(settings.maxBridgeSeconds / hop),
    band,
  });
  return segments.map((segment) => toNote(track, pitch, segment, hop, band));
}

/** Moves each boundary after a stable segment back to the least voiced of the searchFrames frames before it. */
function settleBoundaries(segments: FrameSegment[], voicedProbability: Float32Array, searchFrames: number): void {
  for (let i = 1; i < segments.length; i++) {
    const previous = segments[i - 1]!;
    const segment = segments[i]!;
    if (previous.kind !== "stable" || previous.end !== segment.first) continue;
    let best = segment.first;
    for (let t = segment.first - 1; t >= Math.max(previous.first + 1, segment.first - searchFrames); t--) {
      if (voicedProbability[t]! < voicedProbability[best]!) best = t;
    }
    previous.end = best;
    segment.first = best;
  }
}

/** Stable segments cut at level onsets that leave both parts at least minFrames long. */
function splitAtOnsets(segments: FrameSegment[], onsets: readonly number[], minFrames: number): FrameSegment[] {
  if (onsets.length === 0) return segments;
  const result: FrameSegment[] = [];
  for (const segment of segments) {
    let first = segment.first;
    if (segment.kind === "stable") {
      for (const onset of onsets) {
        if (onset - first >= minFrames && segment.end - onset >= minFrames) {
          result.push({ first, end: onset, kind: "stable" });
          first = onset;
        }
      }
    }
    result.push({ first, end: segment.end, kind: segment.kind });
  }
  return result;
}

function toNote(
  track: PitchTrack,
  pitch: Float64Array,
  segment: FrameSegment,
  hop: number,
  band: number,
): TranscribedPitchNote {
  const { first, end, kind } = segment;
  const pitchFrom = segment.pitchFrom ?? first;
  const midi = median(pitch, pitchFrom, end);
  let probability = 0;
  let voicedFrames = 0;
  let inBand = 0;
  for (let t = pitchFrom; t < end; t++) {
    if (Number.isNaN(pitch[t]!)) continue;
    voicedFrames++;
    probability += track.voicedProbability[t]!;
    if (Math.abs(pitch[t]! - midi) <= band) inBand++;
  }
  const stability = kind === "glide" ? 1 : inBand / voicedFrames;
  const note: TranscribedPitchNote = {
    start: track.times[first]!,
    end: track.times[end - 1]! + hop,
    midi,
    centsDeviation: 100 * (midi - Math.round(midi)),
    kind,
    confidence: Math.min(1, Math.max(0, (probability / voicedFrames) * stability)),
    firstFrame: first,
    endFrame: end,
  };
  if (kind === "stable") return note;
  const times = track.times.slice(first, end);
  const cents = new Float32Array(end - first);
  for (let t = first; t < end; t++) cents[t - first] = 100 * (pitch[t]! - midi);
  return { ...note, curve: { times, cents } };
}
