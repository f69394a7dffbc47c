/**
 * `tonearm restore IN [--force]`: puts a `tonearm backup` folder back into the configured
 * database and data directory, after checking every file against the manifest
 * (src/store/backup-restore.ts). Refuses a non-empty database unless --force.
 */
import { parseArgs } from "node:util";
import { TonearmError } from "../../analysis/errors.js";
import { dataDirectory, loadConfig, sqliteFile } from "../../config/load-config.js";
import { restoreStore } from "../../store/backup-restore.js";
import { openDatabase } from "../../store/open-database.js";
import { EXIT } from "../exit-codes.js";

export const RESTORE_HELP = `Usage: tonearm restore IN [--force] [--json]

Restores a folder written by 'tonearm backup' into tonearm's database (SQLite in tonearm's
home, or TONEARM_DATABASE_URL; a backup moves between the two) and data directory. Every
file is checked against the backup's manifest (SHA-256) before anything is changed, and the
rows are restored in one transaction. Stop 'tonearm serve' and workers first.

Options:
  --force      replace the rows of a database that is not empty (they are deleted)
  --json       print the summary as JSON
  -h, --help   this help`;

export async function runRestore(argv: readonly string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      force: { type: "boolean" },
      json: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    process.stdout.write(`${RESTORE_HELP}\n`);
    return EXIT.ok;
  }
  if (positionals.length !== 1)
    throw new TonearmError("INVALID_OPTION", "restore needs exactly one IN folder (see --help)");
  const config = loadConfig({});
  const database = await openDatabase({ postgresUrl: config.databaseUrl, sqliteFile: sqliteFile(config) });
  try {
    const summary = await restoreStore(positionals[0] ?? "", {
      database,
      dataDirectory: dataDirectory(config),
      force: values.force === true,
      onProgress: values.json ? undefined : (line) => process.stderr.write(`${line}\n`),
    });
    const { tables, rows, files, bytes, manifest } = summary;
    if (values.json) {
      process.stdout.write(
        `${JSON.stringify({ tables, rows, files, bytes, createdAt: manifest.createdAt }, null, 2)}\n`,
      );
    } else {
      process.stdout.write(
        `restored ${tables} tables (${rows} rows) and ${files} files (${bytes} bytes) from the backup of ${manifest.createdAt}\n`,
      );
    }
    return EXIT.ok;
  } finally {
    await database.close();
  }
}
