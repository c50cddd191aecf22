/**
 * Aho–Corasick automaton over UTF-16 units: all literal phrases of all rules are found in one
 * pass, so cost grows with text length, not with the number of rules.
 *
 * Layout, for speed in the page: the root's transitions are a flat 64K table (most characters of
 * a reply are read at the root); every other edge lives in one open-addressing hash table keyed
 * by (node, character). Outputs are shared through dictionary-suffix links instead of copied.
 */
export class AhoCorasick {
  private readonly lengths: Int32Array;
  private readonly root = new Int32Array(0x10000);
  private readonly fail: Int32Array;
  /** Nearest node along the fail chain (self excluded) that ends a pattern, or -1. */
  private readonly dict: Int32Array;
  /** Patterns ending exactly at each node (-1: none); more in `extra`. */
  private readonly ends: Int32Array;
  private readonly extra = new Map<number, number[]>();
  private mask: number;
  /** Open addressing, one slot = [node, char, child] side by side (one cache line per probe). */
  private table: Int32Array;

  constructor(patterns: readonly string[]) {
    this.lengths = Int32Array.from(patterns, (p) => p.length);
    // Size the edge table for the worst case (one edge per pattern character), then shrink.
    let total = 0;
    for (const p of patterns) total += p.length;
    let size = 16;
    while (size < total * 2) size *= 2;
    this.mask = size - 1;
    this.table = new Int32Array(size * 3).fill(-1);
    // Per node: parent, the character leading to it, and depth (for breadth-first fail links).
    const parentOf: number[] = [0];
    const charOf: number[] = [0];
    const depthOf: number[] = [0];
    const endsList: number[] = [-1];
    let nodes = 1;
    let edgeCount = 0;
    patterns.forEach((p, index) => {
      if (!p) return;
      let node = 0;
      for (let i = 0; i < p.length; i++) {
        const c = p.charCodeAt(i);
        let n = node === 0 ? this.root[c]! : this.get(node, c);
        if (n === 0) {
          n = nodes++;
          if (node === 0) this.root[c] = n;
          else {
            this.put(node, c, n);
            edgeCount++;
          }
          parentOf.push(node);
          charOf.push(c);
          depthOf.push(depthOf[node]! + 1);
          endsList.push(-1);
        }
        node = n;
      }
      if (endsList[node] === -1) endsList[node] = index;
      else {
        const more = this.extra.get(node) ?? [];
        more.push(index);
        this.extra.set(node, more);
      }
    });
    this.ends = Int32Array.from(endsList);
    let fit = 16;
    while (fit < edgeCount * 2) fit *= 2;
    if (fit < size) {
      const old = this.table;
      this.mask = fit - 1;
      this.table = new Int32Array(fit * 3).fill(-1);
      for (let i = 0; i < old.length; i += 3) if (old[i] !== -1) this.put(old[i]!, old[i + 1]!, old[i + 2]!);
    }

    this.fail = new Int32Array(nodes);
    this.dict = new Int32Array(nodes).fill(-1);
    // Nodes in order of depth (counting sort): a node's fail link needs its parent's.
    let maxDepth = 0;
    for (let n = 0; n < nodes; n++) if (depthOf[n]! > maxDepth) maxDepth = depthOf[n]!;
    const start = new Int32Array(maxDepth + 2);
    for (let n = 1; n < nodes; n++) start[depthOf[n]! + 1]!++;
    for (let d = 1; d <= maxDepth + 1; d++) start[d]! += start[d - 1]!;
    const order = new Int32Array(nodes);
    for (let n = 1; n < nodes; n++) order[start[depthOf[n]!]!++] = n;
    for (let k = 0; k < nodes - 1; k++) {
      const child = order[k]!;
      const node = parentOf[child]!;
      const c = charOf[child]!;
      let fc = 0;
      if (node !== 0) {
        let f = this.fail[node]!;
        let target = f === 0 ? this.root[c]! : this.get(f, c);
        while (target === 0 && f !== 0) {
          f = this.fail[f]!;
          target = f === 0 ? this.root[c]! : this.get(f, c);
        }
        fc = target;
      }
      this.fail[child] = fc;
      this.dict[child] = this.ends[fc]! >= 0 ? fc : this.dict[fc]!;
    }
  }

  private slot(node: number, c: number): number {
    return (Math.imul(node, 0x9e3779b1) ^ Math.imul(c, 0x85ebca6b)) & this.mask;
  }

  private put(node: number, c: number, value: number): void {
    const t = this.table;
    let i = this.slot(node, c);
    while (t[i * 3] !== -1) i = (i + 1) & this.mask;
    t[i * 3] = node;
    t[i * 3 + 1] = c;
    t[i * 3 + 2] = value;
  }

  /** Child of node on c, or 0 when there is none. */
  private get(node: number, c: number): number {
    const t = this.table;
    const mask = this.mask;
    let i = (Math.imul(node, 0x9e3779b1) ^ Math.imul(c, 0x85ebca6b)) & mask;
    for (;;) {
      const k = t[i * 3]!;
      if (k === -1) return 0;
      if (k === node && t[i * 3 + 1] === c) return t[i * 3 + 2]!;
      i = (i + 1) & mask;
    }
  }

  /** Every occurrence of every pattern (overlapping ones included), in order of end offset. */
  search(text: string, onHit: (patternIndex: number, start: number, end: number) => void): void {
    const root = this.root;
    const fail = this.fail;
    const ends = this.ends;
    const dict = this.dict;
    const lengths = this.lengths;
    let node = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (node === 0) {
        node = root[c]!;
        if (node === 0) continue;
      } else {
        let n = this.get(node, c);
        while (n === 0 && node !== 0) {
          node = fail[node]!;
          n = node === 0 ? root[c]! : this.get(node, c);
        }
        node = n;
        if (node === 0) continue;
      }
      for (let out = ends[node]! >= 0 ? node : dict[node]!; out > 0; out = dict[out]!) {
        const p = ends[out]!;
        onHit(p, i + 1 - lengths[p]!, i + 1);
        const more = this.extra.get(out);
        if (more) for (const q of more) onHit(q, i + 1 - lengths[q]!, i + 1);
      }
    }
  }
}
