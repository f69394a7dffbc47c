/**
 * docs/eval.md: the accuracy report of one evaluation run — date, machine, commit, the
 * comparison table with PEERS.md's systems below ours, and every metric with its coverage.
 */
import type { MetricSummary } from "../src/core/evaluation/index.js";
import { describeMachine, type MachineInfo } from "./machine-info.js";
import { comparisonTable, coverageRow, metricTable, type SystemRow, systemRowFromSummary } from "./report-table.js";

export interface EvalRunFacts {
  readonly date: Date;
  readonly machine: MachineInfo;
  readonly split: string;
  readonly songCount: number;
  readonly audioSeconds: number;
  /** Wall time of the prediction phase (decode + analysis, all workers) in seconds. */
  readonly wallSeconds: number;
  /** Sum of the per-song prediction times in seconds. */
  readonly cpuSeconds: number;
  readonly jobCount: number;
  readonly failures: number;
  readonly summary: readonly MetricSummary[];
  readonly peers: readonly SystemRow[];
}

/** Audio seconds per wall-clock second; null when nothing was timed. */
export function realTimeFactor(audioSeconds: number, wallSeconds: number): number | null {
  return wallSeconds > 0 ? audioSeconds / wallSeconds : null;
}

/** The comparison table with our row, our coverage and the peers' rows. */
export function resultsTable(facts: EvalRunFacts): string {
  const ours = systemRowFromSummary(
    "**tonearm**",
    facts.summary,
    realTimeFactor(facts.audioSeconds, facts.wallSeconds),
  );
  return comparisonTable([ours, coverageRow(facts.summary, facts.songCount), ...facts.peers]);
}

export function evalDocument(facts: EvalRunFacts): string {
  const perWorker = realTimeFactor(facts.audioSeconds, facts.cpuSeconds);
  return `# tonearm on the evaluation corpus

Written by \`npm run eval\` (eval/run.ts); re-run it to refresh. Scores use the metric
definitions of \`src/core/evaluation\`, which reproduce \`../shared/corpus/score.py\` (mir_eval)
to within 1e-6 (check with \`npx tsx eval/crosscheck.ts\`).

- date: ${facts.date.toISOString()}
- machine: ${describeMachine(facts.machine)}
- commit: ${facts.machine.commit}
- corpus split: \`${facts.split}\` (${facts.songCount} songs, ${facts.audioSeconds.toFixed(0)} s of audio)
- predictions: ${facts.jobCount} worker${facts.jobCount === 1 ? "" : "s"}, ${facts.wallSeconds.toFixed(1)} s wall time${
    facts.failures > 0 ? `, ${facts.failures} failed` : ""
  }; × real time is audio seconds per wall second with all workers${
    perWorker === null ? "" : ` (${perWorker.toFixed(2)} per worker)`
  }

## Compared with the peers (PEERS.md)

Metrics are means over the songs that had the field; the coverage row says how many did.
A "—" is a field that was not predicted. Peers' speed is single-process on a similar machine.

${resultsTable(facts)}

## Every metric

${metricTable(facts.summary, facts.songCount)}
`;
}
