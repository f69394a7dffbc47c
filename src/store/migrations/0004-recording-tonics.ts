/**
 * Migration 0004: the tonic of each recording (an analysis's audio), one row per analysis:
 * estimated by the "tonic-update" job (src/service/tonic-jobs.ts) or set by hand, with the
 * pitch class, scientific octave and cents from equal temperament, the confidence, whether it
 * was estimated or set ("manual" rows are kept by re-estimation unless forced), and how it was
 * made (method and details, JSON). Deleting an analysis deletes its tonic (ON DELETE CASCADE,
 * as for reports). Columns documented in ../database-schema.ts.
 */
import type { Kysely, Migration } from "kysely";
import type { DialectName } from "../dialect-name.js";

export function recordingTonicsSchema(dialect: DialectName): Migration {
  const json = dialect === "postgres" ? "jsonb" : "text";
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable("recording_tonics")
        .addColumn("analysis_id", "text", (column) => column.primaryKey().references("analyses.id").onDelete("cascade"))
        .addColumn("hz", "double precision", (column) => column.notNull())
        .addColumn("pitch_class", "integer", (column) => column.notNull())
        .addColumn("octave", "integer", (column) => column.notNull())
        .addColumn("cents_offset", "double precision", (column) => column.notNull())
        .addColumn("confidence", "double precision")
        .addColumn("source", "text", (column) => column.notNull())
        .addColumn("method", "text", (column) => column.notNull())
        .addColumn("details", json, (column) => column.notNull())
        .addColumn("estimated_at", "text", (column) => column.notNull())
        .execute();
      await db.schema.createIndex("recording_tonics_source").on("recording_tonics").column("source").execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.dropTable("recording_tonics").execute();
    },
  };
}
