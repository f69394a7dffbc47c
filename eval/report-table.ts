/**
 * Markdown tables of evaluation results: the comparison table in PEERS.md's layout
 * (metrics as columns, one row per system, plus a coverage row and × real time), the
 * PEERS.md rows themselves, and a table of every metric with its coverage.
 */
import { CORPUS_METRICS, type MetricSummary, PEERS_COLUMNS } from "../src/core/evaluation/index.js";

export const SPEED_COLUMN = "× real time";

/** A row of the comparison table: values by PEERS column name. */
export interface SystemRow {
  readonly system: string;
  readonly values: Readonly<Record<string, string>>;
}

/** Format a metric mean for a table cell: 3 decimals, "—" when absent. */
export function formatMetricValue(value: number | undefined): string {
  if (value === undefined) return "—";
  if (Number.isNaN(value)) return "NaN";
  return value.toFixed(3);
}

/** The comparison-table row of our results, keyed by PEERS column. */
export function systemRowFromSummary(
  system: string,
  summary: readonly MetricSummary[],
  speed: number | null,
): SystemRow {
  const byName = new Map(summary.map((entry) => [entry.name, entry]));
  const values: Record<string, string> = {};
  for (const metric of CORPUS_METRICS) {
    if (metric.peersColumn === undefined) continue;
    values[metric.peersColumn] = formatMetricValue(byName.get(metric.name)?.mean);
  }
  values[SPEED_COLUMN] = speed === null ? "—" : speed.toFixed(2);
  return { system, values };
}

/** The coverage row: songs having each column's metric, as n/N. */
export function coverageRow(summary: readonly MetricSummary[], songCount: number): SystemRow {
  const byName = new Map(summary.map((entry) => [entry.name, entry]));
  const values: Record<string, string> = {};
  for (const metric of CORPUS_METRICS) {
    if (metric.peersColumn === undefined) continue;
    values[metric.peersColumn] = `${byName.get(metric.name)?.count ?? 0}/${songCount}`;
  }
  values[SPEED_COLUMN] = "";
  return { system: "(coverage, songs)", values };
}

/** PEERS.md-style table: system, the metric columns, × real time. */
export function comparisonTable(rows: readonly SystemRow[]): string {
  const columns = [...PEERS_COLUMNS, SPEED_COLUMN];
  const lines = [`| system | ${columns.join(" | ")} |`, `|${"---|".repeat(columns.length + 1)}`];
  for (const row of rows)
    lines.push(`| ${row.system} | ${columns.map((column) => row.values[column] ?? "—").join(" | ")} |`);
  return lines.join("\n");
}

/** Every metric with its mean, coverage and direction. */
export function metricTable(summary: readonly MetricSummary[], songCount: number): string {
  const lines = ["| metric | mean | songs | better |", "|---|---|---|---|"];
  const byName = new Map(summary.map((entry) => [entry.name, entry]));
  for (const metric of CORPUS_METRICS) {
    const entry = byName.get(metric.name);
    lines.push(
      `| ${metric.name} | ${formatMetricValue(entry?.mean)} | ${entry?.count ?? 0}/${songCount} | ${metric.lowerIsBetter ? "lower" : "higher"} |`,
    );
  }
  return lines.join("\n");
}

/** Rows of the system table in a PEERS.md text, mapped to our columns by their headings. */
export function parsePeersRows(markdown: string): SystemRow[] {
  const tableLines = markdown.split("\n").filter((line) => line.trim().startsWith("|"));
  const header = tableLines.find((line) => /\|\s*system\s*\|/.test(line));
  if (header === undefined) return [];
  const cells = (line: string): string[] =>
    line
      .trim()
      .replace(/^\||\|$/g, "")
      .split("|")
      .map((cell) => cell.trim());
  const headings = cells(header);
  const rows: SystemRow[] = [];
  for (const line of tableLines.slice(tableLines.indexOf(header) + 1)) {
    const values = cells(line);
    if (values.every((value) => /^:?-+:?$/.test(value))) continue;
    const [system = "", ...rest] = values;
    const byHeading: Record<string, string> = {};
    rest.forEach((value, index) => {
      const heading = headings[index + 1];
      if (heading !== undefined) byHeading[heading] = value;
    });
    rows.push({ system, values: byHeading });
  }
  return rows;
}
