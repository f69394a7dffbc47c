/**
 * The ID3v1 numeric genre table: index = the genre byte of an ID3v1 tag, also used by ID3v2.3
 * TCON values such as "(17)" or "(17)Rock". 0–79 are the original ID3v1 list (Eric Kemp, 1996,
 * "ID3-Tag Specification V1.1"), 80–125 Winamp's extensions, 126–147 Winamp 1.91/2.x and
 * 148–191 Winamp 5.6's. Names are spelled exactly as the table has them ("Psychadelic",
 * "AlternRock", "Bebob", "Negerpunk"); normalise-genre.ts maps each to a canonical genre or drops it.
 * Sources: id3.org "ID3v1" and "ID3v2.3.0 appendix A"; Winamp 5.6 genre list.
 */

// biome-ignore format: a table of ten names a line, indices 0–9, 10–19, …
export const ID3V1_GENRES: readonly string[] = [
  "Blues", "Classic Rock", "Country", "Dance", "Disco", "Funk", "Grunge", "Hip-Hop", "Jazz", "Metal",
  "New Age", "Oldies", "Other", "Pop", "R&B", "Rap", "Reggae", "Rock", "Techno", "Industrial",
  "Alternative", "Ska", "Death Metal", "Pranks", "Soundtrack", "Euro-Techno", "Ambient", "Trip-Hop", "Vocal", "Jazz+Funk",
  "Fusion", "Trance", "Classical", "Instrumental", "Acid", "House", "Game", "Sound Clip", "Gospel", "Noise",
  "AlternRock", "Bass", "Soul", "Punk", "Space", "Meditative", "Instrumental Pop", "Instrumental Rock", "Ethnic", "Gothic",
  "Darkwave", "Techno-Industrial", "Electronic", "Pop-Folk", "Eurodance", "Dream", "Southern Rock", "Comedy", "Cult", "Gangsta",
  "Top 40", "Christian Rap", "Pop/Funk", "Jungle", "Native US", "Cabaret", "New Wave", "Psychadelic", "Rave", "Showtunes",
  "Trailer", "Lo-Fi", "Tribal", "Acid Punk", "Acid Jazz", "Polka", "Retro", "Musical", "Rock & Roll", "Hard Rock",
  "Folk", "Folk-Rock", "National Folk", "Swing", "Fast Fusion", "Bebob", "Latin", "Revival", "Celtic", "Bluegrass",
  "Avantgarde", "Gothic Rock", "Progressive Rock", "Psychedelic Rock", "Symphonic Rock", "Slow Rock", "Big Band", "Chorus", "Easy Listening", "Acoustic",
  "Humour", "Speech", "Chanson", "Opera", "Chamber Music", "Sonata", "Symphony", "Booty Bass", "Primus", "Porn Groove",
  "Satire", "Slow Jam", "Club", "Tango", "Samba", "Folklore", "Ballad", "Power Ballad", "Rhythmic Soul", "Freestyle",
  "Duet", "Punk Rock", "Drum Solo", "A capella", "Euro-House", "Dance Hall", "Goa", "Drum & Bass", "Club-House", "Hardcore",
  "Terror", "Indie", "BritPop", "Negerpunk", "Polsk Punk", "Beat", "Christian Gangsta Rap", "Heavy Metal", "Black Metal", "Crossover",
  "Contemporary Christian", "Christian Rock", "Merengue", "Salsa", "Thrash Metal", "Anime", "JPop", "Synthpop", "Abstract", "Art Rock",
  "Baroque", "Bhangra", "Big Beat", "Breakbeat", "Chillout", "Downtempo", "Dub", "EBM", "Eclectic", "Electro",
  "Electroclash", "Emo", "Experimental", "Garage", "Global", "IDM", "Illbient", "Industro-Goth", "Jam Band", "Krautrock",
  "Leftfield", "Lounge", "Math Rock", "New Romantic", "Nu-Breakz", "Post-Punk", "Post-Rock", "Psytrance", "Shoegaze", "Space Rock",
  "Trop Rock", "World Music", "Neoclassical", "Audiobook", "Audio Theatre", "Neue Deutsche Welle", "Podcast", "Indie Rock", "G-Funk", "Dubstep",
  "Garage Rock", "Psybient",
];

/**
 * ID3v1 entries whose name alone would normalise to the wrong genre: in the ID3 table they mean
 * something narrower than the same word as a free-text tag (129 "Hardcore" is hardcore techno,
 * not hardcore punk; 41 "Bass" is Miami bass; 34 "Acid" is acid house; 163 "Garage", listed
 * apart from 190 "Garage Rock", is UK garage).
 */
export const ID3V1_TARGET_OVERRIDES: Readonly<Record<number, string>> = {
  34: "Acid House",
  41: "Miami Bass",
  129: "Hardcore Techno",
  163: "UK Garage",
};

/** ID3v2.3 TCON refinements: "(RX)" remix and "(CR)" cover are not genres. */
export const ID3V2_SPECIAL_REFERENCES: Readonly<Record<string, string>> = { RX: "Remix", CR: "Cover" };
