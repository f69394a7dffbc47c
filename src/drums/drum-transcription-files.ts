/**
 * The files a drum transcription is delivered as, shared by `tonearm drums` and the service's
 * transcription jobs: the PDF score, the Standard MIDI File, MusicXML 4.0, the drum stem as
 * 16-bit FLAC and a JSON document of the hits, the beat grid and the score's shape. Each
 * artifact has one suffix and one content type (IANA: application/pdf, audio/midi,
 * application/vnd.recordare.musicxml+xml, audio/flac, application/json).
 */
import { access, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { TonearmError } from "../analysis/errors.js";
import { DRUM_CLASSES } from "../core/drums/drum-hit.js";
import { writeFlac } from "../io/flac-encoder.js";
import { TONEARM_VERSION } from "../version.js";
import type { DrumFileTranscription } from "./transcribe-drums-from-file.js";

export const DRUM_ARTIFACTS = ["pdf", "midi", "musicxml", "audio", "json"] as const;
export type DrumArtifact = (typeof DRUM_ARTIFACTS)[number];

export interface DrumArtifactFormat {
  /** Appended to the file's stem: "song" → "song.pdf", "song.drums.flac". */
  readonly suffix: string;
  readonly contentType: string;
}

export const DRUM_ARTIFACT_FORMATS: Readonly<Record<DrumArtifact, DrumArtifactFormat>> = {
  pdf: { suffix: ".pdf", contentType: "application/pdf" },
  midi: { suffix: ".mid", contentType: "audio/midi" },
  musicxml: { suffix: ".musicxml", contentType: "application/vnd.recordare.musicxml+xml" },
  audio: { suffix: ".drums.flac", contentType: "audio/flac" },
  json: { suffix: ".drums.json", contentType: "application/json" },
};

/** The file name of an artifact for a stem: ("song", "midi") → "song.mid". */
export function drumArtifactFileName(stem: string, artifact: DrumArtifact): string {
  return `${stem}${DRUM_ARTIFACT_FORMATS[artifact].suffix}`;
}

/** What the JSON artifact holds (and `tonearm drums --json` prints). */
export interface DrumTranscriptionDocument {
  readonly tonearm: string;
  /** The audio's file name. */
  readonly source: string;
  readonly durationSeconds: number;
  readonly hasDrums: boolean;
  readonly confidence: number;
  readonly reason: string | null;
  readonly grid: DrumFileTranscription["grid"];
  /** The engraved score: its metre, median tempo, bars (a pickup included) and notes placed. */
  readonly score: {
    readonly timeSignature: string;
    readonly tempoBpm: number;
    readonly bars: number;
    readonly subdivision: string;
    readonly notes: number;
  };
  readonly counts: DrumFileTranscription["drums"]["counts"];
  readonly hits: DrumFileTranscription["hits"];
}

export function drumTranscriptionDocument(
  transcription: DrumFileTranscription,
  sourceName: string,
): DrumTranscriptionDocument {
  const { score } = transcription.engraving;
  const { drums } = transcription;
  return {
    tonearm: TONEARM_VERSION,
    source: sourceName,
    durationSeconds: transcription.report.audio.durationSeconds,
    hasDrums: drums.hasDrums,
    confidence: drums.confidence,
    reason: drums.reason,
    grid: transcription.grid,
    score: {
      timeSignature: `${score.timeSignature.numerator}/${score.timeSignature.denominator}`,
      tempoBpm: Math.round(score.tempoBpm * 10) / 10,
      bars: score.bars.length,
      subdivision: score.subdivision,
      notes: score.eventCount,
    },
    counts: Object.fromEntries(DRUM_CLASSES.map((drum) => [drum, drums.counts[drum] ?? 0])) as typeof drums.counts,
    hits: transcription.hits,
  };
}

/** Paths that already exist among `paths`. */
export async function existingPaths(paths: readonly string[]): Promise<string[]> {
  const found: string[] = [];
  for (const path of paths) {
    if (
      await access(path).then(
        () => true,
        () => false,
      )
    )
      found.push(path);
  }
  return found;
}

export interface WriteDrumFilesOptions {
  /** Replace files that exist; otherwise CONFLICT naming them, before anything is written. */
  readonly overwrite: boolean;
  /** The audio's file name, for the JSON document. */
  readonly sourceName: string;
}

/** Writes every artifact as DIRECTORY/<stem><suffix>; resolves with each artifact's path. */
export async function writeDrumTranscriptionFiles(
  transcription: DrumFileTranscription,
  directory: string,
  stem: string,
  options: WriteDrumFilesOptions,
): Promise<Record<DrumArtifact, string>> {
  const paths = Object.fromEntries(
    DRUM_ARTIFACTS.map((artifact) => [artifact, join(directory, drumArtifactFileName(stem, artifact))]),
  ) as Record<DrumArtifact, string>;
  if (!options.overwrite) {
    const existing = await existingPaths(Object.values(paths));
    if (existing.length > 0) {
      throw new TonearmError(
        "CONFLICT",
        `${existing.join(", ")} already exist${existing.length === 1 ? "s" : ""}; nothing was written`,
      );
    }
  }
  const { engraving } = transcription;
  const document = drumTranscriptionDocument(transcription, options.sourceName);
  await writeFile(paths.pdf, engraving.pdf);
  await writeFile(paths.midi, engraving.midi);
  await writeFile(paths.musicxml, engraving.musicXml);
  await writeFlac(paths.audio, transcription.stem);
  await writeFile(paths.json, `${JSON.stringify(document, null, 2)}\n`);
  return paths;
}
