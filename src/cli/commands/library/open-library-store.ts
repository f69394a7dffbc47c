/**
 * The store the library commands use: the configured database (PostgreSQL when
 * TONEARM_DATABASE_URL is set, else SQLite in tonearm's home), opened and migrated.
 */
import { loadConfig, sqliteFile } from "../../../config/load-config.js";
import { openStore, type Store } from "../../../store/open-store.js";

export async function openLibraryStore(): Promise<Store> {
  const config = loadConfig({});
  return openStore({ postgresUrl: config.databaseUrl, sqliteFile: sqliteFile(config) });
}
