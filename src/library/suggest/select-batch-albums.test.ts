import { describe, expect, it } from "vitest";
import type { SuggestionStatus } from "../review/genre-suggestion.js";
import { DECIDED_STATUSES, findAlbum, seededSample, selectBatchAlbums } from "./select-batch-albums.js";
import type { AlbumToSuggest } from "./suggest-library-genres.js";

function album(id: string, artist: string, title: string, folder = `/music/${artist}/${title}`): AlbumToSuggest {
  return { id, root: "/music", folder, artist, title, year: null, compilation: false, trackCount: 1, trackGenres: [] };
}

const ALBUMS = [
  album("a", "Crosby, Stills & Nash", "Daylight Again"),
  album("b", "The Beatles", "Abbey Road"),
  album("c", "Daft Punk", "Discovery", "/other/Daft Punk/Discovery"),
  album("d", "Björk", "Post"),
];

/** The store's two reads over fixed albums; `decided` album ids have a decided suggestion. */
function source(decided: readonly string[]) {
  const asked: (readonly SuggestionStatus[])[] = [];
  return {
    asked,
    albumsWithGenres: async (root: string | null) =>
      ALBUMS.filter((item) => root === null || item.folder.startsWith(`${root}/`)),
    albumIdsWithStatus: async (statuses: readonly SuggestionStatus[]) => {
      asked.push(statuses);
      return new Set(decided);
    },
  };
}

describe("selectBatchAlbums", () => {
  it("leaves decided albums out unless all, and limits to the root", async () => {
    const reads = source(["b"]);
    const { albums, every } = await selectBatchAlbums(reads, { root: "/music" });
    expect(albums.map((item) => item.id)).toEqual(["a", "d"]);
    expect(every).toHaveLength(4);
    expect(reads.asked).toEqual([DECIDED_STATUSES]);
    const all = await selectBatchAlbums(source(["b"]), { root: null, all: true });
    expect(all.albums.map((item) => item.id)).toEqual(["a", "b", "c", "d"]);
  });

  it("finds a specific album, decided or not, whatever commas the artist holds", async () => {
    const picked = await selectBatchAlbums(source(["a"]), {
      root: null,
      specificAlbum: "crosby, stills & nash,daylight again",
    });
    expect(picked.albums.map((item) => item.id)).toEqual(["a"]);
    expect(findAlbum(ALBUMS, "The Beatles,Abbey Road").id).toBe("b");
    expect(() => findAlbum(ALBUMS, "The Beatles")).toThrow(/Artist,Album/);
    await expect(
      selectBatchAlbums(source([]), { root: "/music", specificAlbum: "Daft Punk,Discovery" }),
    ).rejects.toThrow(/no scanned album/);
  });

  it("samples with a seed: the same seed the same albums, in the library's order", async () => {
    const first = await selectBatchAlbums(source([]), { root: null, sampleSize: 2, seed: 7 });
    const again = await selectBatchAlbums(source([]), { root: null, sampleSize: 2, seed: 7 });
    expect(first.albums).toHaveLength(2);
    expect(again.albums).toEqual(first.albums);
    const order = first.albums.map((item) => ALBUMS.indexOf(item));
    expect(order).toEqual([...order].sort((a, b) => a - b));
  });
});

describe("seededSample", () => {
  const items = Array.from({ length: 100 }, (_, index) => index);

  it("returns everything when asked for as many or more", () => {
    expect(seededSample(items.slice(0, 3), 5, 1)).toEqual([0, 1, 2]);
  });

  it("picks distinct items, different seeds differently, each item about equally often", () => {
    const a = seededSample(items, 10, 1);
    expect(new Set(a).size).toBe(10);
    expect(seededSample(items, 10, 2)).not.toEqual(a);
    const counts = new Array<number>(10).fill(0);
    for (let seed = 1; seed <= 2000; seed++)
      for (const item of seededSample(items.slice(0, 10), 3, seed)) counts[item]!++;
    // Each of 10 items is picked with probability 3/10: 600 of 2000 expected.
    for (const count of counts) expect(Math.abs(count - 600)).toBeLessThan(90);
  });
});
