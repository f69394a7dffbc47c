/**
 * The findings of library quality control: one `QualityIssue` per problem, with a stable
 * `kind` code (for JSON consumers and the report's grouping), a severity, the files it
 * concerns and, for album-level findings, the albums. Severities:
 * - error: the file cannot be used (tags unreadable, audio undecodable);
 * - warning: the library is wrong or wasteful (missing essential tags, contradictory tags
 *   within an album, duplicates);
 * - info: worth a look, often legitimate (mixed formats in an album, an artist's album in an
 *   unusual genre, the same song on a compilation).
 */

export const QUALITY_SEVERITIES = ["error", "warning", "info"] as const;
export type QualitySeverity = (typeof QUALITY_SEVERITIES)[number];

/** Every kind, in report order. */
export const QUALITY_KINDS = [
  "unreadable-file",
  "undecodable-file",
  "missing-tags",
  "inconsistent-album-artist",
  "inconsistent-year",
  "inconsistent-genre",
  "inconsistent-track-total",
  "inconsistent-disc-total",
  "duplicate-track-number",
  "track-number-gap",
  "mixed-formats",
  "mixed-sample-rates",
  "artist-genre-outlier",
  "duplicate-album",
  "duplicate-track",
  "duplicate-recording",
] as const;
export type QualityKind = (typeof QUALITY_KINDS)[number];

/** One line of the summary table per kind. */
export const QUALITY_KIND_TITLES: Readonly<Record<QualityKind, string>> = {
  "unreadable-file": "Files whose tags cannot be read",
  "undecodable-file": "Files whose audio fails to decode",
  "missing-tags": "Missing tags",
  "inconsistent-album-artist": "Album artist differs within an album",
  "inconsistent-year": "Year differs within an album",
  "inconsistent-genre": "Genre differs within an album",
  "inconsistent-track-total": "Track total differs within a disc",
  "inconsistent-disc-total": "Disc total differs within an album",
  "duplicate-track-number": "Two tracks with the same disc and track number",
  "track-number-gap": "Track numbers missing below the track total",
  "mixed-formats": "Several formats in one album",
  "mixed-sample-rates": "Several sample rates in one album",
  "artist-genre-outlier": "Album whose genre disagrees with the artist's other albums",
  "duplicate-album": "Duplicate albums",
  "duplicate-track": "Duplicate tracks (by tags)",
  "duplicate-recording": "Duplicate recordings (by audio fingerprint)",
};

/** JSON-safe extra facts of an issue (kind-specific; documented by each check). */
export type QualityDetailValue =
  | string
  | number
  | boolean
  | null
  | readonly QualityDetailValue[]
  | { readonly [key: string]: QualityDetailValue };

export interface QualityIssue {
  readonly kind: QualityKind;
  readonly severity: QualitySeverity;
  /** The files concerned (absolute), sorted. */
  readonly paths: readonly string[];
  /** The albums concerned, for album-level findings. */
  readonly albumIds?: readonly string[];
  /** One line for people; names the album or file when the paths alone would not. */
  readonly message: string;
  readonly details?: { readonly [key: string]: QualityDetailValue };
}

const SEVERITY_RANK: Readonly<Record<QualitySeverity, number>> = { error: 0, warning: 1, info: 2 };

/** Issues in report order: by kind, then severity, then first path. */
export function compareIssues(a: QualityIssue, b: QualityIssue): number {
  const kinds = QUALITY_KINDS.indexOf(a.kind) - QUALITY_KINDS.indexOf(b.kind);
  if (kinds !== 0) return kinds;
  const severities = SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity];
  if (severities !== 0) return severities;
  const left = a.paths[0] ?? "";
  const right = b.paths[0] ?? "";
  return left < right ? -1 : left > right ? 1 : 0;
}

/** The more severe of two severities. */
export function worseSeverity(a: QualitySeverity, b: QualitySeverity): QualitySeverity {
  return SEVERITY_RANK[a] <= SEVERITY_RANK[b] ? a : b;
}
