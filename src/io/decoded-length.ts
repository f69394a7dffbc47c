/**
 * Judges a decoded length against what the file declared: nothing decoded is
 * ZERO_LENGTH_AUDIO; decoding that falls short of the declared duration by more than
 * 2 % and more than half a second is TRUNCATED_AUDIO (unless the caller accepts
 * truncated files). Smaller shortfalls are codec delay and padding, or header
 * rounding, and pass.
 */
import { TonearmError } from "../analysis/errors.js";
import { displayName } from "./audio-file.js";

/** A shortfall must exceed both of these to count as truncation. */
export const TRUNCATION_TOLERANCE = { fraction: 0.02, seconds: 0.5 } as const;

/** True when `decodedSeconds` is short of `declaredSeconds` beyond the tolerance. */
export function isTruncated(declaredSeconds: number, decodedSeconds: number): boolean {
  const shortfall = declaredSeconds - decodedSeconds;
  return shortfall > TRUNCATION_TOLERANCE.seconds && shortfall > declaredSeconds * TRUNCATION_TOLERANCE.fraction;
}

/** Formats seconds for messages: "2.5 s", "3 min 05 s", "1 h 02 min". */
export function formatDuration(seconds: number): string {
  if (seconds < 60) return `${Number(seconds.toFixed(seconds < 10 ? 2 : 1))} s`;
  const whole = Math.round(seconds);
  const hours = Math.floor(whole / 3600);
  const minutes = Math.floor((whole % 3600) / 60);
  const rest = whole % 60;
  if (hours > 0) return `${hours} h ${String(minutes).padStart(2, "0")} min`;
  return `${minutes} min ${String(rest).padStart(2, "0")} s`;
}

/**
 * Throws ZERO_LENGTH_AUDIO for 0 frames, or TRUNCATED_AUDIO when the decoded audio
 * is short of the declared duration (null: unknown) and `allowTruncated` is false.
 */
export function checkDecodedLength(
  path: string,
  declaredSeconds: number | null,
  decodedFrames: number,
  sampleRate: number,
  allowTruncated: boolean,
): void {
  const name = displayName(path);
  if (decodedFrames === 0) {
    throw new TonearmError("ZERO_LENGTH_AUDIO", `${name}: the file holds no audio samples`, { path });
  }
  const decodedSeconds = decodedFrames / sampleRate;
  if (!allowTruncated && declaredSeconds !== null && isTruncated(declaredSeconds, decodedSeconds)) {
    throw new TonearmError(
      "TRUNCATED_AUDIO",
      `${name}: the file is cut short: it declares ${formatDuration(declaredSeconds)} ` +
        `but holds only ${formatDuration(decodedSeconds)} (incomplete download or copy?)`,
      { path },
    );
  }
}
