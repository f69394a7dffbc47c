/**
 * The horizontal guide lines of a melograph: with a tonic, Sa and Pa (the fifth, 702
 * cents, a 3/2 ratio) in every octave of the range, labelled in the sargam octave
 * convention of Bhatkhande notation written in ASCII: "Sa" and "Pa" in the tonic's
 * octave, "Sa'" / "Pa'" above, "Sa," / "Pa," below (doubled marks two octaves away).
 * Without a tonic, the natural notes C D E F G A B with scientific octave numbers (C4 =
 * middle C, A4 = 440 Hz); C lines are the strong ones.
 * Reference: Bhatkhande's octave marks for Hindustani sargam; ASA scientific pitch notation.
 */

export interface GuideLine {
  readonly hz: number;
  readonly label: string;
  /** Sa (or C): drawn brighter than the others. */
  readonly strong: boolean;
}

const NATURALS = [
  ["C", 0],
  ["D", 2],
  ["E", 4],
  ["F", 5],
  ["G", 7],
  ["A", 9],
  ["B", 11],
] as const;

/** Guide lines inside [minHz, maxHz], lowest first. */
export function melographGuides(minHz: number, maxHz: number, tonicHz: number | null): GuideLine[] {
  const lines: GuideLine[] = [];
  if (tonicHz !== null && tonicHz > 0) {
    const first = Math.floor(Math.log2(minHz / tonicHz)) - 1;
    const last = Math.ceil(Math.log2(maxHz / tonicHz));
    for (let octave = first; octave <= last; octave++) {
      const mark = octave > 0 ? "'".repeat(octave) : ",".repeat(-octave);
      lines.push({ hz: tonicHz * 2 ** octave, label: `Sa${mark}`, strong: true });
      lines.push({ hz: tonicHz * 1.5 * 2 ** octave, label: `Pa${mark}`, strong: false });
    }
  } else {
    const c0 = 440 * 2 ** (-9 / 12 - 4);
    for (let octave = Math.floor(Math.log2(minHz / c0)); octave <= Math.ceil(Math.log2(maxHz / c0)); octave++) {
      for (const [name, semitone] of NATURALS) {
        lines.push({ hz: c0 * 2 ** (octave + semitone / 12), label: `${name}${octave}`, strong: name === "C" });
      }
    }
  }
  return lines.filter((line) => line.hz >= minHz && line.hz <= maxHz).sort((a, b) => a.hz - b.hz);
}
