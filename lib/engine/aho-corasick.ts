/**
 * Aho–Corasick automaton over UTF-16 units: all literal phrases of all rules are found in one
 * pass, so cost grows with text length, not with the number of rules.
 */
export interface AcHit {
  /** Index into the pattern list given to the constructor. */
  pattern: number;
  start: number;
  end: number;
}

export class AhoCorasick {
  // Trie stored as per-node maps; fail links and output lists computed by BFS.
  private readonly next: Map<number, number>[] = [new Map()];
  private readonly fail: number[] = [0];
  private readonly out: number[][] = [[]];
  private readonly lengths: number[];
  /** Root transitions as a flat table: most characters of a reply are read at the root. */
  private readonly root = new Int32Array(0x10000);

  constructor(patterns: readonly string[]) {
    this.lengths = patterns.map((p) => p.length);
    patterns.forEach((p, index) => {
      if (!p) return;
      let node = 0;
      for (let i = 0; i < p.length; i++) {
        const c = p.charCodeAt(i);
        let n = this.next[node]!.get(c);
        if (n === undefined) {
          n = this.next.length;
          this.next.push(new Map());
          this.fail.push(0);
          this.out.push([]);
          this.next[node]!.set(c, n);
        }
        node = n;
      }
      this.out[node]!.push(index);
    });
    const queue: number[] = [];
    for (const n of this.next[0]!.values()) queue.push(n);
    for (let qi = 0; qi < queue.length; qi++) {
      const node = queue[qi]!;
      for (const [c, child] of this.next[node]!) {
        queue.push(child);
        let f = this.fail[node]!;
        while (f !== 0 && !this.next[f]!.has(c)) f = this.fail[f]!;
        const target = this.next[f]!.get(c);
        this.fail[child] = target !== undefined && target !== child ? target : 0;
        const inherited = this.out[this.fail[child]!]!;
        if (inherited.length) this.out[child] = this.out[child]!.concat(inherited);
      }
    }
    for (const [c, n] of this.next[0]!) this.root[c] = n;
  }

  /** Every occurrence of every pattern (overlapping ones included), in order of end offset. */
  search(text: string, onHit: (patternIndex: number, start: number, end: number) => void): void {
    let node = 0;
    const next = this.next;
    const fail = this.fail;
    const root = this.root;
    const out = this.out;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (node === 0) {
        node = root[c]!;
        if (node === 0) continue;
      } else {
        let n = next[node]!.get(c);
        while (n === undefined && node !== 0) {
          node = fail[node]!;
          n = node === 0 ? root[c] || undefined : next[node]!.get(c);
        }
        node = n ?? 0;
      }
      const outs = out[node]!;
      for (let k = 0; k < outs.length; k++) {
        const p = outs[k]!;
        onHit(p, i + 1 - this.lengths[p]!, i + 1);
      }
    }
  }
}
