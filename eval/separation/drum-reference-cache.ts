/**
 * The drum references of a corpus split, rendered once and cached: `<root>/<split>-drums/<id>.wav`
 * (32-bit float stereo, the drum stem as it sits in the mix) and `<id>.json` (the checks of
 * render-drum-reference.py: MIDI and mixing choices match the song, the re-made mix equals the
 * corpus WAV sample for sample, and the reference against mix − other stems). A missing one is
 * rendered by running that script (Debian's python3; it runs fluidsynth with the corpus
 * generator's soundfont and settings, or on non-dev splits assembles the Hydrogen kit samples).
 */
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, readFile } from "node:fs/promises";
import { join } from "node:path";

export interface ReferenceChecks {
  readonly midi_matches_file: boolean;
  readonly gains_match_truth: boolean;
  readonly target_matches_truth: boolean;
  readonly mix_reproduced_exactly: boolean;
  readonly kit_matches_truth?: boolean;
}

export interface DrumReferenceStats {
  readonly id: string;
  readonly split: string;
  readonly samples: number;
  readonly drum_source: string;
  readonly soundfont: string;
  readonly checks: ReferenceChecks;
  readonly mix_max_abs_diff_lsb: number | null;
  readonly reference_vs_mix_minus_others: { readonly correlation: number; readonly snr_db: number };
  readonly drum_energy_share_of_mix: number;
  readonly drums_limited_fraction: number;
  readonly drum_channel_only_render_vs_reference?: {
    readonly correlation: number;
    readonly snr_db_after_same_mix_gains: number;
  };
}

export interface DrumReference {
  readonly wavPath: string;
  readonly stats: DrumReferenceStats;
  /** True when this call rendered it (false: from the cache). */
  readonly rendered: boolean;
}

const SCRIPT = join(import.meta.dirname, "render-drum-reference.py");
const PYTHON = process.env.TONEARM_PYTHON ?? "/usr/bin/python3";

export async function ensureDrumReference(
  splitDirectory: string,
  cacheDirectory: string,
  id: string,
): Promise<DrumReference> {
  const wavPath = join(cacheDirectory, `${id}.wav`);
  const statsPath = join(cacheDirectory, `${id}.json`);
  let rendered = false;
  if (!existsSync(wavPath) || !existsSync(statsPath)) {
    await mkdir(cacheDirectory, { recursive: true });
    await runRenderer(["--split-dir", splitDirectory, "--id", id, "--out", cacheDirectory]);
    rendered = true;
  }
  const stats = JSON.parse(await readFile(statsPath, "utf8")) as DrumReferenceStats;
  return { wavPath, stats, rendered };
}

function runRenderer(args: readonly string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(PYTHON, [SCRIPT, ...args], { maxBuffer: 16 << 20 }, (error, _stdout, stderr) => {
      if (error) {
        const detail = stderr.trim().split("\n").slice(-5).join("\n");
        reject(
          new Error(`render-drum-reference.py ${args.join(" ")} failed: ${detail || error.message}`, { cause: error }),
        );
        return;
      }
      resolve();
    });
  });
}

/** True when every check of the reference passed. */
export function referenceIsExact(stats: DrumReferenceStats): boolean {
  return Object.values(stats.checks).every((passed) => passed === true);
}
