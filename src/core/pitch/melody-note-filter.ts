/**
 * False-alarm melody notes: the melody line stays voiced through some accompaniment-only
 * stretches and breaks into short spurious notes around attacks. A logistic model
 * (melody-logistic.ts, weights in melody-models.ts) keeps a note from note-level evidence,
 * in the spirit of Melodia's contour characterisation (length, mean salience, pitch
 * deviation, register decide which pitch contours are melody): the note's length, its mean
 * salience and how often the line is the frame's most salient candidate, its pitch
 * deviation, its register against the other notes, the attack at its start (harmonic rise,
 * onset strength and distance to the nearest onset), its place in the beat grid, and the
 * salience an octave above and below it (octave errors).
 * Reference: J. Salamon & E. Gómez (2012), "Melody extraction from polyphonic music
 *   signals using pitch contour characteristics", IEEE TASLP 20(6), §II-D.
 */
import { gridDistance, harmonicChange, type MelodyEvidence, onsetStrengthNear } from "./melody-evidence.js";
import { type LogisticModel, logisticProbability } from "./melody-logistic.js";
import type { MelodyNote } from "./melody-notes.js";
import type { SalienceCandidates } from "./melody-salience.js";
import type { MelodyLine } from "./track-melody.js";

export const NOTE_FEATURES = [
  "log beats long",
  "log mean salience",
  "share of frames on the top candidate",
  "mean log salience below the top candidate",
  "pitch deviation (semitones)",
  "register against the median note (octaves)",
  "harmonic rise at the start",
  "log onset strength at the start",
  "seconds to the nearest onset",
  "starts a voiced stretch",
  "grid distance (beats)",
  "mean log salience of the octave above over own",
  "mean log salience of the octave below over own",
] as const;

/** Floor of a salience ratio's logarithm (a candidate missing from the frame). */
const MISSING_LOG_RATIO = -4;

function nearestDistance(sorted: readonly number[], seconds: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (sorted[middle]! < seconds) low = middle + 1;
    else high = middle;
  }
  let best = Number.POSITIVE_INFINITY;
  if (low < sorted.length) best = sorted[low]! - seconds;
  if (low > 0) best = Math.min(best, seconds - sorted[low - 1]!);
  return best;
}

/** log(salience of frame t's candidate within a semitone of `midi` / `own`), floored. */
function octaveRatio(candidates: SalienceCandidates, t: number, midi: number, own: number): number {
  const k = candidates.candidatesPerFrame;
  for (let j = 0; j < candidates.counts[t]!; j++) {
    if (Math.abs(candidates.midi[t * k + j]! - midi) <= 1) {
      return Math.max(MISSING_LOG_RATIO, Math.log((candidates.salience[t * k + j]! + 1e-9) / (own + 1e-9)));
    }
  }
  return MISSING_LOG_RATIO;
}

/** Features (NOTE_FEATURES order) of each note. */
export function noteFeatures(
  notes: readonly MelodyNote[],
  line: MelodyLine,
  candidates: SalienceCandidates,
  evidence: MelodyEvidence,
): number[][] {
  const { times, midi, salience } = line;
  const k = candidates.candidatesPerFrame;
  const hop = times.length > 1 ? times[1]! - times[0]! : 1;
  const pitches = notes.map((note) => note.midi).sort((a, b) => a - b);
  const medianPitch = pitches.length > 0 ? pitches[pitches.length >> 1]! : 60;
  return notes.map((note) => {
    // The line's frames whose centres lie in [onset, offset) (at least the nearest one).
    let first = Math.max(0, Math.ceil((note.onset - times[0]!) / hop));
    let last = Math.min(times.length - 1, Math.ceil((note.offset - times[0]!) / hop) - 1);
    if (last < first) {
      first = Math.min(times.length - 1, Math.max(0, Math.round((note.onset - times[0]!) / hop)));
      last = first;
    }
    let voiced = 0;
    let logSalience = 0;
    let onTop = 0;
    let belowTop = 0;
    let deviation = 0;
    let octaveAbove = 0;
    let octaveBelow = 0;
    for (let t = first; t <= last; t++) {
      const p = midi[t]!;
      if (Number.isNaN(p)) continue;
      voiced++;
      logSalience += Math.log(salience[t]! + 1e-3);
      deviation += (p - note.midi) ** 2;
      const top = candidates.salience[t * k]!;
      let own = top;
      for (let j = 0; j < candidates.counts[t]!; j++) {
        if (Math.abs(candidates.midi[t * k + j]! - p) < 1e-3) {
          own = candidates.salience[t * k + j]!;
          if (j === 0) onTop++;
          break;
        }
      }
      belowTop += Math.log((own + 1e-9) / (top + 1e-9));
      octaveAbove += octaveRatio(candidates, t, p + 12, own);
      octaveBelow += octaveRatio(candidates, t, p - 12, own);
    }
    const n = Math.max(1, voiced);
    const change = harmonicChange(evidence, note.midi, note.onset);
    const startFrame = Math.round((note.onset - times[0]!) / hop);
    const startsStretch = startFrame <= 0 || Number.isNaN(midi[Math.min(times.length - 1, startFrame - 1)]!) ? 1 : 0;
    const grid = gridDistance(evidence.beats, note.onset);
    return [
      // In beats, not seconds: a short note is common at a fast tempo, rare at a slow one.
      Math.log((note.offset - note.onset) / grid.beatSeconds),
      logSalience / n,
      onTop / n,
      belowTop / n,
      Math.sqrt(deviation / n),
      (note.midi - medianPitch) / 12,
      change.rise,
      Math.log(0.01 + onsetStrengthNear(evidence, note.onset)),
      Math.min(0.2, nearestDistance(evidence.onsets, note.onset)),
      startsStretch,
      grid.beats,
      octaveAbove / n,
      octaveBelow / n,
    ];
  });
}

/** The notes the model keeps. */
export function filterMelodyNotes(
  notes: readonly MelodyNote[],
  line: MelodyLine,
  candidates: SalienceCandidates,
  evidence: MelodyEvidence,
  model: LogisticModel,
): MelodyNote[] {
  const features = noteFeatures(notes, line, candidates, evidence);
  return notes.filter((_, i) => logisticProbability(model, features[i]!) > model.threshold);
}
