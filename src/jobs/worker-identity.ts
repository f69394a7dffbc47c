/**
 * Who holds a running job, and whether that holder is gone. A worker id is
 * `<host>:<pid>:<random>`; a job is abandoned when its worker
 * - ran on this host in a process that no longer exists (`kill(pid, 0)` fails with ESRCH),
 * - ran in this very process but is no longer a live queue here (a queue that was dropped
 *   without closing, as a crash would), or
 * - has not refreshed the job's heartbeat for `staleAfterMs` (any host; the only test that
 *   works across machines, hence the heartbeat).
 * The first two let a restarted service recover at once instead of waiting out the heartbeat.
 */
import { randomBytes } from "node:crypto";
import { hostname } from "node:os";

const liveWorkerIds = new Set<string>();

/** A new worker id for this process, registered as live until `retireWorkerId`. */
export function createWorkerId(): string {
  const id = `${hostname()}:${process.pid}:${randomBytes(4).toString("hex")}`;
  liveWorkerIds.add(id);
  return id;
}

export function retireWorkerId(id: string): void {
  liveWorkerIds.delete(id);
}

function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

export interface AbandonmentOptions {
  readonly staleAfterMs: number;
  readonly now?: number;
}

/** True when the worker `workerId`, last heard of at `heartbeatAt`, can no longer finish its job. */
export function isWorkerGone(
  workerId: string | null,
  heartbeatAt: string | null,
  options: AbandonmentOptions,
): boolean {
  if (workerId === null) return true;
  const now = options.now ?? Date.now();
  if (heartbeatAt === null || now - Date.parse(heartbeatAt) > options.staleAfterMs) return true;
  const match = /^(.*):(\d+):([0-9a-f]+)$/.exec(workerId);
  if (!match || match[1] !== hostname()) return false;
  const pid = Number(match[2]);
  if (pid === process.pid) return !liveWorkerIds.has(workerId);
  return !processExists(pid);
}
