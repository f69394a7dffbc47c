/**
 * One album's genre suggestion: every online source is asked at once (each keeps its own
 * rate limit), their raw labels are normalised, the library's own evidence is added
 * (offline-evidence.ts), and the weighted vote (aggregate-genres.ts) gives the ranked list,
 * the proposal and its route (auto ≥ 95, review 80–94, manual below). What each source said,
 * including failures, is kept as the suggestion's evidence. A source that fails does not fail
 * the suggestion: it simply gives no evidence, which lowers the confidence.
 */
import { TonearmError } from "../../analysis/errors.js";
import type { SourceEvidence } from "../review/genre-suggestion.js";
import type { AlbumQuery, GenreSource, SourceAnswer } from "../sources/genre-source.js";
import {
  aggregateGenres,
  type Proposal,
  type ProposalOptions,
  proposeGenres,
  type RankedGenre,
  type SourceGenres,
} from "./aggregate-genres.js";

/** An artist's genres say less about one album than the album's own: their weight is scaled. */
const ARTIST_SCOPE_FACTOR = 0.8;

export interface SuggestionDependencies {
  readonly sources: readonly GenreSource[];
  /** The canonical genres a raw label stands for; empty when it is not a genre. */
  readonly normalise: (label: string) => readonly string[];
  readonly isA: (genre: string, ancestor: string) => boolean;
  readonly weights?: Readonly<Record<string, number>>;
  readonly proposal?: Partial<ProposalOptions>;
}

export interface AlbumSuggestion extends Proposal {
  readonly ranked: readonly RankedGenre[];
  readonly evidence: readonly SourceEvidence[];
}

export async function suggestAlbumGenres(
  query: AlbumQuery,
  offline: readonly SourceGenres[],
  dependencies: SuggestionDependencies,
  signal?: AbortSignal,
): Promise<AlbumSuggestion> {
  const answers = await Promise.all(
    dependencies.sources.map(async (source): Promise<SourceAnswer | { source: string; error: string }> => {
      try {
        return await source.lookupAlbum(query, signal);
      } catch (error) {
        if (signal?.aborted) throw error;
        const message = error instanceof TonearmError || error instanceof Error ? error.message : String(error);
        return { source: source.name, error: message };
      }
    }),
  );
  signal?.throwIfAborted();
  const evidence: SourceEvidence[] = [];
  const votes: SourceGenres[] = [];
  for (const answer of answers) {
    if ("error" in answer) {
      evidence.push({ source: answer.source, status: "failed", labels: [], error: answer.error });
      continue;
    }
    const labels = answer.genres.map((genre) => ({
      label: genre.label,
      weight: genre.weight * (genre.scope === "artist" ? ARTIST_SCOPE_FACTOR : 1),
      genres: [...dependencies.normalise(genre.label)],
    }));
    const match = answer.match;
    evidence.push({
      source: answer.source,
      status: answer.status,
      ...(match === undefined
        ? {}
        : { match: { artist: match.artist, album: match.album ?? "(artist)", score: match.score, url: match.url } }),
      labels,
    });
    votes.push({ source: answer.source, genres: strongestPerGenre(labels) });
  }
  for (const source of offline) {
    evidence.push({
      source: source.source,
      status: "offline",
      labels: source.genres.map((entry) => ({ label: entry.genre, weight: entry.weight, genres: [entry.genre] })),
    });
    votes.push(source);
  }
  const ranked = aggregateGenres(votes, {
    isA: dependencies.isA,
    ...(dependencies.weights === undefined ? {} : { weights: dependencies.weights }),
  });
  return { ...proposeGenres(ranked, dependencies.proposal), ranked, evidence };
}

/** One vote per canonical genre: the strongest label that names it. */
function strongestPerGenre(labels: readonly { weight: number; genres: readonly string[] }[]) {
  const best = new Map<string, number>();
  for (const label of labels) {
    for (const genre of label.genres) best.set(genre, Math.max(best.get(genre) ?? 0, label.weight));
  }
  return [...best].map(([genre, weight]) => ({ genre, weight }));
}
