/**
 * The "drums" analysis: drum hit times, classes (kick, snare, three toms, closed and open
 * hi-hat, ride, crash) and velocities, transcribed from the rhythm frame pass's bands and
 * onset envelopes (no extra pass over the samples) by the trained frame-wise drum network of
 * src/core/drums/transcription; `hasDrums` false, with the reason, when the track has no
 * drum part. Opt-in (not in the default set). `drumTranscriptionOf(context)` memoises the
 * result for later consumers (quantisation, notation).
 */
import { z } from "zod";
import { DRUM_CLASSES, type DrumClass } from "../../core/drums/drum-hit.js";
import { drumPresence } from "../../core/drums/transcription/drum-presence.js";
import {
  DRUM_INPUT_REGION_HZ,
  type DrumSpectralInput,
  RHYTHM_PASS_BAND_HZ,
} from "../../core/drums/transcription/drum-spectral-input.js";
import { transcribeDrums } from "../../core/drums/transcription/transcribe-drums.js";
import { frameTime } from "../../core/dsp/spectrogram.js";
import { createLogFilterbank } from "../../core/rhythm/log-filterbank.js";
import type { AnalysisContext } from "../analysis-context.js";
import { defineAnalysis } from "../analysis-definition.js";
import { HARMONY_HZ, ONSET_REGION_HZ } from "../ingest/rhythm-frame-pass.js";
import { roundMilliseconds } from "./onsets.js";

const DrumClassSchema = z.enum(DRUM_CLASSES);

export const DrumsSchema = z
  .object({
    hasDrums: z
      .boolean()
      .describe(
        "whether the track has a drum part; false for silence and for music without drums (hits is then empty)",
      ),
    confidence: z
      .number()
      .min(0)
      .max(1)
      .describe("confidence that the track has drums, 0 to 1 (the hits' mean network activation, lower when few)"),
    reason: z.string().nullable().describe("why no drums were found, when hasDrums is false; null otherwise"),
    hits: z
      .array(
        z
          .object({
            timeSeconds: z.number().describe("onset time in seconds from the start"),
            drum: DrumClassSchema.describe(
              "drum class: kick, snare, tom-low, tom-mid, tom-high, hihat-closed, hihat-open, ride, crash",
            ),
            velocity: z
              .number()
              .int()
              .min(1)
              .max(127)
              .describe("MIDI velocity 1..127, from the hit's level relative to the track's loud hits of its class"),
          })
          .describe("one drum hit"),
      )
      .describe("drum hits sorted by time; simultaneous hits of different drums are separate entries"),
    counts: z
      .record(DrumClassSchema, z.number().int().min(0))
      .describe("number of hits of each drum class (every class present, 0 when none)"),
  })
  .describe(
    "Drum transcription: a frame-wise network over log-filtered bands and onset envelopes, peak picked per drum (Vogl et al. 2017)",
  );

export type Drums = z.infer<typeof DrumsSchema>;

/** The rhythm frame pass's bands and envelopes as drum transcription's input (memoised). */
export function drumSpectralInputOf(context: AnalysisContext): DrumSpectralInput {
  return context.memo("drums:spectral-input", () => {
    if (
      HARMONY_HZ[0] !== RHYTHM_PASS_BAND_HZ[0] ||
      HARMONY_HZ[1] !== RHYTHM_PASS_BAND_HZ[1] ||
      ONSET_REGION_HZ.join() !== DRUM_INPUT_REGION_HZ.join()
    ) {
      throw new Error(
        "drums: the rhythm frame pass's bands or regions differ from those the drum model was trained on",
      );
    }
    const rhythm = context.rhythmFrames();
    const { harmony } = rhythm;
    const bank = createLogFilterbank({ sampleRate: rhythm.sampleRate, frameSize: rhythm.frameSize });
    const first = bank.centerHz.findIndex((hz) => hz > HARMONY_HZ[0]);
    return {
      frames: rhythm.frames,
      frameRate: rhythm.frameRate,
      startSeconds: frameTime(harmony, 0),
      bands: harmony.data.subarray(0, rhythm.frames * harmony.bins),
      bandCenterHz: bank.centerHz.subarray(first, first + harmony.bins),
      regionFlux: rhythm.regionEnvelopes,
      highBandFlux: rhythm.highBandFlux,
    };
  });
}

/** The drum transcription of the track, memoised. */
export function drumTranscriptionOf(context: AnalysisContext): Drums {
  return context.memo("drums:transcription", () => {
    const transcription = transcribeDrums(drumSpectralInputOf(context));
    const presence = drumPresence(transcription, context.durationSeconds);
    const hits = presence.hasDrums
      ? transcription.hits.map((hit) => ({ ...hit, timeSeconds: roundMilliseconds(hit.timeSeconds) }))
      : [];
    const counts = Object.fromEntries(DRUM_CLASSES.map((drum) => [drum, 0])) as Record<DrumClass, number>;
    for (const hit of hits) counts[hit.drum]++;
    return {
      hasDrums: presence.hasDrums,
      confidence: Math.round(presence.confidence * 1000) / 1000,
      reason: presence.reason,
      hits,
      counts,
    };
  });
}

/** Hit times of the given classes, ascending. */
function timesOf(result: Drums, classes: readonly DrumClass[]): number[] {
  return result.hits.filter((hit) => classes.includes(hit.drum)).map((hit) => hit.timeSeconds);
}

export const drumsAnalysis = defineAnalysis({
  name: "drums",
  description: "drum transcription: kick, snare, toms, hi-hat (closed/open), ride and crash hits with velocities",
  schema: DrumsSchema,
  cost: 2,
  passes: ["rhythm"],
  includedByDefault: false,
  run: (context): Drums => drumTranscriptionOf(context),
  toCorpus: (result) => ({
    drums: {
      kick: timesOf(result, ["kick"]),
      snare: timesOf(result, ["snare"]),
      hihat: timesOf(result, ["hihat-closed", "hihat-open"]),
      cymbal: timesOf(result, ["ride", "crash"]),
      tom: timesOf(result, ["tom-low", "tom-mid", "tom-high"]),
    },
  }),
});
