/**
 * What the library commands open: the configured database alone (scan, review), or the whole
 * library toolkit (src/open-library.ts: store, genre vocabulary, sources, tag writer).
 */
import { loadConfig, sqliteFile } from "../../../config/load-config.js";
import { type OpenedLibrary, openLibrary } from "../../../open-library.js";
import { openStore, type Store } from "../../../store/open-store.js";

export async function openLibraryStore(): Promise<Store> {
  const config = loadConfig({});
  return openStore({ postgresUrl: config.databaseUrl, sqliteFile: sqliteFile(config) });
}

export function openCliLibrary(): Promise<OpenedLibrary> {
  return openLibrary(loadConfig({}));
}
