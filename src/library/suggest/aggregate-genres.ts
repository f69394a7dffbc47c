/**
 * Weighted genre votes across sources into one ranked list with a confidence (0–100).
 *
 * Each source that answered gives normalised genres with weights in 0..1 (its own ranking:
 * Last.fm tag counts, MusicBrainz votes, Discogs genre before style…). A genre's evidence is
 * M(g) = Σ_s W_s · w_s(g), W_s the source's weight (Spotify 1.0, MusicBrainz 0.85, Discogs 0.8,
 * Deezer 0.75, Last.fm 0.7, offline evidence lower; configurable). A source that names a
 * sub-genre of g also supports g (hierarchy), at the sub-genre's weight.
 *
 * confidence(g) = 100 · (1 − e^(−k·M(g))) · M(g) / Σ_answered W_s · max_g' w_s(g')
 *
 * The first factor grows with how much independent evidence there is (k = 1.5: one source
 * of weight 1 alone gives 78, two agreeing sources of 0.85 and 0.7 give 90, three agreeing
 * major sources give 98); the second is the share of the evidence the answering sources could
 * have given (each at its strongest label) that went to g, so disagreement lowers it while a
 * source that only knows the artist (weaker labels) does not count as disagreeing. Thresholds (genre-tagger semantics): ≥ 95 is applied
 * automatically, 80–94 goes to review, below 80 needs a person.
 */

export type EvidenceSourceName = string;

export interface SourceGenres {
  readonly source: EvidenceSourceName;
  /** Normalised genres, weight in 0..1 within this source. */
  readonly genres: readonly { readonly genre: string; readonly weight: number }[];
}

export interface RankedGenre {
  readonly genre: string;
  /** 0–100. */
  readonly confidence: number;
  /** Evidence mass M(g). */
  readonly evidence: number;
  /** The sources that support it. */
  readonly sources: readonly EvidenceSourceName[];
}

export interface AggregationOptions {
  /** Weight per source name; a source missing here gets `defaultWeight`. */
  readonly weights: Readonly<Record<EvidenceSourceName, number>>;
  readonly defaultWeight: number;
  /** Evidence saturation rate k. */
  readonly saturation: number;
  /** `ancestor` is `genre` or a more general genre of it. */
  readonly isA: (genre: string, ancestor: string) => boolean;
}

export const DEFAULT_SOURCE_WEIGHTS: Readonly<Record<string, number>> = {
  spotify: 1.0,
  musicbrainz: 0.85,
  discogs: 0.8,
  deezer: 0.75,
  lastfm: 0.7,
  "file-tags": 0.5,
  "artist-albums": 0.45,
  "folder-names": 0.35,
  audio: 0.3,
};

export const AGGREGATION_DEFAULTS: AggregationOptions = {
  weights: DEFAULT_SOURCE_WEIGHTS,
  defaultWeight: 0.3,
  saturation: 1.5,
  isA: (genre, ancestor) => genre === ancestor,
};

export const AUTO_APPLY_CONFIDENCE = 95;
export const REVIEW_CONFIDENCE = 80;

export type SuggestionRoute = "auto" | "review" | "manual";

export function routeFor(confidence: number): SuggestionRoute {
  if (confidence >= AUTO_APPLY_CONFIDENCE) return "auto";
  return confidence >= REVIEW_CONFIDENCE ? "review" : "manual";
}

export function aggregateGenres(
  answers: readonly SourceGenres[],
  options: Partial<AggregationOptions> = {},
): RankedGenre[] {
  const { weights, defaultWeight, saturation, isA } = { ...AGGREGATION_DEFAULTS, ...options };
  const answered = answers.filter((answer) => answer.genres.length > 0);
  const weightOf = (source: string) => weights[source] ?? defaultWeight;
  const totalWeight = answered.reduce(
    (sum, answer) =>
      sum + weightOf(answer.source) * Math.max(0, ...answer.genres.map((entry) => clamp01(entry.weight))),
    0,
  );
  if (totalWeight <= 0) return [];

  const candidates = new Set(answered.flatMap((answer) => answer.genres.map((entry) => entry.genre)));
  const ranked: RankedGenre[] = [];
  for (const genre of candidates) {
    let evidence = 0;
    const sources: string[] = [];
    for (const answer of answered) {
      // A source supports g through g itself or its most strongly weighted sub-genre.
      let support = 0;
      for (const entry of answer.genres) {
        if (isA(entry.genre, genre)) support = Math.max(support, clamp01(entry.weight));
      }
      if (support > 0) {
        evidence += weightOf(answer.source) * support;
        sources.push(answer.source);
      }
    }
    const agreement = Math.min(1, evidence / totalWeight);
    const confidence = 100 * (1 - Math.exp(-saturation * evidence)) * agreement;
    ranked.push({ genre, confidence: Math.round(confidence * 10) / 10, evidence, sources });
  }
  return ranked.sort((a, b) => b.confidence - a.confidence || b.evidence - a.evidence || (a.genre < b.genre ? -1 : 1));
}

function clamp01(value: number): number {
  return Number.isFinite(value) ? Math.min(1, Math.max(0, value)) : 0;
}

export interface Proposal {
  /** The genres to write, best first. */
  readonly genres: readonly string[];
  /** The first genre's confidence (0 when there is no proposal). */
  readonly confidence: number;
  readonly route: SuggestionRoute;
}

export interface ProposalOptions {
  /** At most this many genres; default 3. */
  readonly maxGenres: number;
  /** Further genres need this share of the first's confidence; default 0.6. */
  readonly relativeFloor: number;
}

/** The genres worth writing from a ranked list: the best one and those close to it. */
export function proposeGenres(ranked: readonly RankedGenre[], options: Partial<ProposalOptions> = {}): Proposal {
  const { maxGenres, relativeFloor } = { maxGenres: 3, relativeFloor: 0.6, ...options };
  const best = ranked[0];
  if (best === undefined || best.confidence <= 0) return { genres: [], confidence: 0, route: "manual" };
  const genres = ranked
    .filter((entry) => entry.confidence >= relativeFloor * best.confidence)
    .slice(0, Math.max(1, maxGenres))
    .map((entry) => entry.genre);
  return { genres, confidence: best.confidence, route: routeFor(best.confidence) };
}
