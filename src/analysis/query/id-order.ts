/**
 * Numeric sort keys that follow the string order of query ids, so results are
 * sorted by comparing numbers rather than strings. A few added ids are placed one
 * by one (binary search, a key between the neighbours' keys); removed ids stay in
 * the list as dead entries until a rebuild; a large batch of changes (loading
 * queries) is settled by one sort when results are next needed.
 */
const GAP = 1024;
const BATCH = 64;

export class IdOrder {
  /** Ids in string order, each with its own key (dead entries included). */
  private ids: string[] = [];
  private listKeys: number[] = [];
  private dead = 0;
  /** Key of the live query in each slot. */
  private keys = new Float64Array(1024);
  private pending = new Map<string, number>();
  private stale = false;

  add(id: string, slot: number): void {
    if (this.keys.length <= slot) {
      const k = new Float64Array(Math.max(slot + 1, this.keys.length * 2));
      k.set(this.keys);
      this.keys = k;
    }
    if (this.stale || this.pending.size >= BATCH) this.markStale();
    else this.pending.set(id, slot);
  }

  remove(id: string): void {
    if (this.pending.delete(id) || this.stale) return;
    if (++this.dead > BATCH && this.dead * 4 > this.ids.length) this.markStale();
  }

  get dirty(): boolean {
    return this.stale || this.pending.size > 0;
  }

  /** Brings the keys up to date; `live` lists every current (id, slot), read only after large batches. */
  settle(live: () => Iterable<[string, number]>): void {
    if (this.stale) {
      const all = [...live()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
      this.ids = all.map((x) => x[0]);
      this.listKeys = all.map((_, i) => (i + 1) * GAP);
      all.forEach(([, slot], i) => (this.keys[slot] = (i + 1) * GAP));
      this.dead = 0;
      this.stale = false;
    } else {
      for (const [id, slot] of this.pending) this.place(id, slot, live);
    }
    this.pending.clear();
  }

  /** Sorts `slots[0, n)` in place by id order (keys must be settled). */
  sort(slots: Int32Array, n: number): void {
    const keys = this.keys;
    if (n > 48) {
      const sorted = Array.from(slots.subarray(0, n)).sort((a, b) => (keys[a] as number) - (keys[b] as number));
      for (let i = 0; i < n; i++) slots[i] = sorted[i] as number;
      return;
    }
    for (let i = 1; i < n; i++) {
      const s = slots[i] as number;
      const k = keys[s] as number;
      let j = i - 1;
      while (j >= 0 && (keys[slots[j] as number] as number) > k) {
        slots[j + 1] = slots[j] as number;
        j--;
      }
      slots[j + 1] = s;
    }
  }

  private markStale(): void {
    this.stale = true;
    this.pending.clear();
  }

  private place(id: string, slot: number, live: () => Iterable<[string, number]>): void {
    let lo = 0;
    let hi = this.ids.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.ids[mid] as string) < id) lo = mid + 1;
      else hi = mid;
    }
    const prev = lo > 0 ? (this.listKeys[lo - 1] as number) : 0;
    const next = lo < this.listKeys.length ? (this.listKeys[lo] as number) : prev + 2 * GAP;
    const key = (prev + next) / 2;
    if (!(key > prev && key < next)) {
      // No room left between the neighbours: renumber everything once.
      this.stale = true;
      this.settle(live);
      return;
    }
    this.ids.splice(lo, 0, id);
    this.listKeys.splice(lo, 0, key);
    this.keys[slot] = key;
  }
}
