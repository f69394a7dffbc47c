/**
 * What a reader needs to reproduce a result: the machine (CPU model, cores, memory), the
 * Node version and the git commit (marked when the working tree has uncommitted changes).
 */
import { execFileSync } from "node:child_process";
import { availableParallelism, cpus, totalmem } from "node:os";

export interface MachineInfo {
  readonly cpuModel: string;
  readonly cores: number;
  readonly memoryGiB: number;
  readonly nodeVersion: string;
  readonly platform: string;
  /** Short commit hash, "+ uncommitted changes" appended when dirty; "unknown" outside git. */
  readonly commit: string;
}

export function machineInfo(repositoryRoot: string): MachineInfo {
  return {
    cpuModel: cpus()[0]?.model.trim() ?? "unknown CPU",
    cores: availableParallelism(),
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    nodeVersion: process.version,
    platform: `${process.platform}-${process.arch}`,
    commit: gitCommit(repositoryRoot),
  };
}

function gitCommit(repositoryRoot: string): string {
  const git = (...args: string[]): string =>
    execFileSync("git", args, { cwd: repositoryRoot, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  try {
    const hash = git("rev-parse", "--short", "HEAD");
    return git("status", "--porcelain").length > 0 ? `${hash} + uncommitted changes` : hash;
  } catch {
    return "unknown";
  }
}

/** One line for a report header. */
export function describeMachine(info: MachineInfo): string {
  return `${info.cpuModel}, ${info.cores} cores, ${info.memoryGiB} GiB; Node ${info.nodeVersion} (${info.platform})`;
}
