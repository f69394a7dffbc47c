/** tonearm's version; a test keeps it equal to package.json's. */
export const TONEARM_VERSION = "0.1.0";

/**
 * Version of the analysis algorithms as a whole. Bump when any analysis changes its
 * results, so stored reports can tell which algorithms produced them.
 */
export const ANALYSIS_VERSION = 1;
