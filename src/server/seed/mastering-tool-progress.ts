/**
 * A job's progress in the messages the Audio Mastering Tool's progress WebSocket client reads.
 * Source: dennisdubs6-creator/audio-mastering-tool, frontend/src/api/websocket.ts
 * (`ProgressMessage { type: 'band_progress' | 'complete' | 'error', band?, progress?,
 * status?, message?, analysis_id? }`, JSON text frames; a close with code 1000 ends it, any
 * other code makes the client reconnect up to three times), frontend/src/hooks/
 * useAnalysisProgress.ts (band_progress: reads `progress` as a percentage 0–100 and `band`;
 * complete: sets 100 % and disconnects; error: shows `status || message` and disconnects)
 * and backend/api/routers/progress.py (the route `/ws/progress/{analysis_id}`).
 * tonearm reports stages, not bands: `band` carries the stage ("decode", "loudness",
 * "mastering", …; "queued" before the job starts). Error messages carry no `status`, because
 * the client would show that word instead of the reason in `message`.
 */
import type { JobEvent } from "../../service/service.js";

export type ProgressMessage =
  | {
      readonly type: "band_progress";
      readonly analysis_id: string;
      readonly band: string;
      /** Percent, 0–100. */
      readonly progress: number;
      /** tonearm's job status: "queued" or "running". */
      readonly status: string;
    }
  | { readonly type: "complete"; readonly analysis_id: string; readonly progress: 100; readonly status: "completed" }
  | { readonly type: "error"; readonly analysis_id: string; readonly message: string };

/** The tool's message for one job event; `finished` says the job has ended (close after sending). */
export function masteringToolProgress(
  analysisId: string,
  event: JobEvent,
): { readonly message: ProgressMessage; readonly finished: boolean } {
  if (event.status === "completed") {
    return {
      message: { type: "complete", analysis_id: analysisId, progress: 100, status: "completed" },
      finished: true,
    };
  }
  if (event.status === "failed" || event.status === "cancelled") {
    const reason =
      event.error?.message ?? (event.status === "cancelled" ? "the analysis was cancelled" : "the analysis failed");
    return { message: { type: "error", analysis_id: analysisId, message: reason }, finished: true };
  }
  return {
    message: {
      type: "band_progress",
      analysis_id: analysisId,
      band: event.stage ?? "queued",
      progress: Math.round(Math.min(1, Math.max(0, event.progress)) * 100),
      status: event.status,
    },
    finished: false,
  };
}
