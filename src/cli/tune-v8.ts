/**
 * V8 settings for the process the CLI runs in, chosen by how many CPUs it may use.
 * On one CPU, V8's concurrent on-stack replacement works against a one-shot analysis: a hot
 * loop asks a background thread for optimised code, but that thread shares the only CPU, so
 * the loop goes on in the interpreter (boxing every float it computes, which the collector
 * then sweeps) until the compile gets its turn. Compiling on the calling thread instead
 * gets there at once. Measured on the 3-minute bench MP3 pinned to one CPU (taskset -c 0;
 * CPU time of all the process's threads): 0.91–1.02 s before, 0.80–0.84 s after; with two
 * or more CPUs the background thread runs beside the analysis and the default stays.
 * Only the CLI's own process is tuned: the library never changes its host's V8 flags.
 */
import { availableParallelism } from "node:os";
import { setFlagsFromString } from "node:v8";

/** The V8 flags for a process that may use `cpus` CPUs. */
export function v8FlagsForCpus(cpus: number): readonly string[] {
  // Read at each tier-up decision, so it takes effect when set after start-up.
  return cpus <= 1 ? ["--no-concurrent-osr"] : [];
}

let tuned = false;

/** Applies v8FlagsForCpus once per process; `cpus` defaults to the CPUs this process may use. */
export function tuneV8ForAvailableCpus(cpus: number = availableParallelism()): void {
  if (tuned) return;
  tuned = true;
  for (const flag of v8FlagsForCpus(cpus)) setFlagsFromString(flag);
}
