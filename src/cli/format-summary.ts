/** The human summary `tonearm analyze` prints for one report. */
import type { Report } from "../analysis/report.js";
import { formatClock } from "./progress-bar.js";

const CHANNEL_NAMES: Record<number, string> = { 1: "mono", 2: "stereo", 6: "5.1", 8: "7.1" };

/** A signed number with a typographic minus: `−14.2`, `+0.3`, `0.0`. */
function signed(value: number, digits: number): string {
  const text = Math.abs(value).toFixed(digits);
  if (Number(text) === 0) return text;
  return `${value < 0 ? "−" : "+"}${text}`;
}

/** `value` to `digits` decimals, never "-0.0". */
function fixed(value: number, digits: number): string {
  const text = value.toFixed(digits);
  return Number(text) === 0 ? (0).toFixed(digits) : text;
}

function db(value: number | null | undefined, unit = "dBFS"): string {
  if (value === null || value === undefined) return `−∞ ${unit}`;
  return `${signed(value, 1)} ${unit}`;
}

function formatLine(report: Report): string {
  const { source, audio } = report;
  const parts: string[] = [];
  const container = source.container?.toUpperCase();
  if (container)
    parts.push(source.codec && source.codec !== source.container ? `${container} (${source.codec})` : container);
  const rate = source.sampleRate ?? audio.sampleRate;
  parts.push(`${(rate / 1000).toFixed(rate % 1000 === 0 ? 0 : 1)} kHz`);
  const channels = source.channels ?? audio.channels;
  parts.push(CHANNEL_NAMES[channels] ?? `${channels} channels`);
  if (source.bitsPerSample) parts.push(`${source.bitsPerSample}-bit`);
  if (source.bitRate) parts.push(`${Math.round(source.bitRate / 1000)} kb/s`);
  parts.push(formatDuration(audio.durationSeconds));
  return parts.join(", ");
}

export function formatDuration(seconds: number): string {
  const tenths = Math.round((seconds % 1) * 10) % 10;
  return `${formatClock(Math.floor(seconds))}.${tenths}`;
}

function tagLine(report: Report): string | undefined {
  const tags = report.source.tags;
  if (!tags) return undefined;
  const who = tags.artist ?? tags.albumArtist;
  const what = [who, tags.title].filter(Boolean).join(" – ");
  const album = [tags.album, tags.year].filter(Boolean).join(", ");
  const line = [what, album && `(${album})`].filter(Boolean).join(" ");
  const genre = tags.genre?.length ? `  [${tags.genre.join("; ")}]` : "";
  return line || genre ? `${line}${genre}`.trim() : undefined;
}

function levelsLine(report: Report): string | undefined {
  const levels = report.analyses.signal;
  if (!levels) return undefined;
  const clipping =
    levels.clippingEvents > 0
      ? `clipping ${levels.clippingEvents} runs (${levels.clippedSamples} samples)`
      : "no clipping";
  const dc = Math.abs(levels.dcOffset) >= 0.001 ? `DC offset ${signed(levels.dcOffset, 4)}` : "no DC offset";
  return `peak ${db(levels.samplePeakDbfs)}, RMS ${db(levels.rmsDbfs)}, ${dc}, ${clipping}`;
}

function loudnessLine(report: Report): string | undefined {
  const loudness = report.analyses.loudness;
  if (!loudness) return undefined;
  if (!loudness.measured) return loudness.reason ?? "not measured";
  if (loudness.integratedLufs === null) return "below the −70 LUFS gate (silence)";
  const range = loudness.loudnessRangeLu === null ? "" : `, LRA ${fixed(loudness.loudnessRangeLu, 1)} LU`;
  const plr = loudness.peakToLoudnessRatioDb === null ? "" : `, PLR ${fixed(loudness.peakToLoudnessRatioDb, 1)} dB`;
  return `${signed(loudness.integratedLufs, 1)} LUFS integrated${range}, true peak ${db(loudness.truePeakDbtp, "dBTP")}${plr}`;
}

function rhythmLine(report: Report): string | undefined {
  const rhythm = report.analyses.rhythm;
  if (!rhythm) return undefined;
  if (rhythm.tempoBpm === null) return "no steady pulse found";
  const alternatives = rhythm.tempoAlternatives
    .filter((alternative) => alternative.likelihood >= 0.1)
    .map((alternative) => `${alternative.tempoBpm.toFixed(1)} (${alternative.likelihood.toFixed(2)})`);
  const tempo = `${rhythm.tempoBpm.toFixed(1)} BPM (confidence ${rhythm.tempoConfidence.toFixed(2)})`;
  const meter = rhythm.timeSignature ? `, ${rhythm.timeSignature}` : "";
  const beats = `, ${rhythm.beats.length} beats`;
  return `${tempo}${meter}${beats}${alternatives.length > 0 ? `; or ${alternatives.join(", ")}` : ""}`;
}

function keyLine(report: Report): string | undefined {
  const key = report.analyses.key;
  if (!key) return undefined;
  if (key.key === null) return "no tonal centre found";
  const codes = [key.camelot && `Camelot ${key.camelot}`, key.openKey && `Open Key ${key.openKey}`].filter(Boolean);
  const runnerUp = key.runnerUp ? `; then ${key.runnerUp.key} (${key.runnerUp.confidence.toFixed(2)})` : "";
  const tuning = report.analyses.tuning;
  const a4 = tuning && Math.abs(tuning.deviationCents) >= 5 ? `; tuned A4 = ${tuning.referenceHz.toFixed(1)} Hz` : "";
  const changes =
    key.segments.length > 1 ? `; modulates: ${key.segments.map((segment) => segment.key).join(" → ")}` : "";
  return `${key.key} (${key.confidence.toFixed(2)}, ${codes.join(", ")})${runnerUp}${changes}${a4}`;
}

/** "intro A 0:00 · verse B 0:12 · chorus C 0:40 …", at most `maxSections` of them. */
function sectionsLine(report: Report, maxSections = 16): string | undefined {
  const structure = report.analyses.structure;
  if (!structure) return undefined;
  const shown = structure.sections
    .slice(0, maxSections)
    .map((section) => `${section.name} ${section.label} ${formatClock(Math.round(section.start))}`)
    .join(" · ");
  const hidden = structure.sections.length - maxSections;
  return hidden > 0 ? `${shown} · … (${structure.sections.length} sections; --json has all)` : shown;
}

/** Chord names in order without N, as many as fit `maxNames`, then "…". */
function chordLine(report: Report, maxNames = 24): string | undefined {
  const chords = report.analyses.chords;
  if (!chords) return undefined;
  const names = chords.segments.map((segment) => segment.name).filter((name) => name !== "N");
  if (names.length === 0) return "no chords found";
  const sequence = names.slice(0, maxNames).join(" ") + (names.length > maxNames ? " …" : "");
  return `${sequence}  (${chords.chordChangesPerMinute.toFixed(0)} changes/min)`;
}

export function formatSummary(report: Report, label: string): string {
  const rows: [string, string | undefined][] = [
    ["format", formatLine(report)],
    ["tags", tagLine(report)],
    ["levels", levelsLine(report)],
    ["loudness", loudnessLine(report)],
    ["tempo", rhythmLine(report)],
    ["key", keyLine(report)],
    ["sections", sectionsLine(report)],
    ["chords", chordLine(report)],
    ...report.warnings.map((warning): [string, string] => ["warning", warning.message]),
  ];
  const decoder = report.source.decoder;
  const decodedBy = decoder ? ` by ${[decoder.name, decoder.source, decoder.version].filter(Boolean).join(" ")}` : "";
  rows.push([
    "time",
    `decoded in ${report.timings.decodeSeconds.toFixed(2)} s${decodedBy}, analysed in ${report.timings.analysisSeconds.toFixed(2)} s`,
  ]);
  const body = rows
    .filter((row): row is [string, string] => row[1] !== undefined)
    .map(([name, value]) => `  ${name.padEnd(9)}${value}`);
  return [label, ...body].join("\n");
}
