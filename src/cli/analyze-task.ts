/** What the analyze command hands a worker, and what comes back. */
import type { ProgressEvent } from "../analysis/analyze-audio.js";
import type { Report } from "../analysis/report.js";
import type { AnalyzeOptions } from "../analyze.js";

export interface AnalyzeTask {
  readonly path: string;
  readonly options: Omit<AnalyzeOptions, "onProgress" | "signal">;
}

export type AnalyzeProgress = ProgressEvent;
export type AnalyzeResult = Report;
