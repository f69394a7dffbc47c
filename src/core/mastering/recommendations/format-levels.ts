/**
 * Number formatting for recommendation messages, in the CLI's style: a typographic minus
 * ("−14.0"), an explicit plus for gains ("+2.0"), never "-0.0", and no NaN (callers pass finite
 * numbers; anything else prints as "n/a").
 */

/** `value` with `digits` decimals and a sign: "−14.2", "+0.3", "0.0". */
export function signed(value: number, digits = 1): string {
  if (!Number.isFinite(value)) return "n/a";
  const text = Math.abs(value).toFixed(digits);
  if (Number(text) === 0) return text;
  return `${value < 0 ? "−" : "+"}${text}`;
}

/** A level in its unit with a minus but no plus for positives: "−8.0 LUFS", "0.3 dBTP". */
export function level(value: number, unit: string, digits = 1): string {
  if (!Number.isFinite(value)) return "n/a";
  const text = signed(value, digits);
  return `${text.startsWith("+") ? text.slice(1) : text} ${unit}`;
}

/** The absolute value with `digits` decimals: "3.1". */
export function magnitude(value: number, digits = 1): string {
  if (!Number.isFinite(value)) return "n/a";
  return Math.abs(value).toFixed(digits);
}

/** A fraction as a percentage: 0.817 → "81.7 %". */
export function percent(fraction: number, digits = 1): string {
  if (!Number.isFinite(fraction)) return "n/a";
  return `${(fraction * 100).toFixed(digits)} %`;
}

/** A frequency: 120 → "120 Hz", 3500 → "3.5 kHz", 16000 → "16 kHz". */
export function hertz(frequencyHz: number): string {
  if (frequencyHz < 1000) return `${Math.round(frequencyHz)} Hz`;
  const khz = frequencyHz / 1000;
  return `${Number.isInteger(khz) ? khz.toFixed(0) : khz.toFixed(1)} kHz`;
}

/** A frequency range: (60, 120) → "60–120 Hz", (2500, 5000) → "2.5–5 kHz", (500, 2000) → "500 Hz–2 kHz". */
export function hertzRange(lowHz: number, highHz: number): string {
  if (highHz < 1000) return `${Math.round(lowHz)}–${hertz(highHz)}`;
  if (lowHz >= 1000) return `${hertz(lowHz).replace(" kHz", "")}–${hertz(highHz)}`;
  return `${hertz(lowHz)}–${hertz(highHz)}`;
}
