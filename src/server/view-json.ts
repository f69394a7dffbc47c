/**
 * The service's views as the JSON bodies the response schemas describe. The views are
 * deeply readonly; the bodies are plain copies (arrays spread), nothing is renamed.
 */
import type { z } from "zod";
import { DRUM_ARTIFACTS, type DrumArtifact } from "../drums/drum-transcription-files.js";
import type { MasteringResult } from "../master.js";
import type { AnalysisView, JobView, Page, ReferenceView } from "../service/service.js";
import type { AnalysisViewSchema, MasteringResultSchema } from "./schemas/analyses.js";

export type AnalysisJson = z.output<typeof AnalysisViewSchema>;
export type MasteringJson = z.output<typeof MasteringResultSchema>;

export function masteringJson(result: MasteringResult): MasteringJson {
  const { recommendations } = result;
  return {
    report: result.report,
    target: { ...result.target },
    recommendations: {
      ...recommendations,
      overall: recommendations.overall.map((item) => ({ ...item })),
      bands: recommendations.bands.map((item) => ({ ...item })),
      platforms: recommendations.platforms.map((item) => ({ ...item })),
    },
  };
}

export function analysisJson(view: AnalysisView): AnalysisJson {
  return {
    id: view.id,
    kind: view.kind,
    fileName: view.fileName,
    genre: view.genre,
    level: view.level,
    job: jobJson(view.job),
    createdAt: view.createdAt,
    report: view.report,
    mastering: view.mastering === null ? null : masteringJson(view.mastering),
    downloads:
      view.kind === "transcription" && view.job.status === "completed" ? transcriptionDownloads(view.id) : null,
  };
}

/** The URL of each file of a completed transcription. */
export function transcriptionDownloads(analysisId: string): Record<DrumArtifact, string> {
  return Object.fromEntries(
    DRUM_ARTIFACTS.map((artifact) => [artifact, `/api/transcriptions/${analysisId}/${artifact}`]),
  ) as Record<DrumArtifact, string>;
}

export function jobJson(view: JobView) {
  const { result } = view;
  return {
    ...view,
    result:
      result !== null && "problems" in result
        ? { ...result, problems: result.problems.map((problem) => ({ ...problem })) }
        : result === null
          ? null
          : { ...result },
  };
}

export function pageJson<T, U>(page: Page<T>, item: (value: T) => U) {
  return { items: page.items.map(item), total: page.total, offset: page.offset, limit: page.limit };
}

export function referenceJson(view: ReferenceView) {
  return { ...view };
}
