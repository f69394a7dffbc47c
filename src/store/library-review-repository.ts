/**
 * Genre suggestions and the decisions about them (src/library/review/genre-suggestion.ts).
 * A new suggestion for an album supersedes the album's pending ones; one at or above the
 * automatic threshold is approved at once, with an "auto-approve" decision by "tonearm" on
 * record. Deciding is a transaction: the status change and its decision row land together.
 */
import { randomUUID } from "node:crypto";
import { type Kysely, sql } from "kysely";
import { TonearmError } from "../analysis/errors.js";
import type {
  Decision,
  DecisionInput,
  GenreSuggestion,
  NewSuggestion,
  SourceEvidence,
  SuggestionStatus,
} from "../library/review/genre-suggestion.js";
import { PENDING_STATUSES, statusAfter } from "../library/review/genre-suggestion.js";
import type { RankedGenre } from "../library/suggest/aggregate-genres.js";
import type { DatabaseSchema, LibraryDecisionRow } from "./database-schema.js";
import type { DialectName } from "./dialect-name.js";
import { fromJson, toJson } from "./json-column.js";
import { isoNow } from "./timestamps.js";

export interface SuggestionQuery {
  readonly statuses?: readonly SuggestionStatus[];
  readonly limit?: number;
  readonly offset?: number;
}

export class LibraryReviewRepository {
  private readonly db: Kysely<DatabaseSchema>;
  private readonly dialect: DialectName;

  constructor(db: Kysely<DatabaseSchema>, dialect: DialectName) {
    this.db = db;
    this.dialect = dialect;
  }

  async createSuggestion(input: NewSuggestion): Promise<GenreSuggestion> {
    const id = randomUUID();
    await this.db.transaction().execute(async (trx) => {
      const now = isoNow();
      await trx
        .updateTable("library_suggestions")
        .set({ status: "superseded", updated_at: now })
        .where("album_id", "=", input.albumId)
        .where("status", "in", [...PENDING_STATUSES])
        .execute();
      const auto = input.route === "auto" && input.proposal.length > 0;
      await trx
        .insertInto("library_suggestions")
        .values({
          id,
          album_id: input.albumId,
          status: auto ? "approved" : input.route === "review" ? "review" : "manual",
          confidence: input.confidence,
          proposal: toJson(input.proposal),
          decided_genres: auto ? toJson(input.proposal) : null,
          ranked: toJson(input.ranked),
          evidence: toJson(input.evidence),
          created_at: now,
          updated_at: now,
        })
        .execute();
      if (auto) {
        await trx
          .insertInto("library_decisions")
          .values({
            id: randomUUID(),
            suggestion_id: id,
            action: "auto-approve",
            genres: toJson(input.proposal),
            actor: "tonearm",
            note: `confidence ${input.confidence}`,
            created_at: now,
          })
          .execute();
      }
    });
    return this.get(id);
  }

  async list(query: SuggestionQuery = {}): Promise<{ items: GenreSuggestion[]; total: number }> {
    const limit = Math.min(500, Math.max(1, query.limit ?? 50));
    const offset = Math.max(0, query.offset ?? 0);
    let select = this.selectSuggestions();
    let count = this.db.selectFrom("library_suggestions").select(sql<number>`count(*)`.as("total"));
    if (query.statuses !== undefined && query.statuses.length > 0) {
      select = select.where("s.status", "in", [...query.statuses]);
      count = count.where("status", "in", [...query.statuses]);
    }
    const rows = await select.orderBy("s.created_at", "asc").orderBy("s.id").limit(limit).offset(offset).execute();
    const total = Number((await count.executeTakeFirstOrThrow()).total);
    return { items: rows.map((row) => this.suggestionFromRow(row)), total };
  }

  async get(id: string): Promise<GenreSuggestion> {
    const row = await this.selectSuggestions().where("s.id", "=", id).executeTakeFirst();
    if (row === undefined) throw new TonearmError("NOT_FOUND", `no genre suggestion ${id}`);
    return this.suggestionFromRow(row);
  }

  async decide(id: string, input: DecisionInput): Promise<GenreSuggestion> {
    const current = await this.get(id);
    if (current.status === "superseded") {
      throw new TonearmError("CONFLICT", `suggestion ${id} was superseded by a newer one for its album`);
    }
    const editedGenres = input.genres?.map((genre) => genre.trim()).filter((genre) => genre !== "") ?? [];
    if (input.action === "edit" && editedGenres.length === 0) {
      throw new TonearmError("INVALID_OPTION", "an edit needs at least one genre");
    }
    if (input.action === "approve" && current.proposal.length === 0) {
      throw new TonearmError("INVALID_OPTION", `suggestion ${id} proposes no genre; edit it instead`);
    }
    const status = statusAfter(current.status, input.action);
    const decided =
      input.action === "approve"
        ? current.proposal
        : input.action === "edit"
          ? editedGenres
          : input.action === "reject"
            ? null
            : undefined;
    await this.db.transaction().execute(async (trx) => {
      const now = isoNow();
      if (decided !== undefined) {
        await trx
          .updateTable("library_suggestions")
          .set({ status, decided_genres: decided === null ? null : toJson(decided), updated_at: now })
          .where("id", "=", id)
          .execute();
      }
      await trx
        .insertInto("library_decisions")
        .values({
          id: randomUUID(),
          suggestion_id: id,
          action: input.action,
          genres: decided === undefined || decided === null ? null : toJson(decided),
          actor: input.actor,
          note: input.note ?? null,
          created_at: now,
        })
        .execute();
    });
    return this.get(id);
  }

  async decisions(suggestionId: string): Promise<Decision[]> {
    const rows = await this.db
      .selectFrom("library_decisions")
      .selectAll()
      .where("suggestion_id", "=", suggestionId)
      .orderBy("created_at")
      .execute();
    return rows.map((row) => this.decisionFromRow(row));
  }

  /** The decided genres of every album that has an approved or edited suggestion (the newest). */
  async decidedGenresByAlbum(): Promise<Map<string, string[]>> {
    const rows = await this.db
      .selectFrom("library_suggestions")
      .select(["album_id", "decided_genres", "updated_at"])
      .where("status", "in", ["approved", "edited"])
      .orderBy("updated_at")
      .execute();
    const decided = new Map<string, string[]>();
    for (const row of rows) decided.set(row.album_id, (fromJson(this.dialect, row.decided_genres) as string[]) ?? []);
    return decided;
  }

  /** Albums whose newest suggestion has one of `statuses`. */
  async albumIdsWithStatus(statuses: readonly SuggestionStatus[]): Promise<Set<string>> {
    if (statuses.length === 0) return new Set();
    const rows = await this.db
      .selectFrom("library_suggestions")
      .select("album_id")
      .where("status", "in", [...statuses])
      .execute();
    return new Set(rows.map((row) => row.album_id));
  }

  private selectSuggestions() {
    return this.db
      .selectFrom("library_suggestions as s")
      .innerJoin("library_albums as a", "a.id", "s.album_id")
      .selectAll("s")
      .select(["a.artist as album_artist", "a.title as album_title", "a.folder as album_folder"]);
  }

  private suggestionFromRow(row: {
    id: string;
    album_id: string;
    album_artist: string;
    album_title: string;
    album_folder: string;
    status: string;
    confidence: number;
    proposal: unknown;
    decided_genres: unknown;
    ranked: unknown;
    evidence: unknown;
    created_at: string;
    updated_at: string;
  }): GenreSuggestion {
    return {
      id: row.id,
      albumId: row.album_id,
      albumArtist: row.album_artist,
      albumTitle: row.album_title,
      albumFolder: row.album_folder,
      status: row.status as SuggestionStatus,
      confidence: Number(row.confidence),
      proposal: fromJson(this.dialect, row.proposal) as string[],
      decidedGenres: fromJson(this.dialect, row.decided_genres) as string[] | null,
      ranked: fromJson(this.dialect, row.ranked) as RankedGenre[],
      evidence: fromJson(this.dialect, row.evidence) as SourceEvidence[],
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    };
  }

  private decisionFromRow(row: LibraryDecisionRow): Decision {
    return {
      id: row.id,
      suggestionId: row.suggestion_id,
      action: row.action as Decision["action"],
      genres: fromJson(this.dialect, row.genres) as string[] | null,
      actor: row.actor,
      note: row.note,
      createdAt: row.created_at,
    };
  }
}
