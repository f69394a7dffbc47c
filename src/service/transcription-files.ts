/**
 * Where a transcription job keeps its files: in the analysis's artifacts folder
 * (data directory, artifacts/<analysis id>/), under fixed names — transcription.pdf,
 * transcription.mid, transcription.musicxml, transcription.drums.flac and
 * transcription.drums.json — so the folder alone says what each file is. Downloads are named
 * after the uploaded file instead (see `downloadFileName`).
 */
import { join } from "node:path";
import { type DrumArtifact, drumArtifactFileName } from "../drums/drum-transcription-files.js";

export const TRANSCRIPTION_FILE_STEM = "transcription";

export function transcriptionFilePath(artifactsDirectory: string, artifact: DrumArtifact): string {
  return join(artifactsDirectory, drumArtifactFileName(TRANSCRIPTION_FILE_STEM, artifact));
}

/** The name a download is offered under: the audio's name without its extension + the artifact's suffix. */
export function downloadFileName(audioFileName: string, artifact: DrumArtifact): string {
  const dot = audioFileName.lastIndexOf(".");
  const stem = (dot > 0 ? audioFileName.slice(0, dot) : audioFileName) || "drums";
  return drumArtifactFileName(stem, artifact);
}
