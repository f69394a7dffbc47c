/**
 * Genre evidence that needs no online service, as SourceGenres for aggregate-genres.ts:
 * - "file-tags": the genres the album's own files already carry (normalised), weighted by
 *   the share of tracks that carry each;
 * - "artist-albums": the genres of the same artist's other albums in the library (their
 *   decided genres when a person or the aggregation settled them, else their file tags),
 *   weighted by the share of those albums;
 * - "folder-names": folder names between the library root and the album that are genres
 *   ("Music/Jazz/Miles Davis/Kind of Blue" → Jazz).
 * Labels go through `recognise`, which answers the canonical genres a label stands for and
 * nothing for labels that are not genres ("2005", "favourites", a band's name).
 */
import { relative, sep } from "node:path";
import type { SourceGenres } from "./aggregate-genres.js";

export interface AlbumForEvidence {
  readonly id: string;
  readonly folder: string;
  readonly artist: string;
  /** The stored genre values of each of its tracks. */
  readonly trackGenres: readonly (readonly string[])[];
}

export interface SiblingAlbum {
  readonly id: string;
  /** Decided genres when there are any, else the union of its tracks' genre values. */
  readonly genres: readonly string[];
}

export type RecogniseGenre = (label: string) => readonly string[];

export interface GenreRecognisers {
  /** For tag values: the genres a label stands for, unknown genres included. */
  readonly tag: RecogniseGenre;
  /** For folder names: only labels a rule knows as genres (a band's name is not one). */
  readonly folder: RecogniseGenre;
}

export function offlineEvidence(
  album: AlbumForEvidence,
  root: string,
  siblings: readonly SiblingAlbum[],
  recognise: GenreRecognisers,
): SourceGenres[] {
  return [
    { source: "file-tags", genres: shares(album.trackGenres, recognise.tag) },
    {
      source: "artist-albums",
      genres: shares(
        siblings.filter((sibling) => sibling.id !== album.id).map((sibling) => sibling.genres),
        recognise.tag,
      ),
    },
    { source: "folder-names", genres: folderGenres(album.folder, root, recognise.folder) },
  ];
}

/** Each genre's share of the groups (tracks, albums) that name it. */
function shares(groups: readonly (readonly string[])[], recognise: RecogniseGenre) {
  const named = groups.filter((labels) => labels.length > 0);
  if (named.length === 0) return [];
  const counts = new Map<string, number>();
  for (const labels of named) {
    for (const genre of new Set(labels.flatMap((label) => recognise(label)))) {
      counts.set(genre, (counts.get(genre) ?? 0) + 1);
    }
  }
  return [...counts].map(([genre, count]) => ({ genre, weight: count / named.length }));
}

function folderGenres(folder: string, root: string, recognise: RecogniseGenre) {
  const path = relative(root, folder);
  if (path === "" || path.startsWith("..")) return [];
  const genres = new Set(path.split(sep).flatMap((name) => recognise(name)));
  return [...genres].map((genre) => ({ genre, weight: 1 }));
}
