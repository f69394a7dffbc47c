import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { bindsLoopbackOnly, dataDirectory, loadConfig, sqliteFile } from "./load-config.js";

function sandbox() {
  const root = mkdtempSync(join(tmpdir(), "tonearm-config-"));
  const home = join(root, "home");
  const cwd = join(root, "project");
  mkdirSync(join(home, ".tonearm"), { recursive: true });
  mkdirSync(cwd);
  return { home, cwd };
}

describe("loadConfig", () => {
  it("falls back to defaults under the user's home", () => {
    const { home, cwd } = sandbox();
    const config = loadConfig({}, { env: {}, home, cwd });
    expect(config.home).toBe(join(home, ".tonearm"));
    expect(config.decoder).toBe("auto");
    expect(config.maxDurationSeconds).toBe(7200);
    expect(Object.isFrozen(config)).toBe(true);
  });

  it("layers file < environment < flags", () => {
    const { home, cwd } = sandbox();
    writeFileSync(join(home, ".tonearm", "config.json"), JSON.stringify({ jobs: 3, maxDurationSeconds: 60 }));
    const env = { TONEARM_MAX_DURATION: "120", TONEARM_DECODER: "bundled" };
    const config = loadConfig({ jobs: 1 }, { env, home, cwd });
    expect(config).toMatchObject({ jobs: 1, maxDurationSeconds: 120, decoder: "bundled" });
  });

  it("prefers ./tonearm.config.json over the home file", () => {
    const { home, cwd } = sandbox();
    writeFileSync(join(home, ".tonearm", "config.json"), JSON.stringify({ jobs: 3 }));
    writeFileSync(join(cwd, "tonearm.config.json"), JSON.stringify({ jobs: 5 }));
    expect(loadConfig({}, { env: {}, home, cwd }).jobs).toBe(5);
  });

  it("names the file and field of a bad setting", () => {
    const { home, cwd } = sandbox();
    writeFileSync(join(cwd, "tonearm.config.json"), JSON.stringify({ decoder: "gstreamer" }));
    expect(() => loadConfig({}, { env: {}, home, cwd })).toThrow(/tonearm\.config\.json: decoder/);
    writeFileSync(join(cwd, "tonearm.config.json"), "{ not json");
    expect(() => loadConfig({}, { env: {}, home, cwd })).toThrow(/not valid JSON/);
    writeFileSync(join(cwd, "tonearm.config.json"), JSON.stringify({ colour: "blue" }));
    expect(() => loadConfig({}, { env: {}, home, cwd })).toThrow(/colour|Unrecognized/);
  });

  it("fills the library block's defaults around a partial one from the file, then applies its environment", () => {
    const { home, cwd } = sandbox();
    expect(loadConfig({}, { env: {}, home, cwd }).library).toMatchObject({
      services: ["musicbrainz", "lastfm", "discogs", "deezer", "spotify"],
      genreSeparator: "; ",
      autoApplyConfidence: 95,
    });
    writeFileSync(
      join(cwd, "tonearm.config.json"),
      JSON.stringify({ library: { sources: { lastfm: { apiKey: "k" } }, maxGenres: 2, services: ["lastfm"] } }),
    );
    const env = { TONEARM_LIBRARY_SOURCES: "musicbrainz,deezer", TONEARM_GENRE_RULES: "/etc/genres.json" };
    expect(loadConfig({}, { env, home, cwd }).library).toMatchObject({
      sources: { lastfm: { apiKey: "k" } },
      maxGenres: 2,
      services: ["musicbrainz", "deezer"],
      genreRulesFile: "/etc/genres.json",
      genreValues: "joined",
    });
    expect(() => loadConfig({}, { env: { TONEARM_LIBRARY_SOURCES: "napster" }, home, cwd })).toThrow(
      /library\.services/,
    );
  });

  it("rejects a non-numeric environment value and a missing TONEARM_CONFIG file", () => {
    const { home, cwd } = sandbox();
    expect(() => loadConfig({}, { env: { TONEARM_JOBS: "many" }, home, cwd })).toThrow(/TONEARM_JOBS must be a number/);
    expect(() => loadConfig({}, { env: { TONEARM_CONFIG: "nope.json" }, home, cwd })).toThrow(/does not exist/);
  });

  it("reads the service settings from the environment, splitting lists", () => {
    const { home, cwd } = sandbox();
    const env = {
      TONEARM_DATABASE_URL: "postgres://127.0.0.1/test",
      TONEARM_API_KEYS: "0123456789abcdef0123, fedcba9876543210fedc",
      TONEARM_ALLOWED_ROOTS: "/srv/music:/mnt/audio",
      TONEARM_PORT: "9000",
    };
    const config = loadConfig({}, { env, home, cwd });
    expect(config.databaseUrl).toBe("postgres://127.0.0.1/test");
    expect(config.apiKeys).toEqual(["0123456789abcdef0123", "fedcba9876543210fedc"]);
    expect(config.allowedRoots).toEqual(["/srv/music", "/mnt/audio"]);
    expect(config.port).toBe(9000);
    expect(sqliteFile(config)).toBe(join(home, ".tonearm", "tonearm.db"));
    expect(dataDirectory(config)).toBe(join(home, ".tonearm", "data"));
    expect(bindsLoopbackOnly(config)).toBe(true);
    expect(() => loadConfig({}, { env: { TONEARM_API_KEYS: "short" }, home, cwd })).toThrow(/apiKeys/);
  });
});
