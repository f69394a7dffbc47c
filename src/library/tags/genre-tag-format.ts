/**
 * The contract every tag format of the library's safe tag writer implements (ID3v2 in MP3,
 * Vorbis comments in FLAC and in Ogg Vorbis/Opus, MP4 `ilst` atoms). A format knows where its
 * tags and its audio payload sit in a file; the safe writer (safe-tag-writer.ts) does the rest:
 * temporary copy, verification by re-reading, fsync, rename.
 *
 * A format never changes anything but the genre values: other tags, pictures, padding rules
 * and the audio payload bytes stay as they were.
 */

export type GenreTagFormatName = "id3v2" | "flac" | "ogg" | "mp4";

/** What a file's tags hold that the library writes. */
export interface GenreTags {
  /** The genre values as stored, in order (one entry per value; never split or normalised here). */
  readonly genres: readonly string[];
}

export interface GenreTagFormat {
  readonly name: GenreTagFormatName;
  /** True when the first bytes of a file (at least 64 of them, fewer only for tiny files) are this format's. */
  recognises(head: Uint8Array, fileName: string): boolean;
  /** Reads the genre values. A file with no tag at all has no genres. Throws TonearmError CORRUPT_AUDIO on a broken structure. */
  readGenres(path: string): Promise<GenreTags>;
  /**
   * Writes to `target` (a new file) a copy of `source` whose genre values are `genres` (empty: no
   * genre). Streams the audio payload in chunks; memory stays bounded whatever the file size.
   * Does not fsync or rename: the safe writer does.
   */
  writeCopyWithGenres(source: string, target: string, genres: readonly string[]): Promise<void>;
  /** SHA-256 (hex) over the bytes of the audio payload alone: equal before and after any genre write. */
  audioPayloadHash(path: string): Promise<string>;
}
