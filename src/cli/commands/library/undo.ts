/**
 * `tonearm library undo RUN`: restores the genre values a `tonearm library apply --write` run
 * replaced, file by file through the safe tag writer; files changed since the run are left as
 * they are and listed. `--list` shows the runs.
 */
import { parseArgs } from "node:util";
import { TonearmError } from "../../../analysis/errors.js";
import { undoTagWrites } from "../../../library/apply/apply-tag-writes.js";
import { EXIT } from "../../exit-codes.js";
import { openCliLibrary } from "./open-library-store.js";

export const LIBRARY_UNDO_HELP = `Usage: tonearm library undo RUN
       tonearm library undo --list

Put back the genre tags a 'tonearm library apply --write' run replaced (RUN is the id it
printed). Only files that still hold what that run wrote are restored; a file whose genres
changed since is left alone and listed. --list shows the recent runs.

Options:
  --list        the recent tag-writing runs
  --json        print JSON
  -h, --help    this help

Exit status: 0 restored, 1 some file could not be restored or changed since, 2 usage error.`;

export async function runLibraryUndo(argv: readonly string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: { list: { type: "boolean" }, json: { type: "boolean" }, help: { type: "boolean", short: "h" } },
  });
  if (values.help) {
    process.stdout.write(`${LIBRARY_UNDO_HELP}\n`);
    return EXIT.ok;
  }
  if (!values.list && positionals.length !== 1) {
    throw new TonearmError("INVALID_OPTION", "library undo needs one RUN id (tonearm library undo --list shows them)");
  }
  const library = await openCliLibrary();
  try {
    if (values.list) {
      const runs = await library.store.tagWrites.runs(50);
      if (values.json) process.stdout.write(`${JSON.stringify(runs, null, 2)}\n`);
      else if (runs.length === 0) process.stdout.write("no tag-writing runs yet\n");
      else {
        const lines = runs.map(
          (run) =>
            `${run.id}  ${run.createdAt}  ${run.status.padEnd(8)} wrote ${run.written}/${run.files}${run.failed ? `, ${run.failed} failed` : ""}  ${run.root}`,
        );
        process.stdout.write(`${lines.join("\n")}\n`);
      }
      return EXIT.ok;
    }
    const runId = positionals[0] as string;
    await library.store.tagWrites.run(runId);
    const summary = await undoTagWrites(runId, library.writer, library.store.tagWrites);
    if (values.json) process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
    else {
      const lines = [`restored ${summary.restored} file${summary.restored === 1 ? "" : "s"}`];
      for (const path of summary.changedSince) lines.push(`  left alone (its genres changed since the run): ${path}`);
      for (const failure of summary.failed) lines.push(`  not restored: ${failure.path}: ${failure.error}`);
      process.stdout.write(`${lines.join("\n")}\n`);
    }
    return summary.failed.length + summary.changedSince.length === 0 ? EXIT.ok : EXIT.inputFailed;
  } finally {
    await library.close();
  }
}
