/**
 * Reference tracks for similarity search: metadata and the unit-length 128-dimension feature
 * vector (base64 of Float32, as in the catalogue file format of src/core/similarity), with the
 * mastering analysis each was made from while that analysis exists.
 */
import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import { base64ToFloat32, float32ToBase64, genreKey } from "../core/similarity/index.js";
import type { DatabaseSchema, ReferenceTrackRow } from "./database-schema.js";
import { isoNow } from "./timestamps.js";

export interface ReferenceTrackRecord {
  readonly id: string;
  readonly name: string;
  readonly artist: string | null;
  readonly genre: string | null;
  readonly year: number | null;
  readonly analysisId: string | null;
  readonly createdAt: string;
}

export interface ReferenceTrackWithVector extends ReferenceTrackRecord {
  readonly vector: Float32Array;
  readonly vectorVersion: number;
}

export interface NewReferenceTrack {
  readonly name: string;
  readonly artist: string | null;
  readonly genre: string | null;
  readonly year: number | null;
  readonly analysisId: string | null;
  readonly vector: ArrayLike<number>;
  readonly vectorVersion: number;
}

function referenceFromRow(row: ReferenceTrackRow): ReferenceTrackRecord {
  return {
    id: row.id,
    name: row.name,
    artist: row.artist,
    genre: row.genre,
    year: row.year === null ? null : Number(row.year),
    analysisId: row.analysis_id,
    createdAt: row.created_at,
  };
}

export class ReferenceTrackRepository {
  private readonly db: Kysely<DatabaseSchema>;

  constructor(db: Kysely<DatabaseSchema>) {
    this.db = db;
  }

  async insert(reference: NewReferenceTrack): Promise<ReferenceTrackRecord> {
    const row = await this.db
      .insertInto("reference_tracks")
      .values({
        id: randomUUID(),
        name: reference.name,
        artist: reference.artist,
        genre: reference.genre,
        year: reference.year,
        feature_vector: float32ToBase64(Float32Array.from(reference.vector)),
        vector_version: reference.vectorVersion,
        analysis_id: reference.analysisId,
        created_at: isoNow(),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return referenceFromRow(row);
  }

  /** In the order they were added; `genre` compares case-insensitively (as the catalogue does). */
  async list(filter: { readonly genre?: string } = {}): Promise<ReferenceTrackRecord[]> {
    const rows = await this.db.selectFrom("reference_tracks").selectAll().orderBy("created_at").orderBy("id").execute();
    const wanted = filter.genre === undefined || filter.genre.trim() === "" ? null : genreKey(filter.genre);
    return rows
      .filter((row) => wanted === null || (row.genre !== null && genreKey(row.genre) === wanted))
      .map(referenceFromRow);
  }

  async getMany(ids: readonly string[]): Promise<Map<string, ReferenceTrackRecord>> {
    if (ids.length === 0) return new Map();
    const rows = await this.db
      .selectFrom("reference_tracks")
      .selectAll()
      .where("id", "in", [...ids])
      .execute();
    return new Map(rows.map((row) => [row.id, referenceFromRow(row)]));
  }

  /** Every reference with its vector, in the order they were added. */
  async listWithVectors(): Promise<ReferenceTrackWithVector[]> {
    const rows = await this.db.selectFrom("reference_tracks").selectAll().orderBy("created_at").orderBy("id").execute();
    return rows.map((row) => ({
      ...referenceFromRow(row),
      vector: base64ToFloat32(row.feature_vector),
      vectorVersion: Number(row.vector_version),
    }));
  }

  /**
   * Changes whenever a reference is added or removed (count and newest creation time), so a
   * cached catalogue can tell it is stale with one cheap query, whichever process changed it.
   */
  async fingerprint(): Promise<string> {
    const row = await this.db
      .selectFrom("reference_tracks")
      .select((eb) => [eb.fn.countAll().as("count"), eb.fn.max("created_at").as("newest")])
      .executeTakeFirstOrThrow();
    return `${Number(row.count)}:${row.newest ?? ""}`;
  }

  async remove(id: string): Promise<boolean> {
    const result = await this.db.deleteFrom("reference_tracks").where("id", "=", id).executeTakeFirst();
    return result.numDeletedRows > 0n;
  }
}
