/** `tonearm doctor`: which decoder tonearm will use, with version and a word on each choice. */
import { parseArgs } from "node:util";
import { loadConfig } from "../../config/load-config.js";
import { locateFfmpeg } from "../../io/locate-ffmpeg.js";
import { TONEARM_VERSION } from "../../version.js";
import { summariseError } from "../describe-error.js";
import { EXIT } from "../exit-codes.js";

export const DOCTOR_HELP = `Usage: tonearm doctor [--json]

Show which ffmpeg tonearm decodes with (TONEARM_FFMPEG, the system's, or the one npm
installed), each candidate's version, and the active configuration.`;

export async function runDoctor(argv: readonly string[]): Promise<number> {
  const { values } = parseArgs({
    args: [...argv],
    options: { json: { type: "boolean" }, help: { type: "boolean", short: "h" } },
  });
  if (values.help) {
    process.stdout.write(`${DOCTOR_HELP}\n`);
    return EXIT.ok;
  }
  const config = loadConfig();
  const candidates: Record<string, unknown> = {};
  for (const preference of ["system", "bundled"] as const) {
    try {
      const found = await locateFfmpeg({ preference, buildCache: null });
      candidates[preference] = { path: found.path, version: found.version, soxr: found.hasSoxr };
    } catch (error) {
      candidates[preference] = { unavailable: summariseError(error).message };
    }
  }
  let active: unknown;
  let status: number = EXIT.ok;
  try {
    const found = await locateFfmpeg({
      preference: config.decoder,
      path: config.ffmpegPath ?? undefined,
      buildCache: null,
    });
    active = { source: found.source, path: found.path, version: found.version };
  } catch (error) {
    active = { error: summariseError(error) };
    status = EXIT.inputFailed;
  }
  const report = { tonearm: TONEARM_VERSION, node: process.version, decoder: active, candidates, config };
  if (values.json) {
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    return status;
  }
  const lines = [`tonearm ${TONEARM_VERSION} on Node ${process.version}`, `WAV: tonearm's own reader`];
  const activeInfo = active as { source?: string; path?: string; version?: string; error?: { message: string } };
  lines.push(
    activeInfo.error
      ? `other formats: NO DECODER: ${activeInfo.error.message}`
      : `other formats: ffmpeg ${activeInfo.version} (${activeInfo.source}) at ${activeInfo.path}`,
  );
  if (activeInfo.source === "bundled") {
    lines.push(
      "  note: the bundled ffmpeg is a 2018 build without security updates; for untrusted uploads install the system's ffmpeg",
    );
  }
  for (const [name, candidate] of Object.entries(candidates)) {
    const info = candidate as { path?: string; version?: string; unavailable?: string };
    lines.push(
      `  ${name.padEnd(8)} ${info.unavailable ? `unavailable (${info.unavailable})` : `${info.version} at ${info.path}`}`,
    );
  }
  lines.push(
    `config: decoder=${config.decoder}, jobs=${config.jobs}, maxDurationSeconds=${config.maxDurationSeconds}, home=${config.home}`,
  );
  process.stdout.write(`${lines.join("\n")}\n`);
  return status;
}
