/**
 * Analyses as stored: one row per submitted file (what was asked, where its audio is, which
 * job produces it). Listing joins the job so that a page can be filtered by job status;
 * the report and its metrics live in analysis-result-repository.ts.
 */
import type { Kysely } from "kysely";
import { sql } from "kysely";
import type { JobStatus } from "../jobs/job-model.js";
import type { AnalysisRow, DatabaseSchema } from "./database-schema.js";
import type { DialectName } from "./dialect-name.js";
import { fromJson, toJson } from "./json-column.js";
import { pageBounds } from "./page-bounds.js";
import { isoNow } from "./timestamps.js";

export type AnalysisKindName = "analysis" | "mastering" | "transcription";

export interface AnalysisRecord {
  readonly id: string;
  readonly kind: AnalysisKindName;
  readonly fileName: string;
  readonly audioPath: string;
  readonly owned: boolean;
  readonly genre: string | null;
  readonly level: string | null;
  /** Requested analysis names; null for the default set. */
  readonly analyses: readonly string[] | null;
  readonly jobId: string;
  readonly createdAt: string;
  readonly audioRemovedAt: string | null;
}

export interface AnalysisListFilter {
  readonly status?: JobStatus;
  readonly kind?: AnalysisKindName;
  /** Case-insensitive substring of the file name. */
  readonly fileName?: string;
  readonly offset?: number;
  readonly limit?: number;
}

function analysisFromRow(dialect: DialectName, row: AnalysisRow): AnalysisRecord {
  return {
    id: row.id,
    kind: row.kind as AnalysisKindName,
    fileName: row.file_name,
    audioPath: row.audio_path,
    owned: Number(row.owned) === 1,
    genre: row.genre,
    level: row.level,
    analyses: fromJson(dialect, row.analyses) as string[] | null,
    jobId: row.job_id,
    createdAt: row.created_at,
    audioRemovedAt: row.audio_removed_at,
  };
}

/** `text` as a LIKE pattern matching it literally anywhere (\ escapes % and _). */
function containsPattern(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
}

export class AnalysisRepository {
  private readonly db: Kysely<DatabaseSchema>;
  private readonly dialect: DialectName;

  constructor(db: Kysely<DatabaseSchema>, dialect: DialectName) {
    this.db = db;
    this.dialect = dialect;
  }

  /** `createdAt` defaults to now. */
  async insert(
    analysis: Omit<AnalysisRecord, "audioRemovedAt" | "createdAt"> & { readonly createdAt?: string },
    executor = this.db,
  ): Promise<AnalysisRecord> {
    const row = await executor
      .insertInto("analyses")
      .values({
        id: analysis.id,
        kind: analysis.kind,
        file_name: analysis.fileName,
        audio_path: analysis.audioPath,
        owned: analysis.owned ? 1 : 0,
        genre: analysis.genre,
        level: analysis.level,
        analyses: analysis.analyses === null ? null : toJson(analysis.analyses),
        job_id: analysis.jobId,
        created_at: analysis.createdAt ?? isoNow(),
        audio_removed_at: null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return analysisFromRow(this.dialect, row);
  }

  async get(id: string): Promise<AnalysisRecord | undefined> {
    const row = await this.db.selectFrom("analyses").selectAll().where("id", "=", id).executeTakeFirst();
    return row && analysisFromRow(this.dialect, row);
  }

  /** Newest first. */
  async list(filter: AnalysisListFilter = {}): Promise<{ items: AnalysisRecord[]; total: number }> {
    const { offset, limit } = pageBounds(filter);
    let query = this.db.selectFrom("analyses").innerJoin("jobs", "jobs.id", "analyses.job_id");
    if (filter.status !== undefined) query = query.where("jobs.status", "=", filter.status);
    if (filter.kind !== undefined) query = query.where("analyses.kind", "=", filter.kind);
    if (filter.fileName !== undefined && filter.fileName !== "") {
      const pattern = containsPattern(filter.fileName);
      query = query.where(sql<boolean>`lower(${sql.ref("analyses.file_name")}) like ${pattern} escape '\\'`);
    }
    const [rows, count] = await Promise.all([
      query
        .selectAll("analyses")
        .orderBy("analyses.created_at", "desc")
        .orderBy("analyses.id", "desc")
        .offset(offset)
        .limit(limit)
        .execute(),
      query.select((eb) => eb.fn.countAll().as("total")).executeTakeFirstOrThrow(),
    ]);
    return { items: rows.map((row) => analysisFromRow(this.dialect, row)), total: Number(count.total) };
  }

  /** Deletes the analysis and, by cascade, its report, band metrics and recommendations. */
  async remove(id: string): Promise<boolean> {
    const result = await this.db.deleteFrom("analyses").where("id", "=", id).executeTakeFirst();
    return result.numDeletedRows > 0n;
  }

  /** Owned audio created before `cutoff` (ISO) and still on disk, of analyses whose job has finished. */
  async ownedAudioCreatedBefore(cutoff: string): Promise<AnalysisRecord[]> {
    const rows = await this.db
      .selectFrom("analyses")
      .innerJoin("jobs", "jobs.id", "analyses.job_id")
      .selectAll("analyses")
      .where("analyses.owned", "=", 1)
      .where("analyses.audio_removed_at", "is", null)
      .where("analyses.created_at", "<", cutoff)
      .where("jobs.status", "not in", ["queued", "running"])
      .execute();
    return rows.map((row) => analysisFromRow(this.dialect, row));
  }

  async markAudioRemoved(id: string, at: string): Promise<void> {
    await this.db.updateTable("analyses").set({ audio_removed_at: at }).where("id", "=", id).execute();
  }

  /** Every audio path of the analyses still referring to their file (the retention sweep keeps these). */
  async audioPathsInUse(): Promise<Set<string>> {
    const rows = await this.db
      .selectFrom("analyses")
      .select("audio_path")
      .where("owned", "=", 1)
      .where("audio_removed_at", "is", null)
      .execute();
    return new Set(rows.map((row) => row.audio_path));
  }
}
