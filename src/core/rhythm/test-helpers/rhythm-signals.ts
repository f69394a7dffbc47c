/**
 * Test signals for rhythm: drum-like hits (decaying noise bursts, optionally with a low
 * sine "kick") at given times. Used by the rhythm tests only.
 */
import { addChord } from "../../test-helpers/harmonic-signals.js";
import { createSeededRandom } from "../../test-helpers/seeded-random.js";

export interface Hit {
  readonly timeSeconds: number;
  /** Peak amplitude of the noise burst. */
  readonly amplitude: number;
  /** Amplitude of a 60 Hz decaying sine added at the hit (a kick drum); 0 for none. */
  readonly kick?: number;
}

/** Mono signal of `durationSeconds` with a 30-ms decaying noise burst per hit. */
export function renderHits(hits: readonly Hit[], sampleRate: number, durationSeconds: number, seed = 7): Float32Array {
  const out = new Float32Array(Math.round(durationSeconds * sampleRate));
  const random = createSeededRandom(seed);
  const decay = 0.03 * sampleRate;
  for (const hit of hits) {
    const start = Math.round(hit.timeSeconds * sampleRate);
    const length = Math.round(6 * decay);
    for (let n = 0; n < length && start + n < out.length; n++) {
      const envelope = Math.exp(-n / decay);
      const kick = (hit.kick ?? 0) * Math.sin((2 * Math.PI * 60 * n) / sampleRate) * Math.exp(-n / (3 * decay));
      out[start + n] = out[start + n]! + hit.amplitude * envelope * (2 * random() - 1) + kick;
    }
  }
  return out;
}

/** Beat times of a steady tempo from `startSeconds` to `endSeconds`. */
export function beatTimes(tempoBpm: number, startSeconds: number, endSeconds: number): number[] {
  const times: number[] = [];
  for (let time = startSeconds; time < endSeconds; time += 60 / tempoBpm) times.push(time);
  return times;
}

/** A drum-and-harmony pattern repeated bar after bar, on a grid of equal pulses. */
export interface Groove {
  /** Pulses (the grid: eighths in 6/8, quarters in a 2/4 march) per minute. */
  readonly pulseBpm: number;
  readonly pulsesPerBar: number;
  /** Pulses of the bar (0-based) with a kick drum, a snare, a hi-hat. */
  readonly kickPulses: readonly number[];
  readonly snarePulses: readonly number[];
  readonly hatPulses: readonly number[];
  /** Pulses with a short bass note on the bar's root (two octaves down). */
  readonly bassPulses: readonly number[];
  /** Pulses with a short chord stab; empty for a triad sustained over the whole bar. */
  readonly chordPulses: readonly number[];
  /** MIDI root of each bar's major triad, cycled. */
  readonly roots: readonly number[];
}

/** Mono rendering of `groove` from `startSeconds` to `durationSeconds`. */
export function renderGroove(
  groove: Groove,
  sampleRate: number,
  durationSeconds: number,
  startSeconds = 0.5,
): Float32Array {
  const pulseSeconds = 60 / groove.pulseBpm;
  const hits: Hit[] = [];
  const bars = Math.floor((durationSeconds - startSeconds) / (pulseSeconds * groove.pulsesPerBar));
  const at = (bar: number, pulse: number) => startSeconds + (bar * groove.pulsesPerBar + pulse) * pulseSeconds;
  for (let bar = 0; bar < bars; bar++) {
    for (const pulse of groove.kickPulses) hits.push({ timeSeconds: at(bar, pulse), amplitude: 0.1, kick: 0.8 });
    for (const pulse of groove.snarePulses) hits.push({ timeSeconds: at(bar, pulse), amplitude: 0.5 });
    for (const pulse of groove.hatPulses) hits.push({ timeSeconds: at(bar, pulse), amplitude: 0.12 });
  }
  const out = renderHits(hits, sampleRate, durationSeconds);
  const stab = Math.round(0.6 * pulseSeconds * sampleRate);
  for (let bar = 0; bar < bars; bar++) {
    const root = groove.roots[bar % groove.roots.length]!;
    const triad = [root, root + 4, root + 7];
    const start = (pulse: number) => Math.round(at(bar, pulse) * sampleRate);
    for (const pulse of groove.bassPulses)
      addChord(out, sampleRate, start(pulse), stab, [root - 24], { amplitude: 0.2 });
    if (groove.chordPulses.length === 0) {
      addChord(out, sampleRate, start(0), Math.round(groove.pulsesPerBar * pulseSeconds * sampleRate), triad);
    }
    for (const pulse of groove.chordPulses) addChord(out, sampleRate, start(pulse), stab, triad);
  }
  return out;
}
