import { describe, expect, it } from "vitest";
import { defaultGenreVocabulary } from "./genre-vocabulary.js";
import { titleCaseGenre } from "./title-case-genre.js";

const titleCase = (label: string): string => titleCaseGenre(label, defaultGenreVocabulary().acronyms);

describe("titleCaseGenre", () => {
  it("capitalises words and hyphenated parts", () => {
    expect(titleCase("indie folk")).toBe("Indie Folk");
    expect(titleCase("post-jazz   fusion")).toBe("Post-Jazz Fusion");
    expect(titleCase("música de la calle")).toBe("Música de la Calle");
  });

  it("keeps acronyms and deliberate capitals, lowers shouting", () => {
    expect(titleCase("edm trap")).toBe("EDM Trap");
    expect(titleCase("uk funky")).toBe("UK Funky");
    expect(titleCase("AC/DC")).toBe("AC/DC");
    expect(titleCase("DnB tools")).toBe("DnB Tools");
    expect(titleCase("DEATHGRIND")).toBe("Deathgrind");
    expect(titleCase("80s synth")).toBe("80s Synth");
  });

  it("lowers joining words except the first", () => {
    expect(titleCase("the sound of the sea")).toBe("The Sound of the Sea");
    expect(titleCase("songs_of_the_sea")).toBe("Songs of the Sea");
  });
});
