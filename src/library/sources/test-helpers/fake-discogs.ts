/**
 * A fake Discogs API v2 database search (`/database/search?type=&artist=&release_title=`)
 * answering the documented shape `{ pagination: { page, pages, per_page, items, urls },
 * results: [{ id, type, title: "Artist - Title", year, genre, style, uri, … }] }` with the
 * X-Discogs-Ratelimit headers, 401 `{ message }` without valid authentication (search needs
 * it), and 429 `{ message: "You are making requests too quickly." }`.
 * Reference: https://www.discogs.com/developers (Database › Search, Rate Limiting).
 */
import { type FakeReply, type FakeRequest, type FakeServer, startFakeServer } from "./fake-service-server.js";

export interface FakeDiscogsResult {
  readonly id: number;
  readonly type: "master" | "release";
  readonly artist: string;
  readonly title: string;
  readonly year: string;
  readonly genre: readonly string[];
  readonly style: readonly string[];
}

export const DISCOGS_CATALOGUE: readonly FakeDiscogsResult[] = [
  {
    id: 24047,
    type: "master",
    artist: "The Beatles",
    title: "Abbey Road",
    year: "1969",
    genre: ["Rock"],
    style: ["Pop Rock", "Psychedelic Rock"],
  },
  {
    id: 1234567,
    type: "release",
    artist: "Nirvana (2)",
    title: "Local Anaesthetic",
    year: "1971",
    genre: ["Rock"],
    style: ["Prog Rock", "Psychedelic Rock"],
  },
];

export const DISCOGS_TOKEN = "discogs-test-token";

export const discogsReplies = {
  rateLimited: (retryAfter: string): FakeReply => ({
    status: 429,
    json: { message: "You are making requests too quickly." },
    headers: { "Retry-After": retryAfter, "X-Discogs-Ratelimit": "60", "X-Discogs-Ratelimit-Remaining": "0" },
  }),
};

function plain(name: string): string {
  return name.replace(/\s*\(\d+\)$/, "").toLowerCase();
}

function route(request: FakeRequest): FakeReply {
  const authorization = request.headers.authorization ?? "";
  if (authorization !== `Discogs token=${DISCOGS_TOKEN}` && authorization !== "Discogs key=k, secret=s") {
    return { status: 401, json: { message: "You must authenticate to access this resource." } };
  }
  if (request.path !== "/database/search")
    return { status: 404, json: { message: "The requested resource was not found." } };
  const type = request.query.get("type");
  const artist = (request.query.get("artist") ?? "").toLowerCase();
  const title = (request.query.get("release_title") ?? "").toLowerCase();
  const perPage = Number(request.query.get("per_page") ?? 50);
  const hits = DISCOGS_CATALOGUE.filter(
    (entry) =>
      (type === null || entry.type === type) &&
      plain(entry.artist).includes(artist.replace(/^the /, "")) &&
      entry.title.toLowerCase().includes(title),
  );
  const results = hits.slice(0, perPage).map((entry) => ({
    country: "UK",
    year: entry.year,
    format: ["Vinyl", "LP", "Album"],
    label: ["Apple Records"],
    type: entry.type,
    genre: entry.genre,
    style: entry.style,
    id: entry.id,
    barcode: [],
    ...(entry.type === "master" ? { master_id: entry.id } : { master_id: 0 }),
    uri: `/${entry.type}/${entry.id}-${entry.title.replace(/\s+/g, "-")}`,
    catno: "PCS 7088",
    title: `${entry.artist} - ${entry.title}`,
    thumb: "",
    cover_image: "",
    resource_url: `https://api.discogs.com/${entry.type}s/${entry.id}`,
    community: { want: 100, have: 200 },
  }));
  return {
    json: {
      pagination: { page: 1, pages: 1, per_page: perPage, items: hits.length, urls: {} },
      results,
    },
    headers: { "X-Discogs-Ratelimit": "60", "X-Discogs-Ratelimit-Used": "1", "X-Discogs-Ratelimit-Remaining": "59" },
  };
}

export function startFakeDiscogs(): Promise<FakeServer> {
  return startFakeServer(route);
}
