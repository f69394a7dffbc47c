/**
 * Peak RSS of this process image, for the benchmark's child-process probes. On Linux,
 * getrusage's ru_maxrss starts a forked child at its parent's high-water mark, so a small
 * child of a big bench process would report the parent's peak; /proc/self/status VmHWM
 * belongs to this image alone.
 */
import { readFileSync } from "node:fs";

export function peakRssBytes(): number {
  try {
    const match = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync("/proc/self/status", "utf8"));
    if (match) return Number(match[1]) * 1024;
  } catch {
    // Not Linux: fall back to getrusage.
  }
  return process.resourceUsage().maxRSS * 1024;
}
