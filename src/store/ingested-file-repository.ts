/**
 * The files `tonearm ingest` submitted (table ingested_files, migration 0003): one row per
 * file content (SHA-256), naming the analysis it became and the first file seen with it.
 * `claim` is the dedupe: it inserts inside the transaction that creates the analysis and its
 * job, and answers false when the content is already recorded (the primary key decides, so two
 * processes ingesting the same content at once cannot both succeed). A row is deleted with its
 * analysis (ON DELETE CASCADE). Reads join the analysis for its job id.
 */
import type { Kysely } from "kysely";
import type { DatabaseSchema } from "./database-schema.js";

export interface IngestedFileRecord {
  /** SHA-256 of the whole content, lowercase hex. */
  readonly contentHash: string;
  readonly analysisId: string;
  /** The first file seen with this content (absolute path). */
  readonly path: string;
  readonly size: number;
  /** Its modification time when it was hashed, whole ms since 1970. */
  readonly mtimeMs: number;
  readonly createdAt: string;
}

export interface IngestedFileView extends IngestedFileRecord {
  /** The job of the analysis. */
  readonly jobId: string;
}

export class IngestedFileRepository {
  private readonly db: Kysely<DatabaseSchema>;

  constructor(db: Kysely<DatabaseSchema>) {
    this.db = db;
  }

  private select(executor: Kysely<DatabaseSchema>) {
    return executor
      .selectFrom("ingested_files")
      .innerJoin("analyses", "analyses.id", "ingested_files.analysis_id")
      .selectAll("ingested_files")
      .select("analyses.job_id");
  }

  /** The record of this content, while its analysis exists. */
  async get(contentHash: string, executor: Kysely<DatabaseSchema> = this.db): Promise<IngestedFileView | undefined> {
    const row = await this.select(executor).where("ingested_files.content_hash", "=", contentHash).executeTakeFirst();
    return row && viewFromRow(row);
  }

  /**
   * The record made from this very file (same path, size and modification time), if any: an
   * unchanged file need not be read again to know it was ingested.
   */
  async findByFile(path: string, size: number, mtimeMs: number): Promise<IngestedFileView | undefined> {
    const row = await this.select(this.db)
      .where("ingested_files.path", "=", path)
      .where("ingested_files.size", "=", size)
      .where("ingested_files.mtime_ms", "=", mtimeMs)
      .executeTakeFirst();
    return row && viewFromRow(row);
  }

  /**
   * Records the content as ingested into `record.analysisId` (which must exist in `executor`'s
   * view: call it in the transaction that inserts the analysis). False, changing nothing, when
   * the content is already recorded.
   */
  async claim(record: IngestedFileRecord, executor: Kysely<DatabaseSchema> = this.db): Promise<boolean> {
    const result = await executor
      .insertInto("ingested_files")
      .values({
        content_hash: record.contentHash,
        analysis_id: record.analysisId,
        path: record.path,
        size: record.size,
        mtime_ms: record.mtimeMs,
        created_at: record.createdAt,
      })
      .onConflict((conflict) => conflict.column("content_hash").doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0n) === 1;
  }

  async count(): Promise<number> {
    const row = await this.db
      .selectFrom("ingested_files")
      .select((eb) => eb.fn.countAll().as("total"))
      .executeTakeFirstOrThrow();
    return Number(row.total);
  }
}

function viewFromRow(row: {
  content_hash: string;
  analysis_id: string;
  path: string;
  size: number | string;
  mtime_ms: number;
  created_at: string;
  job_id: string;
}): IngestedFileView {
  return {
    contentHash: row.content_hash,
    analysisId: row.analysis_id,
    jobId: row.job_id,
    path: row.path,
    size: Number(row.size),
    mtimeMs: Number(row.mtime_ms),
    createdAt: row.created_at,
  };
}
