/**
 * The "rhythm" analysis: global tempo with confidence and octave alternatives, a tempo
 * curve, beats (dynamic programming on the onset envelope, following the tempo curve),
 * meter and downbeats. The tempo's metrical level (the beat, not its half or double) is
 * chosen from the tracked beats' evidence by a learned decision (metrical-level-model.ts)
 * and checked against the harmonic rhythm. Shares the onset envelopes memoised by the
 * onsets analysis; `beatGridOf(context)` memoises the result for later analyses (structure,
 * chords).
 */
import { z } from "zod";
import { frameTime } from "../../core/dsp/spectrogram.js";
import { aggregateChroma } from "../../core/features/aggregate-chroma.js";
import { median } from "../../core/median.js";
import { beatDivision } from "../../core/rhythm/beat-division.js";
import { beatsEndingWithMusic } from "../../core/rhythm/beats-ending-with-music.js";
import { estimateMeter, type MeterEstimate } from "../../core/rhythm/estimate-meter.js";
import { atMetricalLevel, estimateTempo, type TempoEstimate } from "../../core/rhythm/estimate-tempo.js";
import { METRICAL_LEVEL_DEFAULTS, metricalLevel } from "../../core/rhythm/metrical-level.js";
import { classifyMetricalLevel } from "../../core/rhythm/metrical-level-model.js";
import { tatumGrouping } from "../../core/rhythm/tatum-grouping.js";
import { periodPerFrame, tempoCurve } from "../../core/rhythm/tempo-curve.js";
import { trackBeats } from "../../core/rhythm/track-beats.js";
import type { ChordRecognition } from "../../core/tonal/chords/recognize-chords.js";
import type { AnalysisContext } from "../analysis-context.js";
import { defineAnalysis } from "../analysis-definition.js";
import { chromaOf } from "../representations/chroma.js";
import { primeChordRecognition, recognizeChordsOnBeats } from "./chords-on-beats.js";
import {
  beatTrackingEnvelopeOf,
  lowOnsetEnvelopeOf,
  onsetEnvelopeOf,
  onsetTimesOf,
  regionOnsetEnvelopesOf,
  roundMilliseconds,
} from "./onsets.js";

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
/** Simple ratios between metrical levels: the tracked beats' tempo ÷ the estimate is snapped to one. */
const LEVEL_RATIOS = [1, 1 / 2, 2, 2 / 3, 3 / 2, 3 / 4, 4 / 3];
/** Largest departure (ratio) of the tracked beats' tempo from a simple ratio of the estimate. */
const LEVEL_RATIO_TOLERANCE = 0.06;

/**
 * Compound meter (6/8, 12/8): the beat divides in three when the onset strength at both 1/3
 * and 2/3 of the beat is at least TERNARY_MIN of that at the beats and TERNARY_OVER_BINARY
 * times that at 1/2 (a swung shuffle fills 2/3 only; sixteenths fill 1/2).
 */
const TERNARY_MIN = 0.25;
const TERNARY_OVER_BINARY = 2;
/**
 * 6/8 tracked at two eighths per beat (a 3:2 error) looks like 3/4, but its second
 * dotted-quarter beat falls midway between beats 2 and 3: an accent there at least
 * HEMIOLA_OVER_BEATS times the strength at those beats.
 */
const HEMIOLA_OVER_BEATS = 1.2;
/**
 * Dotted-quarter beats group in bars of 2 (6/8) unless the half bars clearly differ (12/8);
 * see `splitBelow` of estimateMeter. Bars of simple meters are never split into 2/4: rendered
 * 4/4 songs show half bars as alike as any march.
 */
const COMPOUND_SPLIT_BELOW = 0.5;
/** Median chord length, in bars, from which 4/4 beats are taken for eighths: √2 (see chordsOutlastBars). */
const CHORD_BARS_TOO_LONG = Math.SQRT2;
/** Alternate-beat ratio under which the beats' own evidence allows the harmonic-rhythm check to halve them. */
const CHORD_CHECK_ALTERNATE_BELOW = 0.65;

export const RhythmSchema = z
  .object({
    tempoBpm: z
      .number()
      .nullable()
      .describe(
        "global tempo in beats (quarter notes in x/4, dotted quarters in 6/8 and 12/8) per minute; null when no pulse is found",
      ),
    tempoConfidence: z.number().min(0).max(1).describe("confidence in the tempo, 0 (none) to 1"),
    tempoAlternatives: z
      .array(
        z
          .object({
            tempoBpm: z
              .number()
              .describe(
                "an alternative metrical level: half, double, third, triple, two thirds or three halves of the tempo",
              ),
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
    timeSignature: z
      .string()
      .nullable()
      .describe(
        'meter: "3/4", "4/4", or "6/8" / "12/8" when beats divide in three (beats then are dotted quarters); null when too few beats',
      ),
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

/** The tempo curve around a reference tempo and the beats of `envelope` that follow it. */
function beatsAround(envelope: Float32Array, frameRate: number, referenceBpm: number) {
  const curve = tempoCurve(envelope, referenceBpm, { frameRate, hopSeconds: CURVE_HOP_SECONDS });
  const beatFrames = trackBeats(envelope, periodPerFrame(curve, envelope.length, frameRate, referenceBpm), {
    frameRate,
  });
  return { curve, beatFrames };
}

function computeRhythm(context: AnalysisContext): Rhythm {
  const { envelope, frameRate } = onsetEnvelopeOf(context);
  const estimate = estimateTempo(envelope, { frameRate }, context.fftFactory);
  if (estimate.tempoBpm === null) return NO_RHYTHM;
  // The metrical-level tests read beats tracked on the full-band envelope (measured: the
  // kick-weighted beats below make them double or halve some songs wrongly).
  const levelBeats = beatsAround(envelope, frameRate, estimate.tempoBpm);
  const regionEnvelopes = regionOnsetEnvelopesOf(context).envelopes;
  const levelEnvelopes = regionEnvelopes.slice(LEVEL_FROM_REGION);
  // The autocorrelation cannot tell the beat from its half or double; the beats can. Beats that
  // divide in two: the learned decision (the songs it was trained on all do); beats that divide
  // in three: the fixed tests.
  const levelBeatsTernary = isTernary(levelBeats.beatFrames, levelEnvelopes);
  const firstFactor = levelBeatsTernary
    ? metricalLevel(levelBeats.beatFrames, levelEnvelopes).factor
    : classifyMetricalLevel(levelBeats.beatFrames, regionEnvelopes, { frameRate }).factor;
  // Beats whose eighths group in twos are three eighths of a simple meter: the beat is two.
  const levelFactor =
    firstFactor === 1 && threeEighthsOfTwo(levelBeats.beatFrames, levelEnvelopes) ? 3 / 2 : firstFactor;
  // The tests judge the beats tracked, and the tracker may have settled on a neighbouring level
  // of the estimate (half notes every four eighths for an estimate of three): move from there.
  const tracked = trackedLevel(levelBeats.beatFrames, frameRate, estimate.tempoBpm);
  const levelMove = hasCandidate(estimate, tracked * levelFactor) ? tracked * levelFactor : levelFactor;
  const moved = estimate.tempoBpm * levelMove;
  const plausible = moved >= LEVEL_MIN_BPM && moved <= LEVEL_MAX_BPM;
  const factor = estimate.confidence >= LEVEL_MIN_CONFIDENCE && plausible ? levelMove : 1;
  const rhythm = rhythmAt(context, atMetricalLevel(estimate, factor), factor === 1 ? levelBeats.curve : null);
  if (!(Math.abs(factor - 1) < 1e-9 || Math.abs(factor - 2) < 1e-9)) return rhythm;
  const check = chordsOutlastBars(context, rhythm);
  if (!check.outlast) {
    // The chords analysis reuses the chords of the grid reported.
    if (check.recognition !== null) primeChordRecognition(context, check.recognition);
    return rhythm;
  }
  return rhythmAt(context, atMetricalLevel(estimate, factor / 2), null);
}

/**
 * The metrical level of tracked beats relative to the tempo they were tracked at: their tempo
 * (60 ÷ median inter-beat interval) ÷ `tempoBpm`, snapped to LEVEL_RATIOS; 1 when none is near.
 */
function trackedLevel(beatFrames: Int32Array, frameRate: number, tempoBpm: number): number {
  if (beatFrames.length < 8) return 1;
  const intervals = Array.from(beatFrames.subarray(1), (frame, i) => frame - beatFrames[i]!);
  const ratio = (60 * frameRate) / median(intervals) / tempoBpm;
  const nearest = LEVEL_RATIOS.reduce((best, candidate) =>
    Math.abs(Math.log(ratio / candidate)) < Math.abs(Math.log(ratio / best)) ? candidate : best,
  );
  return Math.abs(nearest / ratio - 1) <= LEVEL_RATIO_TOLERANCE ? nearest : 1;
}

/** Whether the estimate has a candidate at `factor` × its tempo. */
function hasCandidate(estimate: TempoEstimate, factor: number): boolean {
  return atMetricalLevel(estimate, factor) !== estimate || factor === 1;
}

/**
 * The harmonic-rhythm check of the beat level (Goto & Muraoka 1999, "Real-time beat tracking
 * for drumless audio signals: chord change detection for musical decisions", Speech
 * Communication 27: chords change at bar lines, and that fixes the level above the beat):
 * in 4/4, chords that last more than a bar and a half on median (CHORD_BARS_TOO_LONG, the
 * geometric middle of one and two bars) mean the "bars" are half bars and the beats eighths,
 * when the beats' own evidence agrees (alternate beats unlike each other, below
 * CHORD_CHECK_ALTERNATE_BELOW, or nothing at all between the beats: the metrical-level
 * decisions keep such beats, since a metronome's look so, but of 302 rendered songs every
 * sequence that did was tracked at the song's eighths) and half the tempo is still a beat
 * (≥ LEVEL_MIN_BPM).
 */
function chordsOutlastBars(
  context: AnalysisContext,
  rhythm: Rhythm,
): { readonly outlast: boolean; readonly recognition: ChordRecognition | null } {
  const no = { outlast: false, recognition: null };
  if (rhythm.tempoBpm === null || rhythm.beatsPerBar !== 4 || rhythm.timeSignature !== "4/4") return no;
  if (rhythm.tempoBpm / 2 < LEVEL_MIN_BPM || rhythm.beats.length < 16) return no;
  const { envelope, frameRate } = onsetEnvelopeOf(context);
  const offset = frameTime(context.rhythmFrames().harmony, 0);
  const frames = Int32Array.from(rhythm.beats, (time) =>
    Math.max(0, Math.min(envelope.length - 1, Math.round((time - offset) * frameRate))),
  );
  const evidence = metricalLevel(frames, regionOnsetEnvelopesOf(context).envelopes.slice(LEVEL_FROM_REGION));
  const emptySubdivision = evidence.halfBeatRatio < METRICAL_LEVEL_DEFAULTS.emptyBelow;
  if (!(evidence.alternateBeatRatio < CHORD_CHECK_ALTERNATE_BELOW || emptySubdivision)) return no;
  const beatSeconds = median(rhythm.beats.slice(1).map((time, i) => time - rhythm.beats[i]!));
  const recognition = recognizeChordsOnBeats(context, rhythm);
  const lengths = recognition.segments
    .filter((segment) => segment.label !== "N")
    .map((segment) => (segment.endSeconds - segment.startSeconds) / beatSeconds);
  const outlast = lengths.length >= 4 && median(lengths) >= CHORD_BARS_TOO_LONG * rhythm.beatsPerBar;
  return { outlast, recognition };
}

/**
 * Beats, meter and downbeats at a chosen tempo: the tempo curve around it (`curve` when
 * already made), beats tracked on the beat-tracking envelope, the meter, and dotted-quarter
 * beats when the meter is compound.
 */
function rhythmAt(
  context: AnalysisContext,
  tempo: ReturnType<typeof atMetricalLevel>,
  knownCurve: ReturnType<typeof tempoCurve> | null,
): Rhythm {
  const { envelope, frameRate } = onsetEnvelopeOf(context);
  const tempoBpm = tempo.tempoBpm!;
  const curve = knownCurve ?? tempoCurve(envelope, tempoBpm, { frameRate, hopSeconds: CURVE_HOP_SECONDS });
  let beatFrames = trackBeats(
    beatTrackingEnvelopeOf(context).envelope,
    periodPerFrame(curve, envelope.length, frameRate, tempoBpm),
    { frameRate },
  );
  const { harmony } = context.rhythmFrames();
  const toTime = (frame: number) => roundMilliseconds(frameTime(harmony, frame));
  const lowEnvelope = lowOnsetEnvelopeOf(context).envelope;
  const meterOf = (frames: Int32Array, splitBelow = 0) => {
    const times = [...frames].map(toTime);
    return estimateMeter(
      frames,
      lowEnvelope,
      harmony,
      { fromBand: 0, toBand: harmony.bins, splitBelow },
      times.length >= 2 ? chromaBetweenBeats(context, times) : undefined,
    );
  };
  const levelEnvelopes = regionOnsetEnvelopesOf(context).envelopes.slice(LEVEL_FROM_REGION);
  let meter = meterOf(beatFrames);
  const compound = compoundBeats(beatFrames, meter, levelEnvelopes, tempoBpm);
  let beatsPerMinute = tempoBpm;
  let compoundMeter = false;
  if (compound !== null && isTernary(compound.beatFrames, levelEnvelopes)) {
    // Adopted only when the dotted-quarter beats group in twos or fours (6/8, 12/8).
    const grouped = meterOf(compound.beatFrames, COMPOUND_SPLIT_BELOW);
    if (grouped.beatsPerBar === 2 || grouped.beatsPerBar === 4) {
      beatFrames = compound.beatFrames;
      beatsPerMinute = tempoBpm * compound.factor;
      meter = grouped;
      compoundMeter = true;
    }
  }
  const allBeats = [...beatFrames].map(toTime);
  // The tracker's grid runs on through a final chord's ring, or stops at the chord's downbeat:
  // the beats end with the music's last bar.
  const ended = beatsEndingWithMusic(
    { beats: allBeats, downbeats: [...meter.downbeatIndices].map((index) => allBeats[index]!) },
    meter.beatsPerBar,
    onsetTimesOf(context),
    context.durationSeconds,
  );
  const beats = ended.beats.map(roundMilliseconds);
  const downbeats = ended.downbeats.map(roundMilliseconds);
  const round = (value: number) => Math.round(value * 100) / 100;
  return {
    tempoBpm: round(beatsPerMinute),
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
    downbeats,
    timeSignature:
      meter.beatsPerBar === null ? null : compoundMeter ? `${3 * meter.beatsPerBar}/8` : `${meter.beatsPerBar}/4`,
    beatsPerBar: meter.beatsPerBar,
    meterConfidence: meter.confidence,
  };
}

/**
 * Dotted-quarter beats of a compound meter, when the tracked beats are them (ternary
 * division, duple grouping), two eighths (3:2 error, heard as 3/4 with an accent between
 * beats 2 and 3) or eighths (beats faster than LEVEL_MAX_BPM grouped in threes); with the
 * factor from the tracked tempo to the dotted-quarter tempo. null when not compound.
 */
function compoundBeats(
  beatFrames: Int32Array,
  meter: MeterEstimate,
  envelopes: readonly Float32Array[],
  tempoBpm: number,
): { beatFrames: Int32Array; factor: number } | null {
  if (meter.beatsPerBar === null) return null;
  if (meter.beatsPerBar !== 3) return isTernary(beatFrames, envelopes) ? { beatFrames, factor: 1 } : null;
  const downbeat = meter.downbeatIndices[0]!;
  if (tempoBpm > LEVEL_MAX_BPM) {
    const kept = [...beatFrames].filter((_, i) => (i - downbeat) % 3 === 0);
    return { beatFrames: Int32Array.from(kept), factor: 1 / 3 };
  }
  // The tracked beats may sit on either dotted-quarter beat: try each beat of the group.
  let phase = -1;
  let accent = 0;
  for (let j = 0; j < 3; j++) {
    const [atBeat, between, atNext] = beatDivision(beatFrames, envelopes, [0, 0.5, 1], { period: 3, phase: j });
    const ratio = between! / Math.max(atBeat!, atNext!, 1e-9);
    if (ratio > accent) {
      accent = ratio;
      phase = j;
    }
  }
  if (!(accent >= HEMIOLA_OVER_BEATS)) return null;
  const frames: number[] = [];
  for (let i = 0; i < beatFrames.length; i++) {
    const position = (((i - phase) % 3) + 3) % 3;
    if (position === 2) frames.push(beatFrames[i]!);
    else if (position === 0 && i + 1 < beatFrames.length)
      frames.push(Math.round((beatFrames[i]! + beatFrames[i + 1]!) / 2));
  }
  return { beatFrames: Int32Array.from(frames), factor: 2 / 3 };
}

/**
 * Beats that divide in three (isTernary) but whose thirds are accented in twos, not on the
 * beats (tatumGrouping): a simple meter tracked at three eighths per beat, a 2:3 error.
 */
function threeEighthsOfTwo(beatFrames: Int32Array, envelopes: readonly Float32Array[]): boolean {
  if (!isTernary(beatFrames, envelopes)) return false;
  const { ternaryContrast, binaryContrast } = tatumGrouping(beatFrames, envelopes);
  return binaryContrast > ternaryContrast;
}

function isTernary(beatFrames: Int32Array, envelopes: readonly Float32Array[]): boolean {
  const [third, half, twoThirds] = beatDivision(beatFrames, envelopes, [1 / 3, 1 / 2, 2 / 3]);
  const ternary = Math.min(third!, twoThirds!);
  return ternary >= TERNARY_MIN && ternary >= TERNARY_OVER_BINARY * half!;
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
  passes: ["rhythm", "tonal"],
  run: (context): Rhythm => beatGridOf(context),
  toCorpus: (result) => ({
    ...(result.tempoBpm === null ? {} : { tempo: result.tempoBpm }),
    beats: result.beats,
    downbeats: result.downbeats,
    ...(result.timeSignature === null ? {} : { time_signature: result.timeSignature }),
  }),
});
