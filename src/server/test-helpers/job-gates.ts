/**
 * The gates of gated-job-worker.ts: a job runs once the file named after its id exists here.
 * A job may also be held after it ran (`holdJobResult` before it ends): its worker then marks
 * it held (`isJobResultHeld`; its files are written, its result not yet reported) and waits
 * for `releaseJobResult`. A held mark that outlives the release shows the thread was stopped.
 */
import { existsSync } from "node:fs";
import { mkdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

const JOB_GATES = join(tmpdir(), "tonearm-test-job-gates");

export function jobGatePath(jobId: string): string {
  return join(JOB_GATES, jobId);
}

/** Exists while the job's result is to be held back. */
export function jobHoldPath(jobId: string): string {
  return join(JOB_GATES, `${jobId}.hold`);
}

/** Exists while the job's worker waits with its work done. */
export function jobHeldPath(jobId: string): string {
  return join(JOB_GATES, `${jobId}.held`);
}

/** Lets the gated job `jobId` start (now, or as soon as a worker claims it). */
export async function openJobGate(jobId: string): Promise<void> {
  await mkdir(JOB_GATES, { recursive: true });
  await writeFile(jobGatePath(jobId), "");
}

/** The gated job `jobId`, once it has run, waits for releaseJobResult before reporting its result. */
export async function holdJobResult(jobId: string): Promise<void> {
  await mkdir(JOB_GATES, { recursive: true });
  await writeFile(jobHoldPath(jobId), "");
}

/** True while the worker of `jobId` holds its finished work (until released, or forever if the thread was stopped). */
export function isJobResultHeld(jobId: string): boolean {
  return existsSync(jobHeldPath(jobId));
}

export async function releaseJobResult(jobId: string): Promise<void> {
  await rm(jobHoldPath(jobId), { force: true });
}

/** Removes every gate file of `jobId` (a test's cleanup). */
export async function clearJobGates(jobId: string): Promise<void> {
  await Promise.all(
    [jobGatePath(jobId), jobHoldPath(jobId), jobHeldPath(jobId)].map((path) => rm(path, { force: true })),
  );
}

export const GATED_JOB_WORKER = new URL("./gated-job-worker.ts", import.meta.url);
