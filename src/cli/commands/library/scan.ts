/**
 * `tonearm library scan ROOT`: an incremental scan (src/library/scan/scan-library.ts) with a
 * progress bar and a summary.
 */
import { parseArgs } from "node:util";
import { TonearmError } from "../../../analysis/errors.js";
import { type ScanProgress, type ScanSummary, scanLibrary } from "../../../library/scan/scan-library.js";
import { EXIT } from "../../exit-codes.js";
import { positiveNumberOption } from "../../number-option.js";
import { ProgressBar } from "../../progress-bar.js";
import { openLibraryStore } from "./open-library-store.js";

export const LIBRARY_SCAN_HELP = `Usage: tonearm library scan ROOT [options]

Find every audio file under ROOT (MP3, FLAC, M4A/AAC/ALAC, Ogg Vorbis, Opus, WAV, AIFF,
WMA, WavPack, APE, Musepack), read its tags and technical facts, and group the tracks into
albums (album artist + album title + folder; disc folders such as CD1 join their album).
A re-scan reads only files that are new or changed (size, modification time, and a hash of
their first and last 64 KiB when only the time changed), follows moved files and forgets
deleted ones. Hidden files and folders are skipped; symbolic links to folders are not
followed. Files whose tags cannot be read are kept and reported.

Options:
  --concurrency N   files read at once (default 8)
  --json            print the summary as JSON
  --no-progress     no progress bar (it only shows on a terminal anyway)
  -h, --help        this help

Exit status: 0 scanned, 1 some folder or file could not be read (the rest was scanned),
2 usage error.`;

export async function runLibraryScan(argv: readonly string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      concurrency: { type: "string" },
      json: { type: "boolean" },
      "no-progress": { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    process.stdout.write(`${LIBRARY_SCAN_HELP}\n`);
    return EXIT.ok;
  }
  if (positionals.length !== 1) throw new TonearmError("INVALID_OPTION", "library scan needs exactly one ROOT folder");
  const concurrency = positiveNumberOption("concurrency", values.concurrency);
  const bar = new ProgressBar(process.stderr, !values["no-progress"] && Boolean(process.stderr.isTTY));
  const store = await openLibraryStore();
  try {
    const summary = await scanLibrary(positionals[0] as string, store.library, {
      concurrency,
      onProgress: (progress) => bar.update(progressState(progress)),
    });
    bar.clear();
    process.stdout.write(values.json ? `${JSON.stringify(summary, null, 2)}\n` : formatScanSummary(summary));
    // A folder or file that could not be read makes the scan partial.
    return summary.problems.length === 0 ? EXIT.ok : EXIT.inputFailed;
  } finally {
    bar.clear();
    await store.close();
  }
}

function progressState(progress: ScanProgress) {
  if (progress.phase === "walking") return { fraction: 0, label: `looking for files: ${progress.done} so far` };
  if (progress.phase === "saving") return { fraction: 1, label: "saving" };
  return {
    fraction: progress.done / Math.max(1, progress.total),
    label: `${progress.done}/${progress.total} files read`,
  };
}

export function formatScanSummary(summary: ScanSummary): string {
  const count = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString("en")} ${n === 1 ? one : many}`;
  const lines = [
    `Scanned ${summary.root} in ${summary.seconds.toFixed(1)} s: ${count(summary.files, "file")} in ${count(summary.albums, "album")}`,
    `  added ${summary.added} · changed ${summary.changed} · moved ${summary.moved} · removed ${summary.removed} · ` +
      `touched ${summary.touched} · unchanged ${summary.unchanged}`,
  ];
  if (summary.unreadable > 0)
    lines.push(`  ${count(summary.unreadable, "new or changed file")} whose tags could not be read`);
  for (const problem of summary.problems) lines.push(`  could not read ${problem.path}: ${problem.message}`);
  return `${lines.join("\n")}\n`;
}
