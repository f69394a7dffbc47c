/**
 * `tonearm reference add|list|remove`: the reference tracks `tonearm similar` compares with,
 * kept in the catalogue file (~/.tonearm/references.json, under TONEARM_HOME when set).
 */
import { join } from "node:path";
import { parseArgs } from "node:util";
import { TonearmError } from "../../analysis/errors.js";
import { loadConfig } from "../../config/load-config.js";
import type { ReferenceMetadata } from "../../core/similarity/index.js";
import { addReference, listReferences, removeReference } from "../../references.js";
import { EXIT } from "../exit-codes.js";

export const REFERENCE_HELP = `Usage: tonearm reference add FILE [--name N] [--artist A] [--genre G] [--year Y]
       tonearm reference list [--genre G] [--json]
       tonearm reference remove ID

Keep reference tracks for 'tonearm similar': 'add' measures the file's 128-dimension
feature vector (spectral balance, bands, loudness and dynamics, stereo image, harmonic and
transient character) and stores it with the names you give; 'list' shows them; 'remove'
deletes one by its id. The catalogue is references.json in tonearm's home (the
config's "home", env TONEARM_HOME, default ~/.tonearm); several processes may add at once.

Options:
  --name N      reference name (default: the file name)
  --artist A    artist
  --genre G     genre (free text; 'similar --genre' matches it ignoring case)
  --year Y      four-digit year
  --json        list: print JSON
  -h, --help    this help`;

function describe(reference: ReferenceMetadata): string {
  const who = [reference.artist, reference.name].filter(Boolean).join(" – ");
  const extra = [reference.genre, reference.year].filter((value) => value !== null && value !== "").join(", ");
  return `${reference.id}  ${who}${extra ? `  (${extra})` : ""}`;
}

export async function runReference(argv: readonly string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      name: { type: "string" },
      artist: { type: "string" },
      genre: { type: "string" },
      year: { type: "string" },
      json: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
  const [action, ...rest] = positionals;
  if (values.help || action === undefined) {
    process.stdout.write(`${REFERENCE_HELP}\n`);
    return values.help ? EXIT.ok : EXIT.usage;
  }
  const config = loadConfig({});
  const catalogueFile = join(config.home, "references.json");
  const decodeOptions = {
    catalogueFile,
    decoder: config.decoder,
    ffmpegPath: config.ffmpegPath ?? undefined,
    maxDurationSeconds: config.maxDurationSeconds,
  };
  if (action === "add") {
    if (rest.length !== 1)
      throw new TonearmError("INVALID_OPTION", "reference add needs exactly one FILE (see --help)");
    const year = values.year === undefined ? null : Number(values.year);
    const added = await addReference(
      rest[0]!,
      { name: values.name, artist: values.artist, genre: values.genre, year },
      decodeOptions,
    );
    process.stdout.write(`added ${describe(added)}\n`);
    return EXIT.ok;
  }
  if (action === "list") {
    const references = await listReferences(values.genre ?? null, { catalogueFile });
    if (values.json) process.stdout.write(`${JSON.stringify(references, null, 2)}\n`);
    else if (references.length === 0) process.stdout.write("no references yet (tonearm reference add FILE)\n");
    else process.stdout.write(`${references.map(describe).join("\n")}\n`);
    return EXIT.ok;
  }
  if (action === "remove") {
    if (rest.length !== 1)
      throw new TonearmError("INVALID_OPTION", "reference remove needs exactly one ID (see --help)");
    await removeReference(rest[0]!, { catalogueFile });
    process.stdout.write(`removed ${rest[0]}\n`);
    return EXIT.ok;
  }
  throw new TonearmError("INVALID_OPTION", `unknown reference action "${action}"; use add, list or remove`);
}
