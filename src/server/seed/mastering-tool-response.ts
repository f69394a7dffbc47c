/**
 * tonearm's mastering analysis in the shapes the Audio Mastering Tool's client reads.
 * Source: dennisdubs6-creator/audio-mastering-tool, backend/api/schemas.py
 * (`AnalysisResponse`, `BandMetricResponse`, `OverallMetricResponse`,
 * `RecommendationResponse`, `ReferenceTrackResponse`), backend/api/routers/references.py
 * (`SimilarityMatchResponse { reference_id, track_name, artist, genre, year,
 * similarity_score }` clamped to 0…1 and rounded to 4 places, in `{ matches }`),
 * backend/config/constants.py (bands low 20–200, low_mid 200–500, mid 500–2000,
 * high_mid 2000–6000, high 6000–20000 Hz, the same split as tonearm's; recommendation
 * levels analytical/suggestive/prescriptive) and the Electron client
 * frontend/src/api/types.ts and client.ts (field names and nullability it reads).
 * Figures tonearm does not measure are null, which the tool's schema allows.
 */
import type { Mastering } from "../../analysis/analyses/mastering.js";
import type { AnalysisView, SimilarView } from "../../service/service.js";
import { TONEARM_VERSION } from "../../version.js";

/** The tool's "analytical" level is tonearm's "informative". */
export function toolLevelToTonearm(level: string | undefined): string | undefined {
  return level === "analytical" ? "informative" : level;
}

export function tonearmLevelToTool(level: string | null): string {
  if (level === null) return "suggestive";
  return level === "informative" ? "analytical" : level;
}

const NULL_BAND_FIGURES = {
  band_level_range_db: null,
  dynamic_range_db: null,
  mid_energy_db: null,
  side_energy_db: null,
  thd_percent: null,
  harmonic_ratio: null,
  inharmonicity: null,
  transient_preservation: null,
  attack_time_ms: null,
};

const percent = (fraction: number | null) => (fraction === null ? null : Number((fraction * 100).toFixed(2)));
const shareDb = (share: number | null) =>
  share === null || share <= 0 ? null : Number((10 * Math.log10(share)).toFixed(2));

function bandMetrics(analysisId: string, mastering: Mastering) {
  return mastering.bands.map((band) => ({
    id: `${analysisId}:${band.name}`,
    band_name: band.name,
    freq_min: band.lowHz,
    freq_max: band.highHz,
    band_rms_dbfs: band.rmsDbfs,
    band_true_peak_dbfs: band.peakDbfs,
    crest_factor_db: band.crestFactorDb,
    rms_db: band.rmsDbfs,
    spectral_centroid_hz: band.centroidHz,
    spectral_rolloff_hz: band.rolloffHz,
    spectral_flatness: band.flatness,
    energy_db: shareDb(band.energyShare),
    stereo_width_percent: percent(band.width),
    phase_correlation: band.correlation,
    ...NULL_BAND_FIGURES,
  }));
}

function overallMetrics(analysisId: string, mastering: Mastering) {
  return {
    id: `${analysisId}:overall`,
    integrated_lufs: mastering.loudness.integratedLufs,
    loudness_range_lu: mastering.loudness.loudnessRangeLu,
    true_peak_dbfs: mastering.loudness.truePeakDbtp,
    dynamic_range_db: mastering.dynamicRange.drDb,
    crest_factor_db: mastering.crestFactorDb,
    avg_stereo_width_percent: percent(mastering.stereo.width),
    avg_phase_correlation: mastering.stereo.correlation,
    spectral_centroid_hz: null,
    spectral_bandwidth_hz: null,
    warnings: mastering.notes.length === 0 ? null : mastering.notes.map((note) => note.message).join("; "),
  };
}

/** GET /api/analysis/{id}: the tool's AnalysisResponse, plus tonearm's `status` and `progress`. */
export function masteringToolAnalysis(view: AnalysisView) {
  const result = view.mastering;
  const mastering = result?.report.analyses.mastering ?? null;
  const level = tonearmLevelToTool(view.level);
  const finishedAt = view.job.finishedAt ?? view.job.startedAt ?? view.createdAt;
  const recommendations =
    result === null
      ? []
      : [...result.recommendations.overall, ...result.recommendations.bands].map((item, index) => ({
          id: `${view.id}:rec-${index}`,
          band_name: item.area.startsWith("band:") ? item.area.slice(5) : null,
          metric_category: item.area,
          severity: item.severity,
          recommendation_text: item.message,
          analytical_text: level === "analytical" ? item.message : null,
          suggestive_text: level === "suggestive" ? item.message : null,
          prescriptive_text: level === "prescriptive" ? item.message : null,
          created_at: finishedAt,
        }));
  const source = result?.report.source;
  return {
    id: view.id,
    file_path: view.fileName,
    file_name: view.fileName,
    file_size: source?.sizeBytes ?? null,
    sample_rate: source?.sampleRate ?? null,
    bit_depth: source?.bitsPerSample ?? null,
    duration_seconds: result?.report.audio.durationSeconds ?? null,
    genre: view.genre,
    genre_confidence: null,
    recommendation_level: level,
    analysis_engine_version: `tonearm ${TONEARM_VERSION}`,
    created_at: view.createdAt,
    updated_at: finishedAt,
    band_metrics: mastering === null ? [] : bandMetrics(view.id, mastering),
    overall_metrics: mastering === null ? null : overallMetrics(view.id, mastering),
    recommendations,
    warnings: result === null ? null : result.report.warnings.map((warning) => warning.message),
    status: view.job.status,
    progress: view.job.progress,
  };
}

/** POST /api/similarity/{analysis_id}: `{ matches }`. */
export function masteringToolMatches(similar: readonly SimilarView[]) {
  return {
    matches: similar.map(({ reference, similarity }) => ({
      reference_id: reference.id,
      track_name: reference.name,
      artist: reference.artist,
      genre: reference.genre,
      year: reference.year,
      similarity_score: Number(Math.max(0, Math.min(1, similarity)).toFixed(4)),
    })),
  };
}
