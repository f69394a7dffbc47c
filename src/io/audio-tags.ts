/**
 * The descriptive tags tonearm reads from an audio file (title, artist, album,
 * genre…), taken from music-metadata's format-independent "common" view of ID3v1/v2,
 * Vorbis comments, iTunes/MP4, APEv2, ASF, RIFF INFO and Matroska tags. Empty
 * strings and lists are dropped so that an absent tag is always `undefined`.
 */
import type { ICommonTagsResult } from "music-metadata";
import type { Tags } from "../analysis/report.js";

/** The report's tag set (src/analysis/report.ts), one definition for reading and reporting. */
export type AudioTags = Tags;

function text(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed === undefined || trimmed === "" ? undefined : trimmed;
}

function list(values: readonly (string | undefined)[] | undefined): string[] | undefined {
  const kept = (values ?? []).map(text).filter((value): value is string => value !== undefined);
  return kept.length === 0 ? undefined : [...new Set(kept)];
}

function positive(value: number | null | undefined): number | undefined {
  return value === null || value === undefined || !Number.isFinite(value) || value <= 0 ? undefined : value;
}

/** Converts music-metadata's common tags to AudioTags, leaving out what is absent. */
export function tagsFromMetadata(common: ICommonTagsResult): AudioTags {
  const entries: [keyof AudioTags, unknown][] = [
    ["title", text(common.title)],
    ["artist", text(common.artist) ?? list(common.artists)?.join(", ")],
    ["album", text(common.album)],
    ["albumArtist", text(common.albumartist)],
    ["genre", list(common.genre)],
    ["year", positive(common.year)],
    ["date", text(common.date)],
    ["track", positive(common.track.no)],
    ["trackTotal", positive(common.track.of)],
    ["disc", positive(common.disk.no)],
    ["discTotal", positive(common.disk.of)],
    ["composer", list(common.composer)],
    ["comment", list(common.comment?.map((comment) => comment.text))],
    ["label", list(common.label)],
    ["isrc", list(common.isrc)],
    ["bpm", positive(common.bpm)],
    ["key", text(common.key)],
    ["musicBrainzRecordingId", text(common.musicbrainz_recordingid)],
  ];
  return Object.fromEntries(entries.filter(([, value]) => value !== undefined)) as AudioTags;
}
