/**
 * Compares tonearm's loudness meter with ffmpeg's ebur128 filter on every .wav under the given
 * folders (searched recursively; default ~/tonearm-corpus/dev, dev-long and loudness) and, for
 * files listed in a folder's expected.json (written by ../shared/corpus/gen_loudness.py), with
 * the EBU expectations. Prints markdown tables and the largest differences.
 *
 *   npx tsx scripts/loudness-vs-ffmpeg.ts [--ffmpeg PATH] [FOLDER …]
 *
 * ffmpeg prints its summary to 0.1 LU / 0.1 dB, so differences of up to 0.05 are rounding.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { homedir } from "node:os";
import { basename, dirname, join, relative } from "node:path";
import { measureLoudness } from "../src/core/loudness/index.js";
import { decodeAudio } from "../src/index.js";

interface Figures {
  readonly integratedLufs: number | null;
  readonly rangeLu: number | null;
  readonly truePeakDbtp: number | null;
}

interface Row {
  readonly file: string;
  readonly tonearm: Figures;
  readonly ffmpeg: Figures;
  /** Audio seconds per CPU second of tonearm's meter (decoding excluded). */
  readonly speed: number;
}

/** What gen_loudness.py records per file in expected.json. */
interface ExpectedEntry {
  readonly file: string;
  readonly source: string;
  readonly expected: Record<string, number>;
  readonly tolerance: Record<string, number | [number, number]>;
}

const DEFAULT_FOLDERS = ["dev", "dev-long", "loudness"].map((name) => join(homedir(), "tonearm-corpus", name));

function parseArguments(argv: readonly string[]): { folders: string[]; ffmpeg: string } {
  const folders: string[] = [];
  let ffmpeg = "ffmpeg";
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--ffmpeg") ffmpeg = argv[++i] ?? ffmpeg;
    else folders.push(argv[i]!);
  }
  return { folders: folders.length > 0 ? folders : DEFAULT_FOLDERS, ffmpeg };
}

function wavFiles(folder: string): string[] {
  if (!existsSync(folder)) return [];
  const out: string[] = [];
  for (const name of readdirSync(folder).sort()) {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) out.push(...wavFiles(path));
    else if (name.toLowerCase().endsWith(".wav")) out.push(path);
  }
  return out;
}

/** Integrated loudness, LRA and true peak from the Summary of `ffmpeg … -filter_complex ebur128=peak=true`. */
function ffmpegFigures(ffmpeg: string, file: string): Figures {
  const run = spawnSync(
    ffmpeg,
    ["-hide_banner", "-nostats", "-i", file, "-filter_complex", "ebur128=peak=true", "-f", "null", "-"],
    { encoding: "utf8", maxBuffer: 1 << 30 },
  );
  const log = run.stderr ?? "";
  const summary = log.slice(log.lastIndexOf("Summary:"));
  if (run.status !== 0 || !log.includes("Summary:")) {
    throw new Error(`ffmpeg failed on ${file}: ${log.slice(-500)}`, { cause: run.error });
  }
  const grab = (pattern: RegExp): number | null => {
    const match = pattern.exec(summary);
    if (!match || match[1] === "-inf") return null;
    return Number(match[1]);
  };
  return {
    integratedLufs: grab(/I:\s*(-?[\d.]+|-inf) LUFS/),
    rangeLu: grab(/LRA:\s*(-?[\d.]+) LU/),
    truePeakDbtp: grab(/Peak:\s*(-?[\d.]+|-inf) dBFS/),
  };
}

async function tonearmFigures(file: string): Promise<{ figures: Figures; speed: number }> {
  const { audio } = await decodeAudio(file);
  const started = process.cpuUsage();
  const result = measureLoudness(audio);
  const cpu = process.cpuUsage(started);
  const seconds = (audio.channels[0]?.length ?? 0) / audio.sampleRate;
  return {
    figures: {
      integratedLufs: result.integratedLufs,
      rangeLu: result.loudnessRangeLu,
      truePeakDbtp: result.truePeakDbtp,
    },
    speed: seconds / ((cpu.user + cpu.system) / 1e6),
  };
}

const format = (value: number | null, digits = 2): string => (value === null ? "—" : value.toFixed(digits));

/** |a − b|, or null when either is missing. ffmpeg reports 0 LU of range where tonearm has none (null). */
function difference(ours: number | null, theirs: number | null): number | null {
  return ours === null || theirs === null ? null : Math.abs(ours - theirs);
}

function comparisonTable(rows: readonly Row[]): string[] {
  const lines = [
    "| file | tonearm I | ffmpeg I | diff | tonearm LRA | ffmpeg LRA | tonearm TP | ffmpeg TP | speed |",
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
  ];
  for (const { file, tonearm, ffmpeg, speed } of rows) {
    const integratedDifference = difference(tonearm.integratedLufs, ffmpeg.integratedLufs);
    lines.push(
      `| ${file} | ${format(tonearm.integratedLufs)} | ${format(ffmpeg.integratedLufs, 1)} | ${format(integratedDifference)} ` +
        `| ${format(tonearm.rangeLu)} | ${format(ffmpeg.rangeLu, 1)} | ${format(tonearm.truePeakDbtp)} ` +
        `| ${format(ffmpeg.truePeakDbtp, 1)} | ${Math.round(speed)}× |`,
    );
  }
  return lines;
}

function largest(rows: readonly Row[], key: keyof Figures): { value: number; file: string } {
  let best = { value: 0, file: "—" };
  for (const row of rows) {
    const value = difference(row.tonearm[key], row.ffmpeg[key]);
    if (value !== null && value > best.value) best = { value, file: row.file };
  }
  return best;
}

const EXPECTED_KEYS: Record<string, keyof Figures> = {
  integrated_lufs: "integratedLufs",
  lra: "rangeLu",
  true_peak_dbtp: "truePeakDbtp",
};

/** Rows checking tonearm against expected.json's EBU values for the files of one folder. */
function expectationTable(expectedPath: string, rows: ReadonlyMap<string, Row>): { lines: string[]; misses: number } {
  const entries = (JSON.parse(readFileSync(expectedPath, "utf8")) as { files: ExpectedEntry[] }).files;
  const lines = [
    "| file | source | quantity | expected | tolerance | tonearm | within |",
    "| --- | --- | --- | ---: | --- | ---: | --- |",
  ];
  let misses = 0;
  for (const entry of entries) {
    const row = rows.get(join(dirname(expectedPath), entry.file));
    if (!row) continue;
    for (const [quantity, expected] of Object.entries(entry.expected)) {
      const key = EXPECTED_KEYS[quantity];
      if (!key) continue;
      const tolerance = entry.tolerance[quantity] ?? 0;
      const [low, high] = Array.isArray(tolerance) ? tolerance : [-tolerance, tolerance];
      const measured = row.tonearm[key];
      const within = measured !== null && measured >= expected + low - 1e-9 && measured <= expected + high + 1e-9;
      if (!within) misses++;
      lines.push(
        `| ${entry.file} | ${entry.source} | ${quantity} | ${expected} | [${low}, +${high}] | ${format(measured, 3)} | ${within ? "yes" : "**no**"} |`,
      );
    }
  }
  return { lines, misses };
}

async function main(): Promise<void> {
  const { folders, ffmpeg } = parseArguments(process.argv.slice(2));
  const rows = new Map<string, Row>();
  for (const folder of folders) {
    for (const path of wavFiles(folder)) {
      const { figures, speed } = await tonearmFigures(path);
      rows.set(path, {
        file: relative(dirname(folder), path),
        tonearm: figures,
        ffmpeg: ffmpegFigures(ffmpeg, path),
        speed,
      });
      process.stderr.write(`measured ${basename(path)}\n`);
    }
  }
  const all = [...rows.values()];
  console.log(comparisonTable(all).join("\n"));
  const integrated = largest(all, "integratedLufs");
  const range = largest(all, "rangeLu");
  const truePeak = largest(all, "truePeakDbtp");
  const misses = all.filter((row) => (difference(row.tonearm.integratedLufs, row.ffmpeg.integratedLufs) ?? 0) > 0.1);
  const nullMismatch = all.filter(
    (row) => (row.tonearm.integratedLufs === null) !== (row.ffmpeg.integratedLufs === null),
  );
  const speeds = all.map((row) => row.speed).sort((a, b) => a - b);
  console.log(`\n${all.length} files.`);
  console.log(`max |ΔI|   = ${integrated.value.toFixed(3)} LU (${integrated.file})`);
  console.log(`max |ΔLRA| = ${range.value.toFixed(3)} LU (${range.file})`);
  console.log(`max |ΔTP|  = ${truePeak.value.toFixed(3)} dB (${truePeak.file})`);
  console.log(`|ΔI| > 0.1 LU: ${misses.length === 0 ? "none" : misses.map((row) => row.file).join(", ")}`);
  if (nullMismatch.length > 0)
    console.log(`I null on one side only: ${nullMismatch.map((row) => row.file).join(", ")}`);
  if (speeds.length > 0)
    console.log(`meter speed: median ${Math.round(speeds[speeds.length >> 1]!)}× real time (CPU, decoding excluded)`);
  for (const folder of folders) {
    const expectedPath = join(folder, "expected.json");
    if (!existsSync(expectedPath)) continue;
    const { lines, misses: expectationMisses } = expectationTable(expectedPath, rows);
    console.log(`\n## ${relative(dirname(folder), expectedPath)}: EBU expectations\n`);
    console.log(lines.join("\n"));
    console.log(`\n${expectationMisses === 0 ? "all within tolerance" : `${expectationMisses} outside tolerance`}`);
  }
}

await main();
