/**
 * Steps 3 and 4 of the note segmenter (segment-notes.ts), on the segments of one voiced
 * run produced by the stability walk:
 *  3. A segment is moving when its pitch changes by more than the band from its first to
 *     its last frame and at least 70 % of its frame-to-frame steps go that way (vibrato
 *     and noise step both ways; a scoop followed by a held pitch is mostly flat steps).
 *     Adjacent moving segments in one direction merge; a merged run that moves by more
 *     than `glideMinCents` is a glide, otherwise it is treated as stable. Frames at the
 *     edge of a stable segment, next to a glide and outside the stable segment's band
 *     around its median, move into the glide (the walk starts a note a little early at
 *     the end of a glide).
 *  4. Stable segments shorter than `minNoteSeconds` join an adjacent glide, else the
 *     adjacent segment with the nearer median pitch; alone in their run they are dropped.
 *     Stable segments up to `octaveAttackSeconds` long lying an octave from the note that
 *     follows them (after at most `maxBridgeSeconds` of silence) join it (octave errors in attacks).
 * Reference: Mauch et al. (2015), TENOR (notes vs pitch trajectories in Tony).
 */
import type { SegmentNotesOptions } from "./segment-notes.js";

/** Frames [first, end) of the track forming one note. */
export interface FrameSegment {
  first: number;
  end: number;
  kind: "stable" | "glide";
  /** First frame of the note's own pitch when an attack error was merged in front of it. */
  pitchFrom?: number;
}

const MONOTONIC_SHARE = 0.7;

/** Refined segments of one voiced run, in order. */
export function refineSegments(
  pitch: Float64Array,
  segments: readonly FrameSegment[],
  settings: SegmentNotesOptions,
  hop: number,
): FrameSegment[] {
  const band = settings.bandCents / 100;
  // Step 3: merge same-direction moving segments, label glides.
  const merged: (FrameSegment & { direction: number })[] = [];
  for (const segment of segments) {
    const direction = movingDirection(pitch, segment.first, segment.end, band);
    const last = merged[merged.length - 1];
    if (last !== undefined && direction !== 0 && last.direction === direction && last.end === segment.first) {
      last.end = segment.end;
    } else {
      merged.push({ ...segment, direction });
    }
  }
  const labelled: FrameSegment[] = merged.map(({ first, end, direction }) => {
    const change = Math.abs(edgeValue(pitch, first, end, false) - edgeValue(pitch, first, end, true));
    const glide = direction !== 0 && 100 * change > settings.glideMinCents;
    return { first, end, kind: glide ? "glide" : "stable" };
  });
  handOffGlideEdges(pitch, labelled, band);
  // Step 4: short stable segments join a neighbour or vanish.
  const minFrames = Math.max(1, Math.round(settings.minNoteSeconds / hop));
  const result = labelled.filter((segment) => segment.end > segment.first);
  for (let i = 0; i < result.length; ) {
    const segment = result[i]!;
    if (segment.kind === "glide" || segment.end - segment.first >= minFrames) {
      i++;
      continue;
    }
    const previous = result[i - 1];
    const next = result[i + 1];
    const target = chooseNeighbour(pitch, segment, previous, next);
    if (target === previous && previous !== undefined) previous.end = segment.end;
    else if (target === next && next !== undefined) next.first = segment.first;
    result.splice(i, 1);
    if (target === previous) i = Math.max(0, i - 1);
  }
  return result;
}

/**
 * Step 4b, over all runs: a short stable segment an octave (±band) from the stable
 * segment after it (no gap, or an unvoiced gap of at most maxGapFrames) is an octave error in that note's attack (the tracker locks onto a subharmonic or
 * the attack's partials before the period settles): it joins that note.
 */
export function mergeOctaveAttacks(
  pitch: Float64Array,
  segments: FrameSegment[],
  limits: { readonly maxFrames: number; readonly maxGapFrames: number; readonly band: number },
): void {
  const { maxFrames, maxGapFrames, band } = limits;
  for (let i = segments.length - 2; i >= 0; i--) {
    const segment = segments[i]!;
    const next = segments[i + 1]!;
    if (segment.kind !== "stable" || next.kind !== "stable" || next.first - segment.end > maxGapFrames) continue;
    if (segment.end - segment.first > maxFrames) continue;
    const interval = Math.abs(median(pitch, next.first, next.end) - median(pitch, segment.first, segment.end));
    if (Math.abs(interval - 12) <= band) {
      next.pitchFrom ??= next.first;
      next.first = segment.first;
      segments.splice(i, 1);
    }
  }
}

/** +1 or −1 when [first, end) moves monotonically by more than the band, else 0. */
function movingDirection(pitch: Float64Array, first: number, end: number, band: number): number {
  const change = edgeValue(pitch, first, end, true) - edgeValue(pitch, first, end, false);
  if (!(Math.abs(change) > band)) return 0;
  const direction = Math.sign(change);
  let steps = 0;
  let along = 0;
  let previous = Number.NaN;
  for (let t = first; t < end; t++) {
    const value = pitch[t]!;
    if (Number.isNaN(value)) continue;
    if (!Number.isNaN(previous)) {
      steps++;
      if ((value - previous) * direction > 0) along++;
    }
    previous = value;
  }
  return steps > 0 && along >= MONOTONIC_SHARE * steps ? direction : 0;
}

/** First (fromEnd = false) or last finite pitch of [first, end). */
function edgeValue(pitch: Float64Array, first: number, end: number, fromEnd: boolean): number {
  if (fromEnd) {
    for (let t = end - 1; t >= first; t--) if (!Number.isNaN(pitch[t]!)) return pitch[t]!;
  } else {
    for (let t = first; t < end; t++) if (!Number.isNaN(pitch[t]!)) return pitch[t]!;
  }
  return Number.NaN;
}

/** Moves off-band edge frames of stable segments into the adjacent glide. */
function handOffGlideEdges(pitch: Float64Array, segments: FrameSegment[], band: number): void {
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i]!;
    if (segment.kind !== "stable") continue;
    const centre = median(pitch, segment.first, segment.end);
    const previous = segments[i - 1];
    if (previous?.kind === "glide") {
      while (segment.end - segment.first > 1 && !(Math.abs(pitch[segment.first]! - centre) <= band)) {
        segment.first++;
        previous.end = segment.first;
      }
    }
    const next = segments[i + 1];
    if (next?.kind === "glide") {
      while (segment.end - segment.first > 1 && !(Math.abs(pitch[segment.end - 1]! - centre) <= band)) {
        segment.end--;
        next.first = segment.end;
      }
    }
  }
}

/** The neighbour a short segment joins: a glide first, else the nearer median pitch. */
function chooseNeighbour(
  pitch: Float64Array,
  segment: FrameSegment,
  previous: FrameSegment | undefined,
  next: FrameSegment | undefined,
): FrameSegment | undefined {
  const adjacentPrevious = previous !== undefined && previous.end === segment.first ? previous : undefined;
  const adjacentNext = next !== undefined && next.first === segment.end ? next : undefined;
  if (adjacentPrevious?.kind === "glide") return adjacentPrevious;
  if (adjacentNext?.kind === "glide") return adjacentNext;
  if (adjacentPrevious === undefined || adjacentNext === undefined) return adjacentPrevious ?? adjacentNext;
  const own = median(pitch, segment.first, segment.end);
  const toPrevious = Math.abs(median(pitch, adjacentPrevious.first, adjacentPrevious.end) - own);
  const toNext = Math.abs(median(pitch, adjacentNext.first, adjacentNext.end) - own);
  return toPrevious <= toNext ? adjacentPrevious : adjacentNext;
}

/** Median of the finite values in pitch[from, to); NaN when there are none. */
export function median(pitch: Float64Array, from: number, to: number): number {
  const values: number[] = [];
  for (let t = from; t < to; t++) if (!Number.isNaN(pitch[t]!)) values.push(pitch[t]!);
  if (values.length === 0) return Number.NaN;
  values.sort((a, b) => a - b);
  const middle = values.length >> 1;
  return values.length % 2 === 1 ? values[middle]! : (values[middle - 1]! + values[middle]!) / 2;
}
