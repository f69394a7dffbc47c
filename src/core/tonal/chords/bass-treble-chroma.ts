/**
 * Bass and treble chroma for chord recognition: two pitch-class profiles per frame from
 * the frame's spectral peaks, one for the low register (where the bass line says which
 * chord tone is the root or the inversion's bass) and one for the middle register (where
 * the chord's notes sound). Each peak of frequency f and magnitude m sits at MIDI pitch
 * p = 69 + 12·log2(f / A4); it votes m^exponent · w(p) for the pitch classes near p
 * (cos² kernel of `kernelWidthSemitones`), where w is a register window: a raised cosine
 * rising over `fadeSemitones` above the register's low edge and falling over
 * `fadeSemitones` below its high edge. A peak at an integer multiple (2…`overtoneHarmonics`)
 * of a stronger lower peak of the same frame is an overtone: it votes for the treble
 * only at `overtoneWeight` (the strong partials of a bass note — its fifth and third — would
 * otherwise look like chord tones). Profiles are not normalised: their sums carry loudness.
 * Input: SpectralPeaks; output: frames × 12 for each register, frame-major, bin 0 = C.
 * Reference: Mauch & Dixon (2010), "Simultaneous estimation of chords and musical
 *   context from audio", IEEE TASLP 18(6) (bass and treble chromagrams, §III-A);
 *   Gómez (2006), PhD thesis, UPF (cos² pitch-class weighting).
 */
import type { SpectralPeaks } from "../../features/spectral-peaks.js";

export interface BassTrebleChromaOptions {
  /** Tuning: frequency of A4 (Hz); > 0. */
  readonly referenceHz: number;
  /** Bass register [low, high] in MIDI pitches (E1 = 28 … G3 = 55). */
  readonly bassRange: readonly [number, number];
  /** Treble register [low, high] in MIDI pitches (C3 = 48 … C6 = 84). */
  readonly trebleRange: readonly [number, number];
  /** Width of the raised-cosine fade at each register edge, semitones; ≥ 0. */
  readonly fadeSemitones: number;
  /** Full width of the cos² kernel on the pitch axis, semitones; in (0, 3]. */
  readonly kernelWidthSemitones: number;
  /** Peak magnitudes are raised to this power (0.5 compresses loud partials); > 0. */
  readonly magnitudeExponent: number;
  /** Largest harmonic number checked for overtones; 0 or 1 disables the check. */
  readonly overtoneHarmonics: number;
  /** Tolerance of the overtone check, cents; > 0. */
  readonly overtoneToleranceCents: number;
  /** Weight of an overtone's treble vote; in [0, 1]. */
  readonly overtoneWeight: number;
}

export const BASS_TREBLE_CHROMA_DEFAULTS: BassTrebleChromaOptions = {
  referenceHz: 440,
  bassRange: [28, 55],
  trebleRange: [48, 84],
  fadeSemitones: 6,
  kernelWidthSemitones: 1.5,
  magnitudeExponent: 0.5,
  overtoneHarmonics: 6,
  overtoneToleranceCents: 35,
  overtoneWeight: 0.3,
};

export interface BassTrebleChroma {
  readonly frames: number;
  /** frames × 12 bass profile (≥ 0, unnormalised). */
  readonly bass: Float32Array;
  /** frames × 12 treble profile (≥ 0, unnormalised). */
  readonly treble: Float32Array;
  readonly hopSize: number;
  readonly frameSize: number;
  readonly sampleRate: number;
  readonly center?: boolean;
}

export function bassTrebleChroma(
  peaks: SpectralPeaks,
  options: Partial<BassTrebleChromaOptions> = {},
): BassTrebleChroma {
  const resolved = { ...BASS_TREBLE_CHROMA_DEFAULTS, ...options };
  const { referenceHz, bassRange, trebleRange, fadeSemitones, kernelWidthSemitones, magnitudeExponent } = resolved;
  const { overtoneHarmonics, overtoneToleranceCents, overtoneWeight } = resolved;
  if (!(referenceHz > 0)) throw new RangeError(`bassTrebleChroma: referenceHz must be > 0, got ${referenceHz}`);
  for (const [name, range] of [
    ["bassRange", bassRange],
    ["trebleRange", trebleRange],
  ] as const) {
    if (!(range[0] < range[1])) throw new RangeError(`bassTrebleChroma: ${name} must be [low, high], got ${range}`);
  }
  if (!(kernelWidthSemitones > 0 && kernelWidthSemitones <= 3)) {
    throw new RangeError(`bassTrebleChroma: kernelWidthSemitones must be in (0, 3], got ${kernelWidthSemitones}`);
  }
  if (!(magnitudeExponent > 0)) {
    throw new RangeError(`bassTrebleChroma: magnitudeExponent must be > 0, got ${magnitudeExponent}`);
  }
  const { frames, maxPeaksPerFrame, counts, frequencies, magnitudes } = peaks;
  const bass = new Float32Array(frames * 12);
  const treble = new Float32Array(frames * 12);
  const halfWidth = kernelWidthSemitones / 2;
  const logReference = Math.log2(referenceHz);
  const toleranceOctaves = overtoneToleranceCents / 1200;
  for (let t = 0; t < frames; t++) {
    const base = t * maxPeaksPerFrame;
    const row = t * 12;
    const count = counts[t]!;
    for (let i = 0; i < count; i++) {
      const frequency = frequencies[base + i]!;
      const magnitude = magnitudes[base + i]!;
      if (!(frequency > 0 && magnitude > 0 && Number.isFinite(magnitude))) continue;
      const pitch = 69 + 12 * (Math.log2(frequency) - logReference);
      const bassWeight = registerWeight(pitch, bassRange[0], bassRange[1], fadeSemitones);
      let trebleWeight = registerWeight(pitch, trebleRange[0], trebleRange[1], fadeSemitones);
      if (bassWeight === 0 && trebleWeight === 0) continue;
      // Overtone check (peaks are in ascending frequency): a stronger lower peak at f/h.
      if (trebleWeight > 0 && overtoneHarmonics > 1) {
        for (let j = 0; j < i; j++) {
          if (magnitudes[base + j]! < magnitude) continue;
          const ratio = frequency / frequencies[base + j]!;
          const harmonic = Math.round(ratio);
          if (harmonic < 2 || harmonic > overtoneHarmonics) continue;
          if (Math.abs(Math.log2(ratio / harmonic)) > toleranceOctaves) continue;
          trebleWeight *= overtoneWeight;
          break;
        }
      }
      const vote = magnitudeExponent === 1 ? magnitude : magnitude ** magnitudeExponent;
      const first = Math.ceil(pitch - halfWidth);
      const last = Math.floor(pitch + halfWidth);
      for (let note = first; note <= last; note++) {
        const kernel = Math.cos((Math.PI * (pitch - note)) / kernelWidthSemitones);
        const weight = vote * kernel * kernel;
        const pitchClass = ((note % 12) + 12) % 12;
        bass[row + pitchClass]! += weight * bassWeight;
        treble[row + pitchClass]! += weight * trebleWeight;
      }
    }
  }
  return {
    frames,
    bass,
    treble,
    hopSize: peaks.hopSize,
    frameSize: peaks.frameSize,
    sampleRate: peaks.sampleRate,
    center: peaks.center,
  };
}

/** Raised-cosine register window over MIDI pitch: 0 outside [low, high], 1 inside the fades. */
function registerWeight(pitch: number, low: number, high: number, fade: number): number {
  if (!(pitch >= low && pitch <= high)) return 0;
  const fromEdge = Math.min(pitch - low, high - pitch);
  if (fade <= 0 || fromEdge >= fade) return 1;
  return 0.5 - 0.5 * Math.cos((Math.PI * fromEdge) / fade);
}
