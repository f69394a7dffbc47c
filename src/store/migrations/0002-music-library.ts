/**
 * Migration 0002: the music library (src/library): scanned tracks, the albums they are grouped
 * into, genre suggestions and every decision about them, tracks' audio feature vectors (for the
 * audio genre evidence, keyed by path and content hash), tag-writing runs with each file's
 * previous genres (for undo), and the cache of online metadata sources' answers (columns
 * documented in ../database-schema.ts). File sizes are bigint: a two-hour WAV passes 2^31 bytes.
 * Tracks point at their album with ON DELETE SET NULL: a regrouping scan replaces albums.
 */
import type { Kysely, Migration } from "kysely";
import type { DialectName } from "../dialect-name.js";

export function musicLibrarySchema(dialect: DialectName): Migration {
  const json = dialect === "postgres" ? "jsonb" : "text";
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable("library_albums")
        .addColumn("id", "text", (column) => column.primaryKey())
        .addColumn("root", "text", (column) => column.notNull())
        .addColumn("folder", "text", (column) => column.notNull())
        .addColumn("artist", "text", (column) => column.notNull())
        .addColumn("title", "text", (column) => column.notNull())
        .addColumn("year", "integer")
        .addColumn("compilation", "integer", (column) => column.notNull())
        .addColumn("inferred", "integer", (column) => column.notNull())
        .addColumn("disc_count", "integer", (column) => column.notNull())
        .addColumn("track_count", "integer", (column) => column.notNull())
        .addColumn("updated_at", "text", (column) => column.notNull())
        .execute();
      await db.schema.createIndex("library_albums_root").on("library_albums").column("root").execute();
      await db.schema.createIndex("library_albums_artist").on("library_albums").column("artist").execute();

      await db.schema
        .createTable("library_tracks")
        .addColumn("id", "text", (column) => column.primaryKey())
        .addColumn("path", "text", (column) => column.notNull().unique())
        .addColumn("size", "bigint", (column) => column.notNull())
        .addColumn("mtime_ms", "double precision", (column) => column.notNull())
        .addColumn("content_hash", "text")
        .addColumn("album_id", "text", (column) => column.references("library_albums.id").onDelete("set null"))
        .addColumn("container", "text")
        .addColumn("codec", "text")
        .addColumn("lossless", "integer")
        .addColumn("duration_seconds", "double precision")
        .addColumn("sample_rate", "integer")
        .addColumn("channels", "integer")
        .addColumn("bitrate", "double precision")
        .addColumn("bits_per_sample", "integer")
        .addColumn("title", "text")
        .addColumn("artist", "text")
        .addColumn("album_artist", "text")
        .addColumn("album", "text")
        .addColumn("track_number", "integer")
        .addColumn("track_total", "integer")
        .addColumn("disc_number", "integer")
        .addColumn("disc_total", "integer")
        .addColumn("year", "integer")
        .addColumn("genres", json, (column) => column.notNull())
        .addColumn("compilation", "integer", (column) => column.notNull())
        .addColumn("musicbrainz_album_id", "text")
        .addColumn("read_error", "text")
        .addColumn("scanned_at", "text", (column) => column.notNull())
        .execute();
      await db.schema.createIndex("library_tracks_album").on("library_tracks").column("album_id").execute();
      await db.schema.createIndex("library_tracks_hash").on("library_tracks").column("content_hash").execute();

      await db.schema
        .createTable("library_suggestions")
        .addColumn("id", "text", (column) => column.primaryKey())
        .addColumn("album_id", "text", (column) => column.notNull().references("library_albums.id").onDelete("cascade"))
        .addColumn("status", "text", (column) => column.notNull())
        .addColumn("confidence", "double precision", (column) => column.notNull())
        .addColumn("proposal", json, (column) => column.notNull())
        .addColumn("decided_genres", json)
        .addColumn("ranked", json, (column) => column.notNull())
        .addColumn("evidence", json, (column) => column.notNull())
        .addColumn("created_at", "text", (column) => column.notNull())
        .addColumn("updated_at", "text", (column) => column.notNull())
        .execute();
      await db.schema
        .createIndex("library_suggestions_status")
        .on("library_suggestions")
        .columns(["status", "created_at"])
        .execute();
      await db.schema.createIndex("library_suggestions_album").on("library_suggestions").column("album_id").execute();

      await db.schema
        .createTable("library_decisions")
        .addColumn("id", "text", (column) => column.primaryKey())
        .addColumn("suggestion_id", "text", (column) =>
          column.notNull().references("library_suggestions.id").onDelete("cascade"),
        )
        .addColumn("action", "text", (column) => column.notNull())
        .addColumn("genres", json)
        .addColumn("actor", "text", (column) => column.notNull())
        .addColumn("note", "text")
        .addColumn("created_at", "text", (column) => column.notNull())
        .execute();
      await db.schema
        .createIndex("library_decisions_suggestion")
        .on("library_decisions")
        .column("suggestion_id")
        .execute();

      await db.schema
        .createTable("library_apply_runs")
        .addColumn("id", "text", (column) => column.primaryKey())
        .addColumn("root", "text", (column) => column.notNull())
        .addColumn("status", "text", (column) => column.notNull())
        .addColumn("files", "integer", (column) => column.notNull())
        .addColumn("written", "integer", (column) => column.notNull())
        .addColumn("failed", "integer", (column) => column.notNull())
        .addColumn("created_at", "text", (column) => column.notNull())
        .addColumn("finished_at", "text")
        .addColumn("undone_at", "text")
        .execute();

      await db.schema
        .createTable("library_tag_writes")
        .addColumn("id", "text", (column) => column.primaryKey())
        .addColumn("run_id", "text", (column) =>
          column.notNull().references("library_apply_runs.id").onDelete("cascade"),
        )
        .addColumn("path", "text", (column) => column.notNull())
        .addColumn("format", "text")
        .addColumn("before_genres", json, (column) => column.notNull())
        .addColumn("after_genres", json, (column) => column.notNull())
        .addColumn("status", "text", (column) => column.notNull())
        .addColumn("error", "text")
        .addColumn("created_at", "text", (column) => column.notNull())
        .addColumn("restored_at", "text")
        .execute();
      await db.schema.createIndex("library_tag_writes_run").on("library_tag_writes").column("run_id").execute();

      await db.schema
        .createTable("library_audio_vectors")
        .addColumn("path", "text", (column) => column.primaryKey())
        .addColumn("content_hash", "text", (column) => column.notNull())
        .addColumn("kind", "text", (column) => column.notNull())
        .addColumn("vector", "text", (column) => column.notNull())
        .addColumn("created_at", "text", (column) => column.notNull())
        .execute();

      await db.schema
        .createTable("source_cache")
        .addColumn("key", "text", (column) => column.primaryKey())
        .addColumn("value", "text", (column) => column.notNull())
        .addColumn("expires_at", "text", (column) => column.notNull())
        .execute();
      await db.schema.createIndex("source_cache_expiry").on("source_cache").column("expires_at").execute();
    },

    async down(db: Kysely<unknown>): Promise<void> {
      for (const table of [
        "source_cache",
        "library_audio_vectors",
        "library_tag_writes",
        "library_apply_runs",
        "library_decisions",
        "library_suggestions",
        "library_tracks",
        "library_albums",
      ]) {
        await db.schema.dropTable(table).execute();
      }
    },
  };
}
