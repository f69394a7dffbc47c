/**
 * The "rhythm" analysis: global tempo with confidence and octave alternatives, a tempo
 * curve, beats (dynamic programming on the onset envelope, following the tempo curve),
 * meter and downbeats. Shares the onset envelopes memoised by the onsets analysis;
 * `beatGridOf(context)` memoises the result for later analyses (structure, chords).
 */
import { z } from "zod";
import { frameTime } from "../../core/dsp/spectrogram.js";
import { aggregateChroma } from "../../core/features/aggregate-chroma.js";
import { estimateMeter } from "../../core/rhythm/estimate-meter.js";
import { atMetricalLevel, estimateTempo } from "../../core/rhythm/estimate-tempo.js";
import { metricalLevel } from "../../core/rhythm/metrical-level.js";
import { periodPerFrame, tempoCurve } from "../../core/rhythm/tempo-curve.js";
import { trackBeats } from "../../core/rhythm/track-beats.js";
import type { AnalysisContext } from "../analysis-context.js";
import { defineAnalysis } from "../analysis-definition.js";
import { chromaOf } from "../representations/chroma.js";
import {
  lowOnsetEnvelopeOf,
  onsetEnvelopeOf,
  regionOnsetEnvelopesOf,
  rhythmSpectrogramOf,
  roundMilliseconds,
} from "./onsets.js";

/** Harmonic change for downbeats uses the bands from 60 Hz to 4 kHz. */
const HARMONY_HZ = [60, 4000] as const;
const CURVE_HOP_SECONDS = 2;
/** The metrical-level tests leave out the kick-drum region (below 120 Hz). */
const LEVEL_FROM_REGION = 1;
/**
 * Below this tempo confidence there is no pulse to speak of (noise scores < 0.1, music with
 * a beat > 0.3) and the metrical-level tests would only move a guess around.
 */
const LEVEL_MIN_CONFIDENCE = 0.15;
/**
 * The metrical-level tests may move the tempo only within this range (BPM): annotated
 * tempi of music cluster around 120 BPM and thin out sharply below 40 and above 200
 * (Moelants & McKinney 2004, "Tempo perception and musical content", ICMPC 8), so a beat
 * level outside it is far more likely a subdivision or a bar than the beat.
 */
const LEVEL_MIN_BPM = 40;
const LEVEL_MAX_BPM = 200;

export const RhythmSchema = z
  .object({
    tempoBpm: z
      .number()
      .nullable()
      .describe("global tempo in beats (quarter notes in x/4) per minute; null when no pulse is found"),
    tempoConfidence: z.number().min(0).max(1).describe("confidence in the tempo, 0 (none) to 1"),
    tempoAlternatives: z
      .array(
        z
          .object({
            tempoBpm: z.number().describe("an alternative metrical level: half, double, third or triple the tempo"),
            likelihood: z.number().min(0).max(1).describe("its share of the likelihood among tempo and alternatives"),
          })
          .describe("an octave alternative of the tempo"),
      )
      .describe("the tempo's metrical alternatives with their likelihoods, most likely first"),
    tempoCurve: z
      .array(
        z
          .object({
            timeSeconds: z.number().describe("centre of the analysis window, seconds"),
            tempoBpm: z.number().describe("local tempo, BPM"),
          })
          .describe("local tempo at one time"),
      )
      .describe("tempo over time (8-s windows every 2 s), for songs that drift or change tempo"),
    beats: z.array(z.number()).describe("beat times in seconds, ascending"),
    downbeats: z.array(z.number()).describe("bar starts (first beat of each bar) in seconds, ascending"),
    timeSignature: z.string().nullable().describe('meter as "3/4" or "4/4"; null when too few beats'),
    beatsPerBar: z.number().int().nullable().describe("beats per bar; null when too few beats"),
    meterConfidence: z.number().min(0).max(1).describe("confidence in the meter and downbeats, 0 to 1"),
  })
  .describe("Tempo, beats, meter and downbeats (Ellis 2007 tempo and beat tracking; beat-synchronous meter cues)");

export type Rhythm = z.infer<typeof RhythmSchema>;

const NO_RHYTHM: Rhythm = {
  tempoBpm: null,
  tempoConfidence: 0,
  tempoAlternatives: [],
  tempoCurve: [],
  beats: [],
  downbeats: [],
  timeSignature: null,
  beatsPerBar: null,
  meterConfidence: 0,
};

/** The rhythm result, memoised: beats, downbeats and tempo for every later analysis. */
export function beatGridOf(context: AnalysisContext): Rhythm {
  return context.memo("rhythm:beat-grid", () => computeRhythm(context));
}

/** The tempo curve around a reference tempo and the beats that follow it. */
function beatsAround(envelope: Float32Array, frameRate: number, referenceBpm: number) {
  const curve = tempoCurve(envelope, referenceBpm, { frameRate, hopSeconds: CURVE_HOP_SECONDS });
  const beatFrames = trackBeats(envelope, periodPerFrame(curve, envelope.length, frameRate, referenceBpm), {
    frameRate,
  });
  return { curve, beatFrames };
}

function computeRhythm(context: AnalysisContext): Rhythm {
  const { envelope, frameRate } = onsetEnvelopeOf(context);
  const estimate = estimateTempo(envelope, { frameRate });
  if (estimate.tempoBpm === null) return NO_RHYTHM;
  let tracked = beatsAround(envelope, frameRate, estimate.tempoBpm);
  // The autocorrelation cannot tell the beat from its half or double; the beats can.
  const level = metricalLevel(tracked.beatFrames, regionOnsetEnvelopesOf(context).envelopes.slice(LEVEL_FROM_REGION));
  const moved = estimate.tempoBpm * level.factor;
  const plausible = moved >= LEVEL_MIN_BPM && moved <= LEVEL_MAX_BPM;
  const factor = estimate.confidence >= LEVEL_MIN_CONFIDENCE && plausible ? level.factor : 1;
  const tempo = atMetricalLevel(estimate, factor);
  const tempoBpm = tempo.tempoBpm ?? estimate.tempoBpm;
  if (factor !== 1) tracked = beatsAround(envelope, frameRate, tempoBpm);
  const { curve, beatFrames } = tracked;
  const { spectrogram, centerHz } = rhythmSpectrogramOf(context);
  const toTime = (frame: number) => roundMilliseconds(frameTime(spectrogram, frame));
  const beats = [...beatFrames].map(toTime);
  const band = (frequency: number) => {
    const index = centerHz.findIndex((center) => center > frequency);
    return index < 0 ? centerHz.length : index;
  };
  const meter = estimateMeter(
    beatFrames,
    lowOnsetEnvelopeOf(context).envelope,
    spectrogram,
    { fromBand: band(HARMONY_HZ[0]), toBand: band(HARMONY_HZ[1]) },
    beats.length >= 2 ? chromaBetweenBeats(context, beats) : undefined,
  );
  const round = (value: number) => Math.round(value * 100) / 100;
  return {
    tempoBpm: round(tempoBpm),
    tempoConfidence: tempo.confidence,
    tempoAlternatives: tempo.candidates.slice(1).map((candidate) => ({
      tempoBpm: round(candidate.tempoBpm),
      likelihood: candidate.likelihood,
    })),
    tempoCurve: [...curve.timeSeconds].map((timeSeconds, i) => ({
      timeSeconds: round(timeSeconds),
      tempoBpm: round(curve.tempoBpm[i]!),
    })),
    beats,
    downbeats: [...meter.downbeatIndices].map((index) => beats[index]!),
    timeSignature: meter.beatsPerBar === null ? null : `${meter.beatsPerBar}/4`,
    beatsPerBar: meter.beatsPerBar,
    meterConfidence: meter.confidence,
  };
}

/** Mean chroma of the beat before the first beat, of each inter-beat stretch and of the beat after the last. */
function chromaBetweenBeats(context: AnalysisContext, beats: readonly number[]): Float32Array {
  const first = Math.max(0, 2 * beats[0]! - beats[1]!);
  const last = Math.min(context.durationSeconds, 2 * beats.at(-1)! - beats.at(-2)!);
  const boundaries = [Math.min(first, beats[0]!), ...beats, Math.max(last, beats.at(-1)!)];
  return aggregateChroma(chromaOf(context), boundaries, "mean");
}

export const rhythmAnalysis = defineAnalysis({
  name: "rhythm",
  description: "tempo with confidence, octave alternatives and tempo curve; beats; meter and downbeats",
  schema: RhythmSchema,
  cost: 3,
  run: (context): Rhythm => beatGridOf(context),
  toCorpus: (result) => ({
    ...(result.tempoBpm === null ? {} : { tempo: result.tempoBpm }),
    beats: result.beats,
    downbeats: result.downbeats,
    ...(result.timeSignature === null ? {} : { time_signature: result.timeSignature }),
  }),
});
