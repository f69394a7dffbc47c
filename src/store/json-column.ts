/**
 * JSON columns in both dialects: written as JSON text (PostgreSQL casts it to jsonb),
 * read back as text from SQLite and as an already parsed value from PostgreSQL's jsonb.
 */
import type { DialectName } from "./dialect-name.js";

export function toJson(value: unknown): string {
  return JSON.stringify(value ?? null);
}

export function fromJson(dialect: DialectName, stored: unknown): unknown {
  if (stored === null || stored === undefined) return null;
  return dialect === "sqlite" && typeof stored === "string" ? JSON.parse(stored) : stored;
}
