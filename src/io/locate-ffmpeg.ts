/**
 * Finds the ffmpeg binary used for decoding, once per process (per setting).
 * Order in `auto` mode: the path in TONEARM_FFMPEG, then `ffmpeg` on PATH, then the
 * static build shipped in the npm package @ffmpeg-installer/ffmpeg (a 2018 GPL
 * build). TONEARM_DECODER=auto|system|bundled forces a choice: `system` means
 * TONEARM_FFMPEG or PATH only, `bundled` the npm binary only. Each candidate must
 * answer `ffmpeg -version`; its configuration line tells whether libsoxr is built in.
 */
import { execFile } from "node:child_process";
import { constants } from "node:fs";
import { access, stat } from "node:fs/promises";
import { delimiter, join } from "node:path";
import { TonearmError } from "../analysis/errors.js";

/** Where the binary came from ("explicit": a path the caller passed in). */
export type DecoderSource = "explicit" | "env" | "system" | "bundled";
/** Which binaries may be used (the TONEARM_DECODER setting). */
export type DecoderPreference = "auto" | "system" | "bundled";

/** A working ffmpeg binary. */
export interface FfmpegLocation {
  readonly path: string;
  readonly source: DecoderSource;
  /** As printed by `ffmpeg -version`, e.g. "5.1.9-0+deb12u1". */
  readonly version: string;
  /** True when the build has libsoxr, so `aresample=resampler=soxr` works. */
  readonly hasSoxr: boolean;
}

export interface LocateFfmpegOptions {
  /** Use this binary and nothing else (e.g. a --ffmpeg flag); overrides the settings below. */
  readonly path?: string;
  /** Overrides TONEARM_DECODER. */
  readonly preference?: DecoderPreference;
  /** Environment to read TONEARM_FFMPEG, TONEARM_DECODER and PATH from; defaults to process.env. */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

const PREFERENCES: readonly DecoderPreference[] = ["auto", "system", "bundled"];
const cache = new Map<string, Promise<FfmpegLocation>>();

/** Forgets cached answers (tests that change the environment call this). */
export function clearFfmpegCache(): void {
  cache.clear();
}

/** Runs `binary -version` and reads the version and soxr support; rejects if it does not run. */
function queryVersion(binary: string): Promise<{ version: string; hasSoxr: boolean }> {
  return new Promise((resolve, reject) => {
    execFile(binary, ["-hide_banner", "-version"], { timeout: 15_000, maxBuffer: 1 << 20 }, (error, stdout) => {
      if (error !== null) {
        reject(error);
        return;
      }
      const version = /ffmpeg version (\S+)/.exec(stdout)?.[1];
      if (version === undefined) {
        reject(new Error(`${binary} -version did not print an ffmpeg version`));
        return;
      }
      resolve({ version, hasSoxr: stdout.includes("--enable-libsoxr") });
    });
  });
}

async function isExecutableFile(path: string): Promise<boolean> {
  try {
    const stats = await stat(path);
    if (!stats.isFile()) return false;
    await access(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

async function findOnPath(pathVariable: string | undefined): Promise<string | null> {
  for (const dir of (pathVariable ?? "").split(delimiter)) {
    if (dir === "") continue;
    const candidate = join(dir, process.platform === "win32" ? "ffmpeg.exe" : "ffmpeg");
    if (await isExecutableFile(candidate)) return candidate;
  }
  return null;
}

async function bundledPath(): Promise<string> {
  // The package throws a string (not an Error) when its platform binary is absent.
  const installer = await import("@ffmpeg-installer/ffmpeg");
  return installer.default.path;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message.split("\n")[0]! : String(error);
}

function missing(message: string, cause?: unknown): TonearmError {
  return new TonearmError("DECODER_MISSING", message, cause === undefined ? {} : { cause });
}

async function fromPath(path: string, source: "env" | "explicit"): Promise<FfmpegLocation> {
  const origin = source === "env" ? `TONEARM_FFMPEG is set to ${path}` : `the ffmpeg path ${path}`;
  const fix = source === "env" ? "fix or unset TONEARM_FFMPEG" : "pass the path of a working ffmpeg";
  if (!(await isExecutableFile(path))) throw missing(`${origin}, which is not an executable file; ${fix}`);
  try {
    return { path, source, ...(await queryVersion(path)) };
  } catch (error) {
    throw missing(`${origin}, which does not run as ffmpeg (${describe(error)}); ${fix}`, error);
  }
}

async function fromSystem(pathVariable: string | undefined): Promise<FfmpegLocation> {
  const found = await findOnPath(pathVariable);
  if (found === null) {
    throw missing("no ffmpeg on PATH: install it (e.g. `apt install ffmpeg`) or set TONEARM_FFMPEG to its path");
  }
  try {
    return { path: found, source: "system", ...(await queryVersion(found)) };
  } catch (error) {
    throw missing(`the ffmpeg at ${found} does not run (${describe(error)}); reinstall it`, error);
  }
}

async function fromBundle(): Promise<FfmpegLocation> {
  let path: string;
  try {
    path = await bundledPath();
  } catch (error) {
    throw missing(`the bundled ffmpeg (@ffmpeg-installer/ffmpeg) is not available: ${describe(error)}`, error);
  }
  try {
    return { path, source: "bundled", ...(await queryVersion(path)) };
  } catch (error) {
    throw missing(`the bundled ffmpeg at ${path} does not run (${describe(error)})`, error);
  }
}

async function locate(
  preference: DecoderPreference,
  env: LocateFfmpegOptions["env"] & object,
): Promise<FfmpegLocation> {
  const variable = env.TONEARM_FFMPEG;
  if (preference === "bundled") return fromBundle();
  if (variable !== undefined && variable !== "") return fromPath(variable, "env");
  if (preference === "system") return fromSystem(env.PATH);
  try {
    return await fromSystem(env.PATH);
  } catch (systemError) {
    try {
      return await fromBundle();
    } catch (bundleError) {
      throw missing(
        "no working ffmpeg found: install it (e.g. `apt install ffmpeg`), set TONEARM_FFMPEG to its path, " +
          "or reinstall tonearm's dependencies (npm ci) to restore @ffmpeg-installer/ffmpeg",
        new AggregateError([systemError, bundleError]),
      );
    }
  }
}

/** Reads TONEARM_DECODER; throws INVALID_OPTION for anything but auto, system or bundled. */
export function decoderPreference(env: Readonly<Record<string, string | undefined>> = process.env): DecoderPreference {
  const value = (env.TONEARM_DECODER ?? "auto").trim().toLowerCase() || "auto";
  if ((PREFERENCES as readonly string[]).includes(value)) return value as DecoderPreference;
  throw new TonearmError("INVALID_OPTION", `TONEARM_DECODER must be auto, system or bundled, got "${value}"`);
}

/**
 * Returns a working ffmpeg, cached per process for each combination of setting,
 * TONEARM_FFMPEG and PATH. Throws DECODER_MISSING (with how to fix it) when none is
 * usable, or INVALID_OPTION for a bad TONEARM_DECODER.
 */
export async function locateFfmpeg(options: LocateFfmpegOptions = {}): Promise<FfmpegLocation> {
  if (options.path !== undefined) return cached(`explicit\0${options.path}`, () => fromPath(options.path!, "explicit"));
  const env = options.env ?? process.env;
  const preference = options.preference ?? decoderPreference(env);
  const key = [preference, env.TONEARM_FFMPEG ?? "", env.PATH ?? ""].join("\0");
  return cached(key, () => locate(preference, env));
}

function cached(key: string, find: () => Promise<FfmpegLocation>): Promise<FfmpegLocation> {
  let answer = cache.get(key);
  if (answer === undefined) {
    answer = find();
    cache.set(key, answer);
    // A failure is not cached: the user may install ffmpeg and retry in the same process.
    answer.catch(() => cache.delete(key));
  }
  return answer;
}
