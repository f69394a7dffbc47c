/**
 * Meter (beats per bar) and downbeats from beat-synchronous cues. At each beat i two cues
 * are measured: low-frequency onset strength (bass notes and kick drums favour the bar's
 * first beat) and harmonic change (distance between the mean log-spectra of the beat
 * before and the beat after; chords change on bar lines). Each cue is standardised over
 * the song and the two are added. For every meter m and phase φ, the score is the mean
 * cue at beats i ≡ φ (mod m) minus the mean at the others; the best (m, φ) gives the
 * meter and the downbeats (constant meter over the song). Given the chroma between the
 * beats, a third cue, the chroma change at each beat, adds its contrast on the half-bar
 * grid for even meters (chords change on half bars nearly as often as on bar lines, so
 * this cue tells 3 from 4 and on-beat from off-beat pairs, and leaves the bar line to
 * the bass) and on the bar grid for odd ones.
 * Bars of 2 (2/4, 6/8): many 4-beat bars change chords every 2 beats too, so a best meter
 * of 4 becomes 2 only when its two half bars are alike: the mean difference of the summed
 * cues between the bar line and the beat 2 later, divided by the half-bar contrast
 * (bar-line pairs against the beats between), is below `splitBelow`. Off by default: in
 * rendered 4/4 pop it falls to 0.01 (two-bar riffs, beats at half tempo), below 2/4
 * marches (0.3), so only callers that already know the bar is short (compound meters,
 * where 12/8 is rarer than 6/8) should enable it.
 * Reference: Goto (2001), "An audio-based real-time beat tracking system for music with
 *   or without drum-sounds", JNMR 30(2) (chord changes mark bars); Klapuri, Eronen &
 *   Astola (2006), IEEE TASLP 14(1) (measure level from accent and harmonic change);
 *   Krebs, Böck & Widmer (2013), ISMIR (bass onsets as downbeat cue).
 */
import type { Spectrogram } from "../dsp/spectrogram.js";

export interface EstimateMeterOptions {
  /** Beats per bar to consider. */
  readonly meters: readonly number[];
  /** Frames each side of a beat over which the low-frequency strength is maximised. */
  readonly beatRadius: number;
  /** Bands used for harmonic change [from, to). */
  readonly fromBand: number;
  readonly toBand?: number;
  /** Weight of the harmonic-change cue relative to the low-frequency onset cue. */
  readonly harmonicWeight: number;
  /** Weight of the chroma-change cue (used when beat chroma is given); ≥ 0. */
  readonly chromaWeight: number;
  /** Half-bar difference ÷ half-bar contrast below which 4 beats per bar become 2; 0 never splits. */
  readonly splitBelow: number;
}

export const ESTIMATE_METER_DEFAULTS: EstimateMeterOptions = {
  meters: [3, 4],
  beatRadius: 2,
  fromBand: 0,
  harmonicWeight: 1,
  chromaWeight: 1,
  splitBelow: 0,
};

export interface MeterEstimate {
  /** Beats per bar; null with fewer than two bars of beats. */
  readonly beatsPerBar: number | null;
  /** Indices into the beat list of the downbeats. */
  readonly downbeatIndices: Int32Array;
  /** 0..1: how far the best (meter, phase) stands above the runner-up. */
  readonly confidence: number;
}

export function estimateMeter(
  beatFrames: Int32Array,
  lowEnvelope: Float32Array,
  spectrogram: Spectrogram,
  options: Partial<EstimateMeterOptions> = {},
  beatChroma?: Float32Array,
): MeterEstimate {
  const {
    meters,
    beatRadius,
    fromBand,
    toBand = spectrogram.bins,
    harmonicWeight,
    chromaWeight,
    splitBelow,
  } = {
    ...ESTIMATE_METER_DEFAULTS,
    ...options,
  };
  const beats = beatFrames.length;
  const largest = Math.max(...meters);
  if (beats < 2 * largest) return { beatsPerBar: null, downbeatIndices: new Int32Array(0), confidence: 0 };
  const low = new Float64Array(beats);
  for (let i = 0; i < beats; i++) {
    let peak = 0;
    const from = Math.max(0, beatFrames[i]! - beatRadius);
    const to = Math.min(lowEnvelope.length - 1, beatFrames[i]! + beatRadius);
    for (let t = from; t <= to; t++) peak = Math.max(peak, lowEnvelope[t]!);
    low[i] = peak;
  }
  const change = harmonicChange(beatFrames, spectrogram, fromBand, Math.min(toBand, spectrogram.bins));
  standardise(low);
  standardise(change);
  const cue = new Float64Array(beats);
  for (let i = 0; i < beats; i++) cue[i] = low[i]! + harmonicWeight * change[i]!;
  let chromaChange: Float64Array | undefined;
  if (beatChroma !== undefined && chromaWeight > 0) {
    if (beatChroma.length !== (beats + 1) * 12) {
      throw new RangeError(
        `estimateMeter: beatChroma must have (beats + 1) × 12 = ${(beats + 1) * 12} values, got ${beatChroma.length}`,
      );
    }
    chromaChange = pitchClassChange(beatChroma, beats);
    standardise(chromaChange);
  }
  const ranked: { meter: number; phase: number; score: number }[] = [];
  for (const meter of meters) {
    // Chords change on half bars nearly as often as on bar lines: in even meters the
    // chroma cue only tells the half-bar grid, and the other cues pick the bar line in it.
    const chromaPeriod = meter % 2 === 0 ? meter / 2 : meter;
    for (let phase = 0; phase < meter; phase++) {
      let score = contrast(cue, meter, phase);
      if (chromaChange !== undefined)
        score += chromaWeight * contrast(chromaChange, chromaPeriod, phase % chromaPeriod);
      ranked.push({ meter, phase, score });
    }
  }
  ranked.sort((a, b) => b.score - a.score);
  const best = ranked[0]!;
  const runnerUp = ranked.find((entry) => entry.meter !== best.meter) ?? ranked[1]!;
  let meter = best.meter;
  let phase = best.phase;
  if (meter === 4 && splitBelow > 0) {
    const total = new Float64Array(beats);
    for (let i = 0; i < beats; i++)
      total[i] = cue[i]! + (chromaChange === undefined ? 0 : chromaWeight * chromaChange[i]!);
    if (halvesAlike(total, phase % 2, splitBelow)) {
      meter = 2;
      phase %= 2;
    }
  }
  const downbeats: number[] = [];
  for (let i = phase; i < beats; i += meter) downbeats.push(i);
  const margin = best.score - runnerUp.score;
  const confidence = Number.isFinite(margin) ? Math.max(0, Math.min(1, margin / 2)) : 0;
  return { beatsPerBar: meter, downbeatIndices: Int32Array.from(downbeats), confidence };
}

/** Cosine distance between the mean spectra of the beat before and the beat after each beat. */
function harmonicChange(
  beatFrames: Int32Array,
  spectrogram: Spectrogram,
  fromBand: number,
  toBand: number,
): Float64Array {
  const beats = beatFrames.length;
  const width = Math.max(0, toBand - fromBand);
  const out = new Float64Array(beats);
  const means = new Float64Array((beats + 1) * width);
  const { data, bins, frames } = spectrogram;
  // Segment s spans beats s−1 … s (segment 0 before the first beat, segment `beats` after the last).
  for (let s = 0; s <= beats; s++) {
    const start = s === 0 ? Math.max(0, beatFrames[0]! - (beatFrames[1]! - beatFrames[0]!)) : beatFrames[s - 1]!;
    const end =
      s === beats
        ? Math.min(frames, beatFrames[beats - 1]! + (beatFrames[beats - 1]! - beatFrames[beats - 2]!))
        : beatFrames[s]!;
    const count = Math.max(1, end - start);
    for (let t = start; t < end && t < frames; t++) {
      for (let b = 0; b < width; b++)
        means[s * width + b] = means[s * width + b]! + data[t * bins + fromBand + b]! / count;
    }
  }
  for (let i = 0; i < beats; i++) {
    let dot = 0;
    let before = 0;
    let after = 0;
    for (let b = 0; b < width; b++) {
      const x = means[i * width + b]!;
      const y = means[(i + 1) * width + b]!;
      dot += x * y;
      before += x * x;
      after += y * y;
    }
    out[i] = before > 0 && after > 0 ? 1 - dot / Math.sqrt(before * after) : 0;
  }
  return out;
}

/**
 * Whether the cue at beats phase + 4k and phase + 2 + 4k (either may be the bar line) differs
 * little against the contrast of those beats with the beats between them.
 */
function halvesAlike(cue: Float64Array, phase: number, splitBelow: number): boolean {
  const halfBar = contrast(cue, 2, phase);
  let sum = 0;
  let pairs = 0;
  for (let i = phase; i + 2 < cue.length; i += 4) {
    sum += cue[i]! - cue[i + 2]!;
    pairs++;
  }
  if (pairs < 2 || !(halfBar > 0)) return false;
  const ratio = Math.abs(sum / pairs) / halfBar;
  return ratio < splitBelow;
}

/** Mean of the cue at beats i ≡ phase (mod period) minus its mean at the other beats. */
function contrast(cue: Float64Array, period: number, phase: number): number {
  let on = 0;
  let onCount = 0;
  let off = 0;
  for (let i = 0; i < cue.length; i++) {
    if ((i - phase) % period === 0) {
      on += cue[i]!;
      onCount++;
    } else off += cue[i]!;
  }
  return on / Math.max(1, onCount) - off / Math.max(1, cue.length - onCount);
}

/** Cosine distance between the chroma of the stretch before and the stretch after each beat. */
function pitchClassChange(beatChroma: Float32Array, beats: number): Float64Array {
  const out = new Float64Array(beats);
  for (let i = 0; i < beats; i++) {
    let dot = 0;
    let before = 0;
    let after = 0;
    for (let k = 0; k < 12; k++) {
      const x = beatChroma[i * 12 + k]!;
      const y = beatChroma[(i + 1) * 12 + k]!;
      if (!(Number.isFinite(x) && Number.isFinite(y))) continue;
      dot += x * y;
      before += x * x;
      after += y * y;
    }
    out[i] = before > 0 && after > 0 ? 1 - dot / Math.sqrt(before * after) : 0;
  }
  return out;
}

function standardise(values: Float64Array): void {
  let mean = 0;
  for (const value of values) mean += value;
  mean /= values.length;
  let variance = 0;
  for (const value of values) variance += (value - mean) ** 2;
  const deviation = Math.sqrt(variance / values.length);
  for (let i = 0; i < values.length; i++) values[i] = deviation > 1e-12 ? (values[i]! - mean) / deviation : 0;
}
