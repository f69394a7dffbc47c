import { describe, expect, it } from "vitest";
import { buildGenreVocabulary } from "./genre-vocabulary.js";
import { lookupGenreLabel, normaliseGenre } from "./normalise-genre.js";

const genresOf = (label: string): readonly string[] => normaliseGenre(label).genres;

describe("normaliseGenre", () => {
  it("maps the issue's examples", () => {
    expect(genresOf("Hip-Hop")).toEqual(["Hip Hop"]);
    expect(genresOf("R&B")).toEqual(["Rhythm and Blues"]);
    expect(genresOf("electronica")).toEqual(["Electronic"]);
    expect(genresOf("Death Metal")).toEqual(["Death Metal"]);
  });

  it("maps spelling variants to one canonical genre", () => {
    for (const label of ["hip-hop", "Hip Hop", "hiphop", "hip_hop", "HIP HOP", "rap"]) {
      expect(genresOf(label)).toEqual(["Hip Hop"]);
    }
    for (const label of ["Rock & Roll", "rock and roll", "Rock 'n' Roll", "rock'n'roll"]) {
      expect(genresOf(label)).toEqual(["Rock and Roll"]);
    }
    for (const label of ["Drum & Bass", "drum'n'bass", "DnB", "D&B", "drum n bass"]) {
      expect(genresOf(label)).toEqual(["Drum and Bass"]);
    }
    expect(genresOf("Música Popular Brasileira")).toEqual(["MPB"]);
    expect(genresOf("musica popular brasileira")).toEqual(["MPB"]);
    expect(genresOf("Synth-Pop")).toEqual(["Synthpop"]);
    expect(genresOf("uk garage")).toEqual(["UK Garage"]);
    expect(genresOf("album rock")).toEqual(["AOR"]);
  });

  it("resolves ID3 numeric genres in their v1 and v2.3 forms", () => {
    expect(genresOf("17")).toEqual(["Rock"]);
    expect(genresOf("(17)")).toEqual(["Rock"]);
    expect(genresOf("(4)(17)")).toEqual(["Disco", "Rock"]);
    expect(genresOf("(17)Alt Rock")).toEqual(["Alternative"]);
    expect(genresOf("(129)")).toEqual(["Hardcore Techno"]);
    expect(normaliseGenre("(RX)").dropped).toBe("descriptor");
    expect(normaliseGenre("((Weird)").genres).toEqual(["(Weird)"]);
  });

  it("splits compound labels into each genre", () => {
    expect(genresOf("Funk / Soul")).toEqual(["Funk", "Soul"]);
    expect(genresOf("Rap/Hip Hop")).toEqual(["Hip Hop"]);
    expect(genresOf("Rock/Pop")).toEqual(["Rock", "Pop"]);
    expect(genresOf("Pop/Rock")).toEqual(["Pop", "Rock"]);
    expect(genresOf("Folk, World, & Country")).toEqual(["Folk", "World Music", "Country"]);
    expect(genresOf("Soul & Funk")).toEqual(["Soul", "Funk"]);
    expect(genresOf("Rock, Drum & Bass")).toEqual(["Rock", "Drum and Bass"]);
    expect(genresOf("Films/Games")).toEqual(["Soundtrack", "Video Game Music"]);
    expect(genresOf("Rock / 90s")).toEqual(["Rock"]);
  });

  it("does not split a label whose parts are not all genres", () => {
    expect(normaliseGenre("AC/DC")).toEqual({ genres: ["AC/DC"], known: false });
    expect(normaliseGenre("Rock/Whatever")).toEqual({ genres: ["Rock/Whatever"], known: false });
    expect(genresOf("Rhythm & Blues")).toEqual(["Rhythm and Blues"]);
  });

  it("drops tags that are not genres, with the reason", () => {
    const cases: [string, string][] = [
      ["seen live", "personal"],
      ["favorites", "personal"],
      ["90s", "era"],
      ["'90s", "era"],
      ["1990s", "era"],
      ["80's", "era"],
      ["1994", "era"],
      ["female vocalists", "descriptor"],
      ["British female vocalists", "descriptor"],
      ["chill", "mood"],
      ["german", "place"],
      ["Non-Music", "not-a-genre"],
      ["  ", "empty"],
    ];
    for (const [label, reason] of cases)
      expect(normaliseGenre(label)).toEqual({ genres: [], known: true, dropped: reason });
    expect(normaliseGenre("seen live / 90s").dropped).toBe("personal");
  });

  it("resolves a genre qualified by a place, an era or the word music", () => {
    expect(genresOf("german hip hop")).toEqual(["Hip Hop"]);
    expect(genresOf("Swedish Death Metal")).toEqual(["Death Metal"]);
    expect(genresOf("new york hardcore")).toEqual(["Hardcore Punk"]);
    expect(genresOf("80s pop")).toEqual(["Pop"]);
    expect(genresOf("country music")).toEqual(["Country"]);
    expect(lookupGenreLabel("german whatever")).toBeUndefined();
    expect(normaliseGenre("swedish 90s").dropped).toBe("era");
  });

  it("keeps unknown labels, title-cased and flagged unknown", () => {
    expect(normaliseGenre("indie folk revival jam")).toEqual({ genres: ["Indie Folk Revival Jam"], known: false });
    expect(normaliseGenre("edm trap fusion")).toEqual({ genres: ["EDM Trap Fusion"], known: false });
    expect(normaliseGenre("  songs_of_the_sea ")).toEqual({ genres: ["Songs of the Sea"], known: false });
  });

  it("returns the memoised result for a repeated label", () => {
    expect(normaliseGenre("Hip-Hop")).toBe(normaliseGenre("Hip-Hop"));
    const vocabulary = buildGenreVocabulary({ aliases: { "hip-hop": "Rock" } });
    expect(normaliseGenre("Hip-Hop", vocabulary).genres).toEqual(["Rock"]);
    expect(normaliseGenre("Hip-Hop").genres).toEqual(["Hip Hop"]);
  });
});
