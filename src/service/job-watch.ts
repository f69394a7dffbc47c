/**
 * Following one job for `watchJob`: events published in this process arrive at once; a job
 * run by another process (a `tonearm worker`, another server) is followed by reading it from
 * the database every `pollIntervalMs`. The listener sees its current state first, then each
 * change, never progress going backwards within a run, and the final state exactly once,
 * after which the watch ends by itself. A job that disappears (deleted) ends it as cancelled.
 * A read may trail what this process has already published (the progress write still in
 * flight), so while the job runs a read counts only when its progress has moved on: at equal
 * progress its stage may be the older one (e.g. the claim's "start" after "separate", both 0).
 */
import { eventFromJob, type JobEvent, type JobEventHub } from "../jobs/job-events.js";
import { FINISHED_JOB_STATUSES, type JobRecord } from "../jobs/job-model.js";

export interface JobWatchOptions {
  readonly events: JobEventHub;
  readonly read: (id: string) => Promise<JobRecord | undefined>;
  readonly pollIntervalMs: number;
}

function deletedEvent(jobId: string, last: JobEvent | null): JobEvent {
  return {
    jobId,
    status: "cancelled",
    stage: last?.stage ?? null,
    progress: last?.progress ?? 0,
    error: { code: "CANCELLED", message: "the job was deleted" },
  };
}

export function watchJobEvents(
  job: JobRecord,
  listener: (event: JobEvent) => void,
  options: JobWatchOptions,
): () => void {
  let last: JobEvent | null = null;
  let ended = false;
  let unsubscribe = () => {};
  let timer: NodeJS.Timeout | undefined;
  const stop = () => {
    ended = true;
    unsubscribe();
    clearInterval(timer);
  };
  const deliver = (event: JobEvent, read = false) => {
    if (ended) return;
    if (last !== null) {
      const same =
        event.status === last.status &&
        event.stage === last.stage &&
        event.progress === last.progress &&
        event.error?.code === last.error?.code;
      if (same) return;
      if (event.status === "running" && last.status === "running") {
        if (event.progress < last.progress || (read && event.progress === last.progress)) return;
      }
    }
    last = event;
    try {
      listener(event);
    } finally {
      if (FINISHED_JOB_STATUSES.includes(event.status)) stop();
    }
  };
  deliver(eventFromJob(job));
  if (ended) return stop;
  unsubscribe = options.events.subscribe(job.id, (event) => deliver(event));
  timer = setInterval(() => {
    options.read(job.id).then(
      (current) => {
        // A job deleted under the watch (its analysis was removed, perhaps by another process)
        // ends the watch as cancelled, so that no listener waits for an end that never comes.
        deliver(current ? eventFromJob(current) : deletedEvent(job.id, last), true);
      },
      () => {},
    );
  }, options.pollIntervalMs);
  timer.unref();
  return stop;
}
