/**
 * How the corpus scorer (score.py, Python) reads loosely typed JSON values, so that a
 * prediction file scores the same here as there: `float(v)` accepts numbers, booleans and
 * numeric strings ("1.5", " 2e3 ", "inf", "1_000"); iterating a value yields a list's items,
 * a string's characters or an object's keys; `str(v)` spells null and booleans the Python
 * way. Anything `float()` rejects is `undefined` here.
 * Reference: Python 3 language reference, built-in functions float(), str(), iter().
 */

const PYTHON_FLOAT_PATTERN = /^[+-]?(?:(?:\d(?:_?\d)*)?(?:\.(?:\d(?:_?\d)*)?)?(?:[eE][+-]?\d(?:_?\d)*)?)$/;
const PYTHON_SPECIAL_FLOAT = /^([+-]?)(inf|infinity|nan)$/i;

/** Python's float(value) for a JSON value; undefined where Python raises. */
export function pythonFloat(value: unknown): number | undefined {
  if (typeof value === "number") return value;
  if (typeof value === "boolean") return value ? 1 : 0;
  if (typeof value !== "string") return undefined;
  const text = value.trim();
  const special = PYTHON_SPECIAL_FLOAT.exec(text);
  if (special !== null) {
    if (special[2]!.toLowerCase() === "nan") return Number.NaN;
    return special[1] === "-" ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  }
  if (!PYTHON_FLOAT_PATTERN.test(text) || !/\d/.test(text)) return undefined;
  if (/^[+-]?\.?[eE]/.test(text) || /^[+-]?\.$/.test(text)) return undefined;
  return Number(text.replaceAll("_", ""));
}

/** The items Python's iter(value) yields for a JSON value; undefined when it is not iterable. */
export function pythonIterable(value: unknown): readonly unknown[] | undefined {
  if (Array.isArray(value)) return value;
  if (typeof value === "string") return [...value];
  if (typeof value === "object" && value !== null) return Object.keys(value);
  return undefined;
}

/**
 * score.py `arr(x)`: every item through float(), non-finite ones dropped, sorted ascending;
 * undefined when x is not iterable or an item is not a number.
 */
export function pythonSortedFiniteTimes(value: unknown): number[] | undefined {
  const items = pythonIterable(value);
  if (items === undefined) return undefined;
  const times: number[] = [];
  for (const item of items) {
    const time = pythonFloat(item);
    if (time === undefined) return undefined;
    if (Number.isFinite(time)) times.push(time);
  }
  return times.sort((a, b) => a - b);
}

/** Python's str(value) for a JSON value (numbers as JavaScript prints them). */
export function pythonStr(value: unknown): string {
  if (typeof value === "string") return value;
  if (value === null || value === undefined) return "None";
  if (typeof value === "boolean") return value ? "True" : "False";
  if (typeof value === "number") return String(value);
  return JSON.stringify(value);
}

/** A JSON object (Python dict) or undefined. */
export function pythonDict(value: unknown): Readonly<Record<string, unknown>> | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

/** `key in dict` for a JSON object. */
export function hasField(record: Readonly<Record<string, unknown>>, key: string): boolean {
  return Object.hasOwn(record, key);
}
