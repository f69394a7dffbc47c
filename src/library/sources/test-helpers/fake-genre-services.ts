/**
 * All five fake genre services at once, with the config file's `library` block that points
 * tonearm at them (credentials they accept, their base URLs, request rates far above the
 * published limits, which local servers need not keep). For tests that run the library end
 * to end (CLI, HTTP).
 */
import { startFakeDeezer } from "./fake-deezer.js";
import { DISCOGS_TOKEN, startFakeDiscogs } from "./fake-discogs.js";
import { LASTFM_API_KEY, startFakeLastfm } from "./fake-lastfm.js";
import { startFakeMusicBrainz } from "./fake-musicbrainz.js";
import type { FakeServer } from "./fake-service-server.js";
import { SPOTIFY_CLIENT, startFakeSpotify } from "./fake-spotify.js";

export interface FakeGenreServices {
  /** MusicBrainz, Last.fm, Discogs, Deezer, Spotify, in that order. */
  readonly servers: readonly FakeServer[];
  /** The config file's `library` block for them. */
  readonly libraryConfig: {
    readonly sources: object;
    readonly serviceUrls: Readonly<Record<string, string>>;
    readonly requestsPerSecond: Readonly<Record<string, number>>;
  };
  close(): Promise<void>;
}

export async function startFakeGenreServices(): Promise<FakeGenreServices> {
  const [musicbrainz, lastfm, discogs, deezer, spotify] = await Promise.all([
    startFakeMusicBrainz(),
    startFakeLastfm(),
    startFakeDiscogs(),
    startFakeDeezer(),
    startFakeSpotify(),
  ]);
  const servers = [musicbrainz, lastfm, discogs, deezer, spotify.server];
  return {
    servers,
    libraryConfig: {
      sources: { lastfm: { apiKey: LASTFM_API_KEY }, discogs: { token: DISCOGS_TOKEN }, spotify: SPOTIFY_CLIENT },
      serviceUrls: {
        musicbrainz: `${musicbrainz.url}/ws/2`,
        lastfm: `${lastfm.url}/2.0`,
        discogs: discogs.url,
        deezer: deezer.url,
        spotify: `${spotify.server.url}/v1`,
        spotifyAccounts: spotify.server.url,
      },
      requestsPerSecond: { musicbrainz: 50, lastfm: 50, discogs: 50, deezer: 50, spotify: 50 },
    },
    close: async () => {
      await Promise.all(servers.map((server) => server.close()));
    },
  };
}
