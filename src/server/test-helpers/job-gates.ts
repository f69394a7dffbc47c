/** The gates of gated-job-worker.ts: a job runs once the file named after its id exists here. */
import { mkdir, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

const JOB_GATES = join(tmpdir(), "tonearm-test-job-gates");

export function jobGatePath(jobId: string): string {
  return join(JOB_GATES, jobId);
}

/** Lets the gated job `jobId` start (now, or as soon as a worker claims it). */
export async function openJobGate(jobId: string): Promise<void> {
  await mkdir(JOB_GATES, { recursive: true });
  await writeFile(jobGatePath(jobId), "");
}

export const GATED_JOB_WORKER = new URL("./gated-job-worker.ts", import.meta.url);
