/**
 * Chord recognition on a beat grid, shared by the chords analysis (on the rhythm analysis's
 * final grid) and the rhythm analysis (whose harmonic-rhythm check reads the chords of the
 * grid it is about to report): the bass/treble chroma aggregated per beat, metrical
 * positions from the downbeats, then the HMM of core/tonal/chords. The recognition for the
 * reported grid is memoised under `chords:recognition`, so it is computed once.
 */
import { type BassTrebleChroma, bassTrebleChroma } from "../../core/tonal/chords/bass-treble-chroma.js";
import { chordGrid } from "../../core/tonal/chords/chord-grid.js";
import { metricalPositions } from "../../core/tonal/chords/metrical-positions.js";
import { type ChordRecognition, recognizeChords } from "../../core/tonal/chords/recognize-chords.js";
import { stepChroma } from "../../core/tonal/chords/step-chroma.js";
import type { AnalysisContext } from "../analysis-context.js";
import { tonalPeaksOf, tuningOf } from "../representations/chroma.js";

/** The beat grid chords are recognised on (the rhythm analysis's fields of the same names). */
export interface ChordBeatGrid {
  readonly beats: readonly number[];
  readonly downbeats: readonly number[];
  readonly beatsPerBar: number | null;
}

/** Bass and treble chroma of the track, memoised. */
export function bassTrebleChromaOf(context: AnalysisContext): BassTrebleChroma {
  return context.memo("chroma:bass-treble", () =>
    bassTrebleChroma(tonalPeaksOf(context), { referenceHz: tuningOf(context).referenceHz }),
  );
}

/** Chords on the steps between the grid's beats (and before the first and after the last). */
export function recognizeChordsOnBeats(context: AnalysisContext, grid: ChordBeatGrid): ChordRecognition {
  const chroma = bassTrebleChromaOf(context);
  const boundaries = chordGrid(grid.beats, context.durationSeconds);
  const steps = Math.max(0, boundaries.length - 1);
  const { treble, bass } = stepChroma(chroma, boundaries);
  const stepsPerBar = grid.beatsPerBar;
  const positions = metricalPositions(boundaries, grid.downbeats, stepsPerBar);
  return recognizeChords({ steps, treble, bass, metricalPositions: positions, stepsPerBar }, boundaries);
}

/** Hands the recognition of the grid the rhythm analysis reports to the chords analysis. */
export function primeChordRecognition(context: AnalysisContext, recognition: ChordRecognition): void {
  context.memo("chords:recognition", () => recognition);
}

/** The chord recognition of the grid the rhythm analysis reports, memoised (`rhythmGrid` computes it). */
export function chordRecognitionOf(context: AnalysisContext, rhythmGrid: () => ChordBeatGrid): ChordRecognition {
  return context.memo("chords:recognition", () => recognizeChordsOnBeats(context, rhythmGrid()));
}
