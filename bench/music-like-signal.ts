/**
 * A deterministic stereo test signal with the traits that make decoding and analysis
 * work like they do on music: chords of harmonic tones changing every bar, a bass line,
 * noise-burst "drums" on the beat, and different left/right mixes.
 */
import type { AudioSignal } from "../src/core/types.js";

const CHORD_ROOTS_HZ = [220, 174.61, 261.63, 196];
const TRIAD = [1, 1.25992, 1.49831];

export function musicLikeSignal(seconds: number, sampleRate = 44_100, tempoBpm = 120): AudioSignal {
  const length = Math.round(seconds * sampleRate);
  const left = new Float32Array(length);
  const right = new Float32Array(length);
  const beatSamples = Math.round((60 / tempoBpm) * sampleRate);
  const barSamples = beatSamples * 4;
  let noise = 0x9e3779b9;
  for (let start = 0; start < length; start += barSamples) {
    const root = CHORD_ROOTS_HZ[(start / barSamples) % CHORD_ROOTS_HZ.length]!;
    const end = Math.min(length, start + barSamples);
    for (const ratio of TRIAD) {
      const step = (2 * Math.PI * root * ratio) / sampleRate;
      for (let i = start; i < end; i++) {
        const phase = step * (i - start);
        const tone = 0.08 * (Math.sin(phase) + 0.4 * Math.sin(2 * phase) + 0.2 * Math.sin(3 * phase));
        left[i]! += tone;
        right[i]! += 0.8 * tone;
      }
    }
    const bassStep = (2 * Math.PI * root * 0.25) / sampleRate;
    for (let i = start; i < end; i++) {
      const bass = 0.15 * Math.sin(bassStep * (i - start));
      left[i]! += 0.7 * bass;
      right[i]! += bass;
    }
    for (let beat = start; beat < end; beat += beatSamples) {
      const burst = Math.min(end, beat + Math.round(0.08 * sampleRate));
      for (let i = beat; i < burst; i++) {
        noise = (Math.imul(noise, 1664525) + 1013904223) >>> 0;
        const decay = Math.exp(-(i - beat) / (0.015 * sampleRate));
        const hit = 0.3 * decay * (noise / 2 ** 31 - 1);
        left[i]! += hit;
        right[i]! += 0.9 * hit;
      }
    }
  }
  return { channels: [left, right], sampleRate };
}
