/**
 * Shared value types of the pure core. Signals are planar Float32Arrays that always
 * travel with their sample rate; matrices are flat, row-major, and carry their axes.
 */

/** Frequency in hertz. */
export type Hz = number;
/** Time in seconds. */
export type Seconds = number;
/** Level in decibels relative to full scale. */
export type Dbfs = number;

/** A multichannel signal: one Float32Array per channel, all of equal length. */
export interface AudioSignal {
  readonly channels: readonly Float32Array[];
  readonly sampleRate: Hz;
}

/** Number of samples per channel (0 for a signal without channels). */
export function signalLength(signal: AudioSignal): number {
  return signal.channels.length === 0 ? 0 : signal.channels[0]!.length;
}

/** Duration in seconds. */
export function signalDuration(signal: AudioSignal): Seconds {
  return signalLength(signal) / signal.sampleRate;
}
