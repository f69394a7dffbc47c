/**
 * Thins a job's progress reports to what is worth storing and sending: a new stage always
 * passes; within a stage, a report passes once progress has advanced by `minStep` (1 %) or
 * `minIntervalMs` (250 ms) has gone by since the last one that passed. Progress never goes
 * backwards within an attempt (analyses report per-stage fractions that can dip at a boundary).
 */
export interface ProgressThrottleOptions {
  readonly minStep: number;
  readonly minIntervalMs: number;
}

export const PROGRESS_THROTTLE_DEFAULTS: ProgressThrottleOptions = { minStep: 0.01, minIntervalMs: 250 };

export interface ProgressSample {
  readonly stage: string;
  readonly progress: number;
}

export function createProgressThrottle(
  options: Partial<ProgressThrottleOptions> = {},
  clock: () => number = Date.now,
): (stage: string, fraction: number) => ProgressSample | null {
  const { minStep, minIntervalMs } = { ...PROGRESS_THROTTLE_DEFAULTS, ...options };
  let lastStage: string | null = null;
  let lastProgress = 0;
  let lastSentProgress = -1;
  let lastSentAt = Number.NEGATIVE_INFINITY;
  return (stage, fraction) => {
    const progress = Math.max(lastProgress, Math.min(1, Math.max(0, Number.isFinite(fraction) ? fraction : 0)));
    lastProgress = progress;
    const now = clock();
    const stageChanged = stage !== lastStage;
    const advanced = progress - lastSentProgress >= minStep;
    const waited = now - lastSentAt >= minIntervalMs && progress > lastSentProgress;
    if (!stageChanged && !advanced && !waited) return null;
    lastStage = stage;
    lastSentProgress = progress;
    lastSentAt = now;
    return { stage, progress };
  };
}
