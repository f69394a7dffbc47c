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
import { SourceCredentialsConfigSchema } from "../library/sources/credentials.js";
import { GENRE_SOURCE_NAMES } from "../library/sources/genre-source.js";

/** The music library's settings (`tonearm library …`); every field has its default. */
export const LibraryConfigSchema = z
  .object({
    sources: SourceCredentialsConfigSchema.default({}),
    services: z
      .array(z.enum(GENRE_SOURCE_NAMES))
      .default([...GENRE_SOURCE_NAMES])
      .describe("online genre sources to ask, in order; env TONEARM_LIBRARY_SOURCES, comma-separated"),
    genreRulesFile: z
      .string()
      .nullable()
      .default(null)
      .describe("a JSON file of your own genre aliases, parents and ignored tags; env TONEARM_GENRE_RULES"),
    sourceWeights: z
      .record(z.string(), z.number().min(0).max(10))
      .default({})
      .describe(
        "vote weight per source, over the defaults (spotify 1, musicbrainz 0.85, discogs 0.8, deezer 0.75, lastfm 0.7)",
      ),
    serviceUrls: z
      .object({
        musicbrainz: z.string().url(),
        lastfm: z.string().url(),
        discogs: z.string().url(),
        deezer: z.string().url(),
        spotify: z.string().url(),
        spotifyAccounts: z.string().url(),
      })
      .partial()
      .strict()
      .default({})
      .describe("other base URLs for the online sources (a MusicBrainz mirror, a proxy); default: the services' own"),
    requestsPerSecond: z
      .object({
        musicbrainz: z.number().positive(),
        lastfm: z.number().positive(),
        discogs: z.number().positive(),
        deezer: z.number().positive(),
        spotify: z.number().positive(),
      })
      .partial()
      .strict()
      .default({})
      .describe("request rate per source over the services' published limits (e.g. a local MusicBrainz mirror)"),
    autoApplyConfidence: z
      .number()
      .min(0)
      .max(100)
      .default(95)
      .describe("suggestions at or above this confidence are approved without review"),
    maxGenres: z.number().int().min(1).max(10).default(3).describe("most genres proposed per album"),
    genreSeparator: z.string().min(1).default("; ").describe('between genres in one tag value: "Rock; Indie Rock"'),
    genreValues: z
      .enum(["joined", "multiple"])
      .default("joined")
      .describe("joined: one tag value with the separator; multiple: one value per genre (ID3v2.4, Vorbis, MP4)"),
  })
  .strict();

export type LibraryConfig = z.infer<typeof LibraryConfigSchema>;

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
    databaseUrl: z
      .string()
      .nullable()
      .describe("PostgreSQL connection URL; null = SQLite at <home>/tonearm.db; env TONEARM_DATABASE_URL"),
    redisUrl: z
      .string()
      .nullable()
      .describe(
        "Redis URL: jobs go through BullMQ to `tonearm worker` processes; null = in-process; env TONEARM_REDIS_URL",
      ),
    dataDir: z
      .string()
      .nullable()
      .describe(
        "uploads and artifacts (shared by all workers when scaled out); null = <home>/data; env TONEARM_DATA_DIR",
      ),
    host: z.string().describe("address the server binds; anything but loopback requires API keys; env TONEARM_HOST"),
    port: z.number().int().min(0).max(65535).describe("server port; env TONEARM_PORT"),
    apiKeys: z
      .array(z.string().min(16))
      .describe("accepted API keys (Authorization: Bearer or X-API-Key); env TONEARM_API_KEYS, comma-separated"),
    corsOrigins: z
      .array(z.string())
      .describe("origins allowed by CORS; empty = none; env TONEARM_CORS_ORIGINS, comma-separated"),
    rateLimitPerMinute: z
      .number()
      .int()
      .positive()
      .describe("requests per minute per API key or IP; env TONEARM_RATE_LIMIT"),
    maxUploadBytes: z
      .number()
      .int()
      .positive()
      .describe("larger uploads are refused with 413; env TONEARM_MAX_UPLOAD_BYTES"),
    allowedRoots: z
      .array(z.string())
      .describe(
        "directories whose files the API may analyse by path; empty = none; env TONEARM_ALLOWED_ROOTS, colon-separated",
      ),
    retentionDays: z
      .number()
      .positive()
      .describe("uploaded audio and artifacts older than this are removed (reports stay); env TONEARM_RETENTION_DAYS"),
    jobTimeoutSeconds: z
      .number()
      .positive()
      .describe("a job running longer fails with TIMEOUT; env TONEARM_JOB_TIMEOUT"),
    jobMaxAttempts: z
      .number()
      .int()
      .positive()
      .describe("attempts for a job interrupted by a crash or restart before it fails; env TONEARM_JOB_ATTEMPTS"),
    logFile: z
      .string()
      .nullable()
      .describe("server log file (JSON lines, rotated daily); null = stdout; env TONEARM_LOG_FILE"),
    library: LibraryConfigSchema.describe("the music library: online sources, genre rules, voting, tag format"),
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
    databaseUrl: null,
    redisUrl: null,
    dataDir: null,
    host: "127.0.0.1",
    port: 8000,
    apiKeys: [],
    corsOrigins: [],
    rateLimitPerMinute: 600,
    maxUploadBytes: 100 * 1024 * 1024,
    allowedRoots: [],
    retentionDays: 30,
    jobTimeoutSeconds: 15 * 60,
    jobMaxAttempts: 3,
    logFile: null,
    library: LibraryConfigSchema.parse({}),
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

function listFromEnv(value: string | undefined, separator: string): string[] | undefined {
  if (value === undefined || value.trim() === "") return undefined;
  return value
    .split(separator)
    .map((item) => item.trim())
    .filter((item) => item !== "");
}

function fromEnv(env: NodeJS.ProcessEnv): Partial<Record<keyof TonearmConfig, unknown>> {
  const values: Partial<Record<keyof TonearmConfig, unknown>> = {
    home: env.TONEARM_HOME || undefined,
    decoder: env.TONEARM_DECODER || undefined,
    ffmpegPath: env.TONEARM_FFMPEG || undefined,
    maxDurationSeconds: numberFromEnv("TONEARM_MAX_DURATION", env.TONEARM_MAX_DURATION),
    jobs: numberFromEnv("TONEARM_JOBS", env.TONEARM_JOBS),
    corpusDir: env.TONEARM_CORPUS || undefined,
    databaseUrl: env.TONEARM_DATABASE_URL || undefined,
    redisUrl: env.TONEARM_REDIS_URL || undefined,
    dataDir: env.TONEARM_DATA_DIR || undefined,
    host: env.TONEARM_HOST || undefined,
    port: numberFromEnv("TONEARM_PORT", env.TONEARM_PORT),
    apiKeys: listFromEnv(env.TONEARM_API_KEYS, ","),
    corsOrigins: listFromEnv(env.TONEARM_CORS_ORIGINS, ","),
    rateLimitPerMinute: numberFromEnv("TONEARM_RATE_LIMIT", env.TONEARM_RATE_LIMIT),
    maxUploadBytes: numberFromEnv("TONEARM_MAX_UPLOAD_BYTES", env.TONEARM_MAX_UPLOAD_BYTES),
    allowedRoots: listFromEnv(env.TONEARM_ALLOWED_ROOTS, ":"),
    retentionDays: numberFromEnv("TONEARM_RETENTION_DAYS", env.TONEARM_RETENTION_DAYS),
    jobTimeoutSeconds: numberFromEnv("TONEARM_JOB_TIMEOUT", env.TONEARM_JOB_TIMEOUT),
    jobMaxAttempts: numberFromEnv("TONEARM_JOB_ATTEMPTS", env.TONEARM_JOB_ATTEMPTS),
    logFile: env.TONEARM_LOG_FILE || undefined,
  };
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined));
}

/** The library block's environment variables, over the block from defaults and the file. */
function libraryFromEnv(library: unknown, env: NodeJS.ProcessEnv): unknown {
  const services = listFromEnv(env.TONEARM_LIBRARY_SOURCES, ",");
  const genreRulesFile = env.TONEARM_GENRE_RULES || undefined;
  if (services === undefined && genreRulesFile === undefined) return library;
  const block = typeof library === "object" && library !== null ? library : {};
  return {
    ...block,
    ...(services === undefined ? {} : { services }),
    ...(genreRulesFile === undefined ? {} : { genreRulesFile }),
  };
}

/** Defaults ← config file ← environment ← `overrides` (the shell's flags), validated and frozen. */
export function loadConfig(overrides: Partial<TonearmConfig> = {}, sources: ConfigSources = {}): TonearmConfig {
  const file = configFilePath(sources);
  const env = sources.env ?? process.env;
  const merged = {
    ...defaultConfig(sources),
    ...(file === undefined ? {} : readConfigFile(file)),
    ...fromEnv(env),
    ...Object.fromEntries(Object.entries(overrides).filter(([, value]) => value !== undefined)),
  };
  merged.library = libraryFromEnv(merged.library, env) as LibraryConfig;
  const result = ConfigSchema.safeParse(merged);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw new TonearmError("INVALID_OPTION", `configuration: ${issue.path.join(".")}: ${issue.message}`);
  }
  return Object.freeze(result.data);
}

/** The database file used when no PostgreSQL URL is configured. */
export function sqliteFile(config: TonearmConfig): string {
  return join(config.home, "tonearm.db");
}

/** Where uploads and artifacts live. */
export function dataDirectory(config: TonearmConfig): string {
  return config.dataDir ?? join(config.home, "data");
}

/** True when the server binds only the loopback interface (no API key needed). */
export function bindsLoopbackOnly(config: TonearmConfig): boolean {
  return config.host === "127.0.0.1" || config.host === "::1" || config.host === "localhost";
}
