/**
 * `tonearm library analyze [ROOT]`: the state of the scanned library's genres — how many
 * albums have genres, how consistent they are, which values normalisation would change, the
 * genre distribution and where the review stands. Reads the database only.
 */
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { TonearmError } from "../../../analysis/errors.js";
import { planTagWrites } from "../../../library/apply/tag-write-plan.js";
import { SUGGESTION_STATUSES } from "../../../library/review/genre-suggestion.js";
import type { OpenedLibrary } from "../../../open-library.js";
import type { LibraryAlbumWithGenres } from "../../../store/library-repository.js";
import { EXIT } from "../../exit-codes.js";
import { positiveNumberOption } from "../../number-option.js";
import { openCliLibrary } from "./open-library-store.js";

export const LIBRARY_ANALYZE_HELP = `Usage: tonearm library analyze [ROOT] [options]

How the scanned library's genres stand: albums with and without genres, albums whose tracks
disagree, values the normalisation would change ("hip-hop" → "Hip Hop"), the most common
genres, and the review queue. Reads tonearm's database only ('tonearm library scan' first).

Options:
  --detailed     also list each album with its genres and their normalised form
  --limit N      with --detailed: at most N albums (default 50)
  --json         print JSON
  -h, --help     this help`;

interface AlbumState {
  readonly artist: string;
  readonly title: string;
  readonly folder: string;
  readonly genres: readonly string[];
  readonly normalised: readonly string[];
  readonly consistent: boolean;
}

export async function runLibraryAnalyze(argv: readonly string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      detailed: { type: "boolean" },
      limit: { type: "string" },
      json: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    process.stdout.write(`${LIBRARY_ANALYZE_HELP}\n`);
    return EXIT.ok;
  }
  if (positionals.length > 1) throw new TonearmError("INVALID_OPTION", "library analyze takes at most one ROOT");
  const limit = Math.floor(positiveNumberOption("limit", values.limit) ?? 50);
  const root = positionals[0] === undefined ? null : resolve(positionals[0]);
  const library = await openCliLibrary();
  try {
    const report = await analyzeLibrary(library, root);
    if (values.json)
      process.stdout.write(`${JSON.stringify(values.detailed ? report : { ...report, albums: undefined }, null, 2)}\n`);
    else process.stdout.write(formatAnalysis(report, values.detailed ? limit : 0));
    return EXIT.ok;
  } finally {
    await library.close();
  }
}

async function analyzeLibrary(library: OpenedLibrary, root: string | null) {
  const albums = await library.store.library.albumsWithGenres(root);
  const tracks = await library.store.library.tracksForTagging(root);
  const plan = planTagWrites(tracks, new Map(), library.formatValues, library.normaliseExisting);
  const distribution = new Map<string, number>();
  const states: AlbumState[] = albums.map((album) => albumState(album, library));
  for (const state of states)
    for (const genre of state.normalised) distribution.set(genre, (distribution.get(genre) ?? 0) + 1);
  const review: Record<string, number> = {};
  for (const status of SUGGESTION_STATUSES) {
    if (status === "superseded") continue;
    review[status] = (await library.store.review.list({ statuses: [status], limit: 1 })).total;
  }
  return {
    root,
    albums: states,
    albumCount: albums.length,
    trackCount: tracks.length,
    unreadableTracks: tracks.filter((track) => track.readError !== null).length,
    albumsWithoutGenre: states.filter((state) => state.genres.length === 0).length,
    albumsWithDisagreeingTracks: states.filter((state) => !state.consistent).length,
    tracksNormalisationWouldChange: plan.length,
    topGenres: [...distribution].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, 20),
    review,
  };
}

function albumState(album: LibraryAlbumWithGenres, library: OpenedLibrary): AlbumState {
  const keys = new Set(album.trackGenres.map((genres) => genres.join("\u0000")));
  const genres = [...new Set(album.trackGenres.flat())];
  return {
    artist: album.artist,
    title: album.title,
    folder: album.folder,
    genres,
    normalised: library.normaliseExisting(genres),
    consistent: keys.size <= 1,
  };
}

function formatAnalysis(report: Awaited<ReturnType<typeof analyzeLibrary>>, detailedLimit: number): string {
  const share = (n: number) => (report.albumCount === 0 ? "" : ` (${Math.round((100 * n) / report.albumCount)} %)`);
  const lines = [
    `${report.root ?? "The library"}: ${report.albumCount} albums, ${report.trackCount} tracks${report.unreadableTracks ? `, ${report.unreadableTracks} unreadable` : ""}`,
    `  albums without a genre:             ${report.albumsWithoutGenre}${share(report.albumsWithoutGenre)}`,
    `  albums whose tracks disagree:       ${report.albumsWithDisagreeingTracks}${share(report.albumsWithDisagreeingTracks)}`,
    `  tracks normalisation would change:  ${report.tracksNormalisationWouldChange}`,
    `  review: ${Object.entries(report.review)
      .map(([status, count]) => `${status} ${count}`)
      .join(" · ")}`,
  ];
  if (report.topGenres.length > 0) {
    lines.push(
      "  most common genres (albums):",
      ...report.topGenres.slice(0, 10).map(([genre, count]) => `    ${String(count).padStart(5)}  ${genre}`),
    );
  }
  if (detailedLimit > 0) {
    lines.push("");
    for (const album of report.albums.slice(0, detailedLimit)) {
      const now = album.genres.join("; ") || "(none)";
      const normalised = album.normalised.join("; ");
      const change = normalised !== now && album.genres.length > 0 ? `  →  ${normalised}` : "";
      lines.push(`${album.artist} – ${album.title}: ${now}${change}${album.consistent ? "" : "  (tracks disagree)"}`);
    }
    if (report.albums.length > detailedLimit) lines.push(`… ${report.albums.length - detailedLimit} more (--limit)`);
  }
  return `${lines.join("\n")}\n`;
}
