/**
 * The tag formats the safe tag writer knows, and the choice of one for a file from its first
 * bytes and its name. Order matters: the first format that recognises a file wins, so formats
 * with a distinctive signature come before ID3v2, which also takes bare MPEG frames and any
 * other file that starts with an ID3v2 tag (but leaves "ID3…" files named .flac to FLAC).
 */
import { open } from "node:fs/promises";
import { basename } from "node:path";
import { TonearmError } from "../../analysis/errors.js";
import { readUpTo } from "./byte-ranges.js";
import { flacGenreTagFormat } from "./flac-genre-tags.js";
import type { GenreTagFormat } from "./genre-tag-format.js";
import { id3v2GenreTagFormat } from "./id3v2-genre-tags.js";
import { mp4GenreTagFormat } from "./mp4-genre-tags.js";
import { oggGenreTagFormat } from "./ogg-genre-tags.js";

/** Bytes of a file's head handed to `recognises`. */
export const HEAD_BYTES = 64;

export const GENRE_TAG_FORMATS: readonly GenreTagFormat[] = [
  flacGenreTagFormat,
  oggGenreTagFormat,
  mp4GenreTagFormat,
  id3v2GenreTagFormat,
];

/** The format of the file at `path`; UNSUPPORTED_FORMAT when none recognises it. */
export async function genreTagFormatOf(
  path: string,
  formats: readonly GenreTagFormat[] = GENRE_TAG_FORMATS,
): Promise<GenreTagFormat> {
  const handle = await open(path, "r");
  let head: Uint8Array;
  try {
    head = await readUpTo(handle, 0, HEAD_BYTES);
  } finally {
    await handle.close();
  }
  const format = formats.find((candidate) => candidate.recognises(head, basename(path)));
  if (format === undefined) {
    throw new TonearmError(
      "UNSUPPORTED_FORMAT",
      `${path}: tonearm cannot write genre tags to this file (formats: ${formats.map((f) => f.name).join(", ")})`,
      { path },
    );
  }
  return format;
}
