/**
 * Carries out a tag-write plan and undoes it. Each file is written by the safe tag writer
 * (temporary copy, verified, fsynced, renamed), one after another, and only while it still
 * holds the genres the plan was made from (a file retagged since the scan is left alone). The log is written
 * around each file: "pending" with the values before and after, then "written" or
 * "failed". A run killed between a rename and its log update leaves a "pending" row; undo
 * reads such a file and restores it only when it holds the new values. Undo restores every
 * written file whose genres are still what the run wrote; a file changed since is left
 * alone and reported.
 */
import { TonearmError } from "../../analysis/errors.js";
import { type PlannedTagWrite, sameValues } from "./tag-write-plan.js";

export interface GenreTagWriter {
  /** Writes the genre values safely; answers the values before and the format. */
  write(path: string, genres: readonly string[]): Promise<{ before: readonly string[]; format: string }>;
  read(path: string): Promise<readonly string[]>;
}

export type LoggedWriteStatus = "pending" | "written" | "failed" | "restored" | "restore-failed";

export interface LoggedWrite {
  readonly id: string;
  readonly path: string;
  readonly before: readonly string[];
  readonly after: readonly string[];
  readonly status: LoggedWriteStatus;
}

export interface ApplyLog {
  startRun(root: string, files: number): Promise<string>;
  recordPending(runId: string, write: PlannedTagWrite): Promise<string>;
  recordOutcome(
    writeId: string,
    outcome: { status: LoggedWriteStatus; before?: readonly string[]; format?: string; error?: string },
  ): Promise<void>;
  finishRun(runId: string, counts: { written: number; failed: number }): Promise<void>;
  writesOf(runId: string): Promise<LoggedWrite[]>;
  markRunUndone(runId: string): Promise<void>;
  /** The file now holds `genres` (the library's catalogue follows: new size, time, hash). */
  fileRewritten(path: string, genres: readonly string[]): Promise<void>;
}

export interface ApplyProgress {
  readonly done: number;
  readonly total: number;
  readonly path: string;
}

export interface ApplySummary {
  readonly runId: string;
  readonly written: number;
  readonly failed: readonly { readonly path: string; readonly error: string }[];
}

export async function applyTagWrites(
  root: string,
  plan: readonly PlannedTagWrite[],
  writer: GenreTagWriter,
  log: ApplyLog,
  onProgress?: (progress: ApplyProgress) => void,
): Promise<ApplySummary> {
  const runId = await log.startRun(root, plan.length);
  const failed: { path: string; error: string }[] = [];
  let written = 0;
  for (const [index, entry] of plan.entries()) {
    const writeId = await log.recordPending(runId, entry);
    try {
      // The plan was made from the last scan: a file retagged since keeps what its owner wrote.
      const current = await writer.read(entry.path);
      if (!sameGenreContent(current, entry.before)) {
        throw new TonearmError("CONFLICT", "its genres changed since the last scan (run tonearm library scan again)", {
          path: entry.path,
        });
      }
      const result = await writer.write(entry.path, entry.after);
      await log.recordOutcome(writeId, { status: "written", before: result.before, format: result.format });
      await log.fileRewritten(entry.path, entry.after);
      written++;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      await log.recordOutcome(writeId, { status: "failed", error: message });
      failed.push({ path: entry.path, error: message });
    }
    onProgress?.({ done: index + 1, total: plan.length, path: entry.path });
  }
  await log.finishRun(runId, { written, failed: failed.length });
  return { runId, written, failed };
}

/**
 * The same genres, however they are stored: the scan (music-metadata) and the tag writer's own
 * reader may split or join multi-value tags differently ("Rock/Pop" vs "Rock", "Pop").
 */
function sameGenreContent(a: readonly string[], b: readonly string[]): boolean {
  const parts = (values: readonly string[]) =>
    values
      // biome-ignore lint/suspicious/noControlCharactersInRegex: NUL separates ID3v2.4 values
      .flatMap((value) => value.split(/[;/,\u0000]/))
      .map((part) => part.trim().toLowerCase())
      .filter((part) => part !== "")
      .sort();
  return sameValues(parts(a), parts(b));
}

export interface UndoSummary {
  readonly restored: number;
  /** Files whose genres changed since the run wrote them: left as they are. */
  readonly changedSince: readonly string[];
  readonly failed: readonly { readonly path: string; readonly error: string }[];
}

export async function undoTagWrites(runId: string, writer: GenreTagWriter, log: ApplyLog): Promise<UndoSummary> {
  const writes = await log.writesOf(runId);
  if (writes.length === 0) throw new TonearmError("NOT_FOUND", `no tag-writing run ${runId} (or it wrote nothing)`);
  let restored = 0;
  const changedSince: string[] = [];
  const failed: { path: string; error: string }[] = [];
  for (const write of [...writes].reverse()) {
    if (write.status !== "written" && write.status !== "pending" && write.status !== "restore-failed") continue;
    try {
      const current = await writer.read(write.path);
      if (sameValues(current, write.after)) {
        await writer.write(write.path, write.before);
        await log.fileRewritten(write.path, write.before);
      } else if (!sameValues(current, write.before)) {
        changedSince.push(write.path);
        continue;
      }
      await log.recordOutcome(write.id, { status: "restored" });
      restored++;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      await log.recordOutcome(write.id, { status: "restore-failed", error: message });
      failed.push({ path: write.path, error: message });
    }
  }
  if (failed.length === 0 && changedSince.length === 0) await log.markRunUndone(runId);
  return { restored, changedSince, failed };
}
