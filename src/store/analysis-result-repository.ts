/**
 * What a completed analysis produced: the report (JSON), for mastering analyses the target
 * and recommendations and the 128-dimension feature vector, and, queryable as rows, one
 * band_metrics row per mastering band and one recommendations row per finding. All are
 * written together (inside the job's completing transaction) and removed with the analysis.
 */
import type { Kysely } from "kysely";
import type { Report } from "../analysis/report.js";
import type { GenreTarget, MasteringRecommendations } from "../core/mastering/recommendations/index.js";
import { base64ToFloat32, float32ToBase64 } from "../core/similarity/index.js";
import type { BandMetricRow, DatabaseSchema, RecommendationRow } from "./database-schema.js";
import type { DialectName } from "./dialect-name.js";
import { fromJson, toJson } from "./json-column.js";
import { isoNow } from "./timestamps.js";

/** The mastering part of a MasteringResult (src/master.ts) besides its report. */
export interface StoredMastering {
  readonly target: GenreTarget;
  readonly recommendations: MasteringRecommendations;
}

export interface AnalysisResultInput {
  readonly analysisId: string;
  readonly report: Report;
  readonly mastering: StoredMastering | null;
  /** FEATURE_DIMENSION_COUNT values, or null when not measured. */
  readonly featureVector: ArrayLike<number> | null;
}

export interface AnalysisResult {
  readonly report: Report;
  readonly mastering: StoredMastering | null;
  readonly featureVector: Float32Array | null;
  readonly createdAt: string;
}

export class AnalysisResultRepository {
  private readonly db: Kysely<DatabaseSchema>;
  private readonly dialect: DialectName;

  constructor(db: Kysely<DatabaseSchema>, dialect: DialectName) {
    this.db = db;
    this.dialect = dialect;
  }

  /** Writes the report, band metrics and recommendations (with `executor`, e.g. a transaction). */
  async save(input: AnalysisResultInput, executor: Kysely<DatabaseSchema> = this.db): Promise<void> {
    const { analysisId, report, mastering, featureVector } = input;
    await executor
      .insertInto("reports")
      .values({
        analysis_id: analysisId,
        report: toJson(report),
        mastering: mastering === null ? null : toJson(mastering),
        feature_vector: featureVector === null ? null : float32ToBase64(Float32Array.from(featureVector)),
        created_at: isoNow(),
      })
      .execute();
    const bands = report.analyses.mastering?.bands ?? [];
    if (bands.length > 0) {
      await executor
        .insertInto("band_metrics")
        .values(
          bands.map((band, index) => ({
            analysis_id: analysisId,
            band_index: index,
            name: band.name,
            low_hz: band.lowHz,
            high_hz: band.highHz,
            energy_share: band.energyShare,
            rms_dbfs: band.rmsDbfs,
            peak_dbfs: band.peakDbfs,
            crest_factor_db: band.crestFactorDb,
            centroid_hz: band.centroidHz,
            rolloff_hz: band.rolloffHz,
            flatness: band.flatness,
            width: band.width,
            correlation: band.correlation,
          })),
        )
        .execute();
    }
    const findings =
      mastering === null ? [] : [...mastering.recommendations.overall, ...mastering.recommendations.bands];
    if (findings.length > 0) {
      await executor
        .insertInto("recommendations")
        .values(
          findings.map((finding, position) => ({
            analysis_id: analysisId,
            position,
            area: finding.area,
            severity: finding.severity,
            measured: finding.measured,
            unit: finding.unit,
            delta: finding.delta,
            delta_unit: finding.deltaUnit,
            message: finding.message,
          })),
        )
        .execute();
    }
  }

  async get(analysisId: string): Promise<AnalysisResult | undefined> {
    const row = await this.db
      .selectFrom("reports")
      .selectAll()
      .where("analysis_id", "=", analysisId)
      .executeTakeFirst();
    if (row === undefined) return undefined;
    return {
      report: fromJson(this.dialect, row.report) as Report,
      mastering: fromJson(this.dialect, row.mastering) as StoredMastering | null,
      featureVector: row.feature_vector === null ? null : base64ToFloat32(row.feature_vector),
      createdAt: row.created_at,
    };
  }

  /** The analysis's bands, low to high. */
  async bandMetrics(analysisId: string): Promise<BandMetricRow[]> {
    return this.db
      .selectFrom("band_metrics")
      .selectAll()
      .where("analysis_id", "=", analysisId)
      .orderBy("band_index")
      .execute();
  }

  /** The analysis's findings in report order. */
  async recommendations(analysisId: string): Promise<RecommendationRow[]> {
    return this.db
      .selectFrom("recommendations")
      .selectAll()
      .where("analysis_id", "=", analysisId)
      .orderBy("position")
      .execute();
  }
}
