/**
 * Built-in genre target profiles: 28 genres and the "balanced" house target used when no genre
 * is given. THESE ARE TARGETS DERIVED FROM PUBLISHED GUIDANCE, NOT MEASUREMENTS OF REAL TRACKS:
 * no reference recording was analysed to make them. Each number is an editorial central value
 * or range chosen to agree with the guidance below and to keep the profiles consistent with each
 * other (club genres louder, denser and more mono in the low end; jazz, classical and film
 * quieter, wider and with a large loudness range).
 *
 * - Loudness and PLR: typical mastered loudness by genre as reported in mastering guides —
 *   Leffler-Schulman, "What are loudness targets for mastering?" (classical/jazz −16…−14 LUFS,
 *   acoustic/folk −14…−12, pop/rock/EDM −10…−8, hip-hop/R&B −10…−6); iZotope and Sound On Sound
 *   articles on mastering for streaming; B. Katz, "Mastering Audio", 3rd ed. (2015), the K-system
 *   (K-20 for classical, film and audiophile jazz; K-14 for pop and rock) and the loudness race.
 * - True-peak ceiling: −1 dBTP (AES TD1008, 2021; Spotify), −2 dBTP for targets louder than
 *   −14 LUFS (Spotify: loud masters distort in lossy encoding) — the same rule as the encoding
 *   estimate in streaming-platforms.ts, so a master on its genre target is not flagged there.
 * - Loudness range: EBU Tech 3342's definition; ranges editorial, wide for classical and film.
 * - Band shares: shaped on the long-term average spectrum of commercial music — roughly flat
 *   one-third-octave levels up to 100–250 Hz, then falling about 2–4 dB per octave (Pestana et
 *   al., "Spectral characteristics of popular commercial recordings 1950–2010", AES 135th
 *   Convention, 2013; Elowsson & Friberg, "Long-term average spectrum in popular music", 2017) —
 *   and tilted per genre (more sub-bass in bass music, more low mids and mids in acoustic music).
 *   Tolerances: 2 dB for tightly produced club genres, 2.5 dB for pop and rock, 3 dB for
 *   acoustic genres, whose spectra vary more with the instruments.
 * - Stereo width and low-end correlation: club sound systems and vinyl need a mono low end
 *   (correlation ≥ 0.8–0.85 below 200 Hz); spaced-microphone acoustic recordings are wider and
 *   less correlated in the bass (0.35–0.6).
 */

import { profile } from "./genre-profile.js";
import type { GenreTarget } from "./genre-target.js";

/** The house target for when no genre is given: middle-of-the-road loudness, balance and width. */
export const BALANCED_TARGET: GenreTarget = profile("balanced", "Balanced (house)", ["general", "default"], {
  loudness: [-12, -16, -8],
  lraLu: [3, 12],
  plrDb: [6, 14],
  shares: [0.55, 0.19, 0.17, 0.06, 0.03],
  toleranceDb: 3,
  width: [0.05, 0.35],
  lowEndMinCorrelation: 0.6,
  guidance: "balanced",
  tilt: "a neutral pop-like tilt",
});

export const GENRE_TARGETS: readonly GenreTarget[] = [
  profile("psytrance", "Psytrance", ["psy", "psy trance", "psychedelic trance", "goa", "goa trance", "full on"], {
    loudness: [-7, -9, -5.5],
    lraLu: [3, 7],
    plrDb: [5, 9],
    shares: [0.62, 0.17, 0.13, 0.055, 0.025],
    toleranceDb: 2,
    width: [0.06, 0.3],
    lowEndMinCorrelation: 0.85,
    guidance: "club",
    tilt: "kick and rolling bass dominate below 200 Hz, busy bright leads keep more energy above 2 kHz than techno",
  }),
  profile("trance", "Trance", ["uplifting trance", "progressive trance", "vocal trance"], {
    loudness: [-8, -10, -6],
    lraLu: [3, 8],
    plrDb: [5.5, 10],
    shares: [0.58, 0.18, 0.15, 0.06, 0.03],
    toleranceDb: 2,
    width: [0.08, 0.32],
    lowEndMinCorrelation: 0.8,
    guidance: "club",
    tilt: "wide supersaw pads fill the mids and highs, a lighter low end than techno",
  }),
  profile("techno", "Techno", ["minimal techno", "hard techno", "industrial techno"], {
    loudness: [-8, -10.5, -6],
    lraLu: [3, 7],
    plrDb: [5.5, 10],
    shares: [0.66, 0.15, 0.12, 0.05, 0.02],
    toleranceDb: 2,
    width: [0.05, 0.28],
    lowEndMinCorrelation: 0.85,
    guidance: "club",
    tilt: "kick-driven and dark, a restrained top end",
  }),
  profile("house", "House", ["house music", "tech house", "progressive house"], {
    loudness: [-8, -10.5, -6.5],
    lraLu: [3, 7],
    plrDb: [5.5, 10],
    shares: [0.63, 0.17, 0.13, 0.05, 0.02],
    toleranceDb: 2,
    width: [0.06, 0.28],
    lowEndMinCorrelation: 0.8,
    guidance: "club",
    tilt: "kick and bass lead, warm mids from chords and vocals",
  }),
  profile("deep-house", "Deep House", ["deephouse"], {
    loudness: [-9.5, -12, -8],
    lraLu: [3, 8],
    plrDb: [6.5, 11],
    shares: [0.67, 0.16, 0.11, 0.04, 0.02],
    toleranceDb: 2,
    width: [0.06, 0.3],
    lowEndMinCorrelation: 0.8,
    guidance: "club",
    tilt: "round sub-bass and soft highs, darker than house",
  }),
  profile("drum-and-bass", "Drum & Bass", ["drum & bass", "dnb", "d&b", "d'n'b", "jungle", "liquid", "neurofunk"], {
    loudness: [-7, -9, -5.5],
    lraLu: [3, 7],
    plrDb: [5, 9],
    shares: [0.64, 0.14, 0.13, 0.06, 0.03],
    toleranceDb: 2,
    width: [0.05, 0.28],
    lowEndMinCorrelation: 0.85,
    guidance: "club",
    tilt: "heavy sub-bass under crisp, bright breakbeats",
  }),
  profile("dubstep", "Dubstep", ["brostep", "riddim", "bass music"], {
    loudness: [-6.5, -8.5, -5],
    lraLu: [2, 7],
    plrDb: [4.5, 8.5],
    shares: [0.7, 0.13, 0.1, 0.05, 0.02],
    toleranceDb: 2,
    width: [0.05, 0.28],
    lowEndMinCorrelation: 0.85,
    guidance: "club",
    tilt: "the heaviest sub-bass of all profiles, growling mids",
  }),
  profile(
    "edm-big-room",
    "EDM / Big Room",
    ["edm", "big room", "electro house", "festival", "electronic dance music"],
    {
      loudness: [-6.5, -8.5, -5],
      lraLu: [2, 6],
      plrDb: [4.5, 8.5],
      shares: [0.6, 0.16, 0.15, 0.06, 0.03],
      toleranceDb: 2,
      width: [0.06, 0.3],
      lowEndMinCorrelation: 0.85,
      guidance: "club",
      tilt: "punchy kick, wide leads and a bright top end",
    },
  ),
  profile("trap", "Trap", ["trap music", "drill"], {
    loudness: [-7, -9, -5.5],
    lraLu: [3, 7],
    plrDb: [5, 9],
    shares: [0.72, 0.12, 0.1, 0.04, 0.02],
    toleranceDb: 2,
    width: [0.04, 0.25],
    lowEndMinCorrelation: 0.85,
    guidance: "urban",
    tilt: "808 sub-bass dominates, sparse mids, crisp hi-hats",
  }),
  profile("hip-hop", "Hip Hop", ["rap", "boom bap"], {
    loudness: [-8, -10.5, -6.5],
    lraLu: [3, 8],
    plrDb: [5.5, 10],
    shares: [0.66, 0.15, 0.13, 0.04, 0.02],
    toleranceDb: 2,
    width: [0.04, 0.22],
    lowEndMinCorrelation: 0.8,
    guidance: "urban",
    tilt: "kick and bass heavy with centred vocals and a moderate top end",
  }),
  profile("lo-fi-hip-hop", "Lo-fi Hip Hop", ["lo-fi", "lofi hip hop", "chillhop", "lo-fi beats"], {
    loudness: [-12, -14, -10],
    lraLu: [3, 8],
    plrDb: [7.5, 12],
    shares: [0.6, 0.2, 0.15, 0.04, 0.01],
    toleranceDb: 2.5,
    width: [0.05, 0.3],
    lowEndMinCorrelation: 0.7,
    guidance: "urban",
    tilt: "rolled-off highs (tape and vinyl character), warm low mids",
  }),
  profile("latin-reggaeton", "Latin / Reggaeton", ["latin", "reggaeton", "urbano", "dembow", "latin pop"], {
    loudness: [-7, -9, -5.5],
    lraLu: [3, 7],
    plrDb: [5, 9],
    shares: [0.64, 0.15, 0.14, 0.05, 0.02],
    toleranceDb: 2,
    width: [0.05, 0.25],
    lowEndMinCorrelation: 0.85,
    guidance: "urban",
    tilt: "dembow kick and bass weight, forward vocals",
  }),
  profile("reggae", "Reggae", ["roots reggae", "dub", "lovers rock"], {
    loudness: [-10, -12.5, -8],
    lraLu: [3, 8],
    plrDb: [7, 11],
    shares: [0.66, 0.16, 0.12, 0.04, 0.02],
    toleranceDb: 2.5,
    width: [0.04, 0.25],
    lowEndMinCorrelation: 0.75,
    guidance: "urban",
    tilt: "bass-led, dry and centred, gentle highs",
  }),
  profile("r-and-b", "R&B", ["r&b", "rnb", "contemporary r&b", "neo soul"], {
    loudness: [-9, -11.5, -7],
    lraLu: [3, 8],
    plrDb: [6.5, 11],
    shares: [0.6, 0.18, 0.15, 0.05, 0.02],
    toleranceDb: 2.5,
    width: [0.05, 0.25],
    lowEndMinCorrelation: 0.75,
    guidance: "urban",
    tilt: "smooth sub-bass and warm low mids, silky rather than bright highs",
  }),
  profile("pop", "Pop", ["pop music", "top 40", "mainstream pop", "synth pop", "dance pop"], {
    loudness: [-8, -10.5, -6.5],
    lraLu: [3, 8],
    plrDb: [5.5, 10],
    shares: [0.55, 0.18, 0.17, 0.07, 0.03],
    toleranceDb: 2.5,
    width: [0.05, 0.25],
    lowEndMinCorrelation: 0.75,
    guidance: "pop-rock",
    tilt: "vocal-forward with a solid low end and present air",
  }),
  profile("k-pop", "K-Pop", ["kpop", "korean pop", "j-pop"], {
    loudness: [-7, -9, -5.5],
    lraLu: [3, 7],
    plrDb: [5, 9],
    shares: [0.54, 0.17, 0.18, 0.07, 0.04],
    toleranceDb: 2.5,
    width: [0.05, 0.25],
    lowEndMinCorrelation: 0.75,
    guidance: "pop-rock",
    tilt: "bright, dense and loud, vocals and synths forward",
  }),
  profile("soul-funk", "Soul / Funk", ["soul", "funk", "motown", "disco"], {
    loudness: [-10, -13, -8],
    lraLu: [4, 9],
    plrDb: [7.5, 12],
    shares: [0.52, 0.21, 0.18, 0.06, 0.03],
    toleranceDb: 2.5,
    width: [0.05, 0.28],
    lowEndMinCorrelation: 0.7,
    guidance: "pop-rock",
    tilt: "bass guitar and kick with rich low mids from horns and keys",
  }),
  profile("rock", "Rock", ["rock music", "hard rock", "alternative", "alt rock", "classic rock", "pop rock"], {
    loudness: [-8.5, -11, -7],
    lraLu: [4, 9],
    plrDb: [6, 11],
    shares: [0.45, 0.23, 0.22, 0.07, 0.03],
    toleranceDb: 2.5,
    width: [0.05, 0.25],
    lowEndMinCorrelation: 0.7,
    guidance: "pop-rock",
    tilt: "guitars fill the low mids and mids, less sub-bass than electronic styles",
  }),
  profile("indie-rock", "Indie Rock", ["indie", "indie pop", "shoegaze"], {
    loudness: [-9.5, -12, -7.5],
    lraLu: [4, 9],
    plrDb: [6.5, 12],
    shares: [0.44, 0.24, 0.22, 0.07, 0.03],
    toleranceDb: 2.5,
    width: [0.05, 0.28],
    lowEndMinCorrelation: 0.7,
    guidance: "pop-rock",
    tilt: "like rock with more room sound and less limiting",
  }),
  profile("punk", "Punk", ["punk rock", "pop punk", "hardcore punk"], {
    loudness: [-8, -10, -6.5],
    lraLu: [3, 8],
    plrDb: [5.5, 10],
    shares: [0.4, 0.24, 0.25, 0.08, 0.03],
    toleranceDb: 2.5,
    width: [0.05, 0.25],
    lowEndMinCorrelation: 0.7,
    guidance: "pop-rock",
    tilt: "mid-heavy guitars and drums, a lean sub-bass",
  }),
  profile("metal", "Metal", ["heavy metal", "metalcore", "death metal", "thrash", "djent", "black metal"], {
    loudness: [-7.5, -9.5, -6],
    lraLu: [3, 8],
    plrDb: [5, 9.5],
    shares: [0.42, 0.22, 0.24, 0.08, 0.04],
    toleranceDb: 2.5,
    width: [0.05, 0.28],
    lowEndMinCorrelation: 0.75,
    guidance: "pop-rock",
    tilt: "dense distorted guitars in the mids and upper mids over a tight low end",
  }),
  profile("country", "Country", ["country music", "americana", "country pop"], {
    loudness: [-9, -11.5, -7.5],
    lraLu: [4, 9],
    plrDb: [6.5, 11],
    shares: [0.46, 0.22, 0.22, 0.07, 0.03],
    toleranceDb: 2.5,
    width: [0.05, 0.25],
    lowEndMinCorrelation: 0.7,
    guidance: "pop-rock",
    tilt: "vocal and guitars forward over a moderate low end",
  }),
  profile("folk-acoustic", "Folk / Acoustic", ["folk", "acoustic", "singer-songwriter", "bluegrass", "unplugged"], {
    loudness: [-13, -16, -10],
    lraLu: [5, 12],
    plrDb: [9, 15],
    shares: [0.38, 0.26, 0.26, 0.07, 0.03],
    toleranceDb: 3,
    width: [0.06, 0.32],
    lowEndMinCorrelation: 0.6,
    guidance: "acoustic",
    tilt: "acoustic instruments and voice: a light low end, strong low mids and mids",
  }),
  profile("blues", "Blues", ["blues rock", "delta blues", "electric blues"], {
    loudness: [-11, -14, -9],
    lraLu: [4, 10],
    plrDb: [8, 13],
    shares: [0.46, 0.23, 0.21, 0.07, 0.03],
    toleranceDb: 3,
    width: [0.05, 0.28],
    lowEndMinCorrelation: 0.65,
    guidance: "acoustic",
    tilt: "warm, mid-forward guitars and vocals over a moderate low end",
  }),
  profile("jazz", "Jazz", ["bebop", "swing", "big band", "smooth jazz", "jazz fusion"], {
    loudness: [-15, -18, -12],
    lraLu: [6, 14],
    plrDb: [10, 18],
    shares: [0.42, 0.25, 0.23, 0.07, 0.03],
    toleranceDb: 3,
    width: [0.08, 0.35],
    lowEndMinCorrelation: 0.55,
    guidance: "dynamic",
    tilt: "acoustic bass, piano, horns and cymbals in a natural room balance",
  }),
  profile("classical", "Classical", ["chamber music", "opera", "symphony", "baroque", "early music", "choral"], {
    loudness: [-18, -23, -14],
    lraLu: [8, 22],
    plrDb: [12, 24],
    shares: [0.36, 0.28, 0.26, 0.07, 0.03],
    toleranceDb: 3,
    width: [0.1, 0.4],
    lowEndMinCorrelation: 0.35,
    guidance: "dynamic",
    tilt: "energy centred in the low mids and mids, natural hall stereo",
  }),
  profile(
    "film-orchestral",
    "Film / Orchestral",
    ["film", "film score", "soundtrack", "cinematic", "orchestral", "trailer"],
    {
      loudness: [-16, -21, -12],
      lraLu: [8, 20],
      plrDb: [11, 22],
      shares: [0.46, 0.24, 0.21, 0.06, 0.03],
      toleranceDb: 3,
      width: [0.1, 0.4],
      lowEndMinCorrelation: 0.5,
      guidance: "dynamic",
      tilt: "orchestra with hybrid percussion and sub hits: more low end than concert classical",
    },
  ),
  profile("ambient", "Ambient", ["ambient music", "drone", "new age", "chillout", "downtempo"], {
    loudness: [-15, -20, -12],
    lraLu: [5, 14],
    plrDb: [10, 20],
    shares: [0.5, 0.22, 0.18, 0.06, 0.04],
    toleranceDb: 3,
    width: [0.1, 0.45],
    lowEndMinCorrelation: 0.5,
    guidance: "dynamic",
    tilt: "pads and textures: wide stereo, soft transients, gentle air",
  }),
];

/** Lower case without spaces or punctuation: "Drum & Bass" → "drumbass", "Lo-Fi" → "lofi". */
export function genreKey(nameOrAlias: string): string {
  return nameOrAlias
    .normalize("NFKD")
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "");
}

const ALL_TARGETS: readonly GenreTarget[] = [...GENRE_TARGETS, BALANCED_TARGET];

const BY_KEY: ReadonlyMap<string, GenreTarget> = new Map(
  ALL_TARGETS.flatMap((target) =>
    [target.id, target.name, ...target.aliases].map((name) => [genreKey(name), target] as const),
  ),
);

/**
 * The profile whose id, name or alias matches `nameOrAlias`, ignoring case, spaces and
 * punctuation ("drum and bass", "DnB", "Drum & Bass" all find drum-and-bass). Throws a RangeError
 * listing the valid ids for anything else.
 */
export function findGenreTarget(nameOrAlias: string): GenreTarget {
  const key = genreKey(nameOrAlias);
  const target = BY_KEY.get(key);
  if (target) return target;
  const ids = ALL_TARGETS.map((candidate) => candidate.id).join(", ");
  throw new RangeError(`findGenreTarget: unknown genre "${nameOrAlias}"; expected one of ${ids}`);
}
