/** `tonearm probe FILE... [--json]`: file facts from headers and tags, without decoding. */
import { parseArgs } from "node:util";
import { TonearmError } from "../../analysis/errors.js";
import { type AudioFileInfo, probeAudio } from "../../io/probe-audio.js";
import { errorLine, summariseError } from "../describe-error.js";
import { EXIT } from "../exit-codes.js";
import { formatDuration } from "../format-summary.js";

export const PROBE_HELP = `Usage: tonearm probe FILE... [--json]

Print what a file's headers and tags say (container, codec, duration, sample rate,
channels, bit depth, bit rate, tags) without decoding the audio.

Options:
  --json       print the facts as JSON (an array for several files)
  -h, --help   this help`;

function describe(info: AudioFileInfo): string {
  const facts = [
    info.formatDescription,
    info.codec,
    `${info.sampleRate} Hz`,
    `${info.channels} ch`,
    info.bitsPerSample ? `${info.bitsPerSample}-bit` : undefined,
    info.bitRate ? `${Math.round(info.bitRate / 1000)} kb/s` : undefined,
    info.durationSeconds === null ? "duration unknown" : formatDuration(info.durationSeconds),
    info.lossless ? "lossless" : "lossy",
  ].filter(Boolean);
  const tags = Object.entries(info.tags)
    .filter(([, value]) => value !== undefined && !(Array.isArray(value) && value.length === 0))
    .map(([key, value]) => `  ${key.padEnd(12)}${Array.isArray(value) ? value.join("; ") : String(value)}`);
  return [`${info.path}`, `  ${facts.join(", ")}`, ...tags].join("\n");
}

export async function runProbe(argv: readonly string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: { json: { type: "boolean" }, help: { type: "boolean", short: "h" } },
  });
  if (values.help) {
    process.stdout.write(`${PROBE_HELP}\n`);
    return EXIT.ok;
  }
  if (positionals.length === 0) throw new TonearmError("INVALID_OPTION", "probe needs at least one FILE (see --help)");
  let failed = 0;
  const results: unknown[] = [];
  for (const path of positionals) {
    try {
      const info = await probeAudio(path);
      results.push(values.json ? info : describe(info));
    } catch (error) {
      failed++;
      const summary = summariseError(error);
      process.stderr.write(`${errorLine(summary, path)}\n`);
      if (values.json) results.push({ path, error: summary });
    }
  }
  if (values.json) {
    const json = positionals.length === 1 ? results[0] : results;
    if (!(positionals.length === 1 && failed === 1)) process.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
  } else if (results.length > 0) {
    process.stdout.write(`${results.join("\n\n")}\n`);
  }
  return failed > 0 ? EXIT.inputFailed : EXIT.ok;
}
