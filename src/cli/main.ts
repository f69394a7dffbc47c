/**
 * The `tonearm` command: dispatches to subcommands and turns errors into one line on
 * stderr and an exit status. Commands hold no analysis logic.
 */
import { isTonearmError } from "../analysis/errors.js";
import { TONEARM_VERSION } from "../version.js";
import { errorLine, summariseError } from "./describe-error.js";
import { EXIT } from "./exit-codes.js";
import { tuneV8ForAvailableCpus } from "./tune-v8.js";

export const MAIN_HELP = `tonearm ${TONEARM_VERSION}: music analysis

Usage: tonearm <command> [options]

Commands:
  analyze FILE|DIR...   decode and analyse audio files (summary, or --json report)
  master FILE...        mastering report: loudness, dynamics, stereo, bands, findings
                        against a genre target, streaming-platform normalisation
  drums FILE... [-o DIR]   drum transcription: PDF score, MIDI, MusicXML, the drum
                        stem (FLAC) and the hits (JSON)
  similar FILE          the reference tracks closest to a file (cosine similarity)
  spectrogram FILE -o OUT.webp   a spectrogram image (constant-Q, log, mel or linear;
                        colormaps, axes), IDTAP's data format, data export and tiles
  melograph FILE -o OUT.png   the pitch contour (pYIN, or a full mix's melody with --source
                        mix) on a log-frequency axis, with tonic (Sa/Pa) or note lines,
                        over the spectrogram if asked; JSON export
  transcribe FILE -o OUT.mid|OUT.json   melody transcription: notes, glides, onsets and
                        phrases of a solo voice or instrument (or a mix's lead), MIDI or JSON
  reference add|list|remove   keep the reference tracks 'similar' compares with
  library ACTION        your music library: scan, analyze, batch (genre lookup), review,
                        apply (safe tag writing), undo, quality, test
  probe FILE...         file facts without decoding: format, codec, duration, tags
  decode FILE -o OUT    decode any audio file to WAV (16/24-bit PCM or 32-bit float)
  doctor                which decoder tonearm will use, and its version
  serve [--port N] [--host ADDR]  HTTP API (OpenAPI docs at /docs), seed-compatible endpoints
  worker                run queued analysis jobs until Ctrl-C (scale-out: TONEARM_REDIS_URL)
  jobs [list|cancel ID|retry ID]   the analysis jobs in tonearm's database
  tonics update|list|show|set   the recordings' tonics (drone, melody and key): estimate
                        them all again as a job, list them, set one by hand
  ingest DIR... [--watch]   mass ingest: every audio file as an analysis job, once per
                        content (SHA-256); --watch also ingests new files as they arrive
  backup OUT            back up the database and data directory (safe while serving)
  restore IN [--force]  restore a backup (checks every file's SHA-256 first)

Run 'tonearm <command> --help' for a command's options.
Environment: TONEARM_FFMPEG, TONEARM_DECODER, TONEARM_JOBS, TONEARM_MAX_DURATION,
TONEARM_HOME, TONEARM_CONFIG (a JSON config file; see the README); for the service also
TONEARM_DATABASE_URL, TONEARM_REDIS_URL, TONEARM_DATA_DIR, TONEARM_API_KEYS and more.`;

/**
 * Each command loads its module when it runs, so `tonearm --help` and a short command do not
 * pay for loading every other command (the HTTP server, sharp, the database drivers).
 */
type Command = (argv: readonly string[]) => Promise<number>;
const COMMANDS: Record<string, () => Promise<Command>> = {
  analyze: async () => (await import("./commands/analyze.js")).runAnalyze,
  master: async () => (await import("./commands/master.js")).runMaster,
  drums: async () => (await import("./commands/drums.js")).runDrums,
  similar: async () => (await import("./commands/similar.js")).runSimilar,
  reference: async () => (await import("./commands/reference.js")).runReference,
  probe: async () => (await import("./commands/probe.js")).runProbe,
  decode: async () => (await import("./commands/decode.js")).runDecode,
  doctor: async () => (await import("./commands/doctor.js")).runDoctor,
  serve: async () => (await import("./commands/serve.js")).runServe,
  worker: async () => (await import("./commands/worker.js")).runWorker,
  jobs: async () => (await import("./commands/jobs.js")).runJobs,
  ingest: async () => (await import("./commands/ingest.js")).runIngest,
  backup: async () => (await import("./commands/backup.js")).runBackup,
  restore: async () => (await import("./commands/restore.js")).runRestore,
  spectrogram: async () => (await import("./commands/spectrogram.js")).runSpectrogram,
  melograph: async () => (await import("./commands/melograph.js")).runMelograph,
  transcribe: async () => (await import("./commands/transcribe.js")).runTranscribe,
  library: async () => (await import("./commands/library.js")).runLibrary,
  tonics: async () => (await import("./commands/tonics.js")).runTonics,
};

export async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === "help" || command === "--help" || command === "-h") {
    process.stdout.write(`${MAIN_HELP}\n`);
    return command === undefined ? EXIT.usage : EXIT.ok;
  }
  if (command === "--version" || command === "-v" || command === "version") {
    process.stdout.write(`${TONEARM_VERSION}\n`);
    return EXIT.ok;
  }
  tuneV8ForAvailableCpus();
  const load = COMMANDS[command];
  if (!load) {
    process.stderr.write(`tonearm: unknown command "${command}" (try tonearm --help)\n`);
    return EXIT.usage;
  }
  try {
    const run = await load();
    return await run(rest);
  } catch (error) {
    // parseArgs throws TypeErrors with codes like ERR_PARSE_ARGS_UNKNOWN_OPTION.
    const code = (error as { code?: unknown }).code;
    if (typeof code === "string" && code.startsWith("ERR_PARSE_ARGS")) {
      process.stderr.write(`tonearm ${command}: ${(error as Error).message}\n`);
      return EXIT.usage;
    }
    process.stderr.write(`${errorLine(summariseError(error), isTonearmError(error) ? error.path : undefined)}\n`);
    if (isTonearmError(error)) return error.code === "INVALID_OPTION" ? EXIT.usage : EXIT.inputFailed;
    if (process.env.TONEARM_DEBUG) console.error(error);
    return EXIT.internal;
  }
}

// Run when executed directly (bin/tonearm.js, or tsx src/cli/main.ts).
const invokedPath = process.argv[1] ?? "";
if (/[\\/]cli[\\/]main\.[jt]s$/.test(invokedPath)) {
  main(process.argv.slice(2)).then(
    (status) => {
      process.exitCode = status;
    },
    (error: unknown) => {
      console.error(error);
      process.exitCode = EXIT.internal;
    },
  );
}
