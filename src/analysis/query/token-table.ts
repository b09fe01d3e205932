/**
 * An open-addressing hash table from strings to dense ids that can be probed with
 * a range of a larger string and its precomputed hash, so the matcher looks up
 * each token of a post without slicing it into a new string.
 * Keys are never deleted (ids stay valid); the matcher empties their postings instead.
 */
const FNV_OFFSET = 0x811c9dc5 | 0;
const FNV_PRIME = 16777619;

export const hashStart = (): number => FNV_OFFSET;
/** One step of 32-bit FNV-1a over UTF-16 code units. */
export const hashStep = (h: number, code: number): number => Math.imul(h ^ code, FNV_PRIME);

export const hashString = (s: string): number => {
  let h = FNV_OFFSET;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), FNV_PRIME);
  return h;
};

export class TokenTable {
  private slots = new Int32Array(1024).fill(-1);
  private slotHash = new Int32Array(1024);
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
    if ((this.keyList.length + 1) * 2 > this.slots.length) this.resize(this.slots.length * 2);
    const id = this.keyList.length;
    this.keyList.push(key);
    this.place(id, h);
    return id;
  }

  /** The id of `text[start, end)` whose hash is `h`, or -1. */
  find(text: string, start: number, end: number, h: number): number {
    const len = end - start;
    let i = h & this.mask;
    for (;;) {
      const id = this.slots[i] ?? -1;
      if (id < 0) return -1;
      if (this.slotHash[i] === h) {
        const k = this.keyList[id] ?? '';
        if (k.length === len) {
          let j = 0;
          while (j < len && k.charCodeAt(j) === text.charCodeAt(start + j)) j++;
          if (j === len) return id;
        }
      }
      i = (i + 1) & this.mask;
    }
  }

  private place(id: number, h: number): void {
    let i = h & this.mask;
    while ((this.slots[i] ?? -1) >= 0) i = (i + 1) & this.mask;
    this.slots[i] = id;
    this.slotHash[i] = h;
  }

  private resize(capacity: number): void {
    this.slots = new Int32Array(capacity).fill(-1);
    this.slotHash = new Int32Array(capacity);
    this.mask = capacity - 1;
    for (let id = 0; id < this.keyList.length; id++) this.place(id, hashString(this.keyList[id] ?? ''));
  }
}
