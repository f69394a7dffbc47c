/**
 * Finds the ffmpeg binary used for decoding, once per process (per setting).
 * Order in `auto` mode: the path in TONEARM_FFMPEG, then `ffmpeg` on PATH, then the
 * static build shipped in the npm package @ffmpeg-installer/ffmpeg (a 2018 GPL
 * build). TONEARM_DECODER=auto|system|bundled forces a choice: `system` means
 * TONEARM_FFMPEG or PATH only, `bundled` the npm binary only. Each candidate must
 * answer `ffmpeg -version`; its configuration line tells whether libsoxr is built in.
 * Running `-version` costs about 0.1 s (the dynamic linker loads ffmpeg's libraries), a
 * tenth of a 3-minute analysis, so its answer is remembered on disk per binary, keyed by
 * the file's identity (device, inode, size, modification time): an upgrade re-asks.
 */
import { execFile } from "node:child_process";
import { constants } from "node:fs";
import { access, mkdir, readFile, rename, stat, writeFile } from "node:fs/promises";
import { homedir } from "node:os";
import { delimiter, dirname, join } from "node:path";
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
  /**
   * JSON file remembering each binary's `-version` answer; null: ask every process.
   * Default: cache/ffmpeg-builds.json in tonearm's home ($TONEARM_HOME, else ~/.tonearm).
   */
  readonly buildCache?: string | null;
}

const PREFERENCES: readonly DecoderPreference[] = ["auto", "system", "bundled"];
const cache = new Map<string, Promise<FfmpegLocation>>();

/** Forgets cached answers (tests that change the environment call this). */
export function clearFfmpegCache(): void {
  cache.clear();
}

type Build = { version: string; hasSoxr: boolean };

/** Runs `binary -version` and reads the version and soxr support; rejects if it does not run. */
function queryVersion(binary: string): Promise<Build> {
  return new Promise((resolve, reject) => {
    execFile(binary, ["-hide_banner", "-version"], { timeout: 15_000, maxBuffer: 1 << 20 }, (error, stdout) => {
      if (error) {
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

function defaultBuildCache(): string {
  return join(process.env.TONEARM_HOME || join(homedir(), ".tonearm"), "cache", "ffmpeg-builds.json");
}

/**
 * `queryVersion` remembered in `cacheFile` under the binary's identity. The cache is only a
 * shortcut: an unreadable or corrupt file is ignored and rewritten, a failed write is ignored.
 */
async function identifyBuild(binary: string, cacheFile: string | null): Promise<Build> {
  if (cacheFile === null) return queryVersion(binary);
  const info = await stat(binary);
  const identity = [info.dev, info.ino, info.size, info.mtimeMs, info.ctimeMs].join(":");
  const entries = await readBuildCache(cacheFile);
  const known = entries[binary];
  if (known?.identity === identity && typeof known.version === "string" && typeof known.hasSoxr === "boolean") {
    return { version: known.version, hasSoxr: known.hasSoxr };
  }
  const build = await queryVersion(binary);
  entries[binary] = { identity, ...build };
  await writeBuildCache(cacheFile, entries);
  return build;
}

type BuildCache = Record<string, { identity?: unknown; version?: unknown; hasSoxr?: unknown }>;

async function readBuildCache(cacheFile: string): Promise<BuildCache> {
  try {
    const parsed: unknown = JSON.parse(await readFile(cacheFile, "utf8"));
    return parsed !== null && typeof parsed === "object" && !Array.isArray(parsed) ? (parsed as BuildCache) : {};
  } catch {
    return {};
  }
}

async function writeBuildCache(cacheFile: string, entries: BuildCache): Promise<void> {
  // Written whole to a private name, then renamed: a concurrent reader sees the old or the new file.
  const partial = `${cacheFile}.${process.pid}.partial`;
  try {
    await mkdir(dirname(cacheFile), { recursive: true });
    await writeFile(partial, `${JSON.stringify(entries, null, 1)}\n`);
    await rename(partial, cacheFile);
  } catch {
    // A read-only home only costs the next process one `-version` run.
  }
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

async function fromPath(path: string, source: "env" | "explicit", cacheFile: string | null): Promise<FfmpegLocation> {
  const origin = source === "env" ? `TONEARM_FFMPEG is set to ${path}` : `the ffmpeg path ${path}`;
  const fix = source === "env" ? "fix or unset TONEARM_FFMPEG" : "pass the path of a working ffmpeg";
  if (!(await isExecutableFile(path))) throw missing(`${origin}, which is not an executable file; ${fix}`);
  try {
    return { path, source, ...(await identifyBuild(path, cacheFile)) };
  } catch (error) {
    throw missing(`${origin}, which does not run as ffmpeg (${describe(error)}); ${fix}`, error);
  }
}

async function fromSystem(pathVariable: string | undefined, cacheFile: string | null): Promise<FfmpegLocation> {
  const found = await findOnPath(pathVariable);
  if (found === null) {
    throw missing("no ffmpeg on PATH: install it (e.g. `apt install ffmpeg`) or set TONEARM_FFMPEG to its path");
  }
  try {
    return { path: found, source: "system", ...(await identifyBuild(found, cacheFile)) };
  } catch (error) {
    throw missing(`the ffmpeg at ${found} does not run (${describe(error)}); reinstall it`, error);
  }
}

async function fromBundle(cacheFile: string | null): Promise<FfmpegLocation> {
  let path: string;
  try {
    path = await bundledPath();
  } catch (error) {
    throw missing(`the bundled ffmpeg (@ffmpeg-installer/ffmpeg) is not available: ${describe(error)}`, error);
  }
  try {
    return { path, source: "bundled", ...(await identifyBuild(path, cacheFile)) };
  } catch (error) {
    throw missing(`the bundled ffmpeg at ${path} does not run (${describe(error)})`, error);
  }
}

async function locate(
  preference: DecoderPreference,
  env: LocateFfmpegOptions["env"] & object,
  cacheFile: string | null,
): Promise<FfmpegLocation> {
  const variable = env.TONEARM_FFMPEG;
  if (preference === "bundled") return fromBundle(cacheFile);
  if (variable !== undefined && variable !== "") return fromPath(variable, "env", cacheFile);
  if (preference === "system") return fromSystem(env.PATH, cacheFile);
  try {
    return await fromSystem(env.PATH, cacheFile);
  } catch (systemError) {
    try {
      return await fromBundle(cacheFile);
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
  const cacheFile = options.buildCache === undefined ? defaultBuildCache() : options.buildCache;
  if (options.path !== undefined) {
    return cached(`explicit\0${options.path}\0${cacheFile}`, () => fromPath(options.path!, "explicit", cacheFile));
  }
  const env = options.env ?? process.env;
  const preference = options.preference ?? decoderPreference(env);
  const key = [preference, env.TONEARM_FFMPEG ?? "", env.PATH ?? "", cacheFile].join("\0");
  return cached(key, () => locate(preference, env, cacheFile));
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
