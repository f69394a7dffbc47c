/**
 * A source that keeps failing is set aside for the rest of a run: after `threshold` failures
 * in a row (the service unreachable, timing out, refusing the credentials), further lookups
 * fail at once with the last error instead of waiting through retries and backoff again,
 * so a library batch without a network costs seconds, not hours. A success closes it again.
 */
import { TonearmError } from "../../analysis/errors.js";
import type { GenreSource } from "../sources/genre-source.js";

export function withCircuitBreaker(source: GenreSource, threshold = 3): GenreSource {
  let failures = 0;
  let lastMessage = "";
  return {
    name: source.name,
    async lookupAlbum(query, signal) {
      if (failures >= threshold) {
        throw new TonearmError(
          "NOT_AVAILABLE",
          `${source.name} set aside after ${failures} failures in a row: ${lastMessage}`,
        );
      }
      try {
        const answer = await source.lookupAlbum(query, signal);
        failures = 0;
        return answer;
      } catch (error) {
        if (signal?.aborted) throw error;
        failures++;
        lastMessage = error instanceof Error ? error.message : String(error);
        throw error;
      }
    },
  };
}
