/**
 * The log of tag-writing runs (src/library/apply): one row per run and one per file with the
 * genre values before and after, so `tonearm library undo RUN` can restore them. After each
 * successful write the file's catalogue row follows (genres, size, time, quick hash), so the
 * next scan does not take tonearm's own write for a change.
 */
import { randomUUID } from "node:crypto";
import { stat } from "node:fs/promises";
import type { Kysely, Selectable } from "kysely";
import { TonearmError } from "../analysis/errors.js";
import type { ApplyLog, LoggedWrite, LoggedWriteStatus } from "../library/apply/apply-tag-writes.js";
import type { PlannedTagWrite } from "../library/apply/tag-write-plan.js";
import { quickContentHash } from "../library/scan/quick-content-hash.js";
import type { DatabaseSchema, LibraryApplyRunsTable } from "./database-schema.js";
import type { DialectName } from "./dialect-name.js";
import { fromJson, toJson } from "./json-column.js";
import { isoNow } from "./timestamps.js";

export interface ApplyRunRecord {
  readonly id: string;
  readonly root: string;
  readonly status: string;
  readonly files: number;
  readonly written: number;
  readonly failed: number;
  readonly createdAt: string;
  readonly finishedAt: string | null;
  readonly undoneAt: string | null;
}

export class LibraryApplyRepository implements ApplyLog {
  private readonly db: Kysely<DatabaseSchema>;
  private readonly dialect: DialectName;

  constructor(db: Kysely<DatabaseSchema>, dialect: DialectName) {
    this.db = db;
    this.dialect = dialect;
  }

  async startRun(root: string, files: number): Promise<string> {
    const id = randomUUID();
    await this.db
      .insertInto("library_apply_runs")
      .values({
        id,
        root,
        status: "running",
        files,
        written: 0,
        failed: 0,
        created_at: isoNow(),
        finished_at: null,
        undone_at: null,
      })
      .execute();
    return id;
  }

  async recordPending(runId: string, write: PlannedTagWrite): Promise<string> {
    const id = randomUUID();
    await this.db
      .insertInto("library_tag_writes")
      .values({
        id,
        run_id: runId,
        path: write.path,
        format: null,
        before_genres: toJson(write.before),
        after_genres: toJson(write.after),
        status: "pending",
        error: null,
        created_at: isoNow(),
        restored_at: null,
      })
      .execute();
    return id;
  }

  async recordOutcome(
    writeId: string,
    outcome: { status: LoggedWriteStatus; before?: readonly string[]; format?: string; error?: string },
  ): Promise<void> {
    await this.db
      .updateTable("library_tag_writes")
      .set({
        status: outcome.status,
        error: outcome.error ?? null,
        ...(outcome.before === undefined ? {} : { before_genres: toJson(outcome.before) }),
        ...(outcome.format === undefined ? {} : { format: outcome.format }),
        ...(outcome.status === "restored" ? { restored_at: isoNow() } : {}),
      })
      .where("id", "=", writeId)
      .execute();
  }

  async finishRun(runId: string, counts: { written: number; failed: number }): Promise<void> {
    await this.db
      .updateTable("library_apply_runs")
      .set({ status: "finished", written: counts.written, failed: counts.failed, finished_at: isoNow() })
      .where("id", "=", runId)
      .execute();
  }

  async writesOf(runId: string): Promise<LoggedWrite[]> {
    const rows = await this.db
      .selectFrom("library_tag_writes")
      .selectAll()
      .where("run_id", "=", runId)
      .orderBy("created_at")
      .execute();
    return rows.map((row) => ({
      id: row.id,
      path: row.path,
      before: fromJson(this.dialect, row.before_genres) as string[],
      after: fromJson(this.dialect, row.after_genres) as string[],
      status: row.status as LoggedWriteStatus,
    }));
  }

  async markRunUndone(runId: string): Promise<void> {
    await this.db
      .updateTable("library_apply_runs")
      .set({ status: "undone", undone_at: isoNow() })
      .where("id", "=", runId)
      .execute();
  }

  async fileRewritten(path: string, genres: readonly string[]): Promise<void> {
    const facts = await stat(path);
    await this.db
      .updateTable("library_tracks")
      .set({
        genres: toJson(genres),
        size: facts.size,
        mtime_ms: Math.floor(facts.mtimeMs),
        content_hash: await quickContentHash(path, facts.size),
      })
      .where("path", "=", path)
      .execute();
  }

  async runs(limit = 20): Promise<ApplyRunRecord[]> {
    const rows = await this.db
      .selectFrom("library_apply_runs")
      .selectAll()
      .orderBy("created_at", "desc")
      .limit(limit)
      .execute();
    return rows.map(runFromRow);
  }

  async run(id: string): Promise<ApplyRunRecord> {
    const row = await this.db.selectFrom("library_apply_runs").selectAll().where("id", "=", id).executeTakeFirst();
    if (row === undefined) throw new TonearmError("NOT_FOUND", `no tag-writing run ${id}`);
    return runFromRow(row);
  }
}

function runFromRow(row: Selectable<LibraryApplyRunsTable>): ApplyRunRecord {
  return {
    id: row.id,
    root: row.root,
    status: row.status,
    files: row.files,
    written: row.written,
    failed: row.failed,
    createdAt: row.created_at,
    finishedAt: row.finished_at,
    undoneAt: row.undone_at,
  };
}
