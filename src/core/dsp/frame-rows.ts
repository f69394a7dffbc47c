/**
 * Rows of per-frame values collected while frames stream in (a spectral peak list, mel
 * bands, onset regions…) when the number of frames is known only at the end. One
 * Float32Array sized from an expected count grows by a quarter when it runs out (old
 * rows copied once), and is trimmed when the stream ends: a view when the slack is small,
 * a copy otherwise. Rows are handed out in order; the caller writes row t at `row(t)`.
 */

export interface FrameRows {
  /** Values per row; integer ≥ 1. */
  readonly width: number;
  /** Rows handed out so far. */
  readonly rows: number;
  /**
   * Makes room for row `t` (must equal `rows`: rows come in order) and returns its offset in
   * `data`. Read `data` after this call: growing replaces the array.
   */
  row(t: number): number;
  /** The storage; rows past `rows` are zero. */
  readonly data: Float32Array;
  /** Ends the stream: exactly rows·width values (call once). */
  finish(): Float32Array;
}

const GROWTH = 1.25;
/** Slack (share of the capacity) kept behind a view instead of trimming by a copy. */
const KEEP_VIEW_SLACK = 0.02;

/** Rows of `width` values, storage first sized for `expectedRows` (grown as needed). */
export function createFrameRows(width: number, expectedRows = 0): FrameRows {
  if (!(Number.isInteger(width) && width >= 1)) {
    throw new RangeError(`createFrameRows: width must be an integer ≥ 1, got ${width}`);
  }
  let capacity = Math.max(16, Math.ceil(Number.isFinite(expectedRows) ? expectedRows : 0));
  let data = new Float32Array(capacity * width);
  let rows = 0;
  let finished = false;
  return {
    width,
    get rows() {
      return rows;
    },
    get data() {
      return data;
    },
    row(t) {
      if (finished) throw new Error("createFrameRows: row() after finish()");
      if (t !== rows) throw new RangeError(`createFrameRows: rows come in order; expected row ${rows}, got ${t}`);
      if (rows === capacity) {
        capacity = Math.ceil(capacity * GROWTH) + 1;
        const grown = new Float32Array(capacity * width);
        grown.set(data.subarray(0, rows * width));
        data = grown;
      }
      rows++;
      return t * width;
    },
    finish() {
      if (finished) throw new Error("createFrameRows: finish() called twice");
      finished = true;
      const used = rows * width;
      data = capacity - rows <= capacity * KEEP_VIEW_SLACK ? data.subarray(0, used) : data.slice(0, used);
      return data;
    },
  };
}
