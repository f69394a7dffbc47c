/**
 * `tonearm master FILE [--genre G] [--level L] [--json]`: the mastering report of a file —
 * loudness, dynamics, stereo image, per-band figures, findings against a genre target and
 * what each streaming platform's normalisation does to it.
 */
import { parseArgs } from "node:util";
import { TonearmError } from "../../analysis/errors.js";
import { loadConfig } from "../../config/load-config.js";
import { RECOMMENDATION_LEVELS } from "../../core/mastering/recommendations/index.js";
import { master, resolveGenreTarget, resolveLevel } from "../../master.js";
import { errorLine, summariseError } from "../describe-error.js";
import { EXIT } from "../exit-codes.js";
import { formatGenreList, formatMastering } from "../format-mastering.js";
import { positiveNumberOption } from "../number-option.js";

export const MASTER_HELP = `Usage: tonearm master FILE... [options]

Measure a finished track the way a mastering engineer reads it: BS.1770 loudness
(integrated, LRA, true peak, PLR), dynamics (crest factor, DR), stereo image, clipping,
DC offset, distortion, transients, five bands (energy share, RMS, peak, crest, width,
correlation) and a one-third-octave balance; then findings against a genre target and what
Spotify, Apple Music, YouTube and others will do to its level.

Options:
  -g, --genre G          target profile (e.g. techno, "drum and bass", jazz; default the
                         balanced house target); --list-genres shows them all
  -l, --level L          ${RECOMMENDATION_LEVELS.join(" | ")} (default suggestive):
                         facts only, what to consider, or concrete settings
  --json                 print { report, target, recommendations } as JSON
  --list-genres          list the built-in genre targets and exit
  --decoder KIND         auto | system | bundled ffmpeg (env TONEARM_DECODER)
  --max-duration SEC     refuse longer files (default 7200; env TONEARM_MAX_DURATION)
  -h, --help             this help

Genre targets are derived from published mastering guidance, not from measured tracks.
Exit status: 0 all files measured, 1 some input could not be, 2 usage error.`;

export async function runMaster(argv: readonly string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      genre: { type: "string", short: "g" },
      level: { type: "string", short: "l" },
      json: { type: "boolean" },
      "list-genres": { type: "boolean" },
      decoder: { type: "string" },
      "max-duration": { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    process.stdout.write(`${MASTER_HELP}\n`);
    return EXIT.ok;
  }
  if (values["list-genres"]) {
    process.stdout.write(`${formatGenreList()}\n`);
    return EXIT.ok;
  }
  if (positionals.length === 0) throw new TonearmError("INVALID_OPTION", "master needs at least one FILE (see --help)");
  // Options are checked before any file is decoded.
  resolveGenreTarget(values.genre);
  const level = resolveLevel(values.level);
  const maxDuration = positiveNumberOption("max-duration", values["max-duration"]);
  const config = loadConfig({
    decoder: values.decoder as "auto" | "system" | "bundled" | undefined,
    maxDurationSeconds: maxDuration,
  });
  let failed = 0;
  const outputs: unknown[] = [];
  for (const path of positionals) {
    try {
      const result = await master(path, {
        genre: values.genre,
        level,
        decoder: config.decoder,
        ffmpegPath: config.ffmpegPath ?? undefined,
        maxDurationSeconds: config.maxDurationSeconds,
      });
      outputs.push(
        values.json
          ? { report: result.report, target: result.target, recommendations: result.recommendations }
          : formatMastering(result, path),
      );
    } catch (error) {
      failed++;
      const summary = summariseError(error);
      process.stderr.write(`${errorLine(summary, path)}\n`);
      if (values.json) outputs.push({ path, error: summary });
    }
  }
  if (values.json) {
    const json = positionals.length === 1 ? outputs[0] : outputs;
    if (json !== undefined) process.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
  } else if (outputs.length > 0) {
    process.stdout.write(`${outputs.join("\n\n")}\n`);
  }
  return failed > 0 ? EXIT.inputFailed : EXIT.ok;
}
