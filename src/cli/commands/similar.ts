/** `tonearm similar FILE [--genre G] [--top N] [--json]`: the reference tracks closest to a file. */
import { join } from "node:path";
import { parseArgs } from "node:util";
import { TonearmError } from "../../analysis/errors.js";
import { loadConfig } from "../../config/load-config.js";
import { findSimilar } from "../../references.js";
import { EXIT } from "../exit-codes.js";

export const SIMILAR_HELP = `Usage: tonearm similar FILE [--genre G] [--top N] [--json]

Measure FILE's 128-dimension feature vector and list the reference tracks (added with
'tonearm reference add') whose vectors are closest, by cosine similarity (1 = the same
profile, 0 = unrelated). The search is exact.

Options:
  -g, --genre G   only references of this genre (ignoring case)
  -n, --top N     how many to list (default 5)
  --json          print { path, searched, matches: [{ reference, score }] }
  -h, --help      this help`;

export async function runSimilar(argv: readonly string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      genre: { type: "string", short: "g" },
      top: { type: "string", short: "n" },
      json: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    process.stdout.write(`${SIMILAR_HELP}\n`);
    return EXIT.ok;
  }
  if (positionals.length !== 1) throw new TonearmError("INVALID_OPTION", "similar needs exactly one FILE (see --help)");
  const top = values.top === undefined ? 5 : Number(values.top);
  const config = loadConfig({});
  const result = await findSimilar(
    positionals[0]!,
    { genre: values.genre ?? null, top },
    {
      catalogueFile: join(config.home, "references.json"),
      decoder: config.decoder,
      ffmpegPath: config.ffmpegPath ?? undefined,
      maxDurationSeconds: config.maxDurationSeconds,
    },
  );
  if (values.json) {
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    return EXIT.ok;
  }
  const lines = [`${result.path}: ${result.matches.length} of ${result.searched} references`];
  result.matches.forEach(({ reference, score }, rank) => {
    const who = [reference.artist, reference.name].filter(Boolean).join(" – ");
    const extra = [reference.genre, reference.year].filter((value) => value !== null && value !== "").join(", ");
    lines.push(
      `  ${String(rank + 1).padStart(2)}. ${score.toFixed(3)}  ${who}${extra ? `  (${extra})` : ""}  [${reference.id}]`,
    );
  });
  if (result.searched === 0) lines.push("  no references to compare with (tonearm reference add FILE)");
  process.stdout.write(`${lines.join("\n")}\n`);
  return EXIT.ok;
}
