/**
 * Checks shared by the tag format tests: the PCM ffmpeg decodes from a file (hashed while it
 * streams, with what ffmpeg said), how far buffer memory rises during an operation, and the
 * TonearmError code an operation fails with.
 */
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { TonearmError } from "../../../analysis/errors.js";

/** SHA-256 of the 16-bit PCM ffmpeg decodes from `path`, with what ffmpeg said on stderr. */
export function decodedPcm(ffmpeg: string, path: string): Promise<{ hash: string; bytes: number; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(ffmpeg, ["-hide_banner", "-nostdin", "-v", "error", "-i", path, "-f", "s16le", "-"]);
    const hash = createHash("sha256");
    let bytes = 0;
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => {
      hash.update(chunk);
      bytes += chunk.length;
    });
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on("error", reject);
    child.on("close", (code) =>
      code === 0 ? resolve({ hash: hash.digest("hex"), bytes, stderr }) : reject(new Error(stderr)),
    );
  });
}

/** Runs `operation` and returns how far Node's ArrayBuffer memory rose above its start meanwhile, sampled every ms. */
export async function peakBufferGrowth(operation: () => Promise<unknown>): Promise<number> {
  const start = process.memoryUsage().arrayBuffers;
  let peak = start;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().arrayBuffers);
  }, 1);
  try {
    await operation();
  } finally {
    clearInterval(timer);
  }
  return Math.max(peak, process.memoryUsage().arrayBuffers) - start;
}

/** The TonearmError code `promise` fails with; "resolved" or "unexpected: …" otherwise. */
export async function errorCode(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return "resolved";
  } catch (error) {
    return error instanceof TonearmError ? error.code : `unexpected: ${String(error)}`;
  }
}
