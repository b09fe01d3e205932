/**
 * Numeric sort keys that follow the string order of query ids, so results are
 * sorted by comparing numbers rather than strings. A few changes are placed one
 * by one (binary search, a key between the neighbours' keys); a large batch of
 * changes (loading queries) is settled by one sort when results are next needed.
 */
const GAP = 1024;
const BATCH = 64;

export class IdOrder {
  /** Live ids in string order, with their slots. */
  private ids: string[] = [];
  private slots: number[] = [];
  private keys = new Float64Array(1024);
  private pending = new Map<string, number>();
  private stale = false;

  add(id: string, slot: number): void {
    if (this.keys.length <= slot) {
      const k = new Float64Array(Math.max(slot + 1, this.keys.length * 2));
      k.set(this.keys);
      this.keys = k;
    }
    if (this.stale || this.pending.size >= BATCH) {
      this.stale = true;
      this.pending.clear();
    } else this.pending.set(id, slot);
  }

  remove(id: string): void {
    if (this.pending.delete(id)) return;
    if (this.stale) return;
    const i = this.indexOf(id);
    if (this.ids[i] === id) {
      this.ids.splice(i, 1);
      this.slots.splice(i, 1);
    }
  }

  /**
   * Brings the keys up to date; `live` lists every current (id, slot) and is
   * only called after a large batch of changes.
   */
  settle(live: () => Iterable<[string, number]>): void {
    if (this.stale) {
      const all = [...live()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
      this.ids = all.map((x) => x[0]);
      this.slots = all.map((x) => x[1]);
      this.relabel();
      this.stale = false;
      this.pending.clear();
      return;
    }
    for (const [id, slot] of this.pending) this.place(id, slot);
    this.pending.clear();
  }

  get dirty(): boolean {
    return this.stale || this.pending.size > 0;
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

  private indexOf(id: string): number {
    let lo = 0;
    let hi = this.ids.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.ids[mid] as string) < id) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private place(id: string, slot: number): void {
    const i = this.indexOf(id);
    this.ids.splice(i, 0, id);
    this.slots.splice(i, 0, slot);
    const prev = i > 0 ? (this.keys[this.slots[i - 1] as number] as number) : 0;
    const next = i + 1 < this.slots.length ? (this.keys[this.slots[i + 1] as number] as number) : prev + 2 * GAP;
    const key = (prev + next) / 2;
    if (key > prev && key < next) this.keys[slot] = key;
    else this.relabel();
  }

  private relabel(): void {
    for (let i = 0; i < this.slots.length; i++) this.keys[this.slots[i] as number] = (i + 1) * GAP;
  }
}
