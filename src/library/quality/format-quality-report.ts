/**
 * The quality report as text for people: a header with the health score, a summary table
 * (one row per kind that has issues), then the issues grouped by kind, at most
 * `maxPerKind` entries per kind unless `detailed`. Missing tags are shown one line per album
 * ("Artist – Album: track number 12/12, year 12/12"), so a large library stays readable.
 * Single-file issues start with the path relative to the root.
 */
import { relative } from "node:path";
import { entryOf } from "./map-entry.js";
import type { QualityIssue, QualityKind, QualitySeverity } from "./quality-issue.js";
import { QUALITY_KIND_TITLES, QUALITY_KINDS, worseSeverity } from "./quality-issue.js";
import type { QualityReport } from "./quality-report.js";

export interface FormatQualityReportOptions {
  /** List every issue instead of the first `maxPerKind` of each kind. Default false. */
  readonly detailed?: boolean;
  /** Entries shown per kind when not detailed, ≥ 1. Default 10. */
  readonly maxPerKind?: number;
}

export const FORMAT_QUALITY_REPORT_DEFAULTS: Required<FormatQualityReportOptions> = { detailed: false, maxPerKind: 10 };

const TAG_NAMES: Readonly<Record<string, string>> = { trackNumber: "track number" };

function count(value: number): string {
  return value.toLocaleString("en-US");
}

function table(rows: readonly (readonly string[])[], rightAligned: ReadonlySet<number>): string[] {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  return rows.map((row) =>
    `  ${row.map((cell, column) => (rightAligned.has(column) ? cell.padStart(widths[column]!) : cell.padEnd(widths[column]!))).join("  ")}`.trimEnd(),
  );
}

/** One line per album for missing tags: "where: title 2/12, year 12/12". */
function missingTagLines(issues: readonly QualityIssue[]): string[] {
  const byWhere = new Map<string, { severity: QualitySeverity; parts: string[] }>();
  for (const issue of issues) {
    const details = issue.details ?? {};
    const where = String(details.where ?? issue.paths[0] ?? "");
    const tag = String(details.tag);
    const line = entryOf(byWhere, where, () => ({ severity: issue.severity, parts: [] }));
    line.severity = worseSeverity(line.severity, issue.severity);
    line.parts.push(`${TAG_NAMES[tag] ?? tag} ${details.missingTracks}/${details.albumTracks}`);
  }
  return [...byWhere].map(([where, line]) => `${line.severity.padEnd(7)}  ${where}: ${line.parts.join(", ")}`);
}

function issueLine(issue: QualityIssue, root: string): string {
  const single = issue.paths.length === 1 && issue.albumIds === undefined;
  const fileIssue = issue.kind === "unreadable-file" || issue.kind === "undecodable-file";
  const prefix = single || fileIssue ? `${relative(root, issue.paths[0]!)}: ` : "";
  return `${issue.severity.padEnd(7)}  ${prefix}${issue.message}`;
}

export function formatQualityReport(report: QualityReport, options: FormatQualityReportOptions = {}): string {
  const { detailed, maxPerKind } = { ...FORMAT_QUALITY_REPORT_DEFAULTS, ...options };
  const lines = [
    `Library quality — ${report.root}`,
    `  ${count(report.tracks)} tracks in ${count(report.albums)} albums; health ${report.score.toFixed(1)} / 100`,
    `  tracks with errors ${count(report.tracksBySeverity.error)}, warnings ${count(report.tracksBySeverity.warning)}, ` +
      `info ${count(report.tracksBySeverity.info)}; clean ${count(report.cleanTracks)}`,
  ];
  if (report.audioChecked.fingerprinted + report.audioChecked.decoded === 0) {
    lines.push("  audio not checked (no fingerprints or decode results)");
  } else {
    lines.push(
      `  audio checked: ${count(report.audioChecked.fingerprinted)} fingerprinted, ${count(report.audioChecked.decoded)} decoded`,
    );
  }
  const byKind = new Map<QualityKind, QualityIssue[]>();
  for (const issue of report.issues) {
    const list = entryOf(byKind, issue.kind, () => []);
    list.push(issue);
  }
  if (byKind.size === 0) return [...lines, "", "No issues found.", ""].join("\n");
  const rows: string[][] = [["check", "kind", "severity", "issues", "tracks"]];
  for (const kind of QUALITY_KINDS) {
    const issues = byKind.get(kind);
    if (issues === undefined) continue;
    const severities = [...new Set(issues.map((issue) => issue.severity))];
    const counts = report.counts[kind];
    rows.push([QUALITY_KIND_TITLES[kind], kind, severities.join("/"), count(counts.issues), count(counts.tracks)]);
  }
  lines.push("", ...table(rows, new Set([3, 4])));
  for (const kind of QUALITY_KINDS) {
    const issues = byKind.get(kind);
    if (issues === undefined) continue;
    const entries =
      kind === "missing-tags" ? missingTagLines(issues) : issues.map((issue) => issueLine(issue, report.root));
    const shown = detailed ? entries : entries.slice(0, Math.max(1, maxPerKind));
    lines.push("", `${QUALITY_KIND_TITLES[kind]} (${kind}, ${count(issues.length)})`);
    lines.push(...shown.map((entry) => `  ${entry}`));
    if (shown.length < entries.length) {
      lines.push(`  … and ${count(entries.length - shown.length)} more (show all with --detailed)`);
    }
  }
  return [...lines, ""].join("\n");
}
