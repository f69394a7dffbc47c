/**
 * Graph algorithms over the genre hierarchy, a directed graph child → parents that must be
 * acyclic: cycle detection by depth-first search with three colours (Cormen et al.,
 * "Introduction to Algorithms", 3rd ed., §22.3: a back edge exists iff the graph has a cycle)
 * and the ancestor closure of every node, nearest ancestors first (breadth-first order).
 * Nodes are opaque strings (genre keys).
 */

/** A cycle as a path that starts and ends at the same node ([a, b, a]); undefined when the graph is acyclic. */
export function findCycle(parents: ReadonlyMap<string, readonly string[]>): string[] | undefined {
  const state = new Map<string, "open" | "done">();
  const path: string[] = [];

  const visit = (node: string): string[] | undefined => {
    const seen = state.get(node);
    if (seen === "done") return undefined;
    if (seen === "open") return [...path.slice(path.indexOf(node)), node];
    state.set(node, "open");
    path.push(node);
    for (const parent of parents.get(node) ?? []) {
      const cycle = visit(parent);
      if (cycle !== undefined) return cycle;
    }
    path.pop();
    state.set(node, "done");
    return undefined;
  };

  for (const node of parents.keys()) {
    const cycle = visit(node);
    if (cycle !== undefined) return cycle;
  }
  return undefined;
}

/** Every node's ancestors, nearest first, each once. The graph must be acyclic (see findCycle). */
export function ancestorClosure(parents: ReadonlyMap<string, readonly string[]>): Map<string, readonly string[]> {
  const closure = new Map<string, readonly string[]>();
  for (const node of parents.keys()) {
    const seen = new Set<string>([node]);
    const order: string[] = [];
    const queue: string[] = [...(parents.get(node) ?? [])];
    for (let head = 0; head < queue.length; head++) {
      const current = queue[head]!;
      if (seen.has(current)) continue;
      seen.add(current);
      order.push(current);
      for (const parent of parents.get(current) ?? []) if (!seen.has(parent)) queue.push(parent);
    }
    closure.set(node, order);
  }
  return closure;
}
