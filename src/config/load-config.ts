/**
 * tonearm's configuration, read once per shell (CLI command, server), validated and
 * frozen, then passed explicitly. Precedence, highest first: command-line flags (applied
 * by the shell), environment variables, the config file, defaults.
 *
 * Config file: $TONEARM_CONFIG, else ./tonearm.config.json, else ~/.tonearm/config.json
 * (the first that exists). A file named by TONEARM_CONFIG must exist.
 */
import { existsSync, readFileSync } from "node:fs";
import { availableParallelism, homedir } from "node:os";
import { join, resolve } from "node:path";
import { z } from "zod";
import { TonearmError } from "../analysis/errors.js";

export const ConfigSchema = z
  .object({
    home: z
      .string()
      .describe("tonearm's data directory (database, uploads, reference catalogue, caches); env TONEARM_HOME"),
    decoder: z
      .enum(["auto", "system", "bundled"])
      .describe("which ffmpeg decodes: the system's, the one npm installed, or auto; env TONEARM_DECODER"),
    ffmpegPath: z.string().nullable().describe("explicit ffmpeg binary; env TONEARM_FFMPEG"),
    maxDurationSeconds: z.number().positive().describe("longer files are refused (TOO_LONG); env TONEARM_MAX_DURATION"),
    jobs: z.number().int().positive().describe("files analysed in parallel; env TONEARM_JOBS"),
    sampleRate: z.number().int().positive().nullable().describe("analysis sample rate; null = each file's own"),
    corpusDir: z.string().describe("the rendered development corpus for npm run eval; env TONEARM_CORPUS"),
  })
  .strict();

export type TonearmConfig = Readonly<z.infer<typeof ConfigSchema>>;

/** What a config file may set: any subset. */
const ConfigFileSchema = ConfigSchema.partial();

export interface ConfigSources {
  readonly env?: NodeJS.ProcessEnv;
  readonly cwd?: string;
  readonly home?: string;
}

export function defaultConfig(sources: ConfigSources = {}): TonearmConfig {
  const home = sources.home ?? homedir();
  return {
    home: join(home, ".tonearm"),
    decoder: "auto",
    ffmpegPath: null,
    // Every default analysis together keeps about 7 MB per minute of audio (a 60-minute MP3
    // peaks at about 520 MB), so 2 hours stays near 1 GB; longer files get a clear TOO_LONG.
    maxDurationSeconds: 2 * 3600,
    jobs: Math.max(1, availableParallelism()),
    sampleRate: null,
    corpusDir: join(home, "tonearm-corpus"),
  };
}

function configFilePath(sources: ConfigSources): string | undefined {
  const env = sources.env ?? process.env;
  if (env.TONEARM_CONFIG) {
    const named = resolve(sources.cwd ?? process.cwd(), env.TONEARM_CONFIG);
    if (!existsSync(named)) {
      throw new TonearmError("INVALID_OPTION", `TONEARM_CONFIG names ${named}, which does not exist`);
    }
    return named;
  }
  const candidates = [
    join(sources.cwd ?? process.cwd(), "tonearm.config.json"),
    join(sources.home ?? homedir(), ".tonearm", "config.json"),
  ];
  return candidates.find((candidate) => existsSync(candidate));
}

function readConfigFile(path: string): Partial<TonearmConfig> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, "utf8"));
  } catch (cause) {
    throw new TonearmError("INVALID_OPTION", `config file ${path} is not valid JSON`, { path, cause });
  }
  const result = ConfigFileSchema.safeParse(parsed);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw new TonearmError(
      "INVALID_OPTION",
      `config file ${path}: ${issue.path.join(".") || "(root)"}: ${issue.message}`,
      { path },
    );
  }
  return result.data;
}

function numberFromEnv(name: string, value: string | undefined): number | undefined {
  if (value === undefined || value === "") return undefined;
  const number = Number(value);
  if (!Number.isFinite(number)) throw new TonearmError("INVALID_OPTION", `${name} must be a number, got "${value}"`);
  return number;
}

function fromEnv(env: NodeJS.ProcessEnv): Partial<Record<keyof TonearmConfig, unknown>> {
  const values: Partial<Record<keyof TonearmConfig, unknown>> = {
    home: env.TONEARM_HOME || undefined,
    decoder: env.TONEARM_DECODER || undefined,
    ffmpegPath: env.TONEARM_FFMPEG || undefined,
    maxDurationSeconds: numberFromEnv("TONEARM_MAX_DURATION", env.TONEARM_MAX_DURATION),
    jobs: numberFromEnv("TONEARM_JOBS", env.TONEARM_JOBS),
    corpusDir: env.TONEARM_CORPUS || undefined,
  };
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined));
}

/** Defaults ← config file ← environment ← `overrides` (the shell's flags), validated and frozen. */
export function loadConfig(overrides: Partial<TonearmConfig> = {}, sources: ConfigSources = {}): TonearmConfig {
  const file = configFilePath(sources);
  const merged = {
    ...defaultConfig(sources),
    ...(file === undefined ? {} : readConfigFile(file)),
    ...fromEnv(sources.env ?? process.env),
    ...Object.fromEntries(Object.entries(overrides).filter(([, value]) => value !== undefined)),
  };
  const result = ConfigSchema.safeParse(merged);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw new TonearmError("INVALID_OPTION", `configuration: ${issue.path.join(".")}: ${issue.message}`);
  }
  return Object.freeze(result.data);
}
