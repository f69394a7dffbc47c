/** A check's context for a hand-built library, with the tests' folded genre labels unless told otherwise. */
import {
  createQualityContext,
  QUALITY_DEFAULTS,
  type QualityContext,
  type QualityOptions,
} from "../quality-context.js";
import type { QualityTrack } from "../quality-input.js";
import { foldedGenre, qualityLibrary } from "./quality-library.js";

export function checkContext(tracks: readonly QualityTrack[], options: Partial<QualityOptions> = {}): QualityContext {
  return createQualityContext(qualityLibrary(tracks), {
    ...QUALITY_DEFAULTS,
    normaliseGenre: foldedGenre,
    impliedGenres: (genres) => genres,
    ...options,
  });
}
