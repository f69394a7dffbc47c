/**
 * Display form of a genre label no rule knows: collapsed whitespace ("_" counts as a space),
 * each word and each hyphen-joined part capitalised ("indie folk" → "Indie Folk", "post-jazz"
 * → "Post-Jazz"), short joining words lower case inside the label ("Songs of the Sea"), known
 * acronyms in their fixed form ("edm" → "EDM"), and words the source already wrote with
 * deliberate capitals kept ("AC/DC", "DnB"). A long word in capitals throughout is shouting
 * and is capitalised like the rest ("DEATHGRIND" → "Deathgrind").
 * Convention followed: "title case" as in the Chicago Manual of Style §8.159, simplified.
 */

// biome-ignore format: a word list
const JOINING_WORDS = new Set([
  "a", "an", "and", "as", "at", "by", "de", "del", "der", "des", "di", "do", "da", "du", "e", "en", "et", "for",
  "from", "in", "la", "le", "les", "n", "'n'", "of", "on", "or", "the", "to", "und", "with", "y",
]);
const MAX_ACRONYM_LENGTH = 4;

function isLetter(char: string): boolean {
  return char.toLowerCase() !== char.toUpperCase();
}

function casePart(part: string, acronyms: ReadonlyMap<string, string>): string {
  const lower = part.toLowerCase();
  const acronym = acronyms.get(lower);
  if (acronym !== undefined) return acronym;
  const upper = part.toUpperCase();
  if (lower === upper) return part; // no cased letters
  const hasUpper = part !== lower;
  const hasLower = part !== upper;
  if (hasUpper && !hasLower && part.length <= MAX_ACRONYM_LENGTH) return part;
  if (hasUpper && hasLower && part.slice(1) !== lower.slice(1)) return part;
  let first = 0;
  while (first < lower.length && !isLetter(lower.charAt(first))) first++;
  if (/\p{N}/u.test(lower.slice(0, first))) return lower;
  return lower.slice(0, first) + lower.charAt(first).toUpperCase() + lower.slice(first + 1);
}

/** Title-cases `label` for display; `acronyms` maps lower-case words to their fixed form. */
export function titleCaseGenre(label: string, acronyms: ReadonlyMap<string, string>): string {
  const words = label.replace(/_/gu, " ").trim().split(/\s+/u);
  return words
    .map((word, index) => {
      const lower = word.toLowerCase();
      if (index > 0 && JOINING_WORDS.has(lower)) return lower;
      return word
        .split(/([-/])/u)
        .map((part) => (part === "-" || part === "/" ? part : casePart(part, acronyms)))
        .join("");
    })
    .join(" ");
}
