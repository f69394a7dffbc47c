/**
 * Where a transcription job keeps its files: in the analysis's artifacts folder
 * (data directory, artifacts/<analysis id>/), under fixed names — transcription.pdf,
 * transcription.mid, transcription.musicxml, transcription.drums.flac and
 * transcription.drums.json — so the folder alone says what each file is. Downloads are named
 * after the uploaded file instead (see `downloadFileName`).
 *
 * Each attempt writes into a private folder inside it (`.attempt-<random UUID>/`, see
 * `attemptDirectoryIn`) and only then moves each complete file into place with rename(2),
 * which replaces a path atomically (POSIX.1-2017, rename()). So a worker thread terminated
 * half-way through writing (a cancelled, deleted or timed-out job) never leaves a truncated
 * file under a served name; its private folder is removed by whoever ran it
 * (transcription-attempts.ts). The attempt folder's name never matches an artifact's, and the
 * retention sweep and deletion remove the whole artifacts folder, private folders included.
 */
import { randomUUID } from "node:crypto";
import { mkdir, rename, rm } from "node:fs/promises";
import { join } from "node:path";
import { DRUM_ARTIFACTS, type DrumArtifact, drumArtifactFileName } from "../drums/drum-transcription-files.js";

export const TRANSCRIPTION_FILE_STEM = "transcription";

/** Names that begin an attempt's private folder. */
export const ATTEMPT_DIRECTORY_PREFIX = ".attempt-";

export function transcriptionFilePath(artifactsDirectory: string, artifact: DrumArtifact): string {
  return join(artifactsDirectory, drumArtifactFileName(TRANSCRIPTION_FILE_STEM, artifact));
}

/** The name a download is offered under: the audio's name without its extension + the artifact's suffix. */
export function downloadFileName(audioFileName: string, artifact: DrumArtifact): string {
  const dot = audioFileName.lastIndexOf(".");
  const stem = (dot > 0 ? audioFileName.slice(0, dot) : audioFileName) || "drums";
  return drumArtifactFileName(stem, artifact);
}

/** A fresh private folder for one attempt, inside `artifactsDirectory` (not created). */
export function attemptDirectoryIn(artifactsDirectory: string): string {
  return join(artifactsDirectory, `${ATTEMPT_DIRECTORY_PREFIX}${randomUUID()}`);
}

/** Removes an attempt's private folder and everything in it; a folder already gone is fine. */
export async function removeAttemptDirectory(attemptDirectory: string): Promise<void> {
  // Retries cover a file that a thread being terminated creates while the folder is emptied.
  await rm(attemptDirectory, { recursive: true, force: true, maxRetries: 3, retryDelay: 20 });
}

/**
 * Lets `write` put the five transcription files (TRANSCRIPTION_FILE_STEM + each artifact's
 * suffix) into `attemptDirectory`, then moves each into `artifactsDirectory`, replacing what an
 * earlier attempt left, and removes the attempt folder. When `write` fails, the attempt folder
 * is removed and the artifacts folder is left as it was (a failing move keeps those before it).
 */
export async function publishTranscriptionFiles(
  artifactsDirectory: string,
  attemptDirectory: string,
  write: (directory: string) => Promise<unknown>,
): Promise<void> {
  await mkdir(attemptDirectory, { recursive: true });
  try {
    await write(attemptDirectory);
    for (const artifact of DRUM_ARTIFACTS) {
      await rename(
        transcriptionFilePath(attemptDirectory, artifact),
        transcriptionFilePath(artifactsDirectory, artifact),
      );
    }
  } finally {
    await removeAttemptDirectory(attemptDirectory);
  }
}
