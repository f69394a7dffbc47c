/**
 * How numbers are rounded for reports: enough digits to carry the information, no
 * float noise (0.30000000000000004) that makes JSON reports hard to read and diff.
 */

/** `value` rounded to `digits` decimal places. */
export function roundTo(value: number, digits: number): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}
