/**
 * Harmonic test signals with known pitches: tones with a 1/h partial series (like a
 * sawtooth, but band-limited to `partials`), chords and chord sequences on a tuning
 * reference A4 = `referenceHz`. Pitches are MIDI numbers (69 = A4).
 */

export interface HarmonicToneOptions {
  /** Partials per note (1 = sine); default 6. */
  readonly partials?: number;
  /** Peak amplitude of each note's fundamental; default 0.1. */
  readonly amplitude?: number;
  /** Frequency of A4 in Hz; default 440. */
  readonly referenceHz?: number;
}

/** Frequency in Hz of MIDI pitch `midi` on the grid of A4 = referenceHz. */
export function midiToHz(midi: number, referenceHz = 440): number {
  return referenceHz * 2 ** ((midi - 69) / 12);
}

/** Adds the notes `midiPitches` (harmonic tones) into out[start … start + length). */
export function addChord(
  out: Float32Array,
  sampleRate: number,
  start: number,
  length: number,
  midiPitches: readonly number[],
  options: HarmonicToneOptions = {},
): void {
  const partials = options.partials ?? 6;
  const amplitude = options.amplitude ?? 0.1;
  const referenceHz = options.referenceHz ?? 440;
  const fade = Math.min(length >> 2, Math.round(0.01 * sampleRate));
  for (const midi of midiPitches) {
    const fundamental = midiToHz(midi, referenceHz);
    for (let h = 1; h <= partials; h++) {
      const frequency = fundamental * h;
      if (frequency >= sampleRate / 2) break;
      const step = (2 * Math.PI * frequency) / sampleRate;
      const gain = amplitude / h;
      for (let n = 0; n < length && start + n < out.length; n++) {
        const envelope = Math.min(1, n / Math.max(1, fade), (length - n) / Math.max(1, fade));
        out[start + n] = out[start + n]! + gain * envelope * Math.sin(step * (start + n));
      }
    }
  }
}

/** Chords of `secondsPerChord` each, one after another. */
export function chordSequence(
  chords: readonly (readonly number[])[],
  sampleRate: number,
  secondsPerChord: number,
  options: HarmonicToneOptions = {},
): Float32Array {
  const chordLength = Math.round(secondsPerChord * sampleRate);
  const out = new Float32Array(chordLength * chords.length);
  for (const [index, chord] of chords.entries()) {
    addChord(out, sampleRate, index * chordLength, chordLength, chord, options);
  }
  return out;
}

/** I–IV–V–I in the major key on `tonicMidi` (root-position triads over a bass root). */
export function majorCadence(tonicMidi: number): number[][] {
  const triad = (root: number) => [root - 12, root, root + 4, root + 7];
  return [triad(tonicMidi), triad(tonicMidi + 5), triad(tonicMidi + 7), triad(tonicMidi)];
}

/** i–iv–V–i in the harmonic minor key on `tonicMidi`. */
export function minorCadence(tonicMidi: number): number[][] {
  const minor = (root: number) => [root - 12, root, root + 3, root + 7];
  const major = (root: number) => [root - 12, root, root + 4, root + 7];
  return [minor(tonicMidi), minor(tonicMidi + 5), major(tonicMidi + 7), minor(tonicMidi)];
}
