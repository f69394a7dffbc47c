/**
 * Synthetic drum parts with known hits, for the transcription tests: kicks as pitched
 * sines falling from 110 to 50 Hz, toms as decaying sines (low 95, mid 140, high 200 Hz),
 * snares as noise with a 190-Hz body, hi-hats and crashes as high-passed noise (closed: 30 ms,
 * open: 250 ms, crash: 1 s), all with exponential decays and seeded noise; and a harmonic
 * accompaniment (bass notes and sustained triads) to put under them.
 */

import { addChord } from "../../../test-helpers/harmonic-signals.js";
import { createSeededRandom } from "../../../test-helpers/seeded-random.js";
import type { DrumClass } from "../../drum-hit.js";

export interface SynthHit {
  readonly timeSeconds: number;
  readonly drum: DrumClass;
  /** Peak amplitude scale, 0..1. */
  readonly level: number;
}

const TOM_HZ: Partial<Record<DrumClass, number>> = { "tom-low": 95, "tom-mid": 140, "tom-high": 200 };

/** Adds one drum hit into `out` (mono, `sampleRate`). */
function addHit(out: Float32Array, sampleRate: number, hit: SynthHit, random: () => number): void {
  const start = Math.round(hit.timeSeconds * sampleRate);
  const seconds = hit.drum === "crash" || hit.drum === "ride" ? 1.2 : hit.drum === "hihat-open" ? 0.5 : 0.4;
  const length = Math.min(out.length - start, Math.round(seconds * sampleRate));
  let phase = 0;
  let previous = 0;
  let previous2 = 0;
  for (let n = 0; n < length; n++) {
    const time = n / sampleRate;
    const white = 2 * random() - 1;
    // Second difference of white noise: a high-passed (+12 dB/octave) noise for cymbals.
    const bright = 0.5 * (white - 2 * previous + previous2);
    previous2 = previous;
    previous = white;
    let value = 0;
    switch (hit.drum) {
      case "kick": {
        phase += (2 * Math.PI * (50 + 60 * Math.exp(-time / 0.03))) / sampleRate;
        value = Math.sin(phase) * Math.exp(-time / 0.15) + 0.3 * white * Math.exp(-time / 0.003);
        break;
      }
      case "snare":
        value =
          0.6 * white * Math.exp(-time / 0.08) + 0.6 * Math.sin(2 * Math.PI * 190 * time) * Math.exp(-time / 0.05);
        break;
      case "hihat-closed":
        value = bright * Math.exp(-time / 0.03);
        break;
      case "hihat-open":
        value = bright * Math.exp(-time / 0.25);
        break;
      case "crash":
      case "ride":
        value = 0.8 * bright * Math.exp(-time / (hit.drum === "crash" ? 1 : 0.5));
        break;
      default: {
        const hz = TOM_HZ[hit.drum] ?? 140;
        phase += (2 * Math.PI * hz * (1 + 0.3 * Math.exp(-time / 0.05))) / sampleRate;
        value = Math.sin(phase) * Math.exp(-time / 0.25) + 0.2 * white * Math.exp(-time / 0.01);
      }
    }
    out[start + n] = out[start + n]! + 0.7 * hit.level * value;
  }
}

/** Mono signal of `durationSeconds` with every hit of `hits` (seeded noise). */
export function renderDrumHits(
  hits: readonly SynthHit[],
  sampleRate: number,
  durationSeconds: number,
  seed = 11,
): Float32Array {
  const out = new Float32Array(Math.round(durationSeconds * sampleRate));
  const random = createSeededRandom(seed);
  for (const hit of hits) addHit(out, sampleRate, hit, random);
  return out;
}

/**
 * A rock beat at `tempoBpm` from `startSeconds`: kick on 1 and 3, snare on 2 and 4, closed
 * hi-hat on every eighth (open on the last eighth of every fourth bar), a crash on the
 * first beat, a tom fill (high, mid, low, low) in the last beat of every fourth bar.
 */
export function rockBeat(tempoBpm: number, bars: number, startSeconds = 0.5): SynthHit[] {
  const beat = 60 / tempoBpm;
  const hits: SynthHit[] = [];
  for (let bar = 0; bar < bars; bar++) {
    const barStart = startSeconds + 4 * bar * beat;
    const fillBar = bar % 4 === 3;
    for (let eighth = 0; eighth < 8; eighth++) {
      const time = barStart + (eighth * beat) / 2;
      if (fillBar && eighth >= 6) continue;
      const open = fillBar && eighth === 5;
      hits.push({
        timeSeconds: time,
        drum: open ? "hihat-open" : "hihat-closed",
        level: eighth % 2 === 0 ? 0.5 : 0.35,
      });
    }
    hits.push({ timeSeconds: barStart, drum: bar === 0 ? "crash" : "kick", level: 0.9 });
    if (bar === 0) hits.push({ timeSeconds: barStart, drum: "kick", level: 0.9 });
    hits.push({ timeSeconds: barStart + 2 * beat, drum: "kick", level: 0.85 });
    hits.push({ timeSeconds: barStart + beat, drum: "snare", level: 0.8 });
    if (!fillBar) hits.push({ timeSeconds: barStart + 3 * beat, drum: "snare", level: 0.8 });
    if (fillBar) {
      const toms: DrumClass[] = ["tom-high", "tom-mid", "tom-low", "tom-low"];
      toms.forEach((drum, i) => {
        hits.push({ timeSeconds: barStart + 3 * beat + (i * beat) / 4, drum, level: 0.8 });
      });
    }
  }
  return hits.sort((a, b) => a.timeSeconds - b.timeSeconds);
}

/** Bass notes on every beat and sustained triads, one chord per bar of I–vi–IV–V in C. */
export function addAccompaniment(out: Float32Array, sampleRate: number, tempoBpm: number, amplitude = 0.06): void {
  const beat = 60 / tempoBpm;
  const roots = [60, 57, 53, 55];
  const barSamples = Math.round(4 * beat * sampleRate);
  for (let bar = 0; bar * barSamples < out.length; bar++) {
    const root = roots[bar % roots.length]!;
    const minor = root === 57;
    addChord(out, sampleRate, bar * barSamples, barSamples, [root, root + (minor ? 3 : 4), root + 7], { amplitude });
    for (let b = 0; b < 4; b++) {
      const start = bar * barSamples + Math.round(b * beat * sampleRate);
      addChord(out, sampleRate, start, Math.round(0.8 * beat * sampleRate), [root - 24], {
        amplitude: 1.5 * amplitude,
      });
    }
  }
}
