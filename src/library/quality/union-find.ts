/**
 * Disjoint sets over 0..n−1 with path halving and union by size (Tarjan & van Leeuwen 1984,
 * "Worst-case analysis of set union algorithms", JACM 31(2)): turns "a duplicates b" pairs
 * into groups of copies in near-linear time.
 */

export interface UnionFind {
  find(index: number): number;
  union(a: number, b: number): void;
  /** Sets of two or more members, each sorted, ordered by their smallest member. */
  groups(): number[][];
}

export function createUnionFind(size: number): UnionFind {
  const parent = new Int32Array(size).map((_, index) => index);
  const weight = new Int32Array(size).fill(1);
  const find = (index: number): number => {
    while (parent[index] !== index) {
      parent[index] = parent[parent[index]!]!;
      index = parent[index]!;
    }
    return index;
  };
  return {
    find,
    union(a, b) {
      let rootA = find(a);
      let rootB = find(b);
      if (rootA === rootB) return;
      if (weight[rootA]! < weight[rootB]!) [rootA, rootB] = [rootB, rootA];
      parent[rootB] = rootA;
      weight[rootA] = weight[rootA]! + weight[rootB]!;
    },
    groups() {
      const byRoot = new Map<number, number[]>();
      for (let index = 0; index < size; index++) {
        if (weight[find(index)]! < 2) continue;
        const root = find(index);
        const members = byRoot.get(root);
        if (members === undefined) byRoot.set(root, [index]);
        else members.push(index);
      }
      return [...byRoot.values()];
    },
  };
}
