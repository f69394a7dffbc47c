/**
 * The online metadata sources' response cache (src/library/sources' ResponseCache) in the
 * database, so answers survive between runs and are shared by every process: one row per
 * key with its expiry; an expired row reads as absent and is replaced by the next `set`.
 * `sweep` deletes expired rows.
 */
import type { Kysely } from "kysely";
import type { DatabaseSchema } from "./database-schema.js";

export class SourceCacheRepository {
  private readonly db: Kysely<DatabaseSchema>;
  private readonly now: () => number;

  constructor(db: Kysely<DatabaseSchema>, now: () => number = Date.now) {
    this.db = db;
    this.now = now;
  }

  async get(key: string): Promise<string | undefined> {
    const row = await this.db
      .selectFrom("source_cache")
      .select(["value", "expires_at"])
      .where("key", "=", key)
      .executeTakeFirst();
    if (row === undefined || row.expires_at <= new Date(this.now()).toISOString()) return undefined;
    return row.value;
  }

  async set(key: string, value: string, ttlSeconds: number): Promise<void> {
    const expiresAt = new Date(this.now() + ttlSeconds * 1000).toISOString();
    await this.db
      .insertInto("source_cache")
      .values({ key, value, expires_at: expiresAt })
      .onConflict((conflict) => conflict.column("key").doUpdateSet({ value, expires_at: expiresAt }))
      .execute();
  }

  /** Deletes expired entries; answers how many. */
  async sweep(): Promise<number> {
    const result = await this.db
      .deleteFrom("source_cache")
      .where("expires_at", "<=", new Date(this.now()).toISOString())
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
