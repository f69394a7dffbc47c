/**
 * The constants of Chromaprint's default algorithm (CHROMAPRINT_ALGORITHM_TEST2, which
 * fpcalc calls "-algorithm 2" and writes as algorithm byte 1 in its compressed fingerprint):
 * the analysis rate, frame and hop, chroma band, chroma filter taps, and the 16 trained
 * classifiers (filter shape over a rectangle of the chroma image, then three quantiser
 * thresholds). These are the published parameters of the algorithm, not code.
 * Geometry of a classifier's rectangle: `column` (first chroma bin, 0…11) and `bins`
 * (bins covered) across pitch, `frames` (consecutive chroma frames) along time.
 * Reference: L. Lalinsky, Chromaprint 1.5.1 (2020), fingerprinter_configuration.cpp
 *   ("Trained on 60k pairs based on eMusic samples"); "How does Chromaprint work?" (2011).
 */

/** Fingerprint algorithm identifier written in the first byte of the compressed form. */
export const CHROMAPRINT_ALGORITHM_TEST2 = 1;

/** Sample rate the audio is analysed at (Hz). */
export const CHROMAPRINT_SAMPLE_RATE = 11025;
/** Samples per analysis frame (≈ 0.371 s at 11025 Hz). */
export const CHROMAPRINT_FRAME_SIZE = 4096;
/** Samples between frame starts: frame size − overlap, overlap = 4096 − 4096/3 (integer division). */
export const CHROMAPRINT_HOP_SIZE =
  CHROMAPRINT_FRAME_SIZE - (CHROMAPRINT_FRAME_SIZE - Math.floor(CHROMAPRINT_FRAME_SIZE / 3));
/** Lowest and highest frequency (Hz) folded into the chroma. */
export const CHROMAPRINT_MIN_FREQUENCY = 28;
export const CHROMAPRINT_MAX_FREQUENCY = 3520;
/** Pitch classes per chroma frame. */
export const CHROMA_BANDS = 12;
/** Reference frequency of pitch class 0: A0 = 440/16 Hz (so band 0 is A, band 3 is C). */
export const CHROMA_BASE_FREQUENCY = 440 / 16;
/** FIR taps applied along time to each chroma band, oldest frame first. */
export const CHROMA_FILTER_TAPS: readonly number[] = [0.25, 0.75, 1.0, 0.75, 0.25];
/** Chroma frames whose Euclidean norm is below this are set to zero (silence). */
export const CHROMA_NORM_FLOOR = 0.01;
/** Seconds of audio fpcalc fingerprints by default (its `-length`). */
export const FPCALC_DEFAULT_SECONDS = 120;

/**
 * One classifier: a Haar-like filter of type 0…5 over the rectangle, its response
 * log(1 + A) − log(1 + B) of the two area sums, and thresholds t0 ≤ t1 ≤ t2 quantising it to 0…3.
 * Filter types: 0 whole rectangle; 1 upper half of the bins minus lower half; 2 later half
 * of the frames minus earlier half; 3 diagonal quadrants (checkerboard); 4 middle third of
 * the bins minus the outer thirds; 5 middle third of the frames minus the outer thirds.
 */
export interface Classifier {
  readonly type: 0 | 1 | 2 | 3 | 4 | 5;
  readonly column: number;
  readonly bins: number;
  readonly frames: number;
  readonly thresholds: readonly [number, number, number];
}

function classifier(
  type: Classifier["type"],
  column: number,
  bins: number,
  frames: number,
  t0: number,
  t1: number,
  t2: number,
): Classifier {
  return { type, column, bins, frames, thresholds: [t0, t1, t2] };
}

/** The 16 classifiers of TEST2; classifier 0 gives the two most significant bits. */
export const CHROMAPRINT_TEST2_CLASSIFIERS: readonly Classifier[] = [
  classifier(0, 4, 3, 15, 1.98215, 2.35817, 2.63523),
  classifier(4, 4, 6, 15, -1.03809, -0.651211, -0.282167),
  classifier(1, 0, 4, 16, -0.298702, 0.119262, 0.558497),
  classifier(3, 8, 2, 12, -0.105439, 0.0153946, 0.135898),
  classifier(3, 4, 4, 8, -0.142891, 0.0258736, 0.200632),
  classifier(4, 0, 3, 5, -0.826319, -0.590612, -0.368214),
  classifier(1, 2, 2, 9, -0.557409, -0.233035, 0.0534525),
  classifier(2, 7, 3, 4, -0.0646826, 0.00620476, 0.0784847),
  classifier(2, 6, 2, 16, -0.192387, -0.029699, 0.215855),
  classifier(2, 1, 3, 2, -0.0397818, -0.00568076, 0.0292026),
  classifier(5, 10, 1, 15, -0.53823, -0.369934, -0.190235),
  classifier(3, 6, 2, 10, -0.124877, 0.0296483, 0.139239),
  classifier(2, 1, 1, 14, -0.101475, 0.0225617, 0.231971),
  classifier(3, 5, 6, 4, -0.0799915, -0.00729616, 0.063262),
  classifier(1, 9, 2, 12, -0.272556, 0.019424, 0.302559),
  classifier(3, 4, 2, 14, -0.164292, -0.0321188, 0.0846339),
];
