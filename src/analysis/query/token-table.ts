/**
 * An open-addressing hash table from strings to dense ids that can be probed with
 * a range of a larger string and its precomputed hash, so the matcher looks up
 * each token of a post without slicing it into a new string.
 * Keys are never deleted (ids stay valid); the matcher empties their postings instead.
 */
import { hashRange } from '../text/scan.ts';

export const hashString = (s: string): number => hashRange(s, 0, s.length);

export class TokenTable {
  // Slot i: table[2i] = id + 1 (0 = empty), table[2i+1] = hash; one cache line for both.
  private table = new Int32Array(2048);
  private mask = 1023;
  private readonly keyList: string[] = [];

  get size(): number {
    return this.keyList.length;
  }

  key(id: number): string {
    return this.keyList[id] ?? '';
  }

  /** The id of `key`, adding it when absent. */
  intern(key: string): number {
    const h = hashString(key);
    const found = this.find(key, 0, key.length, h);
    if (found >= 0) return found;
    if ((this.keyList.length + 1) * 2 > this.mask + 1) this.resize((this.mask + 1) * 2);
    const id = this.keyList.length;
    this.keyList.push(key);
    this.place(id, h);
    return id;
  }

  /** The id of `text[start, end)` whose hash is `h`, or -1. */
  find(text: string, start: number, end: number, h: number): number {
    const table = this.table;
    const mask = this.mask;
    const len = end - start;
    let i = h & mask;
    for (;;) {
      const id = (table[2 * i] as number) - 1;
      if (id < 0) return -1;
      if (table[2 * i + 1] === h) {
        const k = this.keyList[id] as string;
        if (k.length === len) {
          let j = 0;
          while (j < len && k.charCodeAt(j) === text.charCodeAt(start + j)) j++;
          if (j === len) return id;
        }
      }
      i = (i + 1) & mask;
    }
  }

  private place(id: number, h: number): void {
    let i = h & this.mask;
    while ((this.table[2 * i] as number) !== 0) i = (i + 1) & this.mask;
    this.table[2 * i] = id + 1;
    this.table[2 * i + 1] = h;
  }

  private resize(capacity: number): void {
    this.table = new Int32Array(capacity * 2);
    this.mask = capacity - 1;
    for (let id = 0; id < this.keyList.length; id++) this.place(id, hashString(this.keyList[id] ?? ''));
  }
}
