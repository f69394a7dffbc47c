/**
 * The effective genre vocabulary: the built-in rules (genre-rules.ts) with a user's extension
 * layered on top, compiled into maps keyed by genreKey so that every lookup is one Map access.
 * The user's rules win: a user alias, compound or ignore entry replaces a built-in rule for the
 * same label, a user genre replaces the built-in parents (and display spelling) of that genre
 * and stops the label being an alias or ignored.
 *
 * Everything a rule refers to must exist: parents, alias targets and compound parts are
 * canonical genres. Contradictions within one rule set, references to unknown genres and cycles
 * in the hierarchy are refused with TonearmError INVALID_OPTION. An alias that differs from its
 * target only in spelling ("nu-jazz" → "Nu Jazz") is redundant and skipped.
 */
import { readFileSync } from "node:fs";
import { TonearmError } from "../../analysis/errors.js";
import { ancestorClosure, findCycle } from "./genre-graph.js";
import { genreKey } from "./genre-key.js";
import { BUILT_IN_GENRE_RULES, type DropReason, type GenreRules, GenreRulesSchema } from "./genre-rules.js";

export interface GenreVocabulary {
  /** Genre key → canonical display name. */
  readonly names: ReadonlyMap<string, string>;
  /** Genre key → parent genre keys. */
  readonly parents: ReadonlyMap<string, readonly string[]>;
  /** Genre key → all ancestor keys, nearest first. */
  readonly ancestors: ReadonlyMap<string, readonly string[]>;
  /** Label key → canonical genre key. */
  readonly aliases: ReadonlyMap<string, string>;
  /** Label key → canonical genre keys. */
  readonly compounds: ReadonlyMap<string, readonly string[]>;
  /** Label key → why it is not a genre. */
  readonly ignore: ReadonlyMap<string, DropReason>;
  /** Lower-case word → the form title-casing keeps. */
  readonly acronyms: ReadonlyMap<string, string>;
}

type RuleKind = "genre" | "alias" | "compound" | "ignore";

interface Draft {
  names: Map<string, string>;
  parentNames: Map<string, readonly string[]>;
  aliasTargets: Map<string, string>;
  compoundTargets: Map<string, readonly string[]>;
  ignore: Map<string, DropReason>;
  acronyms: Map<string, string>;
}

function invalid(source: string, message: string): TonearmError {
  return new TonearmError("INVALID_OPTION", `${source}: ${message}`);
}

function applyRules(draft: Draft, rules: GenreRules, source: string): void {
  const claimed = new Map<string, { kind: RuleKind; label: string }>();
  const claim = (label: string, kind: RuleKind): string => {
    const key = genreKey(label);
    if (key === "") throw invalid(source, `genre label "${label}" has no letters or digits`);
    const previous = claimed.get(key);
    if (previous !== undefined) {
      throw invalid(source, `"${label}" (${kind}) and "${previous.label}" (${previous.kind}) are the same label`);
    }
    claimed.set(key, { kind, label });
    for (const map of [draft.aliasTargets, draft.compoundTargets, draft.ignore]) map.delete(key);
    return key;
  };
  for (const [name, parents] of Object.entries(rules.parents ?? {})) {
    const key = claim(name, "genre");
    draft.names.set(key, name.trim());
    draft.parentNames.set(key, parents);
  }
  for (const [label, targets] of Object.entries(rules.compounds ?? {})) {
    draft.compoundTargets.set(claim(label, "compound"), targets);
  }
  for (const [label, target] of Object.entries(rules.aliases ?? {})) {
    // A spelling variant of its own target ("nu-jazz" → "Nu Jazz") is already merged by the key.
    if (genreKey(label) === genreKey(target)) continue;
    draft.aliasTargets.set(claim(label, "alias"), target);
  }
  const ignore = rules.ignore ?? [];
  const byReason: [DropReason, readonly string[]][] = Array.isArray(ignore)
    ? [["user", ignore as readonly string[]]]
    : (Object.entries(ignore) as [DropReason, readonly string[]][]);
  for (const [reason, labels] of byReason) {
    for (const label of labels) draft.ignore.set(claim(label, "ignore"), reason);
  }
  for (const word of rules.acronyms ?? []) draft.acronyms.set(word.toLowerCase(), word);
}

function compile(draft: Draft, source: string): GenreVocabulary {
  const canonical = (name: string, role: string): string => {
    const key = genreKey(name);
    if (!draft.names.has(key)) {
      throw invalid(source, `${role} "${name}" is not a genre; add it under "parents" (with [] for a root genre)`);
    }
    return key;
  };
  const parents = new Map<string, readonly string[]>();
  for (const [key, names] of draft.parentNames) {
    const self = draft.names.get(key)!;
    parents.set(key, [...new Set(names.map((name) => canonical(name, `parent of "${self}"`)))]);
  }
  const cycle = findCycle(parents);
  if (cycle !== undefined) {
    const path = cycle.map((key) => draft.names.get(key) ?? key).join(" → ");
    throw invalid(source, `the genre hierarchy has a cycle: ${path}; a genre cannot be its own ancestor`);
  }
  const aliases = new Map<string, string>();
  for (const [key, target] of draft.aliasTargets) aliases.set(key, canonical(target, "alias target"));
  const compounds = new Map<string, readonly string[]>();
  for (const [key, targets] of draft.compoundTargets) {
    compounds.set(key, [...new Set(targets.map((target) => canonical(target, "compound part")))]);
  }
  return {
    names: draft.names,
    parents,
    ancestors: ancestorClosure(parents),
    aliases,
    compounds,
    ignore: draft.ignore,
    acronyms: draft.acronyms,
  };
}

/** The built-in rules with `user` on top; `source` names the user's rules in error messages. */
export function buildGenreVocabulary(user?: GenreRules, source = "genre rules"): GenreVocabulary {
  const draft: Draft = {
    names: new Map(),
    parentNames: new Map(),
    aliasTargets: new Map(),
    compoundTargets: new Map(),
    ignore: new Map(),
    acronyms: new Map(),
  };
  applyRules(draft, BUILT_IN_GENRE_RULES, "built-in genre rules");
  if (user !== undefined) applyRules(draft, user, source);
  return compile(draft, user === undefined ? "built-in genre rules" : source);
}

/** Validates an extension (parsed JSON) against the rule schema; INVALID_OPTION names each problem. */
export function parseGenreRules(value: unknown, source: string): GenreRules {
  const parsed = GenreRulesSchema.safeParse(value);
  // Also the compile-time proof that whatever the schema accepts is a GenreRules.
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => `${issue.path.join(".") || "(root)"}: ${issue.message}`);
  throw invalid(source, `invalid genre rules: ${problems.join("; ")}`);
}

let builtIn: GenreVocabulary | undefined;

/** The built-in vocabulary, compiled once. */
export function defaultGenreVocabulary(): GenreVocabulary {
  builtIn ??= buildGenreVocabulary();
  return builtIn;
}

/** The built-in vocabulary extended by the JSON rule file `userFile`; without one, the built-in vocabulary. */
export function loadGenreVocabulary(userFile?: string): GenreVocabulary {
  if (userFile === undefined) return defaultGenreVocabulary();
  let text: string;
  try {
    text = readFileSync(userFile, "utf8");
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code === "ENOENT" ? "FILE_NOT_FOUND" : "FILE_NOT_READABLE";
    throw new TonearmError(code, `genre rules file ${userFile} cannot be read`, { path: userFile, cause });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw new TonearmError("INVALID_OPTION", `genre rules file ${userFile} is not valid JSON`, {
      path: userFile,
      cause,
    });
  }
  return buildGenreVocabulary(parseGenreRules(json, userFile), userFile);
}

/** The canonical key of a genre name or alias; undefined when it names no genre. */
export function canonicalGenreKey(name: string, vocabulary: GenreVocabulary): string | undefined {
  const key = genreKey(name);
  const aliased = vocabulary.aliases.get(key);
  if (aliased !== undefined) return aliased;
  return vocabulary.names.has(key) ? key : undefined;
}
