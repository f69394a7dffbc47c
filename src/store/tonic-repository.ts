/**
 * The recordings' tonics (table recording_tonics, migration 0004): one row per analysis,
 * estimated (src/service/tonic-jobs.ts) or set by hand. A hand-set ("manual") tonic is what
 * a person heard, so `saveEstimate` never replaces one unless forced; the check and the write
 * are one conditional upsert, so a person's PUT racing the job cannot be overwritten.
 */
import type { Kysely } from "kysely";
import type { DatabaseSchema, RecordingTonicsTable } from "./database-schema.js";
import type { DialectName } from "./dialect-name.js";
import { fromJson, toJson } from "./json-column.js";
import { pageBounds } from "./page-bounds.js";
import { isoNow } from "./timestamps.js";

export const TONIC_SOURCES = ["estimated", "manual"] as const;
export type TonicSource = (typeof TONIC_SOURCES)[number];

export interface TonicRecord {
  readonly analysisId: string;
  readonly hz: number;
  /** 0 (C) … 11 (B). */
  readonly pitchClass: number;
  /** Scientific octave (C4 is middle C). */
  readonly octave: number;
  /** Cents from the equal-tempered pitch (A4 = 440 Hz), −50 … 50. */
  readonly centsOffset: number;
  /** 0–1; null when set by hand. */
  readonly confidence: number | null;
  readonly source: TonicSource;
  /** "drone+melody", "melody", "drone", "key" or "manual". */
  readonly method: string;
  /** How it was made (key hint, candidates, settings); {} by hand. */
  readonly details: Readonly<Record<string, unknown>>;
  readonly estimatedAt: string;
}

/** A tonic with the name of its recording, for listings. */
export interface ListedTonic extends TonicRecord {
  readonly fileName: string;
}

export type NewTonic = Omit<TonicRecord, "estimatedAt"> & { readonly estimatedAt?: string };

type TonicRow = {
  [K in keyof RecordingTonicsTable]: K extends "details" ? unknown : RecordingTonicsTable[K];
};

function tonicFromRow(dialect: DialectName, row: TonicRow): TonicRecord {
  return {
    analysisId: row.analysis_id,
    hz: Number(row.hz),
    pitchClass: Number(row.pitch_class),
    octave: Number(row.octave),
    centsOffset: Number(row.cents_offset),
    confidence: row.confidence === null ? null : Number(row.confidence),
    source: row.source as TonicSource,
    method: row.method,
    details: (fromJson(dialect, row.details) ?? {}) as Record<string, unknown>,
    estimatedAt: row.estimated_at,
  };
}

export class TonicRepository {
  private readonly db: Kysely<DatabaseSchema>;
  private readonly dialect: DialectName;

  constructor(db: Kysely<DatabaseSchema>, dialect: DialectName) {
    this.db = db;
    this.dialect = dialect;
  }

  async get(analysisId: string): Promise<TonicRecord | undefined> {
    const row = await this.db
      .selectFrom("recording_tonics")
      .selectAll()
      .where("analysis_id", "=", analysisId)
      .executeTakeFirst();
    return row && tonicFromRow(this.dialect, row);
  }

  /** Inserts or replaces the tonic, whatever its source (a person's override, a forced estimate). */
  async save(tonic: NewTonic): Promise<TonicRecord> {
    const values = rowOf(tonic);
    const { analysis_id: _key, ...update } = values;
    const row = await this.db
      .insertInto("recording_tonics")
      .values(values)
      .onConflict((conflict) => conflict.column("analysis_id").doUpdateSet(update))
      .returningAll()
      .executeTakeFirstOrThrow();
    return tonicFromRow(this.dialect, row);
  }

  /**
   * Stores an estimate unless the analysis has a manual tonic; the stored tonic, or undefined
   * when a manual one was kept.
   */
  async saveEstimate(tonic: NewTonic): Promise<TonicRecord | undefined> {
    const values = rowOf(tonic);
    const { analysis_id: _key, ...update } = values;
    const row = await this.db
      .insertInto("recording_tonics")
      .values(values)
      .onConflict((conflict) =>
        conflict.column("analysis_id").doUpdateSet(update).where("recording_tonics.source", "<>", "manual"),
      )
      .returningAll()
      .executeTakeFirst();
    return row && tonicFromRow(this.dialect, row);
  }

  /** The source of every stored tonic, by analysis id. */
  async sources(): Promise<Map<string, TonicSource>> {
    const rows = await this.db.selectFrom("recording_tonics").select(["analysis_id", "source"]).execute();
    return new Map(rows.map((row) => [row.analysis_id, row.source as TonicSource]));
  }

  /** Tonics with their recordings' file names, the newest analysis first. */
  async list(request: { readonly offset?: number; readonly limit?: number } = {}): Promise<{
    items: ListedTonic[];
    total: number;
  }> {
    const { offset, limit } = pageBounds(request);
    const query = this.db
      .selectFrom("recording_tonics")
      .innerJoin("analyses", "analyses.id", "recording_tonics.analysis_id");
    const [rows, count] = await Promise.all([
      query
        .selectAll("recording_tonics")
        .select("analyses.file_name")
        .orderBy("analyses.created_at", "desc")
        .orderBy("analyses.id", "desc")
        .offset(offset)
        .limit(limit)
        .execute(),
      query.select((eb) => eb.fn.countAll().as("total")).executeTakeFirstOrThrow(),
    ]);
    return {
      items: rows.map(({ file_name, ...row }) => ({ ...tonicFromRow(this.dialect, row), fileName: file_name })),
      total: Number(count.total),
    };
  }

  async remove(analysisId: string): Promise<boolean> {
    const result = await this.db
      .deleteFrom("recording_tonics")
      .where("analysis_id", "=", analysisId)
      .executeTakeFirst();
    return result.numDeletedRows > 0n;
  }
}

function rowOf(tonic: NewTonic) {
  return {
    analysis_id: tonic.analysisId,
    hz: tonic.hz,
    pitch_class: tonic.pitchClass,
    octave: tonic.octave,
    cents_offset: tonic.centsOffset,
    confidence: tonic.confidence,
    source: tonic.source,
    method: tonic.method,
    details: toJson(tonic.details),
    estimated_at: tonic.estimatedAt ?? isoNow(),
  };
}
