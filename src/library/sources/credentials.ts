/**
 * Credentials of the online genre sources: read from the config file's `sources` block
 * (validated by `SourceCredentialsConfigSchema`; the config loader wires it in) and overridden
 * by environment variables. A source whose credentials are missing answers `no-credentials`
 * without sending any request.
 *
 * | service     | needs                          | environment                                           |
 * | ----------- | ------------------------------ | ----------------------------------------------------- |
 * | MusicBrainz | a contact for the User-Agent   | TONEARM_MUSICBRAINZ_CONTACT (no key needed)           |
 * | Last.fm     | an API key                     | TONEARM_LASTFM_API_KEY                                |
 * | Discogs     | a personal token, or key+secret| TONEARM_DISCOGS_TOKEN, TONEARM_DISCOGS_KEY/_SECRET    |
 * | Deezer      | nothing                        |                                                       |
 * | Spotify     | client id and secret           | TONEARM_SPOTIFY_CLIENT_ID, TONEARM_SPOTIFY_CLIENT_SECRET |
 */
import { z } from "zod";

const secret = z.string().min(1);

export const SourceCredentialsConfigSchema = z
  .object({
    musicbrainz: z
      .object({ contact: secret.describe("e-mail or URL sent in the User-Agent, as MusicBrainz asks") })
      .partial()
      .strict(),
    lastfm: z
      .object({ apiKey: secret.describe("Last.fm API key") })
      .partial()
      .strict(),
    discogs: z
      .object({
        token: secret.describe("Discogs personal access token"),
        key: secret.describe("Discogs consumer key (with secret, instead of a token)"),
        secret: secret.describe("Discogs consumer secret"),
      })
      .partial()
      .strict(),
    spotify: z
      .object({
        clientId: secret.describe("Spotify client id"),
        clientSecret: secret.describe("Spotify client secret"),
      })
      .partial()
      .strict(),
  })
  .partial()
  .strict()
  .describe("credentials of the online genre sources; environment variables override them");

export type SourceCredentialsConfig = z.infer<typeof SourceCredentialsConfigSchema>;

export interface SourceCredentials {
  /** Always set: the configured contact or DEFAULT_MUSICBRAINZ_CONTACT. */
  readonly musicbrainzContact: string;
  readonly lastfmApiKey?: string;
  readonly discogs?: { readonly token: string } | { readonly key: string; readonly secret: string };
  readonly spotify?: { readonly clientId: string; readonly clientSecret: string };
}

/** Where MusicBrainz can reach the people behind tonearm when no contact is configured. */
export const DEFAULT_MUSICBRAINZ_CONTACT = "https://www.npmjs.com/package/tonearm";

type Environment = Readonly<Record<string, string | undefined>>;

function pick(env: Environment, name: string, fallback: string | undefined): string | undefined {
  const value = env[name]?.trim();
  return value === undefined || value === "" ? fallback : value;
}

/** Environment over config; blank environment values are ignored. */
export function resolveSourceCredentials(
  config: SourceCredentialsConfig = {},
  env: Environment = process.env,
): SourceCredentials {
  const contact = pick(env, "TONEARM_MUSICBRAINZ_CONTACT", config.musicbrainz?.contact) ?? DEFAULT_MUSICBRAINZ_CONTACT;
  const lastfmApiKey = pick(env, "TONEARM_LASTFM_API_KEY", config.lastfm?.apiKey);
  const token = pick(env, "TONEARM_DISCOGS_TOKEN", config.discogs?.token);
  const key = pick(env, "TONEARM_DISCOGS_KEY", config.discogs?.key);
  const discogsSecret = pick(env, "TONEARM_DISCOGS_SECRET", config.discogs?.secret);
  const clientId = pick(env, "TONEARM_SPOTIFY_CLIENT_ID", config.spotify?.clientId);
  const clientSecret = pick(env, "TONEARM_SPOTIFY_CLIENT_SECRET", config.spotify?.clientSecret);
  return {
    musicbrainzContact: contact,
    ...(lastfmApiKey === undefined ? {} : { lastfmApiKey }),
    ...(token !== undefined
      ? { discogs: { token } }
      : key !== undefined && discogsSecret !== undefined
        ? { discogs: { key, secret: discogsSecret } }
        : {}),
    ...(clientId !== undefined && clientSecret !== undefined ? { spotify: { clientId, clientSecret } } : {}),
  };
}
