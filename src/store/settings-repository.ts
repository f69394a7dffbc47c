/** Settings kept in the database (key → JSON value), shared by every process using it. */
import type { Kysely } from "kysely";
import type { DatabaseSchema } from "./database-schema.js";
import type { DialectName } from "./dialect-name.js";
import { fromJson, toJson } from "./json-column.js";
import { isoNow } from "./timestamps.js";

export class SettingsRepository {
  private readonly db: Kysely<DatabaseSchema>;
  private readonly dialect: DialectName;

  constructor(db: Kysely<DatabaseSchema>, dialect: DialectName) {
    this.db = db;
    this.dialect = dialect;
  }

  async get(key: string): Promise<unknown> {
    const row = await this.db.selectFrom("settings").select("value").where("key", "=", key).executeTakeFirst();
    return row === undefined ? undefined : fromJson(this.dialect, row.value);
  }

  /** Inserts or replaces. */
  async set(key: string, value: unknown): Promise<void> {
    const json = toJson(value);
    const now = isoNow();
    await this.db
      .insertInto("settings")
      .values({ key, value: json, updated_at: now })
      .onConflict((conflict) => conflict.column("key").doUpdateSet({ value: json, updated_at: now }))
      .execute();
  }

  async remove(key: string): Promise<boolean> {
    const result = await this.db.deleteFrom("settings").where("key", "=", key).executeTakeFirst();
    return result.numDeletedRows > 0n;
  }

  async all(): Promise<Record<string, unknown>> {
    const rows = await this.db.selectFrom("settings").selectAll().orderBy("key").execute();
    return Object.fromEntries(rows.map((row) => [row.key, fromJson(this.dialect, row.value)]));
  }
}
