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
  const { referenceHz, bassRange, trebleRange, kernelWidthSemitones, magnitudeExponent } = resolved;
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
  const { frames } = peaks;
  const bass = new Float32Array(frames * 12);
  const treble = new Float32Array(frames * 12);
  accumulateVotes(peaks, resolved, bass, treble);
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

/** Relative margin of the early outs before a log2 (its rounding is ~1e-16 relative). */
const MARGIN = 1e-9;

/**
 * The votes of every frame's peaks into `bass` and `treble` (frames × 12, zeroed). The one
 * hot loop of the module, kept apart from the validation so V8 optimises a small function.
 */
function accumulateVotes(
  peaks: SpectralPeaks,
  options: BassTrebleChromaOptions,
  bass: Float32Array,
  treble: Float32Array,
): void {
  const { frames, maxPeaksPerFrame, counts, frequencies, magnitudes } = peaks;
  const { fadeSemitones, kernelWidthSemitones, magnitudeExponent, overtoneHarmonics, overtoneWeight } = options;
  const [bassLow, bassHigh] = options.bassRange;
  const [trebleLow, trebleHigh] = options.trebleRange;
  const halfWidth = kernelWidthSemitones / 2;
  const logReference = Math.log2(options.referenceHz);
  const toleranceOctaves = options.overtoneToleranceCents / 1200;
  // Peaks clearly outside both registers (by a relative margin far beyond log2's rounding)
  // get no vote: skipping them before the logarithm changes nothing.
  const lowestHz = options.referenceHz * 2 ** ((Math.min(bassLow, trebleLow) - 69) / 12) * (1 - MARGIN);
  const highestHz = options.referenceHz * 2 ** ((Math.max(bassHigh, trebleHigh) - 69) / 12) * (1 + MARGIN);
  // Likewise a ratio/harmonic clearly off or clearly within the overtone tolerance needs no log2.
  const farAbove = 2 ** toleranceOctaves * (1 + MARGIN);
  const farBelow = 2 ** -toleranceOctaves * (1 - MARGIN);
  // V8's x ** 0.5 is sqrt(x) for x ≥ 0 (fdlibm's pow special case), and sqrt is far cheaper.
  const squareRoot = magnitudeExponent === 0.5;
  for (let t = 0; t < frames; t++) {
    const base = t * maxPeaksPerFrame;
    const row = t * 12;
    const count = counts[t]!;
    // Peaks below `lowest` lie more than `overtoneHarmonics` harmonics under the current
    // peak, and so under every later (higher) one: the overtone check starts from there.
    let lowest = 0;
    for (let i = 0; i < count; i++) {
      const frequency = frequencies[base + i]!;
      const magnitude = magnitudes[base + i]!;
      if (!(frequency > 0 && magnitude > 0 && Number.isFinite(magnitude))) continue;
      if (frequency < lowestHz || frequency > highestHz) continue;
      const pitch = 69 + 12 * (Math.log2(frequency) - logReference);
      // The register windows (raised cosine over MIDI pitch), written out inline: no call per
      // peak in the unoptimised code that runs before V8 optimises this loop.
      let bassWeight = 0;
      if (pitch >= bassLow && pitch <= bassHigh) {
        const fromEdge = Math.min(pitch - bassLow, bassHigh - pitch);
        bassWeight = fadeSemitones <= 0 || fromEdge >= fadeSemitones ? 1 : fadeWeight(fromEdge, fadeSemitones);
      }
      let trebleWeight = 0;
      if (pitch >= trebleLow && pitch <= trebleHigh) {
        const fromEdge = Math.min(pitch - trebleLow, trebleHigh - pitch);
        trebleWeight = fadeSemitones <= 0 || fromEdge >= fadeSemitones ? 1 : fadeWeight(fromEdge, fadeSemitones);
      }
      if (bassWeight === 0 && trebleWeight === 0) continue;
      // Overtone check (peaks are in ascending frequency): a stronger lower peak at f/h.
      if (trebleWeight > 0 && overtoneHarmonics > 1) {
        while (lowest < i && Math.round(frequency / frequencies[base + lowest]!) > overtoneHarmonics) lowest++;
        for (let j = lowest; j < i; j++) {
          const ratio = frequency / frequencies[base + j]!;
          // Higher peaks only get closer: every ratio left rounds below 2.
          if (ratio < 1.5) break;
          if (magnitudes[base + j]! < magnitude) continue;
          const harmonic = Math.round(ratio);
          if (harmonic > overtoneHarmonics) continue;
          const deviation = ratio / harmonic;
          if (deviation > farAbove || deviation < farBelow) continue;
          if (Math.abs(Math.log2(deviation)) > toleranceOctaves) continue;
          trebleWeight *= overtoneWeight;
          break;
        }
      }
      const vote =
        magnitudeExponent === 1 ? magnitude : squareRoot ? Math.sqrt(magnitude) : magnitude ** magnitudeExponent;
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
}

/**
 * The raised-cosine register window over MIDI pitch: 0 outside [low, high], 1 inside the
 * fades, and within a fade `fromEdge` semitones from the edge this rising half cosine.
 */
function fadeWeight(fromEdge: number, fade: number): number {
  return 0.5 - 0.5 * Math.cos((Math.PI * fromEdge) / fade);
}
