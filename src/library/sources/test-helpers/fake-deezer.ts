/**
 * A fake Deezer public API: `/search/album?q=artist:"…" album:"…"` answering
 * `{ data: [{ id, title, link, nb_tracks, record_type, artist: { id, name, … }, type }], total }`,
 * and `/album/<id>` answering the album object with `genres: { data: [{ id, name, picture,
 * type }] }`, `release_date`, `nb_tracks`. Errors come as Deezer sends them, inside HTTP 200
 * bodies: `{ error: { type, message, code } }` (4 quota, 700 service busy, 800 no data).
 * Reference: https://developers.deezer.com/api/search, /api/album, /api/errors.
 */
import { type FakeReply, type FakeRequest, type FakeServer, startFakeServer } from "./fake-service-server.js";

export interface FakeDeezerAlbum {
  readonly id: number;
  readonly title: string;
  readonly artist: { readonly id: number; readonly name: string };
  readonly releaseDate: string;
  readonly trackCount: number;
  readonly genres: readonly { readonly id: number; readonly name: string }[];
}

export const DEEZER_CATALOGUE: readonly FakeDeezerAlbum[] = [
  {
    id: 302127,
    title: "Discovery",
    artist: { id: 27, name: "Daft Punk" },
    releaseDate: "2001-03-07",
    trackCount: 14,
    genres: [
      { id: 113, name: "Dance" },
      { id: 106, name: "Electro" },
    ],
  },
  {
    id: 6575789,
    title: "Random Access Memories",
    artist: { id: 27, name: "Daft Punk" },
    releaseDate: "2013-05-20",
    trackCount: 13,
    genres: [{ id: 132, name: "Pop" }],
  },
];

export const deezerReplies = {
  quota: (): FakeReply => ({ json: { error: { type: "Exception", message: "Quota limit exceeded", code: 4 } } }),
  noData: (): FakeReply => ({ json: { error: { type: "DataException", message: "no data", code: 800 } } }),
  busy: (): FakeReply => ({ json: { error: { type: "Exception", message: "Service busy", code: 700 } } }),
};

function artistJson(artist: FakeDeezerAlbum["artist"]) {
  return {
    id: artist.id,
    name: artist.name,
    link: `https://www.deezer.com/artist/${artist.id}`,
    picture: `https://api.deezer.com/artist/${artist.id}/image`,
    tracklist: `https://api.deezer.com/artist/${artist.id}/top?limit=50`,
    type: "artist",
  };
}

function route(request: FakeRequest): FakeReply {
  if (request.path === "/search/album") {
    const q = request.query.get("q") ?? "";
    const artist = /artist:"([^"]*)"/.exec(q)?.[1]?.toLowerCase() ?? "";
    const album = /album:"([^"]*)"/.exec(q)?.[1]?.toLowerCase() ?? q.toLowerCase();
    const hits = DEEZER_CATALOGUE.filter(
      (entry) => entry.artist.name.toLowerCase().includes(artist) && entry.title.toLowerCase().includes(album),
    );
    const data = hits.map((entry) => ({
      id: entry.id,
      title: entry.title,
      link: `https://www.deezer.com/album/${entry.id}`,
      cover: `https://api.deezer.com/album/${entry.id}/image`,
      genre_id: entry.genres[0]?.id ?? -1,
      nb_tracks: entry.trackCount,
      record_type: "album",
      tracklist: `https://api.deezer.com/album/${entry.id}/tracks`,
      explicit_lyrics: false,
      artist: artistJson(entry.artist),
      type: "album",
    }));
    return { json: { data, total: data.length } };
  }
  const albumPath = /^\/album\/(\d+)$/.exec(request.path);
  if (albumPath !== null) {
    const album = DEEZER_CATALOGUE.find((entry) => entry.id === Number(albumPath[1]));
    if (album === undefined) return deezerReplies.noData();
    return {
      json: {
        id: album.id,
        title: album.title,
        upc: "724384960650",
        link: `https://www.deezer.com/album/${album.id}`,
        genre_id: album.genres[0]?.id ?? -1,
        genres: {
          data: album.genres.map((genre) => ({
            ...genre,
            picture: `https://api.deezer.com/genre/${genre.id}/image`,
            type: "genre",
          })),
        },
        label: "Parlophone (France)",
        nb_tracks: album.trackCount,
        duration: 3663,
        fans: 100,
        release_date: album.releaseDate,
        record_type: "album",
        available: true,
        explicit_lyrics: false,
        artist: artistJson(album.artist),
        type: "album",
        tracks: { data: [] },
      },
    };
  }
  return { json: { error: { type: "DataException", message: "no data", code: 800 } } };
}

export function startFakeDeezer(): Promise<FakeServer> {
  return startFakeServer(route);
}
