/** Command-line numbers: a value given to an option that must be a finite number > 0. */
import { TonearmError } from "../analysis/errors.js";

/** The option's value as a number, undefined when not given; INVALID_OPTION unless finite and > 0. */
export function positiveNumberOption(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!Number.isFinite(number) || number <= 0) {
    throw new TonearmError("INVALID_OPTION", `--${name} must be a positive number, got "${value}"`);
  }
  return number;
}
