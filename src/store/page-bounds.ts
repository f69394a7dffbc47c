/** Offset and limit of a page request: default 50 items, at most 500; INVALID_OPTION otherwise. */
import { TonearmError } from "../analysis/errors.js";

export const DEFAULT_PAGE_LIMIT = 50;
export const MAX_PAGE_LIMIT = 500;

export function pageBounds(request: { readonly offset?: number; readonly limit?: number }): {
  offset: number;
  limit: number;
} {
  const offset = request.offset ?? 0;
  const limit = request.limit ?? DEFAULT_PAGE_LIMIT;
  if (!(Number.isSafeInteger(offset) && offset >= 0)) {
    throw new TonearmError("INVALID_OPTION", `offset must be an integer ≥ 0, got ${offset}`);
  }
  if (!(Number.isSafeInteger(limit) && limit >= 1 && limit <= MAX_PAGE_LIMIT)) {
    throw new TonearmError("INVALID_OPTION", `limit must be an integer from 1 to ${MAX_PAGE_LIMIT}, got ${limit}`);
  }
  return { offset, limit };
}
