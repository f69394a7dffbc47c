/**
 * `tonearm library quality ROOT`: the library's quality report (src/library/quality) from
 * what the last scan stored, and with --audio also each file decoded in full (failures are
 * reported) and fingerprinted, so that the same recording under other tags is found.
 */
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { TonearmError } from "../../../analysis/errors.js";
import { loadConfig } from "../../../config/load-config.js";
import { fingerprintAudioFile } from "../../../io/fingerprint-audio-file.js";
import { checkLibraryQuality, formatQualityReport } from "../../../library/quality/index.js";
import type { QualityTrack } from "../../../library/quality/quality-input.js";
import { EXIT } from "../../exit-codes.js";
import { positiveNumberOption } from "../../number-option.js";
import { ProgressBar } from "../../progress-bar.js";
import { openLibraryStore } from "./open-library-store.js";

export const LIBRARY_QUALITY_HELP = `Usage: tonearm library quality ROOT [options]

The scanned library's health: files whose tags cannot be read, missing tags, albums whose
tracks disagree (album artist, year, genre, totals), duplicate or missing track numbers,
mixed formats, artists whose albums disagree on genre, duplicate albums and tracks, and a
health score (0–100). Reads what the last 'tonearm library scan ROOT' stored.

Options:
  --audio           also decode every file in full (undecodable files are errors) and
                    fingerprint its first two minutes (Chromaprint-compatible), finding the
                    same recording under different tags; slow: minutes for thousands of files
  --concurrency N   files decoded at once with --audio (default 2)
  --detailed        every issue, not the first ten of each kind
  --json            the report as JSON
  --no-progress     no progress bar
  -h, --help        this help`;

export async function runLibraryQuality(argv: readonly string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      audio: { type: "boolean" },
      concurrency: { type: "string" },
      detailed: { type: "boolean" },
      json: { type: "boolean" },
      "no-progress": { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    process.stdout.write(`${LIBRARY_QUALITY_HELP}\n`);
    return EXIT.ok;
  }
  if (positionals.length !== 1) throw new TonearmError("INVALID_OPTION", "library quality needs one ROOT folder");
  const root = resolve(positionals[0] as string);
  const concurrency = Math.max(1, Math.floor(positiveNumberOption("concurrency", values.concurrency) ?? 2));
  const store = await openLibraryStore();
  const bar = new ProgressBar(process.stderr, !values["no-progress"] && Boolean(process.stderr.isTTY));
  try {
    const snapshot = await store.library.qualitySnapshot(root);
    if (snapshot.tracks.length === 0)
      throw new TonearmError("NOT_FOUND", `no scanned tracks under ${root} (run tonearm library scan first)`);
    const tracks = values.audio ? await withAudioChecks(snapshot.tracks, concurrency, bar) : snapshot.tracks;
    bar.clear();
    const report = checkLibraryQuality({ root, tracks, albums: snapshot.albums });
    process.stdout.write(
      values.json ? `${JSON.stringify(report, null, 2)}\n` : formatQualityReport(report, { detailed: values.detailed }),
    );
    return EXIT.ok;
  } finally {
    bar.clear();
    await store.close();
  }
}

async function withAudioChecks(
  tracks: readonly QualityTrack[],
  concurrency: number,
  bar: ProgressBar,
): Promise<QualityTrack[]> {
  const config = loadConfig({});
  const decoding = {
    decoder: config.decoder,
    ffmpegPath: config.ffmpegPath ?? undefined,
    maxDurationSeconds: config.maxDurationSeconds,
  };
  const checked: QualityTrack[] = [...tracks];
  let next = 0;
  let done = 0;
  const lane = async () => {
    while (next < tracks.length) {
      const index = next++;
      const track = tracks[index] as QualityTrack;
      try {
        checked[index] = { ...track, fingerprint: await fingerprintAudioFile(track.path, decoding), decodeError: null };
      } catch (error) {
        checked[index] = { ...track, decodeError: error instanceof Error ? error.message : String(error) };
      }
      done++;
      bar.update({ fraction: done / tracks.length, label: `${done}/${tracks.length} files decoded` });
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, tracks.length) }, lane));
  return checked;
}
