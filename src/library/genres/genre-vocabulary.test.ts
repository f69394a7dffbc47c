import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { TonearmError } from "../../analysis/errors.js";
import { genreAncestors, isA } from "./genre-hierarchy.js";
import {
  buildGenreVocabulary,
  defaultGenreVocabulary,
  loadGenreVocabulary,
  parseGenreRules,
} from "./genre-vocabulary.js";
import { normaliseGenre } from "./normalise-genre.js";

const directory = mkdtempSync(join(tmpdir(), "tonearm-genre-rules-"));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

function writeRules(name: string, content: string): string {
  const path = join(directory, name);
  writeFileSync(path, content);
  return path;
}

function errorOf(action: () => unknown): TonearmError {
  try {
    action();
  } catch (error) {
    if (error instanceof TonearmError) return error;
    throw error;
  }
  throw new Error("expected a TonearmError");
}

describe("buildGenreVocabulary with user rules", () => {
  it("adds genres, aliases and ignored tags (the issue's example)", () => {
    const vocabulary = buildGenreVocabulary({
      parents: { "Future Funk": ["Funk", "Electronic"] },
      aliases: { "future-funk": "Future Funk", "vapor funk": "future funk" },
      ignore: ["awesome", "my road trip"],
    });
    expect(normaliseGenre("vapor funk", vocabulary).genres).toEqual(["Future Funk"]);
    expect(normaliseGenre("FUTURE FUNK", vocabulary).genres).toEqual(["Future Funk"]);
    expect(genreAncestors("Future Funk", vocabulary)).toEqual(["Funk", "Electronic"]);
    expect(normaliseGenre("my road trip", vocabulary)).toEqual({ genres: [], known: true, dropped: "user" });
    expect(normaliseGenre("vapor funk").known).toBe(false);
  });

  it("overrides built-in aliases, parents, ignores and spellings", () => {
    const vocabulary = buildGenreVocabulary({
      parents: {
        Electronica: ["Electronic"],
        "Death Metal": ["Extreme Metal"],
        "Extreme Metal": ["Metal"],
        "Hip-Hop": [],
      },
      aliases: { "seen live": "Rock" },
      compounds: { grunge: ["Alternative", "Punk"] },
      ignore: { mood: ["Metal"] },
    });
    expect(normaliseGenre("electronica", vocabulary).genres).toEqual(["Electronica"]);
    expect(genreAncestors("Melodic Death Metal", vocabulary)).toEqual(["Death Metal", "Extreme Metal", "Metal"]);
    expect(normaliseGenre("hip hop", vocabulary).genres).toEqual(["Hip-Hop"]);
    expect(genreAncestors("Trap", vocabulary)).toEqual(["Hip-Hop"]);
    expect(normaliseGenre("seen live", vocabulary).genres).toEqual(["Rock"]);
    expect(normaliseGenre("Grunge", vocabulary).genres).toEqual(["Alternative", "Punk"]);
    expect(normaliseGenre("metal", vocabulary).dropped).toBe("mood");
    expect(isA("Death Metal", "Metal", vocabulary)).toBe(true);
    // The built-in vocabulary is untouched.
    expect(normaliseGenre("electronica").genres).toEqual(["Electronic"]);
    expect(genreAncestors("Melodic Death Metal")).toEqual(["Death Metal", "Metal"]);
  });

  it("skips an alias that only respells its target", () => {
    const vocabulary = buildGenreVocabulary({
      aliases: { "nu-jazz": "Nu Jazz", "hip-hop": "Hip Hop" },
      parents: { "Nu Jazz": ["Jazz", "Electronic"] },
    });
    expect(vocabulary.aliases.size).toBe(defaultGenreVocabulary().aliases.size);
    expect(normaliseGenre("nu-jazz", vocabulary).genres).toEqual(["Nu Jazz"]);
  });

  it("refuses a cycle, naming it", () => {
    const error = errorOf(() => buildGenreVocabulary({ parents: { Metal: ["Death Metal"] } }, "my-genres.json"));
    expect(error.code).toBe("INVALID_OPTION");
    expect(error.message).toContain("my-genres.json");
    expect(error.message).toMatch(/cycle: (Metal → Death Metal → Metal|Death Metal → Metal → Death Metal)/);
    const selfLoop = errorOf(() => buildGenreVocabulary({ parents: { "Nu Jazz": ["Nu Jazz"] } }));
    expect(selfLoop.message).toContain("Nu Jazz → Nu Jazz");
  });

  it("refuses references to unknown genres, self-aliases and contradictions", () => {
    expect(errorOf(() => buildGenreVocabulary({ parents: { Zeuhl: ["Prog Jazz Thing"] } })).message).toContain(
      'parent of "Zeuhl" "Prog Jazz Thing" is not a genre',
    );
    expect(errorOf(() => buildGenreVocabulary({ aliases: { zolo: "Zolo Pop" } })).message).toContain(
      'alias target "Zolo Pop" is not a genre',
    );
    expect(errorOf(() => buildGenreVocabulary({ aliases: { x: "Rock" }, ignore: ["X"] })).message).toContain(
      "are the same label",
    );
    expect(errorOf(() => buildGenreVocabulary({ compounds: { "a+b": ["Rock", "Nope"] } })).code).toBe("INVALID_OPTION");
  });
});

describe("parseGenreRules", () => {
  it("accepts the schema and rejects anything else with the offending path", () => {
    expect(parseGenreRules({ ignore: { mood: ["chilly"] } }, "rules.json")).toEqual({ ignore: { mood: ["chilly"] } });
    const unknownKey = errorOf(() => parseGenreRules({ alias: { a: "Rock" } }, "rules.json"));
    expect(unknownKey.code).toBe("INVALID_OPTION");
    expect(unknownKey.message).toContain("rules.json");
    expect(errorOf(() => parseGenreRules({ compounds: { x: ["Rock"] } }, "r")).message).toContain("compounds.x");
    expect(errorOf(() => parseGenreRules({ ignore: { sadness: ["x"] } }, "r")).code).toBe("INVALID_OPTION");
    expect(errorOf(() => parseGenreRules({ aliases: { "": "Rock" } }, "r")).code).toBe("INVALID_OPTION");
  });
});

describe("loadGenreVocabulary", () => {
  it("returns the shared built-in vocabulary without a file", () => {
    expect(loadGenreVocabulary()).toBe(defaultGenreVocabulary());
  });

  it("loads and applies a JSON rule file", () => {
    const path = writeRules("good.json", JSON.stringify({ aliases: { "nu-jazz": "Jazz" }, ignore: ["awesome"] }));
    const vocabulary = loadGenreVocabulary(path);
    expect(normaliseGenre("Nu-Jazz", vocabulary).genres).toEqual(["Jazz"]);
    expect(normaliseGenre("awesome", vocabulary).dropped).toBe("user");
  });

  it("reports a missing file, bad JSON and invalid rules", () => {
    const missing = errorOf(() => loadGenreVocabulary(join(directory, "absent.json")));
    expect(missing.code).toBe("FILE_NOT_FOUND");
    expect(errorOf(() => loadGenreVocabulary(writeRules("bad.json", "{ aliases: "))).message).toContain(
      "not valid JSON",
    );
    const invalid = errorOf(() => loadGenreVocabulary(writeRules("cycle.json", '{"parents":{"Rock":["Punk"]}}')));
    expect(invalid.code).toBe("INVALID_OPTION");
    expect(invalid.message).toContain("cycle.json");
  });
});
