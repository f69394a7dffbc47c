/**
 * Library quality control (`tonearm library quality`): missing and inconsistent tags, genre
 * outliers per artist, duplicate albums, tracks and recordings, unreadable and undecodable
 * files, a health score and a text report. The report object is the JSON form.
 */
export { CHECKED_TAGS, type CheckedTag } from "./check-missing-tags.js";
export {
  FORMAT_QUALITY_REPORT_DEFAULTS,
  type FormatQualityReportOptions,
  formatQualityReport,
} from "./format-quality-report.js";
export { HEALTH_WEIGHTS, type KindCount, type LibraryHealth, libraryHealth } from "./library-health.js";
export { QUALITY_DEFAULTS, type QualityOptions } from "./quality-context.js";
export type { QualityAlbum, QualityInput, QualityTrack } from "./quality-input.js";
export {
  QUALITY_KIND_TITLES,
  QUALITY_KINDS,
  QUALITY_SEVERITIES,
  type QualityDetailValue,
  type QualityIssue,
  type QualityKind,
  type QualitySeverity,
} from "./quality-issue.js";
export { checkLibraryQuality, type QualityReport } from "./quality-report.js";
