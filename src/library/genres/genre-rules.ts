/**
 * The schema of a genre rule set and the built-in one. The same schema serves the built-in
 * data and a user's extension file (JSON), e.g.
 *   { "aliases": { "nu-jazz": "Nu Jazz" }, "parents": { "Nu Jazz": ["Jazz", "Electronic"] },
 *     "ignore": ["awesome"] }
 * - parents: canonical genre → its parent genres ([] for a root). Naming a built-in genre
 *   replaces its parents (and, spelled differently, its display form).
 * - aliases: other label → canonical genre.
 * - compounds: label → the two or more canonical genres it stands for.
 * - ignore: labels that are not genres, as a list or by reason ({ "mood": ["chill"] }).
 * - acronyms: words that title-casing an unknown label keeps as written ("EDM").
 * The data is TypeScript rather than JSON so that it needs no file I/O or build copy step
 * and is type-checked; the integrity test validates it with this schema all the same.
 */
import { z } from "zod";
import { BUILT_IN_ALIASES, BUILT_IN_COMPOUNDS } from "./genre-alias-data.js";
import { BUILT_IN_ACRONYMS, BUILT_IN_IGNORE, DROP_REASONS, type DropReason } from "./genre-ignore-data.js";
import { BUILT_IN_GENRE_PARENTS } from "./genre-tree-data.js";

const Label = z.string().trim().min(1, "a genre label must not be empty");

export const GenreRulesSchema = z.strictObject({
  parents: z.record(Label, z.array(Label)).optional(),
  aliases: z.record(Label, Label).optional(),
  compounds: z.record(Label, z.array(Label).min(2, "a compound names at least two genres")).optional(),
  ignore: z.union([z.array(Label), z.partialRecord(z.enum(DROP_REASONS), z.array(Label))]).optional(),
  acronyms: z.array(Label).optional(),
});

export interface GenreRules {
  readonly parents?: Readonly<Record<string, readonly string[]>>;
  readonly aliases?: Readonly<Record<string, string>>;
  readonly compounds?: Readonly<Record<string, readonly string[]>>;
  readonly ignore?: readonly string[] | Readonly<Partial<Record<DropReason, readonly string[]>>>;
  readonly acronyms?: readonly string[];
}

export const BUILT_IN_GENRE_RULES: GenreRules = {
  parents: BUILT_IN_GENRE_PARENTS,
  aliases: BUILT_IN_ALIASES,
  compounds: BUILT_IN_COMPOUNDS,
  ignore: BUILT_IN_IGNORE,
  acronyms: BUILT_IN_ACRONYMS,
};

export type { DropReason };
export { DROP_REASONS };
