/**
 * The prefix terms (`word*`) as a trie over UTF-16 code units, its edges in one
 * open-addressing table keyed by (node, code unit): walking a token costs one
 * integer probe per character and stops at the first character no term continues
 * with. Nodes are never freed; removing a term clears its mark and the edge counts
 * that let a walk stop early. Every term has at least three code units (a prefix
 * is at least three characters), so a walk starts with one probe of a table of the
 * depth-3 nodes by their first three code units instead of three edge probes.
 */
export class PrefixTrie {
  // Edge table: for slot i, keys[2i] = parent node + 1 (0 = empty), keys[2i+1] = code unit; child in `child[i]`.
  private keys = new Int32Array(2048);
  private child = new Int32Array(1024);
  private mask = 1023;
  private edges = 0;
  /** Per node: the atom of the term ending here, or -1. */
  private atom: number[] = [-1];
  /** Per node: how many live terms go strictly below it (0: a walk can stop here). */
  private below: number[] = [0];
  private terms = 0;
  // Depth-3 nodes: slot i holds (c0 << 16 | c1, c2, node + 1), node + 1 = 0 when empty.
  private starts = new Int32Array(3 * 1024);
  private startMask = 1023;
  private startCount = 0;

  get size(): number {
    return this.terms;
  }

  private slotOf(node: number, code: number): number {
    let i = (Math.imul(node + 1, 0x9e3779b1) ^ Math.imul(code, 0x85ebca6b)) & this.mask;
    for (;;) {
      const k = this.keys[2 * i] as number;
      if (k === 0 || (k === node + 1 && this.keys[2 * i + 1] === code)) return i;
      i = (i + 1) & this.mask;
    }
  }

  private startSlot(k: number, c2: number): number {
    let i = (Math.imul(k, 0x9e3779b1) ^ Math.imul(c2, 0x85ebca6b)) & this.startMask;
    for (;;) {
      const node1 = this.starts[3 * i + 2] as number;
      if (node1 === 0 || (this.starts[3 * i] === k && this.starts[3 * i + 1] === c2)) return i;
      i = (i + 1) & this.startMask;
    }
  }

  /** The node reached by the code units c0 c1 c2 from the root, or -1. */
  start(c0: number, c1: number, c2: number): number {
    return (this.starts[3 * this.startSlot((c0 << 16) | c1, c2) + 2] as number) - 1;
  }

  private registerStart(c0: number, c1: number, c2: number, node: number): void {
    if ((this.startCount + 1) * 2 > this.startMask + 1) {
      const old = this.starts;
      this.starts = new Int32Array(old.length * 2);
      this.startMask = (this.startMask + 1) * 2 - 1;
      for (let i = 0; i < old.length; i += 3) {
        if (old[i + 2] === 0) continue;
        const s = this.startSlot(old[i] as number, old[i + 1] as number);
        this.starts.set(old.subarray(i, i + 3), 3 * s);
      }
    }
    const k = (c0 << 16) | c1;
    const i = this.startSlot(k, c2);
    if (this.starts[3 * i + 2] !== 0) return;
    this.starts[3 * i] = k;
    this.starts[3 * i + 1] = c2;
    this.starts[3 * i + 2] = node + 1;
    this.startCount++;
  }

  /** The child of `node` by `code`, or -1. */
  next(node: number, code: number): number {
    const i = this.slotOf(node, code);
    return this.keys[2 * i] === 0 ? -1 : (this.child[i] as number);
  }

  /** Atom of the term that ends at `node` (-1 when none); whether terms continue below. */
  atomAt(node: number): number {
    return this.atom[node] as number;
  }
  continues(node: number): boolean {
    return (this.below[node] as number) > 0;
  }

  /** Marks `term` (or unmarks it, `atom` -1). Returns nothing: terms are deduplicated by the caller. */
  set(term: string, atom: number): void {
    const adding = atom >= 0;
    let node = 0;
    for (let j = 0; j < term.length; j++) {
      this.below[node] = (this.below[node] as number) + (adding ? 1 : -1);
      const code = term.charCodeAt(j);
      let nextNode = this.next(node, code);
      if (nextNode < 0) {
        if ((this.edges + 1) * 2 > this.child.length) this.resize();
        nextNode = this.atom.length;
        this.atom.push(-1);
        this.below.push(0);
        const i = this.slotOf(node, code);
        this.keys[2 * i] = node + 1;
        this.keys[2 * i + 1] = code;
        this.child[i] = nextNode;
        this.edges++;
      }
      node = nextNode;
      if (j === 2) this.registerStart(term.charCodeAt(0), term.charCodeAt(1), code, node);
    }
    this.atom[node] = atom;
    this.terms += adding ? 1 : -1;
  }

  private resize(): void {
    const oldKeys = this.keys;
    const oldChild = this.child;
    const capacity = oldChild.length * 2;
    this.keys = new Int32Array(capacity * 2);
    this.child = new Int32Array(capacity);
    this.mask = capacity - 1;
    for (let i = 0; i < oldChild.length; i++) {
      const parent = (oldKeys[2 * i] as number) - 1;
      if (parent < 0) continue;
      const code = oldKeys[2 * i + 1] as number;
      const s = this.slotOf(parent, code);
      this.keys[2 * s] = parent + 1;
      this.keys[2 * s + 1] = code;
      this.child[s] = oldChild[i] as number;
    }
  }
}
