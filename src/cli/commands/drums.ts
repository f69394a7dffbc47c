/**
 * `tonearm drums FILE... [-o DIR]`: drum transcription to sheet music. For each file, one
 * after another: the drum stem, the hits on the song's beat grid, and five files in DIR —
 * <name>.pdf (the score), <name>.mid, <name>.musicxml, <name>.drums.flac (the separated
 * drums) and <name>.drums.json (hits, grid, score shape) — then a short summary. Existing
 * files are never replaced without --force. Bad inputs get one line on stderr each and make
 * the exit status 1; the other files are still transcribed.
 */
import { mkdir } from "node:fs/promises";
import { basename, join } from "node:path";
import { parseArgs } from "node:util";
import { TonearmError } from "../../analysis/errors.js";
import { loadConfig } from "../../config/load-config.js";
import {
  DRUM_ARTIFACTS,
  drumArtifactFileName,
  drumTranscriptionDocument,
  existingPaths,
  writeDrumTranscriptionFiles,
} from "../../drums/drum-transcription-files.js";
import { transcribeDrumsFromFile } from "../../drums/transcribe-drums-from-file.js";
import { errorLine, summariseError } from "../describe-error.js";
import { EXIT } from "../exit-codes.js";
import { formatDrumSummary } from "../format-drums.js";
import { positiveNumberOption } from "../number-option.js";
import { createStemNamer } from "../output-names.js";
import { ProgressBar } from "../progress-bar.js";

export const DRUMS_HELP = `Usage: tonearm drums FILE... [options]

Transcribe the drums of a song to sheet music. tonearm separates the drum stem, transcribes
kick, snare, toms, hi-hat (closed/open), ride and crash hits from the mix, places them on
the song's beats, bars and metre, and writes into DIR for each FILE:

  <name>.pdf          the drum score (A4)
  <name>.mid          Standard MIDI File, General MIDI drums on channel 10
  <name>.musicxml     MusicXML 4.0 percussion part (for MuseScore, Sibelius, Dorico…)
  <name>.drums.flac   the separated drum stem (16-bit FLAC)
  <name>.drums.json   the hits (time, drum, velocity), the beat grid and the score's shape

A song without drums gives no hits and a score of rest bars (all five files are still
written), and the summary says no drums were found.

Options:
  -o, --out DIR          where to write the files (default: the current directory;
                         created if missing)
  --force                replace files that already exist (otherwise the file is skipped
                         with an error and nothing of it is written)
  --json                 print the .drums.json document(s) instead of the summary
  --max-duration SEC     refuse longer files (default 7200; env TONEARM_MAX_DURATION)
  --allow-truncated      transcribe what a truncated file holds instead of failing
  --decoder KIND         auto | system | bundled ffmpeg (env TONEARM_DECODER)
  --no-progress          no progress bar (it only shows on a terminal anyway)
  -h, --help             this help

Exit status: 0 all files transcribed, 1 some input could not be (or its files exist),
2 usage error.`;

export async function runDrums(argv: readonly string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      out: { type: "string", short: "o" },
      force: { type: "boolean" },
      json: { type: "boolean" },
      "max-duration": { type: "string" },
      "allow-truncated": { type: "boolean" },
      decoder: { type: "string" },
      "no-progress": { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    process.stdout.write(`${DRUMS_HELP}\n`);
    return EXIT.ok;
  }
  if (positionals.length === 0) throw new TonearmError("INVALID_OPTION", "drums needs at least one FILE (see --help)");
  const maxDuration = positiveNumberOption("max-duration", values["max-duration"]);
  const config = loadConfig({
    decoder: values.decoder as "auto" | "system" | "bundled" | undefined,
    maxDurationSeconds: maxDuration,
  });
  const directory = values.out ?? ".";
  await mkdir(directory, { recursive: true });
  const overwrite = values.force ?? false;
  const progress = new ProgressBar(process.stderr, Boolean(process.stderr.isTTY) && !values["no-progress"]);
  const stemOf = createStemNamer();

  let failed = 0;
  const documents: unknown[] = [];
  for (const [index, path] of positionals.entries()) {
    const stem = stemOf(path);
    const counter = positionals.length > 1 ? `${index}/${positionals.length} files  ` : "";
    try {
      if (!overwrite) await refuseExisting(directory, stem);
      const transcription = await transcribeDrumsFromFile(
        path,
        {
          maxDurationSeconds: config.maxDurationSeconds,
          allowTruncated: values["allow-truncated"] ?? false,
          decoder: config.decoder,
          ffmpegPath: config.ffmpegPath ?? undefined,
        },
        ({ stage, fraction }) =>
          progress.update({
            fraction: (index + fraction) / positionals.length,
            label: `${counter}${basename(path)}: ${stage}`,
          }),
      );
      progress.update(
        { fraction: (index + 1) / positionals.length, label: `${counter}${basename(path)}: writing` },
        true,
      );
      const paths = await writeDrumTranscriptionFiles(transcription, directory, stem, {
        overwrite,
        sourceName: basename(path),
      });
      progress.clear();
      const document = drumTranscriptionDocument(transcription, basename(path));
      if (values.json) documents.push(document);
      else process.stdout.write(`${index > 0 ? "\n" : ""}${formatDrumSummary(document, path, Object.values(paths))}\n`);
    } catch (error) {
      progress.clear();
      failed++;
      process.stderr.write(`${errorLine(summariseError(error), path)}\n`);
      if (!(error instanceof TonearmError) && process.env.TONEARM_DEBUG) console.error(error);
    }
  }
  if (values.json) {
    process.stdout.write(`${JSON.stringify(positionals.length === 1 ? (documents[0] ?? null) : documents, null, 2)}\n`);
  }
  return failed > 0 ? EXIT.inputFailed : EXIT.ok;
}

/** CONFLICT naming the files of `stem` that already exist in `directory`, before any work is done. */
async function refuseExisting(directory: string, stem: string): Promise<void> {
  const existing = await existingPaths(
    DRUM_ARTIFACTS.map((artifact) => join(directory, drumArtifactFileName(stem, artifact))),
  );
  if (existing.length > 0) {
    throw new TonearmError(
      "CONFLICT",
      `${existing.join(", ")} already exist${existing.length === 1 ? "s" : ""}; nothing was written (--force replaces)`,
    );
  }
}
