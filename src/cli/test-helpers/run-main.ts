/**
 * Runs the tonearm command in process, as bin/tonearm.js does (or one command function, whose
 * typed errors then reach the test), and captures what it writes: the exit status, stdout and
 * stderr.
 */
import { vi } from "vitest";
import { main } from "../main.js";

export interface CommandRun {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

export function runMain(args: readonly string[]): Promise<CommandRun> {
  return captureOutput(() => main(args));
}

/** Runs a command function (one that may throw its typed error) and captures its output. */
export async function captureOutput(run: () => Promise<number>): Promise<CommandRun> {
  let stdout = "";
  let stderr = "";
  const out = vi.spyOn(process.stdout, "write").mockImplementation((chunk) => {
    stdout += String(chunk);
    return true;
  });
  const err = vi.spyOn(process.stderr, "write").mockImplementation((chunk) => {
    stderr += String(chunk);
    return true;
  });
  try {
    return { status: await run(), stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}
