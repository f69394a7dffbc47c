/**
 * A genre suggestion for one album and the decisions people (or the automatic threshold)
 * make about it. Statuses: "review" (confidence 80–94) and "manual" (below 80) wait for a
 * person; "approved" (accepted as proposed, by a person or automatically at ≥ 95), "edited"
 * (a person chose other genres) and "rejected" are decided; "superseded" is an older
 * suggestion for an album that has a newer one. "Skip" is recorded but changes nothing.
 * Every decision is kept (who, when, what genres), so the history of an album's genre can be
 * read back.
 */
import type { RankedGenre, SuggestionRoute } from "../suggest/aggregate-genres.js";

export const SUGGESTION_STATUSES = ["review", "manual", "approved", "edited", "rejected", "superseded"] as const;
export type SuggestionStatus = (typeof SUGGESTION_STATUSES)[number];
export const PENDING_STATUSES: readonly SuggestionStatus[] = ["review", "manual"];

export const DECISION_ACTIONS = ["auto-approve", "approve", "edit", "reject", "skip"] as const;
export type DecisionAction = (typeof DECISION_ACTIONS)[number];

/** What one source answered, kept as the suggestion's evidence. */
export interface SourceEvidence {
  readonly source: string;
  readonly status: "found" | "not-found" | "no-credentials" | "failed" | "offline";
  /** The release or artist the source matched, when it did. */
  readonly match?: { readonly artist: string; readonly album: string; readonly score: number; readonly url?: string };
  /** Raw labels as the source gave them, and what they normalised to. */
  readonly labels: readonly { readonly label: string; readonly weight: number; readonly genres: readonly string[] }[];
  readonly error?: string;
}

export interface NewSuggestion {
  readonly albumId: string;
  readonly proposal: readonly string[];
  readonly confidence: number;
  readonly route: SuggestionRoute;
  readonly ranked: readonly RankedGenre[];
  readonly evidence: readonly SourceEvidence[];
}

export interface GenreSuggestion {
  readonly id: string;
  readonly albumId: string;
  readonly albumArtist: string;
  readonly albumTitle: string;
  readonly albumFolder: string;
  readonly status: SuggestionStatus;
  readonly confidence: number;
  readonly proposal: readonly string[];
  /** The genres decided on (the proposal when approved, a person's when edited); null while pending or rejected. */
  readonly decidedGenres: readonly string[] | null;
  readonly ranked: readonly RankedGenre[];
  readonly evidence: readonly SourceEvidence[];
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface Decision {
  readonly id: string;
  readonly suggestionId: string;
  readonly action: DecisionAction;
  readonly genres: readonly string[] | null;
  readonly actor: string;
  readonly note: string | null;
  readonly createdAt: string;
}

export interface DecisionInput {
  readonly action: Exclude<DecisionAction, "auto-approve">;
  /** Required for "edit": the genres to write instead of the proposal. */
  readonly genres?: readonly string[];
  /** Who decided: a user name, "cli", an API key's name. */
  readonly actor: string;
  readonly note?: string;
}

/** The status a decision leads to (skip keeps the current one). */
export function statusAfter(current: SuggestionStatus, action: DecisionAction): SuggestionStatus {
  switch (action) {
    case "auto-approve":
    case "approve":
      return "approved";
    case "edit":
      return "edited";
    case "reject":
      return "rejected";
    case "skip":
      return current;
  }
}
