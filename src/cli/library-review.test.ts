/**
 * `tonearm library review`: the interactive flow answered line by line (accept, edit, skip,
 * reject, then the input ends), and the non-interactive flags, on a SQLite database in a
 * temporary TONEARM_HOME with albums and suggestions made through the store.
 */
import { join } from "node:path";
import { PassThrough, Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFixtureDir, type FixtureDir } from "../io/test-helpers/fixtures.js";
import { aggregateGenres, proposeGenres } from "../library/suggest/aggregate-genres.js";
import { openStore } from "../store/open-store.js";
import { runLibraryReview } from "./commands/library/review.js";

async function review(args: readonly string[], lines: readonly string[] = [], interactive = true) {
  const output = new PassThrough();
  let text = "";
  output.on("data", (chunk) => {
    text += String(chunk);
  });
  const input = Readable.from(lines.map((line) => `${line}\n`));
  const status = await runLibraryReview(args, { input, output, interactive });
  return { status, text };
}

describe("tonearm library review", () => {
  let fixtures: FixtureDir;
  const savedHome = process.env.TONEARM_HOME;
  const ids: string[] = [];

  beforeAll(async () => {
    fixtures = await createFixtureDir("cli-review");
    process.env.TONEARM_HOME = join(fixtures.dir, "home");
    const store = await openStore({ sqliteFile: join(fixtures.dir, "home", "tonearm.db") });
    const titles = ["One", "Two", "Three", "Four", "Five"];
    await store.library.saveScan("/m", {
      upserts: [],
      touched: [],
      moves: [],
      removals: [],
      albums: titles.map((title) => ({
        id: title,
        folder: `/m/${title}`,
        artist: "Band",
        title,
        year: null,
        compilation: false,
        inferred: false,
        discCount: 1,
        trackPaths: [],
      })),
    });
    for (const title of titles) {
      const ranked = aggregateGenres([
        { source: "musicbrainz", genres: [{ genre: "Rock", weight: 1 }] },
        {
          source: "lastfm",
          genres: [
            { genre: "Rock", weight: 1 },
            { genre: "Indie Rock", weight: 0.9 },
          ],
        },
      ]);
      const proposal = proposeGenres(ranked);
      const evidence = [
        {
          source: "lastfm",
          status: "found" as const,
          labels: [{ label: "indie rock", weight: 0.9, genres: ["Indie Rock"] }],
        },
      ];
      ids.push(
        (
          await store.review.createSuggestion({
            albumId: title,
            ...proposal,
            proposal: proposal.genres,
            ranked,
            evidence,
          })
        ).id,
      );
    }
    await store.close();
  });

  afterAll(async () => {
    if (savedHome === undefined) delete process.env.TONEARM_HOME;
    else process.env.TONEARM_HOME = savedHome;
    await fixtures?.remove();
  });

  it("walks the pending albums: accept, edit, skip, reject, and stops when the input ends", async () => {
    const { status, text } = await review(["--actor", "ana"], ["a", "e", "Post-Rock; Shoegaze", "s", "r"]);
    expect(status).toBe(0);
    expect(text).toContain("5 albums to review");
    expect(text).toContain("lastfm        found: indie rock");
    expect(text).toContain("accepted 1 · edited 1 · rejected 1 · skipped 1");
    const listed = await review(["--list", "--status", "approved,edited,rejected,review", "--json"], [], false);
    const statuses = Object.fromEntries(
      (JSON.parse(listed.text).items as { albumTitle: string; status: string; decidedGenres: string[] | null }[]).map(
        (item) => [item.albumTitle, [item.status, item.decidedGenres]],
      ),
    );
    expect(statuses).toEqual({
      One: ["approved", ["Rock"]],
      Two: ["edited", ["Post-Rock", "Shoegaze"]],
      Three: ["review", null],
      Four: ["rejected", null],
      Five: ["review", null],
    });
  });

  it("decides by flags and refuses contradictory ones", async () => {
    const approved = await review(["--approve", ids[4]!, "--actor", "bo", "--json"], [], false);
    expect(JSON.parse(approved.text)).toMatchObject({ status: "approved", decidedGenres: ["Rock"] });
    await expect(review(["--approve", ids[2]!, "--reject", ids[2]!], [], false)).rejects.toMatchObject({
      code: "INVALID_OPTION",
    });
    await expect(review(["--edit", ids[2]!], [], false)).rejects.toMatchObject({ code: "INVALID_OPTION" });
    await expect(review(["--list", "--status", "maybe"], [], false)).rejects.toMatchObject({ code: "INVALID_OPTION" });
    await expect(review(["--skip", "no-such-id"], [], false)).rejects.toMatchObject({ code: "NOT_FOUND" });
    const pending = await review([], [], false);
    expect(pending.text).toContain("Three: Rock");
    expect(pending.text).not.toContain("Five:");
  });
});
