/**
 * `tonearm library <action>`: the music library (src/library) kept in tonearm's database
 * (SQLite in the home, or TONEARM_DATABASE_URL). Each action lives in ./library/.
 */
import { EXIT } from "../exit-codes.js";
import { runLibraryAnalyze } from "./library/analyze.js";
import { runLibraryApply } from "./library/apply.js";
import { runLibraryBatch } from "./library/batch.js";
import { runLibraryQuality } from "./library/quality.js";
import { runLibraryReview } from "./library/review.js";
import { runLibraryScan } from "./library/scan.js";
import { runLibraryTest } from "./library/test-sources.js";
import { runLibraryUndo } from "./library/undo.js";

export const LIBRARY_HELP = `Usage: tonearm library <action> [options]

Your music library: what tonearm knows of it lives in its database (SQLite in tonearm's
home, or TONEARM_DATABASE_URL).

Actions:
  scan ROOT      find the audio files under ROOT, read their tags and facts, group them
                 into albums; a re-scan reads only new or changed files and notices moves
                 and deletions
  analyze [ROOT] how the library's genres stand: missing, inconsistent, non-standard
  batch [ROOT]   suggest genres for the albums from the online sources and the library's
                 own evidence; confident ones are approved, the rest go to review
  review         decide on the genre suggestions waiting for a person (interactive on a
                 terminal; --list, --approve, --edit, --reject, --skip for scripts)
  apply [ROOT]   show the genre tags that would change; --write writes them safely
  undo RUN       restore the tags a write run replaced (--list shows the runs)
  test           check the online sources' credentials and connectivity
  quality ROOT   the library's health: missing and inconsistent tags, genre outliers,
                 duplicate albums and tracks (--audio: decode checks and fingerprints)

A typical round: scan ROOT → batch → review → apply (see the changes) → apply --write
(undo RUN puts them back). Online sources need credentials: see 'library test' and the
README's configuration section; without any, batch still suggests from the library itself
and apply still standardises the genres the files already carry.

Run 'tonearm library <action> --help' for an action's options.`;

const ACTIONS: Record<string, (argv: readonly string[]) => Promise<number>> = {
  scan: runLibraryScan,
  analyze: runLibraryAnalyze,
  batch: runLibraryBatch,
  review: (argv) => runLibraryReview(argv),
  apply: runLibraryApply,
  undo: runLibraryUndo,
  test: runLibraryTest,
  quality: runLibraryQuality,
};

export async function runLibrary(argv: readonly string[]): Promise<number> {
  const [action, ...rest] = argv;
  if (action === undefined || action === "--help" || action === "-h" || action === "help") {
    process.stdout.write(`${LIBRARY_HELP}\n`);
    return action === undefined ? EXIT.usage : EXIT.ok;
  }
  const run = ACTIONS[action];
  if (!run) {
    process.stderr.write(`tonearm library: unknown action "${action}" (try tonearm library --help)\n`);
    return EXIT.usage;
  }
  return run(rest);
}
