/**
 * `tonearm library batch [ROOT]`: genre suggestions for the scanned albums — every online
 * source and the library's own evidence, voted into a proposal with a confidence; at or above
 * the threshold approved automatically, else queued for review. Albums already decided are
 * left alone unless --all. --dry-run shows the suggestions and stores nothing.
 */
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { TonearmError } from "../../../analysis/errors.js";
import { comparableName } from "../../../library/scan/group-albums.js";
import type { AlbumSuggestion } from "../../../library/suggest/suggest-album-genres.js";
import { type AlbumToSuggest, suggestLibraryGenres } from "../../../library/suggest/suggest-library-genres.js";
import { EXIT } from "../../exit-codes.js";
import { positiveNumberOption } from "../../number-option.js";
import { ProgressBar } from "../../progress-bar.js";
import { openCliLibrary } from "./open-library-store.js";

export const LIBRARY_BATCH_HELP = `Usage: tonearm library batch [ROOT] [options]

Suggest genres for the scanned albums (all of them, or those under ROOT). For each album
tonearm asks the online sources (MusicBrainz, Last.fm, Discogs, Deezer, Spotify: those with
credentials; see the README), adds what the library itself says (the album's own genre tags,
the artist's other albums, genre-named folders), and votes (Spotify 1.0, MusicBrainz 0.85,
Discogs 0.8, Deezer 0.75, Last.fm 0.7, offline evidence lower). A suggestion at or above the
confidence threshold is approved at once; 80 up to it goes to review; below 80 needs a
person ('tonearm library review'). Nothing is written to files: 'tonearm library apply' does.

Options:
  --confidence N          approve automatically at or above N (default 95, config
                          library.autoApplyConfidence)
  --dry-run               show the suggestions; store nothing
  --sample-size N         only N albums, picked at random (see --seed)
  --seed N                the random pick's seed (default 1)
  --specific-album "Artist,Album"   only this album
  --all                   also albums already approved, edited or rejected
  --json                  print the suggestions as JSON
  --no-progress           no progress bar
  -h, --help              this help`;

export async function runLibraryBatch(argv: readonly string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      confidence: { type: "string" },
      "dry-run": { type: "boolean" },
      "sample-size": { type: "string" },
      seed: { type: "string" },
      "specific-album": { type: "string" },
      all: { type: "boolean" },
      json: { type: "boolean" },
      "no-progress": { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    process.stdout.write(`${LIBRARY_BATCH_HELP}\n`);
    return EXIT.ok;
  }
  if (positionals.length > 1) throw new TonearmError("INVALID_OPTION", "library batch takes at most one ROOT");
  const confidence = positiveNumberOption("confidence", values.confidence);
  if (confidence !== undefined && confidence > 100)
    throw new TonearmError("INVALID_OPTION", "--confidence is at most 100");
  const sampleSize = positiveNumberOption("sample-size", values["sample-size"]);
  const seed = positiveNumberOption("seed", values.seed) ?? 1;
  const library = await openCliLibrary();
  const bar = new ProgressBar(process.stderr, !values["no-progress"] && Boolean(process.stderr.isTTY));
  try {
    const root = positionals[0] === undefined ? null : resolve(positionals[0]);
    const every = await library.store.library.albumsWithGenres(null);
    let albums = root === null ? every : await library.store.library.albumsWithGenres(root);
    if (values["specific-album"] !== undefined) albums = [findAlbum(albums, values["specific-album"])];
    else {
      if (!values.all) {
        const decided = await library.store.review.albumIdsWithStatus(["approved", "edited", "rejected"]);
        albums = albums.filter((album) => !decided.has(album.id));
      }
      if (sampleSize !== undefined) albums = sample(albums, Math.floor(sampleSize), seed);
    }
    if (albums.length === 0) {
      process.stdout.write("no albums to look up (scan a library first: tonearm library scan ROOT)\n");
      return EXIT.ok;
    }
    const results: { album: AlbumToSuggest; suggestion: AlbumSuggestion; id?: string }[] = [];
    await suggestLibraryGenres(albums, every, {
      ...library.suggestion,
      recognise: library.recognise,
      autoApplyConfidence: confidence ?? library.config.library.autoApplyConfidence,
      onSuggestion: async (album, suggestion) => {
        const stored = values["dry-run"]
          ? undefined
          : await library.store.review.createSuggestion({
              albumId: album.id,
              proposal: suggestion.genres,
              confidence: suggestion.confidence,
              route: suggestion.route,
              ranked: suggestion.ranked,
              evidence: suggestion.evidence,
            });
        results.push({ album, suggestion, id: stored?.id });
      },
      onProgress: ({ done, total, album }) =>
        bar.update({ fraction: done / total, label: `${done}/${total} albums  ${album.artist} – ${album.title}` }),
    });
    bar.clear();
    if (values.json) process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
    else process.stdout.write(formatBatch(results, Boolean(values["dry-run"])));
    return EXIT.ok;
  } finally {
    bar.clear();
    await library.close();
  }
}

/** "Artist,Album": the artist may itself hold commas, so every split is tried. */
function findAlbum(albums: readonly AlbumToSuggest[], text: string): AlbumToSuggest {
  for (let comma = text.indexOf(","); comma >= 0; comma = text.indexOf(",", comma + 1)) {
    const artist = comparableName(text.slice(0, comma));
    const title = comparableName(text.slice(comma + 1));
    const found = albums.find(
      (album) => comparableName(album.artist) === artist && comparableName(album.title) === title,
    );
    if (found !== undefined) return found;
  }
  if (!text.includes(",")) throw new TonearmError("INVALID_OPTION", '--specific-album is "Artist,Album"');
  throw new TonearmError("NOT_FOUND", `no scanned album "${text}" (artist and album as the scan grouped them)`);
}

/** A seeded pick of `count` albums (xorshift32), in the library's order. */
function sample<T>(items: readonly T[], count: number, seed: number): T[] {
  if (count >= items.length) return [...items];
  let state = seed >>> 0 || 1;
  const random = () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 2 ** 32;
  };
  const indices = items.map((_, index) => index);
  for (let index = indices.length - 1; index > 0; index--) {
    const other = Math.floor(random() * (index + 1));
    [indices[index], indices[other]] = [indices[other] as number, indices[index] as number];
  }
  return indices
    .slice(0, count)
    .sort((a, b) => a - b)
    .map((index) => items[index] as T);
}

function formatBatch(
  results: readonly { album: AlbumToSuggest; suggestion: AlbumSuggestion }[],
  dryRun: boolean,
): string {
  const counts = { auto: 0, review: 0, manual: 0 };
  const lines = results.map(({ album, suggestion }) => {
    counts[suggestion.route]++;
    const genres = suggestion.genres.join("; ") || "(no genre found)";
    return `${String(Math.round(suggestion.confidence)).padStart(3)}  ${suggestion.route.padEnd(6)}  ${album.artist} – ${album.title}: ${genres}`;
  });
  const verb = dryRun ? "would be" : "";
  lines.push(
    "",
    `${results.length} album${results.length === 1 ? "" : "s"}: ${counts.auto} ${verb || ""}${verb ? " " : ""}approved automatically, ${counts.review} for review, ${counts.manual} for a person` +
      (dryRun ? " (dry run: nothing stored)" : ""),
  );
  if (!dryRun && counts.review + counts.manual > 0)
    lines.push("next: tonearm library review; then tonearm library apply");
  else if (!dryRun) lines.push("next: tonearm library apply (shows what would change; --write writes)");
  return `${lines.join("\n")}\n`;
}
