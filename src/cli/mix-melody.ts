/**
 * The predominant melody of a full mix (the opt-in "melody" analysis) for the commands that
 * draw or transcribe pitch: its notes, and its contour as a pitch track (voiced where the
 * contour has a pitch), the shape pYIN gives for solo recordings.
 */
import { TonearmError } from "../analysis/errors.js";
import { analyze } from "../analyze.js";
import type { TonearmConfig } from "../config/load-config.js";
import type { PitchTrack } from "../core/pitch/pyin.js";

export interface MixMelody {
  readonly track: PitchTrack;
  readonly notes: readonly { readonly onset: number; readonly offset: number; readonly midi: number }[];
  readonly frameSeconds: number;
}

export async function mixMelody(file: string, config: TonearmConfig): Promise<MixMelody> {
  const report = await analyze(file, {
    analyses: ["melody"],
    decoder: config.decoder,
    ffmpegPath: config.ffmpegPath ?? undefined,
    maxDurationSeconds: config.maxDurationSeconds,
  });
  const melody = report.analyses.melody;
  if (melody === undefined) {
    const why = report.warnings.map((warning) => warning.message).join("; ");
    throw new TonearmError("NOT_AVAILABLE", `the melody analysis gave no result${why === "" ? "" : `: ${why}`}`, {
      path: file,
    });
  }
  const frames = melody.contourMidi.length;
  const hzOf = (midi: number | null) => (midi === null ? Number.NaN : 440 * 2 ** ((midi - 69) / 12));
  const track: PitchTrack = {
    times: Float64Array.from({ length: frames }, (_, frame) => melody.firstFrameSeconds + frame * melody.frameSeconds),
    f0Hz: Float32Array.from(melody.contourMidi, hzOf),
    voicedProbability: Float32Array.from(melody.contourMidi, (midi) => (midi === null ? 0 : 1)),
    voiced: Uint8Array.from(melody.contourMidi, (midi) => (midi === null ? 0 : 1)),
  };
  return { track, notes: melody.notes, frameSeconds: melody.frameSeconds };
}
