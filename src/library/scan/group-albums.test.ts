import { describe, expect, it } from "vitest";
import { albumTitleWithoutDisc, type GroupableTrack, groupAlbums } from "./group-albums.js";
import { EMPTY_TAGS, type TrackTags } from "./library-track.js";

function track(path: string, tags: Partial<TrackTags>): GroupableTrack {
  return { path, tags: { ...EMPTY_TAGS, ...tags } };
}

describe("albumTitleWithoutDisc", () => {
  it.each([
    ["Mellon Collie (Disc 2)", "Mellon Collie"],
    ["The Wall [CD 1]", "The Wall"],
    ["Live - Disc 1", "Live"],
    ["Blonde on Blonde (disc 1 of 2)", "Blonde on Blonde"],
    ["Discovery", "Discovery"],
    ["CD 1", "CD 1"],
  ])("%s → %s", (title, expected) => expect(albumTitleWithoutDisc(title)).toBe(expected));
});

describe("groupAlbums", () => {
  it("keeps the same title by two album artists in one folder apart", () => {
    const albums = groupAlbums([
      track("/m/Hits/1.mp3", { album: "Greatest Hits", albumArtist: "Queen" }),
      track("/m/Hits/2.mp3", { album: "Greatest Hits", albumArtist: "ABBA" }),
    ]);
    expect(albums.map((album) => album.artist).sort()).toEqual(["ABBA", "Queen"]);
  });

  it("treats an album artist 'Various Artists' and a compilation flag as compilations", () => {
    const [flagged] = groupAlbums([track("/m/A/1.mp3", { album: "Mix", artist: "X", compilation: true })]);
    const [named] = groupAlbums([track("/m/B/1.mp3", { album: "Mix", artist: "X", albumArtist: "various artists" })]);
    expect(flagged).toMatchObject({ artist: "Various Artists", compilation: true });
    expect(named).toMatchObject({ artist: "various artists", compilation: true });
  });

  it("keeps one artist with guests as that artist's album", () => {
    const [album] = groupAlbums([
      track("/m/R/1.mp3", { album: "Rise", artist: "Rae (feat. Kim)" }),
      track("/m/R/2.mp3", { album: "Rise", artist: "Rae" }),
      track("/m/R/3.mp3", { album: "Rise", artist: "Rae ft. Lou" }),
    ]);
    expect(album).toMatchObject({ artist: "Rae", compilation: false });
  });

  it("separates copies of one album in two folders and gives stable ids", () => {
    const tracks = [
      track("/m/mp3/Rise/1.mp3", { album: "Rise", artist: "Rae" }),
      track("/m/flac/Rise/1.flac", { album: "Rise", artist: "Rae" }),
    ];
    const first = groupAlbums(tracks);
    expect(first).toHaveLength(2);
    expect(groupAlbums([...tracks].reverse()).map((album) => album.id)).toEqual(first.map((album) => album.id));
  });

  it("names untagged albums after their folder and their artist after the tracks, else Unknown Artist", () => {
    const albums = groupAlbums([track("/m/Tapes/a.wav", {}), track("/m/Demos/b.wav", { artist: "Me" })]);
    expect(albums.map((album) => [album.title, album.artist, album.inferred])).toEqual([
      ["Demos", "Me", true],
      ["Tapes", "Unknown Artist", true],
    ]);
  });
});
