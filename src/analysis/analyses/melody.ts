/**
 * The "melody" analysis: the predominant melody of a full mix (a voice or lead instrument
 * over accompaniment) as a pitch contour and as notes. Pitch salience by harmonic summation
 * of the tonal frame pass's spectral peaks (no extra pass over the samples), a Viterbi
 * melody line through the salience peaks with an unvoiced state, pitch-stability note
 * segmentation, note starts moved to the onsets the rhythm pass detects (its frames are
 * four times shorter than the salience's), repeated notes split at onsets where the note's
 * harmonics move, and false-alarm notes dropped (both decided by small logistic models
 * trained on rendered songs: src/core/pitch/melody-models.ts). The chain is
 * src/core/pitch/melody-transcription.ts. Opt-in (not in the default set). For monophonic
 * recordings (a solo voice, a single instrument), `tonearm melograph` (pYIN) tracks the
 * pitch more finely.
 * Reference: J. Salamon & E. Gómez (2012), "Melody extraction from polyphonic music
 *   signals using pitch contour characteristics", IEEE TASLP 20(6).
 */
import { z } from "zod";
import { frameTime } from "../../core/dsp/spectrogram.js";
import type { MelodyEvidence } from "../../core/pitch/melody-evidence.js";
import { type MelodyInputs, transcribeMelody } from "../../core/pitch/melody-transcription.js";
import { createLogFilterbank } from "../../core/rhythm/log-filterbank.js";
import type { AnalysisContext } from "../analysis-context.js";
import { defineAnalysis } from "../analysis-definition.js";
import { HARMONY_HZ } from "../ingest/rhythm-frame-pass.js";
import { tonalPeaksOf } from "../representations/chroma.js";
import { onsetDetectionEnvelopeOf, onsetTimesOf, roundMilliseconds } from "./onsets.js";
import { beatGridOf } from "./rhythm.js";

const NoteSchema = z
  .object({
    onset: z.number().describe("seconds from the start"),
    offset: z.number().describe("seconds from the start (> onset)"),
    midi: z.number().describe("pitch as a fractional MIDI number (69 = A4 = 440 Hz), the median over the note"),
  })
  .describe("one melody note");

export const MelodySchema = z
  .object({
    frameSeconds: z.number().describe("seconds between contour frames"),
    firstFrameSeconds: z.number().describe("time of contour frame 0 (its centre)"),
    contourMidi: z
      .array(z.number().nullable())
      .describe("melody pitch per frame as a fractional MIDI number, rounded to 0.01; null where no melody sounds"),
    voicedRatio: z.number().describe("share of frames with a melody pitch, 0 … 1"),
    notes: z.array(NoteSchema).describe("melody notes sorted by onset; they never overlap"),
  })
  .describe(
    "Predominant melody of the mix: pitch contour and notes (harmonic-summation salience, Salamon & Gómez 2012)",
  );

export type Melody = z.infer<typeof MelodySchema>;

/**
 * The short-frame evidence the note stages read: the rhythm pass's log bands of the
 * harmony range (with each band's pitch), its onset detection function, onsets and beats.
 */
function melodyEvidenceOf(context: AnalysisContext): MelodyEvidence {
  const harmony = context.rhythmFrames().harmony;
  const { centerHz } = createLogFilterbank({ sampleRate: harmony.sampleRate, frameSize: harmony.frameSize });
  // The harmony bands are the filterbank's bands centred in (HARMONY_HZ[0], HARMONY_HZ[1]].
  const first = centerHz.findIndex((hz) => hz > HARMONY_HZ[0]);
  const bandMidi = new Float32Array(harmony.bins);
  for (let b = 0; b < harmony.bins; b++) bandMidi[b] = 69 + 12 * Math.log2(centerHz[first + b]! / 440);
  return {
    bands: harmony.data.subarray(0, harmony.frames * harmony.bins),
    bandCount: harmony.bins,
    bandMidi,
    frameRate: harmony.sampleRate / harmony.hopSize,
    firstFrameSeconds: frameTime(harmony, 0),
    onsetEnvelope: onsetDetectionEnvelopeOf(context).envelope,
    onsets: onsetTimesOf(context),
    beats: beatGridOf(context).beats,
  };
}

/** What the melody chain reads from the frame passes (exported for the evaluation and training scripts). */
export function melodyInputsOf(context: AnalysisContext): MelodyInputs {
  return { peaks: tonalPeaksOf(context), evidence: melodyEvidenceOf(context) };
}

/** The melody of the track, memoised. */
export function melodyOf(context: AnalysisContext): Melody {
  return context.memo("melody:result", () => {
    const { candidates, line, notes: transcribed } = transcribeMelody(melodyInputsOf(context));
    const notes = transcribed.map((note) => ({
      onset: roundMilliseconds(note.onset),
      offset: roundMilliseconds(note.offset),
      midi: Math.round(note.midi * 100) / 100,
    }));
    let voiced = 0;
    const contourMidi = Array.from(line.midi, (midi) => {
      if (Number.isNaN(midi)) return null;
      voiced++;
      return Math.round(midi * 100) / 100;
    });
    return {
      frameSeconds: candidates.hopSeconds,
      firstFrameSeconds: candidates.firstFrameSeconds,
      contourMidi,
      voicedRatio: line.midi.length > 0 ? Math.round((voiced / line.midi.length) * 1000) / 1000 : 0,
      notes,
    };
  });
}

export const melodyAnalysis = defineAnalysis({
  name: "melody",
  description: "predominant melody of the mix: pitch contour and notes (opt-in)",
  schema: MelodySchema,
  cost: 1,
  passes: ["tonal", "rhythm"],
  includedByDefault: false,
  run: (context): Melody => melodyOf(context),
  toCorpus: (result) => ({ notes: result.notes }),
});
