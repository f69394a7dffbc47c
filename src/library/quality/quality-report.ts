/**
 * Library quality control (`tonearm library quality`): runs every check over the catalogue's
 * tracks and albums and scores the result (library-health.ts). The report object is the JSON
 * form; format-quality-report.ts renders it for people. Checks, each in its own module:
 * check-file-errors, check-missing-tags, check-album-tags, check-track-numbering,
 * check-album-formats, check-artist-genres, check-duplicate-albums, check-duplicate-tracks and,
 * when tracks carry fingerprints, check-duplicate-recordings.
 * Pure apart from reading the genre rules; no file is opened.
 */
import { TonearmError } from "../../analysis/errors.js";
import { checkAlbumFormats } from "./check-album-formats.js";
import { checkAlbumTags } from "./check-album-tags.js";
import { checkArtistGenres } from "./check-artist-genres.js";
import { checkDuplicateAlbums } from "./check-duplicate-albums.js";
import { checkDuplicateRecordings } from "./check-duplicate-recordings.js";
import { checkDuplicateTracks } from "./check-duplicate-tracks.js";
import { checkFileErrors } from "./check-file-errors.js";
import { checkMissingTags } from "./check-missing-tags.js";
import { checkTrackNumbering } from "./check-track-numbering.js";
import { type KindCount, libraryHealth } from "./library-health.js";
import { createQualityContext, QUALITY_DEFAULTS, type QualityOptions } from "./quality-context.js";
import type { QualityInput } from "./quality-input.js";
import { compareIssues, type QualityIssue, type QualityKind, type QualitySeverity } from "./quality-issue.js";

export { type FormatQualityReportOptions, formatQualityReport } from "./format-quality-report.js";

export interface QualityReport {
  readonly root: string;
  /** Tracks and albums checked. */
  readonly tracks: number;
  readonly albums: number;
  /** Health score 0–100 (library-health.ts). */
  readonly score: number;
  readonly cleanTracks: number;
  readonly tracksBySeverity: Readonly<Record<QualitySeverity, number>>;
  readonly issuesBySeverity: Readonly<Record<QualitySeverity, number>>;
  /** Tracks whose audio checks ran: with a fingerprint, and with a decode result. */
  readonly audioChecked: { readonly fingerprinted: number; readonly decoded: number };
  readonly counts: Readonly<Record<QualityKind, KindCount>>;
  /** Sorted by kind (report order), severity, first path. */
  readonly issues: readonly QualityIssue[];
}

function invalid(name: string, expected: string, actual: number): TonearmError {
  return new TonearmError("INVALID_OPTION", `library quality: ${name} must be ${expected}, got ${actual}`);
}

function resolveOptions(options: Partial<QualityOptions>): QualityOptions {
  const resolved = { ...QUALITY_DEFAULTS, ...options };
  const { durationToleranceSeconds, titleSimilarity, artistGenreMinAlbums, artistGenreMinShare, recordingMinScore } =
    resolved;
  if (!(Number.isFinite(durationToleranceSeconds) && durationToleranceSeconds >= 0)) {
    throw invalid("durationToleranceSeconds", "a number ≥ 0", durationToleranceSeconds);
  }
  if (!(titleSimilarity > 0 && titleSimilarity <= 1)) throw invalid("titleSimilarity", "in (0, 1]", titleSimilarity);
  if (!(Number.isInteger(artistGenreMinAlbums) && artistGenreMinAlbums >= 2)) {
    throw invalid("artistGenreMinAlbums", "an integer ≥ 2", artistGenreMinAlbums);
  }
  if (!(artistGenreMinShare > 0 && artistGenreMinShare <= 1)) {
    throw invalid("artistGenreMinShare", "in (0, 1]", artistGenreMinShare);
  }
  if (!(recordingMinScore > 0 && recordingMinScore <= 1)) {
    throw invalid("recordingMinScore", "in (0, 1]", recordingMinScore);
  }
  return resolved;
}

export function checkLibraryQuality(input: QualityInput, options: Partial<QualityOptions> = {}): QualityReport {
  const context = createQualityContext(input, resolveOptions(options));
  const albumCopies = checkDuplicateAlbums(context);
  const issues = [
    ...checkFileErrors(context),
    ...checkMissingTags(context),
    ...checkAlbumTags(context),
    ...checkTrackNumbering(context),
    ...checkAlbumFormats(context),
    ...checkArtistGenres(context),
    ...albumCopies.issues,
    ...checkDuplicateTracks(context, albumCopies.setOf),
    ...checkDuplicateRecordings(context, albumCopies.setOf),
  ].sort(compareIssues);
  const health = libraryHealth(
    input.tracks.map((track) => track.path),
    issues,
  );
  return {
    root: input.root,
    tracks: input.tracks.length,
    albums: input.albums.length,
    score: health.score,
    cleanTracks: health.cleanTracks,
    tracksBySeverity: health.tracksBySeverity,
    issuesBySeverity: health.issuesBySeverity,
    audioChecked: {
      fingerprinted: input.tracks.filter((track) => track.fingerprint !== undefined).length,
      decoded: input.tracks.filter((track) => track.decodeError !== undefined).length,
    },
    counts: health.counts,
    issues,
  };
}
