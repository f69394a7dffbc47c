import { describe, expect, it } from "vitest";
import { TonearmError } from "../../analysis/errors.js";
import type { GenreSource } from "../sources/genre-source.js";
import { withCircuitBreaker } from "./source-circuit-breaker.js";

function flaky(outcomes: ("ok" | "fail")[]): GenreSource & { calls: number } {
  const source = {
    name: "deezer" as const,
    calls: 0,
    async lookupAlbum() {
      const outcome = outcomes[source.calls++] ?? "fail";
      if (outcome === "fail") throw new TonearmError("NOT_AVAILABLE", "deezer is not available: getaddrinfo ENOTFOUND");
      return { source: "deezer" as const, status: "not-found" as const, genres: [] };
    },
  };
  return source;
}

describe("withCircuitBreaker", () => {
  it("stops asking after three failures in a row, failing at once with the last error", async () => {
    const source = flaky(["fail", "fail", "fail", "ok"]);
    const guarded = withCircuitBreaker(source);
    const query = { artist: "A", album: "B" };
    for (let attempt = 0; attempt < 3; attempt++) await expect(guarded.lookupAlbum(query)).rejects.toThrow(/ENOTFOUND/);
    await expect(guarded.lookupAlbum(query)).rejects.toThrow(/set aside after 3 failures in a row: .*ENOTFOUND/);
    expect(source.calls).toBe(3);
  });

  it("counts only failures in a row", async () => {
    const source = flaky(["fail", "fail", "ok", "fail", "fail", "ok"]);
    const guarded = withCircuitBreaker(source);
    const results = [];
    for (let attempt = 0; attempt < 6; attempt++) {
      results.push(
        await guarded.lookupAlbum({ artist: "A", album: "B" }).then(
          () => "ok",
          () => "fail",
        ),
      );
    }
    expect(results).toEqual(["fail", "fail", "ok", "fail", "fail", "ok"]);
    expect(source.calls).toBe(6);
  });
});
