/** Exit statuses of the tonearm command (sysexits-style where one fits). */
export const EXIT = {
  ok: 0,
  /** At least one input could not be analysed (a typed error was printed for it). */
  inputFailed: 1,
  /** The command line itself was wrong. */
  usage: 2,
  /** A bug: an error tonearm did not expect. */
  internal: 70,
} as const;
