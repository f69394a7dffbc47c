/**
 * Migration 0001: jobs, analyses, reports, band metrics, recommendations, reference tracks
 * and settings (the columns are documented in ../database-schema.ts). Written once for both
 * dialects; only the JSON column type differs (jsonb on PostgreSQL, text on SQLite).
 * Child rows of an analysis are removed with it (ON DELETE CASCADE); a reference track
 * outlives the analysis it came from (ON DELETE SET NULL).
 */
import type { Kysely, Migration } from "kysely";
import type { DialectName } from "../dialect-name.js";

export function initialSchema(dialect: DialectName): Migration {
  const json = dialect === "postgres" ? "jsonb" : "text";
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable("jobs")
        .addColumn("id", "text", (column) => column.primaryKey())
        .addColumn("kind", "text", (column) => column.notNull())
        .addColumn("status", "text", (column) => column.notNull())
        .addColumn("stage", "text")
        .addColumn("progress", "double precision", (column) => column.notNull().defaultTo(0))
        .addColumn("payload", json, (column) => column.notNull())
        .addColumn("result", json)
        .addColumn("error_code", "text")
        .addColumn("error_message", "text")
        .addColumn("attempts", "integer", (column) => column.notNull().defaultTo(0))
        .addColumn("max_attempts", "integer", (column) => column.notNull())
        .addColumn("worker_id", "text")
        .addColumn("heartbeat_at", "text")
        .addColumn("analysis_id", "text")
        .addColumn("created_at", "text", (column) => column.notNull())
        .addColumn("started_at", "text")
        .addColumn("finished_at", "text")
        .addColumn("updated_at", "text", (column) => column.notNull())
        .execute();
      await db.schema.createIndex("jobs_status_created").on("jobs").columns(["status", "created_at"]).execute();
      await db.schema.createIndex("jobs_analysis").on("jobs").column("analysis_id").execute();

      await db.schema
        .createTable("analyses")
        .addColumn("id", "text", (column) => column.primaryKey())
        .addColumn("kind", "text", (column) => column.notNull())
        .addColumn("file_name", "text", (column) => column.notNull())
        .addColumn("audio_path", "text", (column) => column.notNull())
        .addColumn("owned", "integer", (column) => column.notNull())
        .addColumn("genre", "text")
        .addColumn("level", "text")
        .addColumn("analyses", json)
        .addColumn("job_id", "text", (column) => column.notNull())
        .addColumn("created_at", "text", (column) => column.notNull())
        .addColumn("audio_removed_at", "text")
        .execute();
      await db.schema.createIndex("analyses_created").on("analyses").column("created_at").execute();
      await db.schema.createIndex("analyses_job").on("analyses").column("job_id").execute();

      await db.schema
        .createTable("reports")
        .addColumn("analysis_id", "text", (column) => column.primaryKey().references("analyses.id").onDelete("cascade"))
        .addColumn("report", json, (column) => column.notNull())
        .addColumn("mastering", json)
        .addColumn("feature_vector", "text")
        .addColumn("created_at", "text", (column) => column.notNull())
        .execute();

      await db.schema
        .createTable("band_metrics")
        .addColumn("analysis_id", "text", (column) => column.notNull().references("analyses.id").onDelete("cascade"))
        .addColumn("band_index", "integer", (column) => column.notNull())
        .addColumn("name", "text", (column) => column.notNull())
        .addColumn("low_hz", "double precision", (column) => column.notNull())
        .addColumn("high_hz", "double precision", (column) => column.notNull())
        .addColumn("energy_share", "double precision")
        .addColumn("rms_dbfs", "double precision")
        .addColumn("peak_dbfs", "double precision")
        .addColumn("crest_factor_db", "double precision")
        .addColumn("centroid_hz", "double precision")
        .addColumn("rolloff_hz", "double precision")
        .addColumn("flatness", "double precision")
        .addColumn("width", "double precision")
        .addColumn("correlation", "double precision")
        .addPrimaryKeyConstraint("band_metrics_pk", ["analysis_id", "band_index"])
        .execute();
      await db.schema.createIndex("band_metrics_name").on("band_metrics").column("name").execute();

      await db.schema
        .createTable("recommendations")
        .addColumn("analysis_id", "text", (column) => column.notNull().references("analyses.id").onDelete("cascade"))
        .addColumn("position", "integer", (column) => column.notNull())
        .addColumn("area", "text", (column) => column.notNull())
        .addColumn("severity", "text", (column) => column.notNull())
        .addColumn("measured", "double precision")
        .addColumn("unit", "text", (column) => column.notNull())
        .addColumn("delta", "double precision")
        .addColumn("delta_unit", "text", (column) => column.notNull())
        .addColumn("message", "text", (column) => column.notNull())
        .addPrimaryKeyConstraint("recommendations_pk", ["analysis_id", "position"])
        .execute();
      await db.schema.createIndex("recommendations_severity").on("recommendations").column("severity").execute();

      await db.schema
        .createTable("reference_tracks")
        .addColumn("id", "text", (column) => column.primaryKey())
        .addColumn("name", "text", (column) => column.notNull())
        .addColumn("artist", "text")
        .addColumn("genre", "text")
        .addColumn("year", "integer")
        .addColumn("feature_vector", "text", (column) => column.notNull())
        .addColumn("vector_version", "integer", (column) => column.notNull())
        .addColumn("analysis_id", "text", (column) => column.references("analyses.id").onDelete("set null"))
        .addColumn("created_at", "text", (column) => column.notNull())
        .execute();

      await db.schema
        .createTable("settings")
        .addColumn("key", "text", (column) => column.primaryKey())
        .addColumn("value", json, (column) => column.notNull())
        .addColumn("updated_at", "text", (column) => column.notNull())
        .execute();
    },

    async down(db: Kysely<unknown>): Promise<void> {
      for (const table of [
        "settings",
        "reference_tracks",
        "recommendations",
        "band_metrics",
        "reports",
        "analyses",
        "jobs",
      ]) {
        await db.schema.dropTable(table).execute();
      }
    },
  };
}
