/**
 * Migration 0003: the files `tonearm ingest` has submitted, by the SHA-256 of their whole
 * content, so that a copy of an already ingested file (under any name, in any run) becomes no
 * second job (columns documented in ../database-schema.ts). The content hash is the primary
 * key: two processes ingesting the same content at once cannot both record it. A row goes
 * with its analysis (ON DELETE CASCADE), so deleting the analysis lets the file be ingested
 * again. Path, size and modification time let a re-run skip re-hashing an unchanged file.
 */
import type { Kysely, Migration } from "kysely";
import type { DialectName } from "../dialect-name.js";

export function ingestedFilesSchema(_dialect: DialectName): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable("ingested_files")
        .addColumn("content_hash", "text", (column) => column.primaryKey())
        .addColumn("analysis_id", "text", (column) => column.notNull().references("analyses.id").onDelete("cascade"))
        .addColumn("path", "text", (column) => column.notNull())
        .addColumn("size", "bigint", (column) => column.notNull())
        .addColumn("mtime_ms", "double precision", (column) => column.notNull())
        .addColumn("created_at", "text", (column) => column.notNull())
        .execute();
      await db.schema.createIndex("ingested_files_path").on("ingested_files").column("path").execute();
      await db.schema.createIndex("ingested_files_analysis").on("ingested_files").column("analysis_id").execute();
    },

    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.dropTable("ingested_files").execute();
    },
  };
}
