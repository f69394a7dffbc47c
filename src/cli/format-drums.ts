/**
 * The human summary `tonearm drums` prints per file: tempo, metre, bars and subdivision of
 * the score, hits per drum class, the files written; or, for a track without drums, that
 * none were found and why.
 */
import { basename } from "node:path";
import { DRUM_CLASSES, type DrumClass } from "../core/drums/drum-hit.js";
import type { DrumTranscriptionDocument } from "../drums/drum-transcription-files.js";

const DRUM_NAMES: Readonly<Record<DrumClass, string>> = {
  kick: "kick",
  snare: "snare",
  "tom-low": "low tom",
  "tom-mid": "mid tom",
  "tom-high": "high tom",
  "hihat-closed": "closed hi-hat",
  "hihat-open": "open hi-hat",
  ride: "ride",
  crash: "crash",
};

export function formatDrumSummary(
  document: DrumTranscriptionDocument,
  inputPath: string,
  writtenPaths: readonly string[],
): string {
  const { score, grid } = document;
  const bars = `${score.bars} bar${score.bars === 1 ? "" : "s"}`;
  const lines = [`${inputPath}`];
  lines.push(
    grid.tempoBpm === null
      ? `  no steady pulse found: written as ${bars} of ${score.timeSignature}`
      : `  tempo ${grid.tempoBpm.toFixed(1)} BPM, ${score.timeSignature}, ${bars} (${score.subdivision})`,
  );
  if (document.hasDrums) {
    const counts = DRUM_CLASSES.filter((drum) => document.counts[drum] > 0).map(
      (drum) => `${document.counts[drum]} ${DRUM_NAMES[drum]}`,
    );
    lines.push(`  ${document.hits.length} hits: ${counts.join(", ")}`);
  } else {
    const why = document.reason ? `${document.reason}; ` : "";
    lines.push(`  no drums found: ${why}the score is ${bars} of rests`);
  }
  if (writtenPaths.length > 0) {
    const [first, ...rest] = writtenPaths;
    lines.push(`  wrote ${[first, ...rest.map((path) => basename(path))].join(", ")}`);
  }
  return lines.join("\n");
}
