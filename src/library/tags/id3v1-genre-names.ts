/**
 * The ID3v1 genre a number names, for tag readers: ID3v2.3 TCON "(17)", ID3v2.4 "17" and the
 * iTunes `gnre` atom (number + 1). The table itself is the genre vocabulary's
 * (../genres/id3v1-genres.ts), spelled as the ID3v1 and Winamp lists spell it; the
 * normaliser maps those spellings to canonical genres.
 */
import { ID3V1_GENRES } from "../genres/id3v1-genres.js";

export const ID3V1_GENRE_NAMES: readonly string[] = ID3V1_GENRES;

/** The ID3v1 genre named by a decimal index ("17" → "Rock"), or undefined outside the list. */
export function id3v1GenreName(index: string): string | undefined {
  if (!/^\d{1,3}$/.test(index)) return undefined;
  return ID3V1_GENRE_NAMES[Number.parseInt(index, 10)];
}
