/** The readable mastering report `tonearm master` prints for one file. */
import type { Mastering } from "../analysis/analyses/mastering.js";
import {
  BALANCED_TARGET,
  describePlayback,
  encodingClipRisk,
  GENRE_TARGETS,
  type GenreTarget,
  type Recommendation,
} from "../core/mastering/recommendations/index.js";
import type { MasteringResult } from "../master.js";

/** −14.2 with a typographic minus; "–" for null. */
function num(value: number | null | undefined, digits = 1): string {
  if (value === null || value === undefined) return "–";
  const text = Math.abs(value).toFixed(digits);
  return Number(text) === 0 ? text : `${value < 0 ? "−" : ""}${text}`;
}

function targetLine(target: GenreTarget): string {
  const { loudness } = target;
  return `${target.name}: ${num(loudness.targetLufs)} LUFS (${num(loudness.minLufs)} … ${num(loudness.maxLufs)}), true peak ≤ ${num(target.truePeakCeilingDbtp)} dBTP`;
}

function loudnessLine(mastering: Mastering): string {
  const { loudness } = mastering;
  if (loudness.integratedLufs === null) return "below the −70 LUFS gate (silence), or not measurable";
  return [
    `${num(loudness.integratedLufs)} LUFS integrated`,
    `LRA ${num(loudness.loudnessRangeLu)} LU`,
    `true peak ${num(loudness.truePeakDbtp)} dBTP`,
    `PLR ${num(loudness.peakToLoudnessRatioDb)} dB`,
    `max short-term ${num(loudness.maxShortTermLufs)} LUFS`,
  ].join(", ");
}

function dynamicsLine(mastering: Mastering): string {
  const { dynamicRange } = mastering;
  const dr = dynamicRange.drRounded === null ? "DR –" : `DR${dynamicRange.drRounded} (${num(dynamicRange.drDb)} dB)`;
  return `crest factor ${num(mastering.crestFactorDb)} dB, ${dr}`;
}

function stereoLine(mastering: Mastering): string {
  const { stereo } = mastering;
  if (stereo.source === "mono") return "mono (correlation 1, nothing lost when summed)";
  const spread = stereo.correlationPercentiles
    ? ` (p5 ${num(stereo.correlationPercentiles.p5, 2)} … p95 ${num(stereo.correlationPercentiles.p95, 2)})`
    : "";
  const source = stereo.source === "front-pair" ? " [front L/R]" : "";
  return `width ${num(stereo.width, 2)}, correlation ${num(stereo.correlation, 2)}${spread}, mono loss ${num(stereo.monoLossDb)} dB${source}`;
}

function levelsLine(mastering: Mastering): string {
  const { clipping, dcOffset } = mastering;
  const clipped = clipping.events > 0 ? `${clipping.events} clipped runs (${clipping.samples} samples)` : "no clipping";
  const dc = Math.abs(dcOffset) >= 0.001 ? `DC offset ${num(dcOffset, 4)}` : "no DC offset";
  return `${clipped}, ${dc}`;
}

function characterLine(mastering: Mastering): string {
  const { harmonicDistortion: thd, transients } = mastering;
  const distortion =
    thd.thdPercent === null
      ? "THD –"
      : `THD ≈ ${num(thd.thdPercent, 2)} % at ${num(thd.fundamentalHz, 0)} Hz (an upper bound on music)`;
  const attack = transients.attackTimeMs === null ? "" : `, attack ${num(transients.attackTimeMs)} ms`;
  return `${distortion}; ${num(transients.densityPerSecond)} transients/s${attack}`;
}

function bandTable(mastering: Mastering, target: GenreTarget): string[] {
  const header = "band        Hz            share  target  RMS dBFS  peak  crest  width  corr";
  const rows = mastering.bands.map((band) => {
    const targetShare = (target.bandShares as Record<string, number>)[band.name];
    const cells = [
      band.name.padEnd(10),
      `${band.lowHz}–${band.highHz}`.padEnd(12),
      (band.energyShare === null ? "–" : `${(100 * band.energyShare).toFixed(1)}%`).padStart(6),
      (targetShare === undefined ? "–" : `${(100 * targetShare).toFixed(1)}%`).padStart(7),
      num(band.rmsDbfs).padStart(9),
      num(band.peakDbfs).padStart(5),
      num(band.crestFactorDb).padStart(6),
      num(band.width, 2).padStart(6),
      num(band.correlation, 2).padStart(5),
    ];
    return cells.join("  ");
  });
  return [header, ...rows];
}

const MARK: Record<Recommendation["severity"], string> = { major: "!!", minor: " !", ok: "ok", unknown: " ?" };

function findingLines(result: MasteringResult): string[] {
  const { overall, bands } = result.recommendations;
  return [...overall, ...bands]
    .filter((finding) => result.recommendations.level === "informative" || finding.severity !== "ok")
    .map((finding) => `${MARK[finding.severity]} ${finding.message}`);
}

/** One line per platform; an encoding risk that every platform shares is said once, last. */
function platformLines(result: MasteringResult): string[] {
  const { platforms } = result.recommendations;
  const shared = platforms.length > 0 && platforms.every((playback) => playback.clipRiskAfterEncoding === true);
  const lines = platforms.map((playback) => describePlayback(playback, !shared));
  if (shared) lines.push(`all: ${encodingClipRisk(platforms[0]!.encodingMarginDb)}`);
  return lines;
}

export function formatMastering(result: MasteringResult, label: string): string {
  const mastering = result.report.analyses.mastering!;
  const rows: [string, string | string[]][] = [
    ["target", targetLine(result.target)],
    ["loudness", loudnessLine(mastering)],
    ["dynamics", dynamicsLine(mastering)],
    ["stereo", stereoLine(mastering)],
    ["levels", levelsLine(mastering)],
    ["character", characterLine(mastering)],
    ["bands", bandTable(mastering, result.target)],
    ["findings", findingLines(result)],
    ["platforms", platformLines(result)],
    ["summary", result.recommendations.summary],
  ];
  const lines = [label];
  for (const [name, value] of rows) {
    const values = Array.isArray(value) ? value : [value];
    values.forEach((line, i) => {
      lines.push(`  ${(i === 0 ? name : "").padEnd(10)}${line}`);
    });
  }
  for (const note of mastering.notes) lines.push(`  ${"note".padEnd(10)}${note.message}`);
  return lines.join("\n");
}

/** `tonearm master --list-genres`: every built-in target, one line each. */
export function formatGenreList(): string {
  return [...GENRE_TARGETS, BALANCED_TARGET].map((target) => `${target.id.padEnd(18)}${targetLine(target)}`).join("\n");
}
