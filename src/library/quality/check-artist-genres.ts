/**
 * Artists whose albums disagree on genre: an album whose genres (canonical, with the genres
 * they imply, so "Hard Rock" counts as "Rock") do not include the artist's dominant genre.
 * An artist qualifies when at least `artistGenreMinAlbums` of their albums carry a genre and
 * one genre is on at least `artistGenreMinShare` of them (Rock on 4 of 5 albums: the Jazz album
 * is the outlier; Rock on 2 and Jazz on 2: no verdict). An album's genres are the union of its
 * tracks' genres. Compilations and "Various/Unknown Artist" albums are left out. Info: artists
 * do change genre, but a lone outlier is often a mis-tag.
 * details: { artist, genres, dominantGenre, dominantAlbums, artistAlbums }.
 */
import { UNKNOWN_ARTIST, VARIOUS_ARTISTS } from "../scan/group-albums.js";
import { artistKey } from "./comparable-text.js";
import { entryOf } from "./map-entry.js";
import { albumLabel, type QualityContext } from "./quality-context.js";
import type { QualityAlbum, QualityTrack } from "./quality-input.js";
import type { QualityIssue } from "./quality-issue.js";

interface TaggedAlbum {
  readonly album: QualityAlbum;
  readonly tracks: readonly QualityTrack[];
  readonly genres: readonly string[];
  readonly implied: ReadonlySet<string>;
}

function dominantGenre(albums: readonly TaggedAlbum[]): { genre: string; count: number } {
  const counts = new Map<string, number>();
  for (const { implied } of albums) for (const genre of implied) counts.set(genre, (counts.get(genre) ?? 0) + 1);
  let best = { genre: "", count: 0 };
  for (const [genre, count] of counts) {
    if (count > best.count || (count === best.count && genre < best.genre)) best = { genre, count };
  }
  return best;
}

export function checkArtistGenres(context: QualityContext): QualityIssue[] {
  const { artistGenreMinAlbums, artistGenreMinShare, impliedGenres } = context.options;
  const byArtist = new Map<string, TaggedAlbum[]>();
  for (const [albumId, tracks] of context.tracksByAlbum) {
    const album = context.albumsById.get(albumId)!;
    if (album.compilation || album.artist === UNKNOWN_ARTIST || album.artist === VARIOUS_ARTISTS) continue;
    const genres = [...new Set(tracks.flatMap((track) => context.genresOf(track)))];
    if (genres.length === 0) continue;
    const key = artistKey(album.artist);
    const list = entryOf(byArtist, key, () => []);
    list.push({ album, tracks, genres, implied: new Set(impliedGenres(genres)) });
  }
  const issues: QualityIssue[] = [];
  for (const albums of byArtist.values()) {
    if (albums.length < artistGenreMinAlbums) continue;
    const dominant = dominantGenre(albums);
    if (dominant.count < artistGenreMinShare * albums.length || dominant.count === albums.length) continue;
    for (const { album, tracks, genres, implied } of albums) {
      if (implied.has(dominant.genre)) continue;
      issues.push({
        kind: "artist-genre-outlier",
        severity: "info",
        paths: tracks.map((track) => track.path),
        albumIds: [album.id],
        message: `${albumLabel(album)}: genre ${genres.join(", ")}, while ${dominant.count} of ${albums.length} albums by ${album.artist} are ${dominant.genre}`,
        details: {
          artist: album.artist,
          genres,
          dominantGenre: dominant.genre,
          dominantAlbums: dominant.count,
          artistAlbums: albums.length,
        },
      });
    }
  }
  return issues;
}
