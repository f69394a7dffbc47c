/**
 * The lookup key of a genre label: the form under which every spelling of one genre meets.
 * Steps: Unicode NFKC (full-width and compatibility forms), lower case, Latin diacritics
 * removed (NFD, drop U+0300–U+036F, NFC: "Música" = "Musica", "Raï" = "Rai"; other scripts keep
 * their marks); then in one pass "&" and a standalone "n" ("rock 'n' roll", "drum n bass") become
 * "and", list separators (/ ; , | NUL) one "/", and every other character that is not a letter
 * or digit goes ("Hip-Hop" = "hip hop" = "hip_hop" = "HipHop" → "hiphop").
 * Reference: Unicode Standard Annex #15 (normalisation forms NFKC, NFD, NFC).
 *
 * Keys are memoised (bounded), so normalising many labels costs one map lookup each.
 */

// biome-ignore lint/suspicious/noControlCharactersInRegex: the whole ASCII range
const ASCII = /^[\u0000-\u007f]*$/u;
const LATIN_COMBINING_MARKS = /[\u0300-\u036f]/gu;
const LETTER_OR_DIGIT = /^[\p{L}\p{N}]$/u;
const SLASH = 47;

function isSeparator(code: number): boolean {
  // "/", ";", ",", "|", NUL
  return code === SLASH || code === 59 || code === 44 || code === 124 || code === 0;
}

function isKeyCharacter(char: string): boolean {
  const code = char.charCodeAt(0);
  return code < 128 ? isAsciiKeyCode(code) : LETTER_OR_DIGIT.test(char);
}

const MAX_MEMO_ENTRIES = 200_000;
const memo = new Map<string, string>();

/**
 * The key of text already case-folded and stripped of diacritics, in one pass over its code
 * points. `chars` holds the code points; `isKey(i)` says whether the i-th is a letter or digit.
 */
function foldedKey(chars: ArrayLike<string>, isKey: (index: number) => boolean): string {
  let key = "";
  for (let index = 0; index < chars.length; index++) {
    const char = chars[index]!;
    if (isKey(index)) {
      const standalone =
        char === "n" && (index === 0 || !isKey(index - 1)) && (index === chars.length - 1 || !isKey(index + 1));
      key += standalone ? "and" : char;
    } else if (char === "&") {
      key += "and";
    } else if (isSeparator(char.charCodeAt(0)) && key.length > 0 && key.charCodeAt(key.length - 1) !== SLASH) {
      key += "/";
    }
  }
  return key.charCodeAt(key.length - 1) === SLASH ? key.slice(0, -1) : key;
}

function isAsciiKeyCode(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 48 && code <= 57);
}

/** The lookup key of `label`; "" when it has no letters or digits. */
export function genreKey(label: string): string {
  const cached = memo.get(label);
  if (cached !== undefined) return cached;
  // ASCII is invariant under every normalisation form: skip the three passes.
  let key: string;
  if (ASCII.test(label)) {
    const folded = label.toLowerCase();
    key = foldedKey(folded, (index) => isAsciiKeyCode(folded.charCodeAt(index)));
  } else {
    const folded = label
      .normalize("NFKC")
      .toLowerCase()
      .normalize("NFD")
      .replace(LATIN_COMBINING_MARKS, "")
      .normalize("NFC");
    const chars = Array.from(folded);
    key = foldedKey(chars, (index) => isKeyCharacter(chars[index]!));
  }
  if (memo.size >= MAX_MEMO_ENTRIES) memo.clear();
  memo.set(label, key);
  return key;
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: NUL separates ID3v2.4 multiple values
const LIST_PART_SEPARATORS = /\s*[/;,|\u0000]\s*/u;
const CONJUNCTIONS = /\s+(?:&|\+|and)\s+/iu;
const LEADING_CONJUNCTION = /^(?:&|\+|and)\s+/iu;

function parts(text: string, separator: RegExp): string[] {
  return text
    .split(separator)
    .map((part) => part.trim().replace(LEADING_CONJUNCTION, "").trim())
    .filter((part) => part.length > 0);
}

/**
 * The genres of a compound label, when every part is one: split on list punctuation
 * (/ ; , | NUL), then a part that `isKnown` rejects on "&", "+" or "and" between spaces.
 * "Folk, World, & Country" → Folk, World, Country; "Rock, Drum & Bass" → Rock, Drum & Bass;
 * "Soul & Funk" → Soul, Funk. Undefined when there is a single part or any part is unknown
 * ("AC/DC"), so callers keep the label whole.
 */
export function splitCompoundLabel(label: string, isKnown: (part: string) => boolean): string[] | undefined {
  const listParts = parts(label, LIST_PART_SEPARATORS);
  if (listParts.length === 1 && !CONJUNCTIONS.test(label)) return undefined;
  const result: string[] = [];
  for (const part of listParts) {
    if (isKnown(part)) {
      result.push(part);
      continue;
    }
    const pieces = parts(part, CONJUNCTIONS);
    if (pieces.length < 2 || !pieces.every(isKnown)) return undefined;
    result.push(...pieces);
  }
  return result.length > 1 ? result : undefined;
}
