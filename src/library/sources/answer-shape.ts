/**
 * Checks a service's JSON answer against the shape its documentation gives (a zod schema per
 * endpoint, in each adapter), so that a changed or broken answer fails with a clear
 * NOT_AVAILABLE naming the service and endpoint instead of a TypeError deep in an adapter.
 */
import type { z } from "zod";
import { TonearmError } from "../../analysis/errors.js";
import type { GenreSourceName } from "./genre-source.js";

export function parseAnswer<Schema extends z.ZodType>(
  service: GenreSourceName,
  endpoint: string,
  schema: Schema,
  body: unknown,
): z.infer<Schema> {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const where = issue === undefined || issue.path.length === 0 ? "" : ` at ${issue.path.join(".")}`;
  throw new TonearmError(
    "NOT_AVAILABLE",
    `${service} is not available: its ${endpoint} answer has an unexpected shape${where} (${issue?.message ?? "invalid"})`,
    { cause: result.error },
  );
}

/** Lucene phrase for MusicBrainz/Discogs-style queries: backslashes and quotes escaped. */
export function quotePhrase(text: string): string {
  return `"${text.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
}
