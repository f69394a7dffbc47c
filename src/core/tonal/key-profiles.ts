/**
 * Key profiles: for a major and a minor key on tonic C, the expected weight of each pitch
 * class (index 0 = the tonic … 11 = the major seventh). Key-finding correlates a chroma
 * vector with the 24 rotations of a pair (Krumhansl–Schmuckler). The values are those
 * printed in each source; only their shape matters to a correlation.
 * References:
 *   krumhansl — Krumhansl & Kessler (1982), "Tracing the dynamic changes in perceived tonal
 *     organization in a spatial representation of musical keys", Psychological Review 89(4)
 *     (probe-tone ratings).
 *   temperley1999 — Temperley (1999), "What's key for key? The Krumhansl–Schmuckler
 *     key-finding algorithm reconsidered", Music Perception 17(1).
 *   temperley2007 — Temperley (2007), "Music and Probability", MIT Press, ch. 4
 *     (Kostka–Payne corpus: probability that a pitch class occurs in a segment).
 *   aardenEssen — Aarden (2003), "Dynamic melodic expectancy", PhD thesis, Ohio State
 *     (Essen folksong collection, duration-weighted).
 *   bellmanBudge — Bellman (2005), "About the determination of key of a musical excerpt",
 *     CMMR 2005 (Budge's chord statistics).
 *   albrechtShanahan — Albrecht & Shanahan (2013), "The use of large corpora to train a new
 *     type of key-finding algorithm", Music Perception 31(1).
 *   shaath — Sha'ath (2011), "Estimation of key in digital music recordings", MSc thesis,
 *     Birkbeck (KeyFinder).
 *   edma — Faraldo, Gómez, Jordà & Herrera (2016), "Key estimation in electronic dance
 *     music", ECIR 2016 (profiles from the Beatport corpus).
 *   bgate — Faraldo, Jordà & Herrera (2017), "A multi-profile method for key estimation in
 *     EDM", AES Semantic Audio (gated Beatport profiles).
 */

export interface KeyProfile {
  /** Weight of each interval above the tonic in a major key. */
  readonly major: readonly number[];
  /** Weight of each interval above the tonic in a minor key. */
  readonly minor: readonly number[];
}

export const KEY_PROFILES = {
  krumhansl: {
    major: [6.35, 2.23, 3.48, 2.33, 4.38, 4.09, 2.52, 5.19, 2.39, 3.66, 2.29, 2.88],
    minor: [6.33, 2.68, 3.52, 5.38, 2.6, 3.53, 2.54, 4.75, 3.98, 2.69, 3.34, 3.17],
  },
  temperley1999: {
    major: [5.0, 2.0, 3.5, 2.0, 4.5, 4.0, 2.0, 4.5, 2.0, 3.5, 1.5, 4.0],
    minor: [5.0, 2.0, 3.5, 4.5, 2.0, 4.0, 2.0, 4.5, 3.5, 2.0, 1.5, 4.0],
  },
  temperley2007: {
    major: [0.748, 0.06, 0.488, 0.082, 0.67, 0.46, 0.096, 0.715, 0.104, 0.366, 0.057, 0.4],
    minor: [0.712, 0.084, 0.474, 0.618, 0.049, 0.46, 0.105, 0.747, 0.404, 0.067, 0.133, 0.33],
  },
  aardenEssen: {
    major: [
      17.7661, 0.145624, 14.9265, 0.160186, 19.8049, 11.3587, 0.291248, 22.062, 0.145624, 8.15494, 0.232998, 4.95122,
    ],
    minor: [
      18.2648, 0.737619, 14.0499, 16.8599, 0.702494, 14.4362, 0.702494, 18.6161, 4.56621, 1.93186, 7.37619, 1.75623,
    ],
  },
  bellmanBudge: {
    major: [16.8, 0.86, 12.95, 1.41, 13.49, 11.93, 1.25, 20.28, 1.8, 8.04, 0.62, 10.57],
    minor: [18.16, 0.69, 12.99, 13.34, 1.07, 11.15, 1.38, 21.07, 7.49, 1.53, 0.92, 10.21],
  },
  albrechtShanahan: {
    major: [0.238, 0.006, 0.111, 0.006, 0.137, 0.094, 0.016, 0.214, 0.009, 0.08, 0.008, 0.081],
    minor: [0.22, 0.006, 0.104, 0.123, 0.019, 0.103, 0.012, 0.214, 0.062, 0.022, 0.061, 0.052],
  },
  shaath: {
    major: [6.6, 2.0, 3.5, 2.3, 4.6, 4.0, 2.5, 5.2, 2.4, 3.7, 2.3, 3.4],
    minor: [6.5, 2.7, 3.5, 5.4, 2.6, 3.5, 2.5, 5.2, 4.0, 2.7, 4.3, 3.2],
  },
  edma: {
    major: [
      0.16519551, 0.04749026, 0.08293076, 0.06687112, 0.09994645, 0.09274123, 0.05294487, 0.13159476, 0.05218986,
      0.07443653, 0.06940723, 0.0642515,
    ],
    minor: [
      0.17235348, 0.05336489, 0.0761009, 0.10043649, 0.05621498, 0.08527853, 0.0497915, 0.13451001, 0.07458916,
      0.05003023, 0.09187879, 0.05545106,
    ],
  },
  bgate: {
    major: [1.0, 0.0, 0.42, 0.0, 0.53, 0.37, 0.0, 0.77, 0.0, 0.38, 0.21, 0.3],
    minor: [1.0, 0.0, 0.36, 0.39, 0.0, 0.38, 0.0, 0.74, 0.27, 0.0, 0.42, 0.23],
  },
} as const satisfies Record<string, KeyProfile>;

export type KeyProfileName = keyof typeof KEY_PROFILES;

export const KEY_PROFILE_NAMES = Object.keys(KEY_PROFILES) as readonly KeyProfileName[];
