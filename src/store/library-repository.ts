/**
 * The music library's tracks and albums (src/library/scan), on SQLite or PostgreSQL: the
 * LibraryCatalogue a scan reads and saves through, and the queries the library commands use.
 * A scan is saved in one transaction; rows are written in batches (SQLite and PostgreSQL cap
 * the parameters of one statement), and only the albums whose tracks changed are touched.
 */
import { randomUUID } from "node:crypto";
import { sep } from "node:path";
import { type Kysely, sql, type Transaction } from "kysely";
import { base64ToFloat32, float32ToBase64 } from "../core/similarity/index.js";
import type { QualityAlbum, QualityTrack } from "../library/quality/quality-input.js";
import type { AlbumGroup } from "../library/scan/group-albums.js";
import type { KnownTrack, LibraryCatalogue, ScanChanges } from "../library/scan/library-catalogue.js";
import type { ScannedTrack } from "../library/scan/library-track.js";
import type { AlbumToSuggest } from "../library/suggest/suggest-library-genres.js";
import type { DatabaseSchema, LibraryTrackRow } from "./database-schema.js";
import type { DialectName } from "./dialect-name.js";
import { fromJson, toJson } from "./json-column.js";
import { isoNow } from "./timestamps.js";

const BATCH = 400;

/** An album with each track's stored genre values: what the suggestion runner takes. */
export type LibraryAlbumWithGenres = AlbumToSuggest;

export class LibraryRepository implements LibraryCatalogue {
  private readonly db: Kysely<DatabaseSchema>;
  private readonly dialect: DialectName;

  constructor(db: Kysely<DatabaseSchema>, dialect: DialectName) {
    this.db = db;
    this.dialect = dialect;
  }

  async tracksUnder(root: string): Promise<KnownTrack[]> {
    const rows = await this.db.selectFrom("library_tracks").selectAll().where(underFolder("path", root)).execute();
    return rows.map((row) => this.knownTrackFromRow(row));
  }

  async saveScan(root: string, changes: ScanChanges): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      for (const move of changes.moves) {
        await trx
          .updateTable("library_tracks")
          .set({ path: move.to.path, size: move.to.size, mtime_ms: move.to.mtimeMs, content_hash: move.to.contentHash })
          .where("path", "=", move.from)
          .execute();
      }
      for (const batch of chunks(changes.removals)) {
        await trx.deleteFrom("library_tracks").where("path", "in", batch).execute();
      }
      for (const state of changes.touched) {
        await trx
          .updateTable("library_tracks")
          .set({ mtime_ms: state.mtimeMs, content_hash: state.contentHash })
          .where("path", "=", state.path)
          .execute();
      }
      const scannedAt = isoNow();
      for (const batch of chunks(changes.upserts)) {
        await trx
          .insertInto("library_tracks")
          .values(batch.map((track) => ({ id: randomUUID(), ...trackColumns(track), scanned_at: scannedAt })))
          .onConflict((conflict) =>
            conflict.column("path").doUpdateSet((eb) => {
              const columns = Object.keys(trackColumns(batch[0] as ScannedTrack)) as (keyof ReturnType<
                typeof trackColumns
              >)[];
              return Object.fromEntries([
                ...columns.map((column) => [column, eb.ref(`excluded.${column}`)]),
                ["scanned_at", eb.ref("excluded.scanned_at")],
              ]);
            }),
          )
          .execute();
      }
      await this.replaceAlbums(trx, root, changes.albums);
    });
  }

  private async replaceAlbums(trx: Transaction<DatabaseSchema>, root: string, albums: readonly AlbumGroup[]) {
    const updatedAt = isoNow();
    const wanted = new Set(albums.map((album) => album.id));
    const existing = await trx.selectFrom("library_albums").select("id").where(underFolder("folder", root)).execute();
    const stale = existing.map((row) => row.id).filter((id) => !wanted.has(id));
    for (const batch of chunks(stale)) await trx.deleteFrom("library_albums").where("id", "in", batch).execute();
    for (const batch of chunks(albums)) {
      await trx
        .insertInto("library_albums")
        .values(
          batch.map((album) => ({
            id: album.id,
            root,
            folder: album.folder,
            artist: album.artist,
            title: album.title,
            year: album.year,
            compilation: album.compilation ? 1 : 0,
            inferred: album.inferred ? 1 : 0,
            disc_count: album.discCount,
            track_count: album.trackPaths.length,
            updated_at: updatedAt,
          })),
        )
        .onConflict((conflict) =>
          conflict.column("id").doUpdateSet((eb) => ({
            root: eb.ref("excluded.root"),
            artist: eb.ref("excluded.artist"),
            title: eb.ref("excluded.title"),
            year: eb.ref("excluded.year"),
            compilation: eb.ref("excluded.compilation"),
            inferred: eb.ref("excluded.inferred"),
            disc_count: eb.ref("excluded.disc_count"),
            track_count: eb.ref("excluded.track_count"),
            updated_at: eb.ref("excluded.updated_at"),
          })),
        )
        .execute();
    }
    // Point tracks at their albums, touching only those whose album changed.
    const current = await trx
      .selectFrom("library_tracks")
      .select(["path", "album_id"])
      .where(underFolder("path", root))
      .execute();
    const albumOf = new Map(current.map((row) => [row.path, row.album_id]));
    for (const album of albums) {
      const moved = album.trackPaths.filter((path) => albumOf.get(path) !== album.id);
      for (const batch of chunks(moved)) {
        await trx.updateTable("library_tracks").set({ album_id: album.id }).where("path", "in", batch).execute();
      }
    }
  }

  /** Albums under `root` (every album when null) with each track's stored genre values. */
  async albumsWithGenres(root: string | null): Promise<LibraryAlbumWithGenres[]> {
    let albums = this.db.selectFrom("library_albums").selectAll();
    if (root !== null) albums = albums.where(underFolder("folder", root));
    const albumRows = await albums.orderBy("artist").orderBy("title").execute();
    let tracks = this.db
      .selectFrom("library_tracks")
      .select(["album_id", "genres", "path"])
      .where("album_id", "is not", null);
    if (root !== null) tracks = tracks.where(underFolder("path", root));
    const genresByAlbum = new Map<string, string[][]>();
    for (const row of await tracks.orderBy("path").execute()) {
      const list = genresByAlbum.get(row.album_id as string) ?? [];
      list.push((fromJson(this.dialect, row.genres) as string[] | null) ?? []);
      genresByAlbum.set(row.album_id as string, list);
    }
    return albumRows.map((row) => ({
      id: row.id,
      root: row.root,
      folder: row.folder,
      artist: row.artist,
      title: row.title,
      year: row.year,
      compilation: row.compilation === 1,
      trackCount: row.track_count,
      trackGenres: genresByAlbum.get(row.id) ?? [],
    }));
  }

  /** Every track under `root` (every track when null) as tag writing plans it. */
  async tracksForTagging(
    root: string | null,
  ): Promise<{ path: string; albumId: string | null; genres: string[]; readError: string | null }[]> {
    let query = this.db.selectFrom("library_tracks").select(["path", "album_id", "genres", "read_error"]);
    if (root !== null) query = query.where(underFolder("path", root));
    const rows = await query.orderBy("path").execute();
    return rows.map((row) => ({
      path: row.path,
      albumId: row.album_id,
      genres: (fromJson(this.dialect, row.genres) as string[] | null) ?? [],
      readError: row.read_error,
    }));
  }

  /** Tracks with their album and content hash, and their stored audio vector of `kind` when still current. */
  async tracksWithAudioVectors(
    root: string | null,
    kind: string,
  ): Promise<{ path: string; albumId: string | null; contentHash: string | null; vector: Float32Array | null }[]> {
    let query = this.db
      .selectFrom("library_tracks as t")
      .leftJoin("library_audio_vectors as v", (join) => join.onRef("v.path", "=", "t.path").on("v.kind", "=", kind))
      .select(["t.path", "t.album_id", "t.content_hash", "t.read_error", "v.content_hash as vector_hash", "v.vector"]);
    if (root !== null) query = query.where(underFolder("t.path", root));
    const rows = await query.where("t.read_error", "is", null).orderBy("t.path").execute();
    return rows.map((row) => ({
      path: row.path,
      albumId: row.album_id,
      contentHash: row.content_hash,
      vector: row.vector !== null && row.vector_hash === row.content_hash ? base64ToFloat32(row.vector) : null,
    }));
  }

  async saveAudioVector(path: string, contentHash: string, kind: string, vector: Float32Array): Promise<void> {
    const values = { path, content_hash: contentHash, kind, vector: float32ToBase64(vector), created_at: isoNow() };
    await this.db
      .insertInto("library_audio_vectors")
      .values(values)
      .onConflict((conflict) =>
        conflict
          .column("path")
          .doUpdateSet({ content_hash: contentHash, kind, vector: values.vector, created_at: values.created_at }),
      )
      .execute();
  }

  /** Tracks (facts, tags, read errors, albums) and albums under `root` for quality control. */
  async qualitySnapshot(root: string): Promise<{ tracks: QualityTrack[]; albums: QualityAlbum[] }> {
    const rows = await this.db
      .selectFrom("library_tracks")
      .selectAll()
      .where(underFolder("path", root))
      .orderBy("path")
      .execute();
    const albums = await this.db
      .selectFrom("library_albums")
      .selectAll()
      .where(underFolder("folder", root))
      .orderBy("folder")
      .execute();
    return {
      tracks: rows.map((row) => {
        const known = this.knownTrackFromRow(row);
        return {
          path: row.path,
          size: Number(row.size),
          tags: known.tags,
          albumId: row.album_id,
          readError: row.read_error,
          facts: {
            container: row.container,
            codec: row.codec,
            lossless: row.lossless === null ? null : row.lossless === 1,
            durationSeconds: row.duration_seconds,
            sampleRate: row.sample_rate,
            channels: row.channels,
            bitrate: row.bitrate,
            bitsPerSample: row.bits_per_sample,
          },
        };
      }),
      albums: albums.map((row) => ({
        id: row.id,
        folder: row.folder,
        artist: row.artist,
        title: row.title,
        year: row.year,
        compilation: row.compilation === 1,
        inferred: row.inferred === 1,
        discCount: row.disc_count,
      })),
    };
  }

  private knownTrackFromRow(row: LibraryTrackRow): KnownTrack {
    return {
      path: row.path,
      size: Number(row.size),
      mtimeMs: Number(row.mtime_ms),
      contentHash: row.content_hash,
      albumId: row.album_id,
      tags: {
        title: row.title,
        artist: row.artist,
        albumArtist: row.album_artist,
        album: row.album,
        trackNumber: row.track_number,
        trackTotal: row.track_total,
        discNumber: row.disc_number,
        discTotal: row.disc_total,
        year: row.year,
        genres: (fromJson(this.dialect, row.genres) as string[] | null) ?? [],
        compilation: row.compilation === 1,
        musicbrainzAlbumId: row.musicbrainz_album_id,
      },
    };
  }
}

function trackColumns(track: ScannedTrack) {
  const { facts, tags } = track;
  return {
    path: track.path,
    size: track.size,
    mtime_ms: track.mtimeMs,
    content_hash: track.contentHash,
    container: facts.container,
    codec: facts.codec,
    lossless: facts.lossless === null ? null : facts.lossless ? 1 : 0,
    duration_seconds: facts.durationSeconds,
    sample_rate: facts.sampleRate === null ? null : Math.round(facts.sampleRate),
    channels: facts.channels,
    bitrate: facts.bitrate,
    bits_per_sample: facts.bitsPerSample,
    title: tags.title,
    artist: tags.artist,
    album_artist: tags.albumArtist,
    album: tags.album,
    track_number: tags.trackNumber,
    track_total: tags.trackTotal,
    disc_number: tags.discNumber,
    disc_total: tags.discTotal,
    year: tags.year,
    genres: toJson(tags.genres),
    compilation: tags.compilation ? 1 : 0,
    musicbrainz_album_id: tags.musicbrainzAlbumId,
    read_error: track.readError,
  };
}

/**
 * `column` is `folder` itself or lies under it: a prefix test both dialects run the same way
 * (LIKE would need escaping and is case-blind on SQLite; substr counts code points in both).
 */
function underFolder(column: "path" | "folder" | "t.path", folder: string) {
  const prefix = folder.endsWith(sep) ? folder : `${folder}${sep}`;
  return sql<boolean>`(${sql.ref(column)} = ${folder} or substr(${sql.ref(column)}, 1, ${[...prefix].length}) = ${prefix})`;
}

function chunks<T>(items: readonly T[]): T[][] {
  const batches: T[][] = [];
  for (let start = 0; start < items.length; start += BATCH) batches.push(items.slice(start, start + BATCH));
  return batches;
}
