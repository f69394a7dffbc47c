/**
 * Tags that are not genres, by why they are dropped, and the acronyms that title-casing keeps
 * in capitals. Folksonomy sources (Last.fm above all) mix genres with eras ("90s"), personal
 * bookkeeping ("seen live", "albums i own"), moods ("chill"), places ("german") and
 * descriptions of the performers ("female vocalists"); an aggregator voting over genres must
 * drop them. Decades, years and "… vocalists" are recognised by pattern in normalise-genre.ts,
 * so only their spelled-out forms are listed.
 *
 * Written for tonearm from Last.fm's most used tags (last.fm/tag, "top tags"), ID3v1 entries
 * that name no genre ("Other", "Primus", "Sound Clip"; id3v1-genres.ts) and Discogs' "Non-Music".
 * A place alone is dropped; a place before a genre ("german hip hop") is resolved to the genre.
 */

/** Why a tag is not a genre. "user" marks the user's own ignore list; "empty" a blank label. */
export const DROP_REASONS = ["era", "personal", "mood", "place", "descriptor", "not-a-genre", "user", "empty"] as const;
export type DropReason = (typeof DROP_REASONS)[number];

// biome-ignore format: word lists, several a line
export const BUILT_IN_IGNORE: Readonly<Partial<Record<DropReason, readonly string[]>>> = {
  era: [
    "oldies", "golden oldies", "retro", "revival", "vintage", "evergreen", "classics", "twenties", "thirties",
    "forties", "fifties", "sixties", "seventies", "eighties", "nineties", "noughties", "decade",
  ],
  personal: [
    "seen live", "favorites", "favourites", "favorite", "favourite", "favorite songs", "favourite songs",
    "my favorite", "my favourite", "favorite artists", "favourite artists", "favs", "fav", "fave", "loved",
    "love at first listen", "albums i own", "i own", "owned", "check out", "to check out", "to listen", "wishlist",
    "awesome", "amazing", "best", "good", "great", "cool", "essential", "masterpiece", "my music", "spotify",
    "lastfm", "heard on pandora", "under 2000 listeners", "all", "best of", "greatest hits", "must hear",
  ],
  mood: [
    "chill", "chillin", "mellow", "relaxing", "relax", "relaxation", "happy", "sad", "melancholy", "melancholic",
    "love", "love songs", "romantic", "party", "energetic", "dark", "upbeat", "calm", "dreamy", "atmospheric",
    "emotional", "beautiful", "epic", "sexy", "feel good", "summer", "night", "driving", "workout", "sleep",
    "study", "uplifting", "aggressive", "angry", "groovy", "catchy", "fun", "funny", "sensual", "soothing",
    "peaceful", "hypnotic", "haunting", "nostalgic", "nostalgia", "rainy day",
  ],
  place: [
    "american", "usa", "us", "british", "uk", "english", "england", "german", "germany", "deutsch", "french",
    "france", "swedish", "sweden", "norwegian", "norway", "finnish", "finland", "danish", "icelandic", "irish",
    "scottish", "welsh", "canadian", "canada", "australian", "australia", "japanese", "japan", "korean", "korea",
    "chinese", "italian", "italy", "spanish", "spain", "mexican", "brazilian", "brasil", "brazil", "argentinian",
    "russian", "polish", "dutch", "belgian", "austrian", "swiss", "greek", "turkish", "african", "indian",
    "jamaican", "cuban", "colombian", "nigerian", "portuguese", "european", "scandinavian", "nordic",
    "new york", "nyc", "london", "los angeles", "berlin", "manchester", "seattle", "chicago", "detroit",
    "west coast", "east coast",
  ],
  descriptor: [
    "female vocalists", "male vocalists", "female vocals", "male vocals", "female", "male", "female fronted",
    "instrumental", "acoustic", "guitar", "piano", "cover", "covers", "remix", "remixes", "live", "unplugged",
    "singer", "band", "bands", "duo", "duet", "drum solo", "compilation", "various artists", "va", "ballad",
    "ballads", "power ballad",
  ],
  "not-a-genre": [
    "other", "others", "unknown", "misc", "miscellaneous", "genre", "genres", "music", "none", "n/a", "various",
    "primus", "abstract", "eclectic", "dream", "space", "cult", "sound clip", "porn groove", "top 40", "charts", "radio", "tracks", "album",
    "albums", "song", "songs", "non-music",
  ],
};

/** Words shown in capitals (or a fixed form) when an unknown label is title-cased. */
// biome-ignore format: a word list
export const BUILT_IN_ACRONYMS: readonly string[] = [
  "EDM", "IDM", "EBM", "UK", "US", "USA", "NYC", "DJ", "MC", "AOR", "MPB", "NWOBHM", "OST", "VGM", "CCM", "R&B",
  "RnB", "DnB", "UKG", "EU", "ASMR", "II", "III", "J", "K",
];
