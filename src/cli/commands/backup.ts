/**
 * `tonearm backup OUT`: a consistent backup of tonearm's database (SQLite in tonearm's home
 * or TONEARM_DATABASE_URL) and data directory into the new folder OUT, safe while
 * `tonearm serve` and workers keep running (src/store/backup.ts describes the snapshot and
 * the folder's layout; `tonearm restore` reads it back).
 */
import { parseArgs } from "node:util";
import { TonearmError } from "../../analysis/errors.js";
import { dataDirectory, loadConfig, sqliteFile } from "../../config/load-config.js";
import { backupStore } from "../../store/backup.js";
import { openDatabase } from "../../store/open-database.js";
import { EXIT } from "../exit-codes.js";

export const BACKUP_HELP = `Usage: tonearm backup OUT [--json]

Backs up tonearm's database (SQLite in tonearm's home, or TONEARM_DATABASE_URL) and its data
directory (uploads and artifacts) into the new folder OUT: one consistent snapshot of every
table (as NDJSON, restorable into SQLite or PostgreSQL), the data files, and manifest.json
with row counts and every file's SHA-256. Safe while 'tonearm serve' runs; files still being
written (names starting with ".") are skipped. Restore with 'tonearm restore OUT'.

Options:
  --json       print the summary as JSON
  -h, --help   this help`;

export async function runBackup(argv: readonly string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: { json: { type: "boolean" }, help: { type: "boolean", short: "h" } },
  });
  if (values.help) {
    process.stdout.write(`${BACKUP_HELP}\n`);
    return EXIT.ok;
  }
  if (positionals.length !== 1)
    throw new TonearmError("INVALID_OPTION", "backup needs exactly one OUT folder (see --help)");
  const config = loadConfig({});
  const file = sqliteFile(config);
  const database = await openDatabase({ postgresUrl: config.databaseUrl, sqliteFile: file });
  try {
    const summary = await backupStore({
      database,
      dataDirectory: dataDirectory(config),
      out: positionals[0] ?? "",
      exclude: [file, `${file}-wal`, `${file}-shm`],
      onProgress: values.json ? undefined : (line) => process.stderr.write(`${line}\n`),
    });
    if (values.json) {
      const { out, tables, rows, files, bytes, manifest } = summary;
      process.stdout.write(
        `${JSON.stringify({ out, tables, rows, files, bytes, dialect: manifest.dialect, createdAt: manifest.createdAt }, null, 2)}\n`,
      );
    } else {
      process.stdout.write(
        `backed up ${summary.tables} tables (${summary.rows} rows) and ${summary.files} files (${summary.bytes} bytes) to ${summary.out}\n`,
      );
    }
    return EXIT.ok;
  } finally {
    await database.close();
  }
}
