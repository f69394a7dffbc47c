/**
 * Seeded music-like test signals for the fingerprint tests: a chord progression, a melody of
 * plucked harmonic notes over sustained bass, chords with decaying noise bursts on every beat
 * (drum-like, broadband), and bright chords (40 partials) with slowly swelling noise, whose
 * energy reaches past the chroma band up to the resampler's cutoff. Amplitudes stay below
 * full scale. Same arguments, same samples. Except for `chordProgression` (made by
 * harmonic-signals.ts, whose samples a golden fpcalc value depends on), notes come from a
 * phasor synthesiser that is an order of magnitude quicker than a sine per sample and partial.
 */
import { chordSequence, majorCadence, midiToHz, minorCadence } from "../../test-helpers/harmonic-signals.js";
import { createSeededRandom } from "../../test-helpers/seeded-random.js";

/** Sixteen chords: cadences in C major, A minor, F major and D minor, spread over `seconds`. */
function progression(transpose: number): number[][] {
  return [
    ...majorCadence(60 + transpose),
    ...minorCadence(57 + transpose),
    ...majorCadence(65 + transpose),
    ...minorCadence(62 + transpose),
  ];
}

/** The progression as harmonic-signals.ts's chordSequence makes it (6 partials, 0.15 per fundamental). */
export function chordProgression(sampleRate: number, seconds: number, transpose = 0): Float32Array {
  return chordSequence(progression(transpose), sampleRate, seconds / 16, { amplitude: 0.15 });
}

/**
 * Adds a harmonic note (partial h at h·frequency with amplitude/h, partials below Nyquist only)
 * into out[start … start + length): decaying as e^(−t/decaySeconds), with 10 ms linear fades.
 * Each partial is a rotating phasor (one complex multiply per sample), so long dense signals
 * are cheap to make; the phase starts from the absolute sample index as in harmonic-signals.ts.
 */
function addNote(
  out: Float32Array,
  sampleRate: number,
  start: number,
  length: number,
  frequency: number,
  amplitude: number,
  partials: number,
  decaySeconds = Infinity,
): void {
  const end = Math.min(out.length, start + length);
  const fade = Math.min(length >> 2, Math.round(0.01 * sampleRate));
  const decay = Math.exp(-1 / (decaySeconds * sampleRate));
  for (let h = 1; h <= partials && h * frequency < sampleRate / 2; h++) {
    const step = (2 * Math.PI * h * frequency) / sampleRate;
    const cos = Math.cos(step);
    const sin = Math.sin(step);
    let re = Math.cos(step * start);
    let im = Math.sin(step * start);
    let gain = amplitude / h;
    for (let n = start; n < end; n++) {
      const k = n - start;
      const envelope = Math.min(1, k / Math.max(1, fade), (length - k) / Math.max(1, fade));
      out[n] = out[n]! + gain * envelope * im;
      const next = re * cos - im * sin;
      im = re * sin + im * cos;
      re = next;
      gain *= decay;
    }
  }
}

/** Sustained chords of `progression`, each `seconds / 16` long (the fast synthesiser's chordSequence). */
function sustainedChords(sampleRate: number, seconds: number, transpose: number, amplitude: number, partials: number) {
  const out = new Float32Array(Math.round(sampleRate * seconds));
  const chordLength = Math.round((sampleRate * seconds) / 16);
  for (const [index, chord] of progression(transpose).entries()) {
    for (const midi of chord) {
      addNote(out, sampleRate, index * chordLength, chordLength, midiToHz(midi), amplitude, partials);
    }
  }
  return out;
}

/** Quarter-second notes drawn from the C major scale, decaying, with a two-note bass every 2 s. */
export function melody(sampleRate: number, seconds: number, seed: number): Float32Array {
  const out = new Float32Array(Math.round(sampleRate * seconds));
  const random = createSeededRandom(seed);
  const noteLength = Math.round(0.25 * sampleRate);
  const scale = [0, 2, 4, 5, 7, 9, 11, 12];
  for (let start = 0, index = 0; start + noteLength <= out.length; start += noteLength, index++) {
    const midi = 60 + scale[Math.floor(random() * scale.length)]!;
    addNote(out, sampleRate, start, noteLength, midiToHz(midi), 0.2, 5, 0.12);
    if (index % 8 === 0) {
      const bassLength = Math.min(8 * noteLength, out.length - start);
      for (const bass of [midi - 24, midi - 12]) addNote(out, sampleRate, start, bassLength, midiToHz(bass), 0.1, 6);
    }
  }
  return out;
}

/** The progression (in another key) with a white-noise burst decaying over 30 ms on every half second. */
export function chordsWithBursts(sampleRate: number, seconds: number, seed: number): Float32Array {
  const out = sustainedChords(sampleRate, seconds, -3, 0.08, 6);
  const random = createSeededRandom(seed);
  const beat = Math.round(0.5 * sampleRate);
  for (let start = 0; start < out.length; start += beat) {
    for (let n = 0; n < beat && start + n < out.length; n++) {
      out[start + n] = out[start + n]! + 0.3 * Math.exp(-n / (0.03 * sampleRate)) * (2 * random() - 1);
    }
  }
  return out;
}

/** The progression an octave up with 40 partials per note, plus white noise swelling at 0.7 Hz. */
export function brightChords(sampleRate: number, seconds: number, seed: number): Float32Array {
  const out = sustainedChords(sampleRate, seconds, 12, 0.08, 40);
  const random = createSeededRandom(seed);
  for (let i = 0; i < out.length; i++) {
    const swell = 0.5 + 0.5 * Math.sin((2 * Math.PI * 0.7 * i) / sampleRate);
    out[i] = out[i]! + 0.05 * swell * (2 * random() - 1);
  }
  return out;
}
