/**
 * Loudness errors as the corpus scorer reports them: absolute differences, in LU (or dB for
 * true peak), between estimated and reference integrated loudness (ITU-R BS.1770-4 / EBU
 * R128), loudness range (EBU Tech 3342) and true peak (BS.1770-4 Annex 2). Only the fields
 * present in the estimate are scored.
 * Reference: score.py; EBU R 128 (2020), EBU Tech 3341/3342.
 */

/** Loudness measurements of one track. */
export interface LoudnessMeasures {
  /** Integrated loudness in LUFS. */
  readonly integrated_lufs?: number | null;
  /** Loudness range in LU. */
  readonly lra?: number | null;
  /** Maximum true peak in dBTP. */
  readonly true_peak_dbtp?: number | null;
}

export interface LoudnessErrors {
  readonly integratedAbsError?: number;
  readonly lraAbsError?: number;
  readonly truePeakAbsError?: number;
}

/** Absolute errors of the estimated loudness fields that are present (not null/undefined). */
export function loudnessErrors(reference: LoudnessMeasures, estimated: LoudnessMeasures): LoudnessErrors {
  const error = (truth: number | null | undefined, estimate: number | null | undefined): number | undefined =>
    estimate === null || estimate === undefined || truth === null || truth === undefined
      ? undefined
      : Math.abs(estimate - truth);
  const integratedAbsError = error(reference.integrated_lufs, estimated.integrated_lufs);
  const lraAbsError = error(reference.lra, estimated.lra);
  const truePeakAbsError = error(reference.true_peak_dbtp, estimated.true_peak_dbtp);
  return {
    ...(integratedAbsError === undefined ? {} : { integratedAbsError }),
    ...(lraAbsError === undefined ? {} : { lraAbsError }),
    ...(truePeakAbsError === undefined ? {} : { truePeakAbsError }),
  };
}
