/**
 * A fake MusicBrainz Web Service v2 (JSON) over a small catalogue, answering the shapes of
 * https://musicbrainz.org/doc/MusicBrainz_API/Search and /Lookups: release-group and artist
 * search (`{ created, count, offset, "release-groups" | artists: [...] }`), lookups with
 * `inc=genres+tags` (`genres: [{ id, name, count, disambiguation }]`), 404
 * `{ error: "Not Found", help }`, and 403 for a request without a User-Agent, as the real
 * service blocks anonymous clients.
 */
import { type FakeReply, type FakeRequest, type FakeServer, startFakeServer } from "./fake-service-server.js";

export interface FakeTag {
  readonly name: string;
  readonly count: number;
}

export interface FakeMbArtist {
  readonly id: string;
  readonly name: string;
  readonly sortName: string;
  readonly genres: readonly FakeTag[];
}

export interface FakeMbReleaseGroup {
  readonly id: string;
  readonly title: string;
  readonly firstReleaseDate: string;
  readonly artist: FakeMbArtist;
  readonly genres: readonly FakeTag[];
}

export const BEATLES: FakeMbArtist = {
  id: "b10bbbfc-cf9e-42e0-be17-e2c3e1d2600d",
  name: "The Beatles",
  sortName: "Beatles, The",
  genres: [
    { name: "rock", count: 24 },
    { name: "pop", count: 18 },
    { name: "psychedelic rock", count: 9 },
  ],
};

export const PETER_GABRIEL: FakeMbArtist = {
  id: "dafb3d5d-5b7c-4a6c-9d35-2d5e6c0bd0e8",
  name: "Peter Gabriel",
  sortName: "Gabriel, Peter",
  genres: [{ name: "art rock", count: 7 }],
};

export const MUSICBRAINZ_CATALOGUE: readonly FakeMbReleaseGroup[] = [
  {
    id: "9162580e-5df4-32de-80cc-f45a8d8a9b1d",
    title: "Abbey Road",
    firstReleaseDate: "1969-09-26",
    artist: BEATLES,
    genres: [
      { name: "rock", count: 12 },
      { name: "pop rock", count: 6 },
      { name: "progressive pop", count: 3 },
    ],
  },
  {
    id: "8ff0a8d6-3e4d-3a8c-b0b2-25e5f1e0a8a1",
    title: "Yellow Submarine Songtrack",
    firstReleaseDate: "1999-09-13",
    artist: BEATLES,
    genres: [],
  },
  {
    id: "0a5e2f3c-1bfb-3f6a-9b6f-6c4b4c1e0c11",
    title: "Peter Gabriel",
    firstReleaseDate: "1977-02-25",
    artist: PETER_GABRIEL,
    genres: [{ name: "art rock", count: 4 }],
  },
  {
    id: "1b6f2f4d-2cfc-3f7b-8c7a-7d5c5d2f1d22",
    title: "Peter Gabriel",
    firstReleaseDate: "1980-05-30",
    artist: PETER_GABRIEL,
    genres: [
      { name: "art rock", count: 5 },
      { name: "post-punk", count: 2 },
    ],
  },
];

const HELP = "For usage, please see: https://musicbrainz.org/development/mmd";

export const musicBrainzReplies = {
  notFound: (): FakeReply => ({ status: 404, json: { error: "Not Found", help: HELP } }),
  /** What MusicBrainz answers past its rate limit (503, not 429). */
  rateLimited: (): FakeReply => ({
    status: 503,
    json: {
      error:
        "Your requests are exceeding the allowable rate limit. Please see https://wiki.musicbrainz.org/XMLWebService for more information.",
    },
  }),
};

function phrase(query: string, field: string): string | undefined {
  const match = new RegExp(`${field}:"((?:[^"\\\\]|\\\\.)*)"`).exec(query);
  return match?.[1]?.replace(/\\(.)/g, "$1").toLowerCase();
}

function genresBlock(tags: readonly FakeTag[], inc: string) {
  const withIds = tags.map((tag, index) => ({ ...tag, id: `genre-${index}`, disambiguation: "" }));
  return {
    ...(inc.includes("genres") ? { genres: withIds } : {}),
    ...(inc.includes("tags") ? { tags: tags.map(({ name, count }) => ({ name, count })) } : {}),
  };
}

function artistJson(artist: FakeMbArtist) {
  return { id: artist.id, type: "Group", name: artist.name, "sort-name": artist.sortName, country: "GB" };
}

function route(catalogue: readonly FakeMbReleaseGroup[], request: FakeRequest): FakeReply {
  if (!request.headers["user-agent"]) return { status: 403, body: "" };
  const path = request.path.replace(/^\/ws\/2/, "");
  const query = request.query.get("query") ?? "";
  const inc = request.query.get("inc") ?? "";
  const created = "2026-01-01T00:00:00.000Z";
  if (path === "/release-group") {
    const title = phrase(query, "releasegroup") ?? "";
    const artist = phrase(query, "artist") ?? "";
    const hits = catalogue.filter(
      (group) => group.title.toLowerCase().includes(title) && group.artist.name.toLowerCase().includes(artist),
    );
    const groups = hits.map((group) => ({
      id: group.id,
      "type-id": "f529b476-6e62-324f-b0aa-1f3e33d313fc",
      score: 100,
      count: 1,
      title: group.title,
      "first-release-date": group.firstReleaseDate,
      "primary-type": "Album",
      "artist-credit": [{ name: group.artist.name, artist: artistJson(group.artist) }],
      releases: [{ id: `${group.id.slice(0, 8)}-release`, title: group.title, status: "Official" }],
    }));
    return { json: { created, count: groups.length, offset: 0, "release-groups": groups } };
  }
  if (path === "/artist") {
    const name = phrase(query, "artist") ?? "";
    const artists = [...new Map(catalogue.map((group) => [group.artist.id, group.artist])).values()]
      .filter((artist) => artist.name.toLowerCase().includes(name))
      .map((artist) => ({ ...artistJson(artist), score: 100 }));
    return { json: { created, count: artists.length, offset: 0, artists } };
  }
  const lookup = /^\/(release-group|artist)\/([0-9a-f-]+)$/.exec(path);
  if (lookup !== null) {
    const [, entity, id] = lookup;
    if (entity === "release-group") {
      const group = catalogue.find((candidate) => candidate.id === id);
      if (group === undefined) return musicBrainzReplies.notFound();
      return {
        json: {
          id,
          title: group.title,
          "first-release-date": group.firstReleaseDate,
          ...genresBlock(group.genres, inc),
        },
      };
    }
    const artist = catalogue.find((group) => group.artist.id === id)?.artist;
    if (artist === undefined) return musicBrainzReplies.notFound();
    return { json: { ...artistJson(artist), ...genresBlock(artist.genres, inc) } };
  }
  return musicBrainzReplies.notFound();
}

export function startFakeMusicBrainz(
  catalogue: readonly FakeMbReleaseGroup[] = MUSICBRAINZ_CATALOGUE,
): Promise<FakeServer> {
  return startFakeServer((request) => route(catalogue, request));
}
