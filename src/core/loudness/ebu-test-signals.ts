/**
 * EBU loudness test signals synthesised from their published definitions (EBU Tech 3341 v4
 * Table 1 and Tech 3342 v4 Table 1): phase-continuous sines whose level (dBFS = peak amplitude
 * re full scale) changes from segment to segment, optionally with raised-cosine fades. Used by
 * the tests and evaluations of the loudness meter; the same definitions as
 * ../shared/corpus/gen_loudness.py, without the 24-bit quantisation.
 */
import type { Hz, Seconds } from "../types.js";

/** Samples between exact evaluations of the sine. */
const ANCHOR = 1024;

/** A stretch of constant level: [dBFS peak amplitude, duration in seconds]. */
export type ToneSegment = readonly [levelDbfs: number, durationSeconds: Seconds];

export interface ToneOptions {
  readonly frequency?: Hz;
  /** Initial phase in degrees. */
  readonly phaseDegrees?: number;
  /** Raised-cosine fade-in and fade-out length, seconds (0: none). */
  readonly fadeSeconds?: Seconds;
}

/**
 * One channel of a sine (default 1 kHz) through `segments`; each segment lasts round(d·fs)
 * samples and the phase runs on across segments.
 */
export function toneSegments(
  segments: readonly ToneSegment[],
  sampleRate: Hz,
  options: ToneOptions = {},
): Float32Array {
  const { frequency = 1000, phaseDegrees = 0, fadeSeconds = 0 } = options;
  const length = segments.reduce((sum, [, duration]) => sum + Math.round(duration * sampleRate), 0);
  const out = new Float32Array(length);
  const step = (2 * Math.PI * frequency) / sampleRate;
  const phase = (phaseDegrees * Math.PI) / 180;
  // sin(step·i + phase) by rotating (sin, cos) one step per sample, re-anchored on Math.sin/cos
  // every ANCHOR samples so the rounding error stays below 1e-13.
  const stepSin = Math.sin(step);
  const stepCos = Math.cos(step);
  let sin = 0;
  let cos = 1;
  for (let index = 0; index < length; index++) {
    if (index % ANCHOR === 0) {
      sin = Math.sin(step * index + phase);
      cos = Math.cos(step * index + phase);
    }
    out[index] = sin;
    const next = sin * stepCos + cos * stepSin;
    cos = cos * stepCos - sin * stepSin;
    sin = next;
  }
  let index = 0;
  for (const [level, duration] of segments) {
    const amplitude = 10 ** (level / 20);
    const end = index + Math.round(duration * sampleRate);
    for (; index < end; index++) out[index] = amplitude * out[index]!;
  }
  const fade = Math.min(Math.floor(fadeSeconds * sampleRate), Math.floor(length / 2));
  for (let i = 0; i < fade; i++) {
    const gain = 0.5 - 0.5 * Math.cos((Math.PI * i) / fade);
    out[i] = out[i]! * gain;
    out[length - 1 - i] = out[length - 1 - i]! * gain;
  }
  return out;
}

/** An EBU test case: its signal (one channel; the documents use identical stereo channels) and expectation. */
export interface EbuTestCase {
  readonly name: string;
  readonly segments: readonly ToneSegment[];
  readonly options?: ToneOptions;
}

/** Tech 3341 cases 1–5: integrated loudness −23.0 ± 0.1 LUFS (1 and 2: −23 and −33). */
export const TECH_3341_INTEGRATED_CASES: readonly (EbuTestCase & { readonly integratedLufs: number })[] = [
  { name: "Tech 3341 case 1", segments: [[-23, 20]], integratedLufs: -23 },
  { name: "Tech 3341 case 2", segments: [[-33, 20]], integratedLufs: -33 },
  {
    name: "Tech 3341 case 3",
    segments: [
      [-36, 10],
      [-23, 60],
      [-36, 10],
    ],
    integratedLufs: -23,
  },
  {
    name: "Tech 3341 case 4",
    segments: [
      [-72, 10],
      [-36, 10],
      [-23, 60],
      [-36, 10],
      [-72, 10],
    ],
    integratedLufs: -23,
  },
  {
    name: "Tech 3341 case 5",
    segments: [
      [-26, 20],
      [-20, 20.1],
      [-26, 20],
    ],
    integratedLufs: -23,
  },
];

/** Tech 3342 cases 1–4: loudness range ± 1 LU. */
export const TECH_3342_RANGE_CASES: readonly (EbuTestCase & { readonly rangeLu: number })[] = [
  {
    name: "Tech 3342 case 1",
    segments: [
      [-20, 20],
      [-30, 20],
    ],
    rangeLu: 10,
  },
  {
    name: "Tech 3342 case 2",
    segments: [
      [-20, 20],
      [-15, 20],
    ],
    rangeLu: 5,
  },
  {
    name: "Tech 3342 case 3",
    segments: [
      [-40, 20],
      [-20, 20],
    ],
    rangeLu: 20,
  },
  {
    name: "Tech 3342 case 4",
    segments: [
      [-50, 20],
      [-35, 20],
      [-20, 20],
      [-35, 20],
      [-50, 20],
    ],
    rangeLu: 15,
  },
];

/**
 * Tech 3341 cases 15–19: sines at fs/4, fs/6, fs/8 whose samples miss the crest; true peak
 * within [−0.4, +0.2] dB of the expected value. `frequencyDivisor` d gives the frequency fs/d.
 * Case 19 is +3.01 dBFS at 45°: the samples sit exactly at full scale.
 */
export const TECH_3341_TRUE_PEAK_CASES: readonly {
  readonly name: string;
  readonly levelDbfs: number;
  readonly frequencyDivisor: number;
  readonly phaseDegrees: number;
  readonly truePeakDbtp: number;
}[] = [
  { name: "Tech 3341 case 15", levelDbfs: -6, frequencyDivisor: 4, phaseDegrees: 0, truePeakDbtp: -6 },
  { name: "Tech 3341 case 16", levelDbfs: -6, frequencyDivisor: 4, phaseDegrees: 45, truePeakDbtp: -6 },
  { name: "Tech 3341 case 17", levelDbfs: -6, frequencyDivisor: 6, phaseDegrees: 60, truePeakDbtp: -6 },
  { name: "Tech 3341 case 18", levelDbfs: -6, frequencyDivisor: 8, phaseDegrees: 67.5, truePeakDbtp: -6 },
  { name: "Tech 3341 case 19", levelDbfs: 3.0103 - 1e-4, frequencyDivisor: 4, phaseDegrees: 45, truePeakDbtp: 3 },
];
