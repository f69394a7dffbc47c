/**
 * The k best (score, sequence, row) candidates of a scan, in a fixed-size binary min-heap whose
 * root is the worst kept candidate: O(log k) per admitted candidate, and a scan only compares
 * with `threshold` for the (usual) candidate that is not better than the root. Ties in score
 * go to the smaller sequence number (earlier insertion), so results are stable.
 * Arrays are allocated once and grown only when a larger k is asked for.
 * Reference: Cormen, Leiserson, Rivest & Stein (2009), "Introduction to Algorithms", 3rd ed.,
 *   ch. 6 (binary heaps).
 */

export interface RankedRow {
  readonly row: number;
  readonly score: number;
}

export class TopKHeap {
  private scores = new Float64Array(16);
  private sequences = new Float64Array(16);
  private rows = new Int32Array(16);
  private limit = 0;
  private count = 0;

  /** Empties the heap and sets how many candidates it keeps (integer ≥ 0). */
  reset(limit: number): void {
    if (limit > this.scores.length) {
      this.scores = new Float64Array(limit);
      this.sequences = new Float64Array(limit);
      this.rows = new Int32Array(limit);
    }
    this.limit = limit;
    this.count = 0;
  }

  get size(): number {
    return this.count;
  }

  /** Scores below this cannot enter (−∞ until the heap is full; +∞ when it keeps none). */
  threshold(): number {
    if (this.limit === 0) return Number.POSITIVE_INFINITY;
    return this.count < this.limit ? Number.NEGATIVE_INFINITY : this.scores[0]!;
  }

  offer(score: number, sequence: number, row: number): void {
    if (this.count < this.limit) {
      let child = this.count++;
      this.place(child, score, sequence, row);
      while (child > 0) {
        const parent = (child - 1) >> 1;
        if (!this.worse(child, parent)) break;
        this.swap(child, parent);
        child = parent;
      }
      return;
    }
    if (this.limit === 0 || !isWorse(this.scores[0]!, this.sequences[0]!, score, sequence)) return;
    this.place(0, score, sequence, row);
    let parent = 0;
    for (;;) {
      const left = 2 * parent + 1;
      if (left >= this.count) break;
      const right = left + 1;
      const worst = right < this.count && this.worse(right, left) ? right : left;
      if (!this.worse(worst, parent)) break;
      this.swap(worst, parent);
      parent = worst;
    }
  }

  /** The kept candidates, best first (ties: smaller sequence first). */
  ranked(): RankedRow[] {
    const order = Array.from({ length: this.count }, (_, slot) => slot);
    order.sort((first, second) =>
      this.scores[first] !== this.scores[second]
        ? this.scores[second]! - this.scores[first]!
        : this.sequences[first]! - this.sequences[second]!,
    );
    return order.map((slot) => ({ row: this.rows[slot]!, score: this.scores[slot]! }));
  }

  private place(slot: number, score: number, sequence: number, row: number): void {
    this.scores[slot] = score;
    this.sequences[slot] = sequence;
    this.rows[slot] = row;
  }

  private worse(first: number, second: number): boolean {
    return isWorse(this.scores[first]!, this.sequences[first]!, this.scores[second]!, this.sequences[second]!);
  }

  private swap(first: number, second: number): void {
    const score = this.scores[first]!;
    const sequence = this.sequences[first]!;
    const row = this.rows[first]!;
    this.place(first, this.scores[second]!, this.sequences[second]!, this.rows[second]!);
    this.place(second, score, sequence, row);
  }
}

/** Whether candidate (scoreA, sequenceA) ranks below (scoreB, sequenceB). */
function isWorse(scoreA: number, sequenceA: number, scoreB: number, sequenceB: number): boolean {
  return scoreA < scoreB || (scoreA === scoreB && sequenceA > sequenceB);
}
