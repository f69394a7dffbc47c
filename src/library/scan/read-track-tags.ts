/**
 * Reads a track's tags and technical facts with music-metadata's format-independent "common"
 * view (ID3v1/v2, Vorbis comments, MP4 atoms, APEv2, ASF, RIFF INFO). Covers are skipped and
 * the file is not scanned to its end for an exact duration (the header's duration or its
 * estimate is enough for a library), which keeps reading at hundreds of files a second.
 * A file music-metadata cannot parse, or in which it finds no audio, is not an error of the
 * scan: it comes back with `readError` set.
 */
import { type IAudioMetadata, parseFile } from "music-metadata";
import {
  EMPTY_TAGS,
  type ScannedTrack,
  type TrackFileState,
  type TrackTags,
  type TrackTechnicalFacts,
  UNKNOWN_FACTS,
} from "./library-track.js";

export async function readTrack(file: TrackFileState): Promise<ScannedTrack> {
  try {
    const metadata = await parseFile(file.path, { duration: false, skipCovers: true, skipPostHeaders: true });
    const facts = factsOf(metadata);
    // music-metadata answers an empty result, not an error, for bytes with no audio frames.
    const noAudio = facts.codec === null && facts.sampleRate === null && facts.durationSeconds === null;
    const readError = noAudio ? "no audio stream found (corrupt, or not an audio file)" : null;
    return { ...file, facts, tags: tagsOf(metadata), readError };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ...file, facts: UNKNOWN_FACTS, tags: EMPTY_TAGS, readError: message || "unreadable tags" };
  }
}

function factsOf({ format }: IAudioMetadata): TrackTechnicalFacts {
  return {
    container: text(format.container),
    codec: text(format.codec),
    lossless: format.lossless ?? null,
    durationSeconds: positive(format.duration),
    sampleRate: positive(format.sampleRate),
    channels: positive(format.numberOfChannels),
    bitrate: positive(format.bitrate),
    bitsPerSample: positive(format.bitsPerSample),
  };
}

function tagsOf({ common }: IAudioMetadata): TrackTags {
  const genres = (common.genre ?? []).map((genre) => genre.trim()).filter((genre) => genre !== "");
  return {
    title: text(common.title),
    artist: text(common.artist) ?? (common.artists?.length ? common.artists.join(", ") : null),
    albumArtist: text(common.albumartist),
    album: text(common.album),
    trackNumber: positive(common.track.no),
    trackTotal: positive(common.track.of),
    discNumber: positive(common.disk.no),
    discTotal: positive(common.disk.of),
    year: positive(common.year),
    genres: [...new Set(genres)],
    compilation: common.compilation === true,
    musicbrainzAlbumId: text(common.musicbrainz_albumid),
  };
}

function text(value: string | undefined | null): string | null {
  const trimmed = value?.trim();
  return trimmed === undefined || trimmed === "" ? null : trimmed;
}

function positive(value: number | undefined | null): number | null {
  return value === undefined || value === null || !Number.isFinite(value) || value <= 0 ? null : value;
}
