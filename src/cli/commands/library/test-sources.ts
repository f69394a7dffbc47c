/**
 * `tonearm library test`: asks each configured online source for one well-known album and
 * says what happened — answered, not found, no credentials (and which setting), or the error —
 * with the time it took, so a user can check keys and connectivity before a long batch.
 */
import { parseArgs } from "node:util";
import { TonearmError } from "../../../analysis/errors.js";
import { SERVICE_DEFAULTS } from "../../../library/sources/source-options.js";
import { EXIT } from "../../exit-codes.js";
import { openCliLibrary } from "./open-library-store.js";

export const LIBRARY_TEST_HELP = `Usage: tonearm library test [--album "Artist,Album"] [--json]

Check the online genre sources: each configured one (config library.services) is asked for
one album (default "Radiohead,OK Computer"); tonearm prints whether it answered, with which
genres, how long it took, or why not (missing credentials name the setting to fix).

Options:
  --album "Artist,Album"   the album to look up
  --json                   print JSON
  -h, --help               this help

Exit status: 0 every source answered or lacks credentials, 1 some source failed.`;

export async function runLibraryTest(argv: readonly string[]): Promise<number> {
  const { values } = parseArgs({
    args: [...argv],
    options: { album: { type: "string" }, json: { type: "boolean" }, help: { type: "boolean", short: "h" } },
  });
  if (values.help) {
    process.stdout.write(`${LIBRARY_TEST_HELP}\n`);
    return EXIT.ok;
  }
  const text = values.album ?? "Radiohead,OK Computer";
  const comma = text.indexOf(",");
  if (comma <= 0) throw new TonearmError("INVALID_OPTION", '--album is "Artist,Album"');
  const query = { artist: text.slice(0, comma).trim(), album: text.slice(comma + 1).trim() };
  const library = await openCliLibrary();
  try {
    const results = [];
    for (const source of library.sources) {
      const started = performance.now();
      try {
        const answer = await source.lookupAlbum(query);
        results.push({
          source: source.name,
          status: answer.status,
          genres: answer.genres.map((genre) => genre.label),
          seconds: (performance.now() - started) / 1000,
          ...(answer.status === "no-credentials" ? { hint: SERVICE_DEFAULTS[source.name].credentialsHint } : {}),
        });
      } catch (error) {
        results.push({
          source: source.name,
          status: "failed",
          error: error instanceof Error ? error.message : String(error),
          seconds: (performance.now() - started) / 1000,
        });
      }
    }
    if (values.json) process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
    else {
      const lines = results.map((result) => {
        const detail =
          "error" in result
            ? result.error
            : "hint" in result
              ? `set ${result.hint}`
              : result.genres.slice(0, 6).join(", ") || "(no genres)";
        return `${result.source.padEnd(12)} ${result.status.padEnd(15)} ${result.seconds.toFixed(2).padStart(6)} s  ${detail}`;
      });
      process.stdout.write(`${query.artist} – ${query.album}\n${lines.join("\n")}\n`);
    }
    return results.some((result) => result.status === "failed") ? EXIT.inputFailed : EXIT.ok;
  } finally {
    await library.close();
  }
}
