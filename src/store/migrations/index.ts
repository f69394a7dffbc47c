/**
 * The migrations, in order, as an in-code Kysely MigrationProvider (no directory scanning,
 * so they work from source, from dist/ and inside a bundle). Add a migration as the next
 * numbered module (`0002-what-it-does.ts`) and list it here; never edit one that shipped.
 */
import type { Migration, MigrationProvider } from "kysely";
import type { DialectName } from "../dialect-name.js";
import { initialSchema } from "./0001-initial-schema.js";
import { musicLibrarySchema } from "./0002-music-library.js";
import { ingestedFilesSchema } from "./0003-ingested-files.js";
import { recordingTonicsSchema } from "./0004-recording-tonics.js";

const MIGRATIONS: readonly (readonly [name: string, create: (dialect: DialectName) => Migration])[] = [
  ["0001-initial-schema", initialSchema],
  ["0002-music-library", musicLibrarySchema],
  ["0003-ingested-files", ingestedFilesSchema],
  ["0004-recording-tonics", recordingTonicsSchema],
];

export function migrationProvider(dialect: DialectName): MigrationProvider {
  return {
    async getMigrations(): Promise<Record<string, Migration>> {
      return Object.fromEntries(MIGRATIONS.map(([name, create]) => [name, create(dialect)]));
    },
  };
}
