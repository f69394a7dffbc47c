/**
 * `tonearm library apply [ROOT] [--write]`: the genre tags the library's decisions and
 * normalisation call for, as a before/after list (changing nothing), or, with --write,
 * written file by file through the safe tag writer, with the previous values kept so that
 * `tonearm library undo RUN` restores them.
 */
import { dirname, resolve } from "node:path";
import { parseArgs } from "node:util";
import { TonearmError } from "../../../analysis/errors.js";
import { applyTagWrites } from "../../../library/apply/apply-tag-writes.js";
import { type PlannedTagWrite, planTagWrites } from "../../../library/apply/tag-write-plan.js";
import { removeStaleTemporaryFiles } from "../../../library/tags/temporary-tag-files.js";
import { EXIT } from "../../exit-codes.js";
import { ProgressBar } from "../../progress-bar.js";
import { openCliLibrary } from "./open-library-store.js";

export const LIBRARY_APPLY_HELP = `Usage: tonearm library apply [ROOT] [options]

Show which genre tags would change (the default: nothing is written), or write them with
--write. A track gets its album's decided genres (approved, automatically or by a person,
or edited in review); a track of an undecided album gets the normalised form of the genres
it already has ("hip-hop" → "Hip Hop", "electronica" → "Electronic"), so a library with no
online source still gets standardised. Several genres are written as one value joined with
"; " (config library.genreSeparator), or one value per genre (library.genreValues
"multiple"). ID3v2.3/2.4 (MP3), Vorbis comments (FLAC, Ogg Vorbis, Opus) and MP4 atoms
(M4A) are written; other formats are reported and left alone.

Each file is written to a temporary copy beside it, fsynced, read back and checked (genres,
and the audio bytes unchanged), then renamed over the original: a crash leaves every file
either as it was or as intended. The previous values are kept: 'tonearm library undo RUN'.

Options:
  --write          write the changes (default: only show them)
  --json           print the plan (and, with --write, the outcome) as JSON
  --no-progress    no progress bar
  -h, --help       this help

Exit status: 0 done, 1 some file could not be written (the others were), 2 usage error.`;

export async function runLibraryApply(argv: readonly string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      write: { type: "boolean" },
      json: { type: "boolean" },
      "no-progress": { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    process.stdout.write(`${LIBRARY_APPLY_HELP}\n`);
    return EXIT.ok;
  }
  if (positionals.length > 1) throw new TonearmError("INVALID_OPTION", "library apply takes at most one ROOT");
  const root = positionals[0] === undefined ? null : resolve(positionals[0]);
  const library = await openCliLibrary();
  const bar = new ProgressBar(process.stderr, !values["no-progress"] && Boolean(process.stderr.isTTY));
  try {
    const tracks = await library.store.library.tracksForTagging(root);
    const decided = await library.store.review.decidedGenresByAlbum();
    const plan = planTagWrites(tracks, decided, library.formatValues, library.normaliseExisting);
    if (!values.write) {
      process.stdout.write(values.json ? `${JSON.stringify({ plan }, null, 2)}\n` : formatPlan(plan));
      return EXIT.ok;
    }
    for (const folder of new Set(plan.map((entry) => dirname(entry.path)))) {
      // Leftovers of a crashed run; a minute old, so a concurrent writer's copy is spared.
      await removeStaleTemporaryFiles(folder, { minimumAgeMs: 60_000 }).catch(() => []);
    }
    const summary = await applyTagWrites(
      root ?? "(whole library)",
      plan,
      library.writer,
      library.store.tagWrites,
      (progress) =>
        bar.update({ fraction: progress.done / progress.total, label: `${progress.done}/${progress.total} files` }),
    );
    bar.clear();
    if (values.json) process.stdout.write(`${JSON.stringify({ plan, ...summary }, null, 2)}\n`);
    else {
      const lines = [
        `wrote ${summary.written} of ${plan.length} file${plan.length === 1 ? "" : "s"} (run ${summary.runId})`,
      ];
      for (const failure of summary.failed) lines.push(`  not written: ${failure.path}: ${failure.error}`);
      if (summary.written > 0) lines.push(`undo with: tonearm library undo ${summary.runId}`);
      process.stdout.write(`${lines.join("\n")}\n`);
    }
    return summary.failed.length === 0 ? EXIT.ok : EXIT.inputFailed;
  } finally {
    bar.clear();
    await library.close();
  }
}

function formatPlan(plan: readonly PlannedTagWrite[]): string {
  if (plan.length === 0) return "nothing to change: every file's genres are as decided and normalised\n";
  const quote = (values: readonly string[]) =>
    values.length === 0 ? "(none)" : values.map((value) => JSON.stringify(value)).join(", ");
  const lines = plan.map(
    (entry) => `${entry.path}\n    genre: ${quote(entry.before)} → ${quote(entry.after)}  (${entry.reason})`,
  );
  const decided = plan.filter((entry) => entry.reason === "decided").length;
  lines.push(
    "",
    `${plan.length} file${plan.length === 1 ? "" : "s"} would change (${decided} to decided genres, ${plan.length - decided} normalised). Nothing was written: add --write.`,
  );
  return `${lines.join("\n")}\n`;
}
