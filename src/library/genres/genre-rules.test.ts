// Integrity of the built-in genre data: the schema accepts it, every reference resolves, the
// hierarchy is acyclic, no two rules claim one label, and every rule does what it says.
import { describe, expect, it } from "vitest";
import { findCycle } from "./genre-graph.js";
import { genreKey } from "./genre-key.js";
import { BUILT_IN_GENRE_RULES, DROP_REASONS, type DropReason, GenreRulesSchema } from "./genre-rules.js";
import { buildGenreVocabulary } from "./genre-vocabulary.js";
import { ID3V1_GENRES, ID3V1_TARGET_OVERRIDES } from "./id3v1-genres.js";
import { normaliseGenre } from "./normalise-genre.js";

const parents = BUILT_IN_GENRE_RULES.parents ?? {};
const aliases = BUILT_IN_GENRE_RULES.aliases ?? {};
const compounds = BUILT_IN_GENRE_RULES.compounds ?? {};
const ignore = BUILT_IN_GENRE_RULES.ignore as Readonly<Partial<Record<DropReason, readonly string[]>>>;
const canonical = new Set(Object.keys(parents));

describe("built-in genre rules", () => {
  it("validate against the rule schema", () => {
    expect(GenreRulesSchema.safeParse(BUILT_IN_GENRE_RULES).success).toBe(true);
  });

  it("hold a few hundred genres and at least 200 alias rules", () => {
    expect(canonical.size).toBeGreaterThanOrEqual(300);
    expect(Object.keys(aliases).length).toBeGreaterThanOrEqual(200);
  });

  it("name only existing genres as parents, alias targets and compound parts", () => {
    const missing = [
      ...Object.entries(parents).flatMap(([genre, ps]) =>
        ps.filter((p) => !canonical.has(p)).map((p) => `${genre} → ${p}`),
      ),
      ...Object.entries(aliases)
        .filter(([, target]) => !canonical.has(target))
        .map(([alias]) => alias),
      ...Object.values(compounds).flatMap((parts) => parts.filter((part) => !canonical.has(part))),
    ];
    expect(missing).toEqual([]);
  });

  it("never map an alias to itself", () => {
    const selfMapped = Object.entries(aliases).filter(([alias, target]) => genreKey(alias) === genreKey(target));
    expect(selfMapped).toEqual([]);
  });

  it("give every label to one rule only (compared by key)", () => {
    const labels = [
      ...canonical,
      ...Object.keys(aliases),
      ...Object.keys(compounds),
      ...Object.values(ignore).flatMap((list) => list ?? []),
    ];
    const byKey = new Map<string, string[]>();
    for (const label of labels) byKey.set(genreKey(label), [...(byKey.get(genreKey(label)) ?? []), label]);
    expect([...byKey.values()].filter((group) => group.length > 1)).toEqual([]);
    expect(labels.filter((label) => genreKey(label) === "")).toEqual([]);
  });

  it("form an acyclic hierarchy whose parents are never the genre itself", () => {
    const graph = new Map(Object.entries(parents));
    expect(findCycle(graph)).toBeUndefined();
    expect(Object.entries(parents).filter(([genre, ps]) => ps.includes(genre))).toEqual([]);
  });

  it("compile into a vocabulary without errors", () => {
    const vocabulary = buildGenreVocabulary();
    expect(vocabulary.names.size).toBe(canonical.size);
    expect(vocabulary.aliases.size).toBe(Object.keys(aliases).length);
  });

  it("normalise every genre to itself, every alias to its target and every ignored tag to a drop", () => {
    for (const genre of canonical) expect(normaliseGenre(genre).genres).toEqual([genre]);
    for (const [alias, target] of Object.entries(aliases)) expect(normaliseGenre(alias).genres).toEqual([target]);
    for (const [label, parts] of Object.entries(compounds)) expect(normaliseGenre(label).genres).toEqual(parts);
    for (const reason of DROP_REASONS) {
      for (const label of ignore[reason] ?? [])
        expect(normaliseGenre(label)).toMatchObject({ genres: [], dropped: reason });
    }
  });
});

describe("ID3v1 genre table", () => {
  it("has the 192 entries of ID3v1 with the Winamp extensions", () => {
    expect(ID3V1_GENRES).toHaveLength(192);
    expect(ID3V1_GENRES[0]).toBe("Blues");
    expect(ID3V1_GENRES[17]).toBe("Rock");
    expect(ID3V1_GENRES[79]).toBe("Hard Rock");
    expect(ID3V1_GENRES[80]).toBe("Folk");
    expect(ID3V1_GENRES[147]).toBe("Synthpop");
    expect(ID3V1_GENRES[191]).toBe("Psybient");
    expect(new Set(ID3V1_GENRES).size).toBe(192);
  });

  it("resolves every entry to known genres or a known drop", () => {
    const unresolved = ID3V1_GENRES.map((_, index) => [index, normaliseGenre(String(index))] as const).filter(
      ([, result]) => !result.known,
    );
    expect(unresolved).toEqual([]);
    for (const [index, target] of Object.entries(ID3V1_TARGET_OVERRIDES)) {
      expect(normaliseGenre(`(${index})`).genres).toEqual([target]);
    }
  });
});
