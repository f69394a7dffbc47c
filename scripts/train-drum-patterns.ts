/**
 * Random drum parts and accompaniments for the drum-model training: song-like clips of
 * sections with a groove each (kick, snare, hi-hat or ride on a grid, open hi-hats, crashes
 * at section starts, tom fills, ghost notes), some sections of independent random hits (so
 * the model cannot lean only on which drums usually sound together), humanised timing and
 * velocities; and an accompaniment on the same grid (bass, chords, lead, pads, arpeggios)
 * for fluidsynth to render with a General MIDI soundfont. Part of scripts/train-drum-model.ts.
 */
import type { RandomSource } from "../src/core/test-helpers/seeded-random.js";
import type { MidiEvent } from "./train-drum-midi.js";
import type { TrainingInstrument } from "./train-drum-samples.js";

export interface PatternHit {
  readonly timeSeconds: number;
  readonly instrument: TrainingInstrument;
  /** MIDI velocity 1..127. */
  readonly velocity: number;
}

export interface ClipPlan {
  readonly durationSeconds: number;
  readonly tempoBpm: number;
  /** Pulses per bar and grid steps per pulse (4: sixteenths; 3: triplet eighths, 6/8 and 12/8 feels). */
  readonly pulsesPerBar: number;
  readonly stepsPerPulse: number;
  readonly hits: readonly PatternHit[];
  /** Accompaniment events (channels 0–7), times from the clip start. */
  readonly accompaniment: readonly MidiEvent[];
}

const pick = <T>(random: RandomSource, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
const chance = (random: RandomSource, probability: number) => random() < probability;
const between = (random: RandomSource, low: number, high: number) => low + (high - low) * random();

function gaussian(random: RandomSource): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

interface Groove {
  readonly kick: readonly number[];
  readonly snare: readonly number[];
  readonly ghost: readonly number[];
  /** Steps of the cymbal line and its instrument. */
  readonly hat: readonly number[];
  readonly hatInstrument: TrainingInstrument;
  readonly openHat: readonly number[];
  readonly random: boolean;
}

/** Steps of a bar (0 … steps − 1) that are on the given subdivision. */
function stepsEvery(steps: number, every: number, offset = 0): number[] {
  const out: number[] = [];
  for (let s = offset; s < steps; s += every) out.push(s);
  return out;
}

function randomSubset(random: RandomSource, steps: readonly number[], probability: number): number[] {
  return steps.filter(() => chance(random, probability));
}

function makeGroove(random: RandomSource, pulses: number, stepsPerPulse: number, intensity: number): Groove {
  const steps = pulses * stepsPerPulse;
  const all = stepsEvery(steps, 1);
  if (chance(random, 0.15)) {
    // Independent random hits: every class on its own.
    const density = () => between(random, 0.05, 0.35);
    return {
      kick: randomSubset(random, all, density()),
      snare: randomSubset(random, all, density()),
      ghost: [],
      hat: randomSubset(random, all, between(random, 0.1, 0.7)),
      hatInstrument: pick(random, ["hihat_closed", "hihat_closed", "ride", "hihat_open"] as const),
      openHat: [],
      random: true,
    };
  }
  const half = stepsPerPulse === 4 ? 2 : stepsPerPulse;
  const onPulse = stepsEvery(steps, stepsPerPulse);
  const kick = new Set<number>([0]);
  if (pulses >= 4 && chance(random, 0.8)) kick.add(2 * stepsPerPulse);
  if (chance(random, 0.35)) for (const s of onPulse) kick.add(s); // four on the floor
  for (const s of all) if (!onPulse.includes(s) && chance(random, 0.08 * intensity)) kick.add(s);
  const backbeat = pulses % 2 === 0 ? onPulse.filter((_, i) => i % 2 === 1) : onPulse.slice(1);
  let snare: number[];
  const style = random();
  if (style < 0.6) snare = backbeat;
  else if (style < 0.68)
    snare = [...kick]; // snare doubling the kick
  else if (style < 0.8)
    snare = pulses >= 4 ? [2 * stepsPerPulse] : [onPulse.at(-1)!]; // half time
  else snare = randomSubset(random, all, 0.15);
  if (chance(random, 0.2)) snare = [...snare, ...randomSubset(random, all, 0.06)];
  const ghost = chance(random, 0.25) ? randomSubset(random, all, 0.12).filter((s) => !snare.includes(s)) : [];
  const hatStyle = random();
  const hatInstrument: TrainingInstrument =
    hatStyle < 0.62 ? "hihat_closed" : hatStyle < 0.84 ? "ride" : hatStyle < 0.92 ? "hihat_open" : "crash";
  const grid = pick(random, stepsPerPulse === 4 ? [1, 2, 2, 2, 4] : [1, 1, 3]);
  let hat = stepsEvery(steps, grid);
  if (chance(random, 0.15)) hat = stepsEvery(steps, half, half === 2 ? 1 : 0); // off-beats only
  if (hatInstrument === "crash") hat = stepsEvery(steps, stepsPerPulse);
  if (chance(random, 0.1)) hat = [];
  const openHat =
    hatInstrument === "hihat_closed" && chance(random, 0.35)
      ? randomSubset(
          random,
          hat.filter((s) => s % stepsPerPulse !== 0),
          0.25,
        )
      : [];
  return { kick: [...kick], snare, ghost, hat, hatInstrument, openHat, random: false };
}

const TOMS: readonly TrainingInstrument[] = ["tom_high", "tom_mid", "tom_low"];

/** A whole clip's drum part. */
function drumPart(
  random: RandomSource,
  durationSeconds: number,
  stepSeconds: number,
  pulses: number,
  stepsPerPulse: number,
  hasDrums: boolean,
): PatternHit[] {
  if (!hasDrums) return [];
  const hits: PatternHit[] = [];
  const steps = pulses * stepsPerPulse;
  const barSeconds = steps * stepSeconds;
  const jitter = between(random, 0.002, 0.012);
  const add = (time: number, instrument: TrainingInstrument, velocity: number) => {
    const t = time + Math.max(-0.02, Math.min(0.02, jitter * gaussian(random)));
    const v = Math.round(velocity + 8 * gaussian(random));
    if (t >= 0 && t < durationSeconds - 0.05)
      hits.push({ timeSeconds: t, instrument, velocity: Math.max(1, Math.min(127, v)) });
  };
  let bar = 0;
  const lead = between(random, 0, 1) * barSeconds;
  while (lead + bar * barSeconds < durationSeconds) {
    const sectionBars = pick(random, [2, 4, 4, 8]);
    const intensity = between(random, 0.3, 1.2);
    const groove = makeGroove(random, pulses, stepsPerPulse, intensity);
    const crashStart = chance(random, 0.5);
    const fill = chance(random, 0.4);
    const resting = chance(random, 0.07);
    for (let b = 0; b < sectionBars; b++, bar++) {
      const start = lead + bar * barSeconds;
      if (start >= durationSeconds) break;
      if (resting) continue;
      const fillFrom = fill && b === sectionBars - 1 ? steps - pick(random, [stepsPerPulse, 2 * stepsPerPulse]) : steps;
      for (let s = 0; s < steps; s++) {
        const time = start + s * stepSeconds;
        const accent = s % stepsPerPulse === 0 ? 1 : 0.8;
        if (s >= fillFrom) {
          if (s % (stepsPerPulse === 4 ? 1 : 1) === 0 && chance(random, 0.8)) {
            const instrument = chance(random, 0.35) ? "snare" : pick(random, TOMS);
            add(time, instrument, between(random, 70, 115));
          }
          continue;
        }
        if (b === 0 && s === 0 && crashStart) {
          add(time, "crash", between(random, 90, 125));
          add(time, "kick", between(random, 90, 120));
          continue;
        }
        if (groove.kick.includes(s)) add(time, "kick", between(random, 80, 120) * (groove.random ? 1 : accent + 0.1));
        if (groove.snare.includes(s)) add(time, "snare", between(random, 80, 122));
        if (groove.ghost.includes(s)) add(time, "snare", between(random, 25, 55));
        if (groove.hat.includes(s)) {
          const open = groove.openHat.includes(s);
          add(
            time,
            open ? "hihat_open" : groove.hatInstrument,
            between(random, 30, 95) * (groove.random ? 1 : accent + 0.15),
          );
        }
        if (!groove.random && chance(random, 0.01)) add(time, pick(random, TOMS), between(random, 60, 110));
      }
    }
  }
  return hits.sort((a, b) => a.timeSeconds - b.timeSeconds);
}

// General MIDI programs by role (0-based).
const BASS_PROGRAMS = [32, 33, 34, 35, 36, 37, 38, 39, 43, 58];
const CHORD_PROGRAMS = [0, 1, 2, 3, 4, 5, 6, 7, 16, 17, 18, 19, 24, 25, 26, 27, 28, 29, 30, 46, 48, 49, 50, 61, 62, 11];
const LEAD_PROGRAMS = [40, 41, 56, 57, 60, 64, 65, 66, 68, 71, 72, 73, 80, 81, 82, 85, 22, 26, 29, 30, 52, 53];
const PAD_PROGRAMS = [48, 49, 50, 51, 52, 88, 89, 90, 91, 92, 94, 95, 19, 20];
const PLUCK_PROGRAMS = [8, 9, 10, 11, 12, 13, 14, 15, 24, 25, 45, 46, 104, 105, 106, 107, 108, 114, 115];

/** An accompaniment on the clip's grid: a chord per bar or half bar in a random key. */
function accompaniment(
  random: RandomSource,
  durationSeconds: number,
  stepSeconds: number,
  pulses: number,
  stepsPerPulse: number,
  hasMusic: boolean,
): MidiEvent[] {
  if (!hasMusic) return [];
  const events: MidiEvent[] = [];
  const barSeconds = pulses * stepsPerPulse * stepSeconds;
  const pulseSeconds = stepsPerPulse * stepSeconds;
  const tonic = 36 + Math.floor(random() * 12);
  const minor = chance(random, 0.4);
  const scale = minor ? [0, 2, 3, 5, 7, 8, 10] : [0, 2, 4, 5, 7, 9, 11];
  const progression = Array.from({ length: 4 }, () => Math.floor(random() * 7));
  progression[0] = 0;
  const note = (channel: number, key: number, from: number, to: number, velocity: number) => {
    if (from >= durationSeconds) return;
    events.push({ timeSeconds: from, channel, kind: "on", key, velocity });
    events.push({ timeSeconds: Math.min(durationSeconds, to), channel, kind: "off", key, velocity: 0 });
  };
  const parts: { channel: number; programs: readonly number[]; probability: number }[] = [
    { channel: 0, programs: BASS_PROGRAMS, probability: 0.8 },
    { channel: 1, programs: CHORD_PROGRAMS, probability: 0.85 },
    { channel: 2, programs: LEAD_PROGRAMS, probability: 0.6 },
    { channel: 3, programs: PAD_PROGRAMS, probability: 0.3 },
    { channel: 4, programs: PLUCK_PROGRAMS, probability: 0.35 },
  ];
  const active = parts.filter((part) => chance(random, part.probability));
  if (active.length === 0) active.push(parts[1]!);
  for (const part of active) {
    events.push({ timeSeconds: 0, channel: part.channel, kind: "program", value: pick(random, part.programs) });
    events.push({
      timeSeconds: 0,
      channel: part.channel,
      kind: "controller",
      controller: 7,
      value: between(random, 70, 120),
    });
    events.push({
      timeSeconds: 0,
      channel: part.channel,
      kind: "controller",
      controller: 91,
      value: between(random, 0, 70),
    });
    events.push({
      timeSeconds: 0,
      channel: part.channel,
      kind: "controller",
      controller: 10,
      value: between(random, 30, 98),
    });
  }
  const has = (channel: number) => active.some((part) => part.channel === channel);
  const chordRhythm = pick(random, ["sustain", "pulses", "offbeats", "stabs"] as const);
  const bassRhythm = pick(random, ["roots", "pulses", "eighths", "syncopated"] as const);
  let leadKey = tonic + 24 + scale[Math.floor(random() * 7)]!;
  for (let bar = 0; bar * barSeconds < durationSeconds; bar++) {
    const start = bar * barSeconds;
    const degree = progression[bar % progression.length]!;
    const root = tonic + scale[degree]!;
    const triad = [0, 2, 4].map((step) => {
      const index = degree + step;
      return tonic + 12 + scale[index % 7]! + 12 * Math.floor(index / 7);
    });
    if (has(0)) {
      const times =
        bassRhythm === "roots"
          ? [0]
          : bassRhythm === "pulses"
            ? Array.from({ length: pulses }, (_, i) => i * pulseSeconds)
            : bassRhythm === "eighths"
              ? Array.from({ length: 2 * pulses }, (_, i) => (i * pulseSeconds) / 2)
              : [0, 0.75, 1.5, 2.5].map((p) => p * pulseSeconds).filter((t) => t < barSeconds);
      const length = bassRhythm === "roots" ? barSeconds * 0.9 : pulseSeconds * 0.45;
      for (const t of times)
        note(0, root - 12 + (chance(random, 0.15) ? 7 : 0), start + t, start + t + length, between(random, 70, 115));
    }
    if (has(1)) {
      const times =
        chordRhythm === "sustain"
          ? [0]
          : chordRhythm === "pulses"
            ? Array.from({ length: pulses }, (_, i) => i * pulseSeconds)
            : chordRhythm === "offbeats"
              ? Array.from({ length: pulses }, (_, i) => (i + 0.5) * pulseSeconds)
              : [0, 1.5, 2.5].map((p) => p * pulseSeconds).filter((t) => t < barSeconds);
      const length = chordRhythm === "sustain" ? barSeconds * 0.95 : pulseSeconds * between(random, 0.2, 0.8);
      for (const t of times)
        for (const key of triad) note(1, key, start + t, start + t + length, between(random, 55, 100));
    }
    if (has(2)) {
      let t = 0;
      while (t < barSeconds) {
        const duration = pick(random, [0.5, 1, 1, 2, 0.25]) * pulseSeconds;
        if (chance(random, 0.8)) {
          leadKey += pick(random, [-2, -1, 0, 1, 2, 3, -3, 4, -4]);
          leadKey = Math.max(tonic + 17, Math.min(tonic + 41, leadKey));
          note(2, leadKey, start + t, start + t + duration * 0.9, between(random, 60, 110));
        }
        t += duration;
      }
    }
    if (has(3)) for (const key of triad) note(3, key + 12, start, start + barSeconds, between(random, 40, 80));
    if (has(4)) {
      const every = pick(random, [0.5, 0.25, 1]) * pulseSeconds;
      for (let t = 0, i = 0; t < barSeconds; t += every, i++) {
        note(4, triad[i % 3]! + 12, start + t, start + t + every * 0.9, between(random, 50, 100));
      }
    }
  }
  return events;
}

/** One training clip: tempo, meter, drum part and accompaniment. */
export function planClip(
  random: RandomSource,
  options: { readonly drums: boolean; readonly music: boolean },
): ClipPlan {
  const durationSeconds = between(random, 20, 40);
  const tempoBpm = Math.exp(between(random, Math.log(60), Math.log(190)));
  const meter = random();
  const [pulsesPerBar, stepsPerPulse] =
    meter < 0.72
      ? [4, 4]
      : meter < 0.86
        ? [3, 4]
        : pick(random, [
            [2, 3],
            [4, 3],
          ] as const);
  // Compound meters: the pulse is a dotted quarter (three eighths).
  const pulseSeconds = (60 / tempoBpm) * (stepsPerPulse === 3 ? 1.5 : 1);
  const stepSeconds = pulseSeconds / stepsPerPulse;
  return {
    durationSeconds,
    tempoBpm,
    pulsesPerBar,
    stepsPerPulse,
    hits: drumPart(random, durationSeconds, stepSeconds, pulsesPerBar, stepsPerPulse, options.drums),
    accompaniment: accompaniment(random, durationSeconds, stepSeconds, pulsesPerBar, stepsPerPulse, options.music),
  };
}
