/**
 * `tonearm library batch [ROOT]`: genre suggestions for the scanned albums — every online
 * source and the library's own evidence, voted into a proposal with a confidence; at or above
 * the threshold approved automatically, else queued for review. Albums already decided are
 * left alone unless --all. --dry-run shows the suggestions and stores nothing.
 */
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { TonearmError } from "../../../analysis/errors.js";
import { selectBatchAlbums } from "../../../library/suggest/select-batch-albums.js";
import type { AlbumSuggestion } from "../../../library/suggest/suggest-album-genres.js";
import { type AlbumToSuggest, suggestLibraryGenres } from "../../../library/suggest/suggest-library-genres.js";
import { measureLibraryAudio } from "../../../measure-library-audio.js";
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
  --audio                 also let the sound vote: each track's features are measured once
                          (new or changed files only; about a second or two per track) and
                          the album's nearest labelled albums in your library vote as "audio"
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
      audio: { type: "boolean" },
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
    const { albums, every } = await selectBatchAlbums(
      {
        albumsWithGenres: (folder) => library.store.library.albumsWithGenres(folder),
        albumIdsWithStatus: (statuses) => library.store.review.albumIdsWithStatus(statuses),
      },
      {
        root,
        ...(values["specific-album"] === undefined ? {} : { specificAlbum: values["specific-album"] }),
        all: Boolean(values.all),
        ...(sampleSize === undefined ? {} : { sampleSize: Math.floor(sampleSize) }),
        seed,
      },
    );
    if (albums.length === 0) {
      process.stdout.write("no albums to look up (scan a library first: tonearm library scan ROOT)\n");
      return EXIT.ok;
    }
    const measurement = values.audio
      ? await measureLibraryAudio(library, root, ({ done, total }) =>
          bar.update({ fraction: done / total, label: `${done}/${total} tracks: measuring their sound` }),
        )
      : undefined;
    if (measurement) {
      bar.clear();
      process.stderr.write(`measured the sound of ${measurement.measured} track(s) (the others were known)\n`);
      if (measurement.failed > 0) {
        process.stderr.write(`${measurement.failed} track(s) could not be analysed; their albums vote without them\n`);
      }
    }
    const results: { album: AlbumToSuggest; suggestion: AlbumSuggestion; id?: string }[] = [];
    await suggestLibraryGenres(albums, every, {
      ...library.suggestion,
      recognise: library.recognise,
      audio: measurement?.audio ?? null,
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
