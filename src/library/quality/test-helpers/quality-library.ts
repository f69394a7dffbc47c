/**
 * Hand-built libraries for the quality tests: tracks with the tags and technical facts given
 * (well-tagged CD-quality FLAC unless told otherwise), grouped into albums by the scanner's own
 * group-albums.ts so that album ids and membership are what a real scan would store.
 */
import { join } from "node:path";
import { groupAlbums } from "../../scan/group-albums.js";
import { EMPTY_TAGS, type TrackTags, type TrackTechnicalFacts } from "../../scan/library-track.js";
import type { QualityInput, QualityTrack } from "../quality-input.js";

export const ROOT = "/music";

export const FLAC_FACTS: TrackTechnicalFacts = {
  container: "FLAC",
  codec: "FLAC",
  lossless: true,
  durationSeconds: 200,
  sampleRate: 44100,
  channels: 2,
  bitrate: 900_000,
  bitsPerSample: 16,
};

export const MP3_FACTS: TrackTechnicalFacts = {
  container: "MPEG",
  codec: "MPEG 1 Layer 3",
  lossless: false,
  durationSeconds: 200,
  sampleRate: 44100,
  channels: 2,
  bitrate: 320_000,
  bitsPerSample: null,
};

export interface TrackSpec {
  readonly tags?: Partial<TrackTags>;
  readonly facts?: Partial<TrackTechnicalFacts>;
  readonly readError?: string | null;
  readonly decodeError?: string | null;
  readonly fingerprint?: Uint32Array;
  readonly size?: number;
}

/** One track under ROOT (`path` relative), not yet in an album. */
export function qualityTrack(path: string, spec: TrackSpec = {}): QualityTrack {
  return {
    path: join(ROOT, path),
    size: spec.size ?? 20_000_000,
    facts: { ...FLAC_FACTS, ...spec.facts },
    tags: { ...EMPTY_TAGS, ...spec.tags },
    readError: spec.readError ?? null,
    albumId: null,
    ...(spec.decodeError === undefined ? {} : { decodeError: spec.decodeError }),
    ...(spec.fingerprint === undefined ? {} : { fingerprint: spec.fingerprint }),
  };
}

export interface AlbumSpec {
  readonly artist: string;
  readonly album: string;
  readonly year?: number | null;
  readonly genres?: readonly string[];
  readonly tracks?: number;
  readonly facts?: Partial<TrackTechnicalFacts>;
  /** Track titles; default "Song 1"… */
  readonly titles?: readonly string[];
  /** Per-track overrides by index. */
  readonly overrides?: Readonly<Record<number, TrackSpec>>;
}

/** A fully tagged album in `folder` (relative): tracks "01.flac"… numbered 1..n of n. */
export function albumTracks(folder: string, spec: AlbumSpec): QualityTrack[] {
  const count = spec.titles?.length ?? spec.tracks ?? 3;
  return Array.from({ length: count }, (_, index) => {
    const override = spec.overrides?.[index] ?? {};
    return qualityTrack(`${folder}/${String(index + 1).padStart(2, "0")}.flac`, {
      ...override,
      tags: {
        title: spec.titles?.[index] ?? `Song ${index + 1}`,
        artist: spec.artist,
        albumArtist: spec.artist,
        album: spec.album,
        trackNumber: index + 1,
        trackTotal: count,
        year: spec.year === undefined ? 2000 : spec.year,
        genres: spec.genres ?? ["Rock"],
        ...override.tags,
      },
      facts: { ...spec.facts, ...override.facts },
    });
  });
}

/** The library the catalogue would hold for these tracks: albums by group-albums.ts, albumId set. */
export function qualityLibrary(tracks: readonly QualityTrack[]): QualityInput {
  const albums = groupAlbums(tracks);
  const albumOf = new Map<string, string>();
  for (const album of albums) for (const path of album.trackPaths) albumOf.set(path, album.id);
  return {
    root: ROOT,
    tracks: tracks.map((track) => ({ ...track, albumId: albumOf.get(track.path) ?? null })),
    albums,
  };
}

/** Case- and punctuation-folded labels: the stand-in genre normaliser of the tests. */
export function foldedGenre(label: string): string[] {
  const folded = label
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
  return folded === "" ? [] : [folded];
}

/** A small library with one problem of most kinds, each with a known answer. */
export function problemLibrary(): QualityInput {
  return qualityLibrary([
    ...albumTracks("Clean/Album", { artist: "Clean", album: "Album", tracks: 4 }),
    ...albumTracks("Beatles/Abbey Road [FLAC]", { artist: "The Beatles", album: "Abbey Road", tracks: 3 }),
    ...albumTracks("Beatles/Abbey Road [MP3]", {
      artist: "The Beatles",
      album: "Abbey Road (Remastered 2009)",
      tracks: 3,
      facts: MP3_FACTS,
    }),
    ...albumTracks("Mess/Album", {
      artist: "Mess",
      album: "Album",
      tracks: 3,
      overrides: { 1: { tags: { year: 1999, trackNumber: 1 } }, 2: { tags: { genres: [] } } },
    }),
    qualityTrack("broken.mp3", { readError: "no frame sync" }),
  ]);
}
