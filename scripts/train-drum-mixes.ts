/**
 * Training mixes for the drum model: each clip's drum part played from one kit's one-shot
 * samples (velocity layers, level ∝ velocity^1.3, open hi-hats choked by the next hi-hat,
 * optional Schroeder reverb), its accompaniment rendered by fluidsynth with a General MIDI
 * soundfont (clips batched into one render per soundfont), mixed at a random drum-to-music
 * ratio, brought to a random loudness and peak-limited like a mastered track (a look-ahead
 * limiter), sometimes low-passed like a lossy file. Part of scripts/train-drum-model.ts.
 * Reference: Schroeder (1962), "Natural sounding artificial reverberation", JAES 10(3).
 */
import { rmSync } from "node:fs";
import { join } from "node:path";
import type { RandomSource } from "../src/core/test-helpers/seeded-random.js";
import { type MidiEvent, writeMidiFile } from "./train-drum-midi.js";
import type { ClipPlan, PatternHit } from "./train-drum-patterns.js";
import { renderMidi, SAMPLE_RATE, type TrainingInstrument, type TrainingKit } from "./train-drum-samples.js";

const between = (random: RandomSource, low: number, high: number) => low + (high - low) * random();

/** Relative class levels (the corpus's balance, each varied per clip). */
const LEVEL: Readonly<Record<TrainingInstrument, number>> = {
  kick: 1,
  snare: 0.9,
  hihat_closed: 0.6,
  hihat_open: 0.55,
  crash: 0.5,
  ride: 0.4,
  tom_low: 0.8,
  tom_mid: 0.8,
  tom_high: 0.8,
};

/** The hits a kit can play (those of classes it lacks are dropped), with the drum stem. */
export function renderDrums(
  plan: ClipPlan,
  kit: TrainingKit,
  random: RandomSource,
): { readonly stem: Float32Array; readonly hits: PatternHit[] } {
  const length = Math.ceil(plan.durationSeconds * SAMPLE_RATE);
  const stem = new Float32Array(length);
  const chosen = new Map<
    TrainingInstrument,
    { layers: readonly { samples: Float32Array; minVelocity: number; maxVelocity: number }[]; gain: number }
  >();
  for (const [kind, list] of Object.entries(kit.instruments)) {
    const layers = list![Math.floor(random() * list!.length)]!;
    chosen.set(kind as TrainingInstrument, {
      layers,
      gain: LEVEL[kind as TrainingInstrument] * 10 ** (between(random, -5, 5) / 20),
    });
  }
  const played = plan.hits.filter((hit) => chosen.has(hit.instrument));
  const hatTimes = played
    .filter((hit) => hit.instrument === "hihat_open" || hit.instrument === "hihat_closed")
    .map((hit) => hit.timeSeconds);
  for (const hit of played) {
    const { layers, gain } = chosen.get(hit.instrument)!;
    const velocity = hit.velocity / 127;
    let layer = layers.at(-1)!;
    for (const candidate of layers) {
      if (velocity >= candidate.minVelocity - 1e-6 && velocity <= candidate.maxVelocity + 1e-6) layer = candidate;
    }
    let samples = layer.samples;
    let fadeFrom = samples.length;
    if (hit.instrument === "hihat_open") {
      const next = hatTimes.find((time) => time > hit.timeSeconds + 1e-4);
      if (next !== undefined) fadeFrom = Math.min(fadeFrom, Math.round((next - hit.timeSeconds) * SAMPLE_RATE));
    }
    const fade = Math.round(0.01 * SAMPLE_RATE);
    const end = Math.min(samples.length, fadeFrom + fade);
    samples = samples.subarray(0, end);
    const start = Math.round(hit.timeSeconds * SAMPLE_RATE);
    const amplitude = gain * velocity ** 1.3;
    for (let n = 0; n < samples.length && start + n < length; n++) {
      const fadeGain = n >= fadeFrom ? 1 - (n - fadeFrom) / fade : 1;
      stem[start + n] = stem[start + n]! + amplitude * fadeGain * samples[n]!;
    }
  }
  if (random() < 0.5) schroederReverb(stem, between(random, 0.3, 0.85), between(random, 0.05, 0.3));
  return { stem, hits: played };
}

/** In place: dry + wet · (4 parallel combs → 2 series all-passes), feedback `room`. */
export function schroederReverb(signal: Float32Array, room: number, wet: number): void {
  const combDelays = [1557, 1617, 1491, 1422];
  const allpassDelays = [225, 556];
  const combs = combDelays.map((delay) => ({ buffer: new Float32Array(delay), at: 0 }));
  const allpasses = allpassDelays.map((delay) => ({ buffer: new Float32Array(delay), at: 0 }));
  for (let n = 0; n < signal.length; n++) {
    const input = signal[n]!;
    let sum = 0;
    for (const comb of combs) {
      const out = comb.buffer[comb.at]!;
      comb.buffer[comb.at] = input + room * out;
      comb.at = (comb.at + 1) % comb.buffer.length;
      sum += out;
    }
    let value = sum * 0.25;
    for (const allpass of allpasses) {
      const delayed = allpass.buffer[allpass.at]!;
      const out = -0.5 * value + delayed;
      allpass.buffer[allpass.at] = value + 0.5 * out;
      allpass.at = (allpass.at + 1) % allpass.buffer.length;
      value = out;
    }
    signal[n] = input + wet * value;
  }
}

/**
 * Renders the accompaniments of `plans` with one soundfont in a single fluidsynth run (clips
 * back to back, 2 s apart, all notes off and programs set at each start) and cuts them apart.
 */
export function renderAccompaniments(
  plans: readonly ClipPlan[],
  soundfont: string,
  workDirectory: string,
  batchName: string,
): Float32Array[] {
  const events: MidiEvent[] = [];
  const starts: number[] = [];
  let at = 0.5;
  for (const plan of plans) {
    starts.push(at);
    for (let channel = 0; channel < 8; channel++) {
      events.push({ timeSeconds: at - 0.2, channel, kind: "controller", controller: 123, value: 0 });
      events.push({ timeSeconds: at - 0.2, channel, kind: "controller", controller: 121, value: 0 });
    }
    for (const event of plan.accompaniment) events.push({ ...event, timeSeconds: event.timeSeconds + at });
    at += plan.durationSeconds + 2;
  }
  const midi = join(workDirectory, `${batchName}.mid`);
  writeMidiFile(midi, events);
  const wav = join(workDirectory, `${batchName}.wav`);
  const rendered = renderMidi(midi, soundfont, wav, { reverb: true });
  rmSync(wav);
  rmSync(midi);
  return plans.map((plan, i) => {
    const from = Math.round(starts[i]! * SAMPLE_RATE);
    const out = new Float32Array(Math.ceil(plan.durationSeconds * SAMPLE_RATE));
    out.set(rendered.subarray(from, Math.min(rendered.length, from + out.length)));
    return out;
  });
}

function activeRms(signal: Float32Array): number {
  const frame = Math.round(0.1 * SAMPLE_RATE);
  const energies: number[] = [];
  for (let from = 0; from + frame <= signal.length; from += frame) {
    let energy = 0;
    for (let n = from; n < from + frame; n++) energy += signal[n]! * signal[n]!;
    energies.push(energy / frame);
  }
  const peak = Math.max(0, ...energies);
  const active = energies.filter((energy) => energy > peak * 1e-5);
  return active.length === 0 ? 0 : Math.sqrt(active.reduce((sum, energy) => sum + energy, 0) / active.length);
}

/**
 * Look-ahead brick-wall limiter (as the corpus masters): gain ≤ ceiling / |x| everywhere,
 * the forward minimum over 5 ms then a 5-ms moving average.
 */
export function limitPeaks(signal: Float32Array, ceiling: number): void {
  const window = Math.round(0.005 * SAMPLE_RATE);
  const length = signal.length;
  const need = new Float32Array(length);
  let limited = false;
  for (let n = 0; n < length; n++) {
    const magnitude = Math.abs(signal[n]!);
    need[n] = magnitude > ceiling ? ceiling / magnitude : 1;
    if (need[n]! < 1) limited = true;
  }
  if (!limited) return;
  // Forward minimum over [n, n + window − 1] with a monotonic deque.
  const minimum = new Float32Array(length);
  const queue = new Int32Array(length);
  let head = 0;
  let tail = 0;
  for (let n = length - 1; n >= 0; n--) {
    while (tail > head && need[queue[tail - 1]!]! >= need[n]!) tail--;
    queue[tail++] = n;
    while (queue[head]! > n + window - 1) head++;
    minimum[n] = need[queue[head]!]!;
  }
  let sum = 0;
  for (let n = 0; n < length; n++) {
    sum += minimum[n]!;
    if (n >= window) sum -= minimum[n - window]!;
    const gain = sum / Math.min(n + 1, window);
    signal[n] = signal[n]! * Math.min(gain, minimum[n]!);
  }
}

/** Fourth-order Butterworth low-pass (two RBJ biquads), in place. */
export function lowPass(signal: Float32Array, cutoffHz: number): void {
  for (const q of [0.5412, 1.3066]) {
    const w = (2 * Math.PI * cutoffHz) / SAMPLE_RATE;
    const alpha = Math.sin(w) / (2 * q);
    const cos = Math.cos(w);
    const a0 = 1 + alpha;
    const b0 = (1 - cos) / 2 / a0;
    const b1 = (1 - cos) / a0;
    const a1 = (-2 * cos) / a0;
    const a2 = (1 - alpha) / a0;
    let x1 = 0;
    let x2 = 0;
    let y1 = 0;
    let y2 = 0;
    for (let n = 0; n < signal.length; n++) {
      const x = signal[n]!;
      const y = b0 * x + b1 * x1 + b0 * x2 - a1 * y1 - a2 * y2;
      x2 = x1;
      x1 = x;
      y2 = y1;
      y1 = y;
      signal[n] = y;
    }
  }
}

/** Drums and music at a random ratio, a random loudness, limited at −1 dBFS. */
export function masterMix(drums: Float32Array, music: Float32Array, random: RandomSource): Float32Array {
  const length = Math.max(drums.length, music.length);
  const mix = new Float32Array(length);
  const drumLevel = activeRms(drums);
  const musicLevel = activeRms(music);
  const drumGain = drumLevel > 0 && musicLevel > 0 ? (musicLevel / drumLevel) * 10 ** (between(random, -8, 7) / 20) : 1;
  for (let n = 0; n < length; n++) mix[n] = (drums[n] ?? 0) * drumGain + (music[n] ?? 0);
  const level = activeRms(mix);
  if (level > 0) {
    const gain = 10 ** (between(random, -24, -9) / 20) / level;
    for (let n = 0; n < length; n++) mix[n] = mix[n]! * gain;
  }
  limitPeaks(mix, 10 ** (-1 / 20));
  if (random() < 0.2) lowPass(mix, between(random, 11_000, 17_000));
  return mix;
}
