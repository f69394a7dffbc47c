/**
 * Chromaprint's sub-fingerprints: 16 Haar-like classifiers slide along the chroma image
 * (time × 12 pitch classes); each takes a rectangle starting at the current frame, compares
 * two area sums A and B of it as log(1 + A) − log(1 + B), quantises that response to 0…3 by
 * its three thresholds and writes it Gray-coded (0, 1, 3, 2) as two bits, classifier 0 in
 * the two most significant bits. One 32-bit value per frame position x whose widest
 * rectangle (16 frames for TEST2) fits: rows x … x + 15.
 * Area sums come from a summed-area table kept as a ring of the last (widest + 1) cumulative
 * rows, so a stream of any length needs constant memory. Sums are formed in the same order as
 * Chromaprint's RollingIntegralImage, so values on a threshold round alike.
 * Reference: Ke, Hoiem & Sukthankar (2005), "Computer vision for music identification", CVPR
 *   (classifiers on a spectrogram image); Viola & Jones (2001), "Rapid object detection using
 *   a boosted cascade of simple features", CVPR (integral image); Chromaprint 1.5.1
 *   (filter_utils.h, classifier.h, quantizer.h, fingerprint_calculator.cpp).
 */
import { CHROMA_BANDS, type Classifier } from "./chromaprint-constants.js";

const GRAY_CODES = [0, 1, 3, 2] as const;

export interface SubfingerprintCalculator {
  /** Chroma frames needed before the first sub-fingerprint (the widest classifier). */
  readonly span: number;
  /**
   * Adds the next chroma row (12 values). Returns the sub-fingerprint (an unsigned 32-bit
   * integer) of the position whose last needed row this is, or −1 while fewer than `span` rows came.
   */
  addRow(row: Float64Array): number;
  reset(): void;
}

export function createSubfingerprintCalculator(classifiers: readonly Classifier[]): SubfingerprintCalculator {
  if (classifiers.length === 0 || classifiers.length > 16) {
    throw new RangeError(`createSubfingerprintCalculator: need 1 to 16 classifiers, got ${classifiers.length}`);
  }
  for (const { column, bins, frames } of classifiers) {
    if (!(column >= 0 && bins >= 1 && column + bins <= CHROMA_BANDS && frames >= 1)) {
      throw new RangeError(`createSubfingerprintCalculator: rectangle ${column}+${bins}×${frames} leaves the chroma`);
    }
  }
  const span = Math.max(...classifiers.map((c) => c.frames));
  const ringRows = span + 1;
  const ring = new Float64Array(ringRows * CHROMA_BANDS);
  let rows = 0;

  /** Sum over rows [r1, r2) and bins [c1, c2) of the image (half-open). */
  function area(r1: number, c1: number, r2: number, c2: number): number {
    if (r1 === r2 || c1 === c2) return 0;
    const last = ((r2 - 1) % ringRows) * CHROMA_BANDS;
    if (r1 === 0) return c1 === 0 ? ring[last + c2 - 1]! : ring[last + c2 - 1]! - ring[last + c1 - 1]!;
    const before = ((r1 - 1) % ringRows) * CHROMA_BANDS;
    if (c1 === 0) return ring[last + c2 - 1]! - ring[before + c2 - 1]!;
    return ring[last + c2 - 1]! - ring[before + c2 - 1]! - ring[last + c1 - 1]! + ring[before + c1 - 1]!;
  }

  /** The classifier's response at frame x: log(1 + A) − log(1 + B). */
  function respond({ type, column: y, bins: h, frames: w }: Classifier, x: number): number {
    let a: number;
    let b: number;
    if (type === 0) {
      a = area(x, y, x + w, y + h);
      b = 0;
    } else if (type === 1) {
      const h2 = h >> 1;
      a = area(x, y + h2, x + w, y + h);
      b = area(x, y, x + w, y + h2);
    } else if (type === 2) {
      const w2 = w >> 1;
      a = area(x + w2, y, x + w, y + h);
      b = area(x, y, x + w2, y + h);
    } else if (type === 3) {
      const w2 = w >> 1;
      const h2 = h >> 1;
      a = area(x, y + h2, x + w2, y + h) + area(x + w2, y, x + w, y + h2);
      b = area(x, y, x + w2, y + h2) + area(x + w2, y + h2, x + w, y + h);
    } else if (type === 4) {
      const h3 = Math.floor(h / 3);
      a = area(x, y + h3, x + w, y + 2 * h3);
      b = area(x, y, x + w, y + h3) + area(x, y + 2 * h3, x + w, y + h);
    } else {
      const w3 = Math.floor(w / 3);
      a = area(x + w3, y, x + 2 * w3, y + h);
      b = area(x, y, x + w3, y + h) + area(x + 2 * w3, y, x + w, y + h);
    }
    return Math.log(1 + a) - Math.log(1 + b);
  }

  return {
    span,
    addRow(row: Float64Array): number {
      // Cumulative row: running sum across bins plus the cumulative row above.
      const current = (rows % ringRows) * CHROMA_BANDS;
      const previous = ((rows + ringRows - 1) % ringRows) * CHROMA_BANDS;
      let running = 0;
      for (let b = 0; b < CHROMA_BANDS; b++) {
        running += row[b]!;
        ring[current + b] = rows === 0 ? running : running + ring[previous + b]!;
      }
      rows++;
      if (rows < span) return -1;
      const x = rows - span;
      let bits = 0;
      for (const classifier of classifiers) {
        const value = respond(classifier, x);
        const [t0, t1, t2] = classifier.thresholds;
        const level = value < t1 ? (value < t0 ? 0 : 1) : value < t2 ? 2 : 3;
        bits = (bits << 2) | GRAY_CODES[level]!;
      }
      return bits >>> 0;
    },
    reset(): void {
      rows = 0;
    },
  };
}
