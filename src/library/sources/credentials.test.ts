import { describe, expect, it } from "vitest";
import { DEFAULT_MUSICBRAINZ_CONTACT, resolveSourceCredentials, SourceCredentialsConfigSchema } from "./credentials.js";

describe("resolveSourceCredentials", () => {
  it("has only the default MusicBrainz contact when nothing is configured", () => {
    expect(resolveSourceCredentials({}, {})).toEqual({ musicbrainzContact: DEFAULT_MUSICBRAINZ_CONTACT });
  });

  it("takes the config block, with the environment winning and blank variables ignored", () => {
    const config = SourceCredentialsConfigSchema.parse({
      musicbrainz: { contact: "me@example.org" },
      lastfm: { apiKey: "from-config" },
      discogs: { key: "k", secret: "s" },
      spotify: { clientId: "id-config", clientSecret: "secret-config" },
    });
    const env = { TONEARM_LASTFM_API_KEY: "from-env", TONEARM_SPOTIFY_CLIENT_ID: " ", TONEARM_DISCOGS_TOKEN: "tok" };
    expect(resolveSourceCredentials(config, env)).toEqual({
      musicbrainzContact: "me@example.org",
      lastfmApiKey: "from-env",
      discogs: { token: "tok" },
      spotify: { clientId: "id-config", clientSecret: "secret-config" },
    });
  });

  it("needs both halves of a pair", () => {
    const env = { TONEARM_SPOTIFY_CLIENT_ID: "id", TONEARM_DISCOGS_KEY: "k" };
    const credentials = resolveSourceCredentials({}, env);
    expect(credentials.spotify).toBeUndefined();
    expect(credentials.discogs).toBeUndefined();
    expect(resolveSourceCredentials({}, { ...env, TONEARM_DISCOGS_SECRET: "s" }).discogs).toEqual({
      key: "k",
      secret: "s",
    });
  });

  it("rejects unknown or empty settings in the config block", () => {
    expect(SourceCredentialsConfigSchema.safeParse({ lastfm: { apiKey: "" } }).success).toBe(false);
    expect(SourceCredentialsConfigSchema.safeParse({ lastfm: { key: "x" } }).success).toBe(false);
    expect(SourceCredentialsConfigSchema.safeParse({ napster: {} }).success).toBe(false);
  });
});
