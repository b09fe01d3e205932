/**
 * The tokeniser of DESIGN §5 over already normalised text, writing token and link
 * ranges into reusable typed arrays: no allocation per token, one pass, linear time.
 *
 * - Links (`http://` or `https://` up to white space) are not tokens; their ranges are kept for `site:`.
 * - `#` followed by letters, digits or `_` is a hashtag; `@handle` or `@handle@server` is a mention;
 *   both only at the start of the text or after a character that is not a letter or digit.
 *   Handles and servers may hold inner `.` and `-` (Bluesky handles, domains), never trailing ones.
 * - Words are maximal runs of letters and digits; anything else separates.
 */
import { classAt, widthAt, WORD, SPACE } from './char-class.ts';

export const KIND_WORD = 0;
export const KIND_HASHTAG = 1;
export const KIND_MENTION = 2;

const HASH = 0x23;
const AT = 0x40;
const UNDERSCORE = 0x5f;
const DOT = 0x2e;
const HYPHEN = 0x2d;
const LOWER_H = 0x68;

/** Token and link ranges of one text; grown on demand, reused from post to post. */
export class TokenBuffer {
  count = 0;
  kind = new Uint8Array(256);
  /** Value range: the word, the hashtag without `#`, the handle without `@`. */
  start = new Int32Array(256);
  end = new Int32Array(256);
  /** 32-bit FNV-1a hash of the value range (see `hashStep`), for table look-ups without slicing. */
  hash = new Int32Array(256);
  /** Server range of a mention (`@handle@server`), both -1 when it has none; not written for other kinds. */
  serverStart = new Int32Array(256);
  serverEnd = new Int32Array(256);
  linkCount = 0;
  linkStart = new Int32Array(16);
  linkEnd = new Int32Array(16);

  /** Server fields are written for mentions only: read them only for tokens of that kind. */
  pushToken(kind: number, start: number, end: number, serverStart: number, serverEnd: number, hash: number): void {
    if (this.count === this.kind.length) this.growTokens();
    const i = this.count++;
    this.kind[i] = kind;
    this.start[i] = start;
    this.end[i] = end;
    this.hash[i] = hash;
    if (kind === KIND_MENTION) {
      this.serverStart[i] = serverStart;
      this.serverEnd[i] = serverEnd;
    }
  }

  pushLink(start: number, end: number): void {
    if (this.linkCount === this.linkStart.length) {
      this.linkStart = grow(this.linkStart);
      this.linkEnd = grow(this.linkEnd);
    }
    this.linkStart[this.linkCount] = start;
    this.linkEnd[this.linkCount] = end;
    this.linkCount++;
  }

  private growTokens(): void {
    const k = new Uint8Array(this.kind.length * 2);
    k.set(this.kind);
    this.kind = k;
    this.start = grow(this.start);
    this.end = grow(this.end);
    this.hash = grow(this.hash);
    this.serverStart = grow(this.serverStart);
    this.serverEnd = grow(this.serverEnd);
  }
}

const grow = (a: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> => {
  const b = new Int32Array(a.length * 2);
  b.set(a);
  return b;
};

/** 32-bit FNV-1a over UTF-16 code units: the hash every token table of the matcher uses. */
export const HASH_START = 0x811c9dc5 | 0;
export const hashStep = (h: number, code: number): number => Math.imul(h ^ code, 16777619);

export const hashRange = (text: string, start: number, end: number): number => {
  let h = HASH_START;
  for (let i = start; i < end; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h;
};

// Letters and digits among ASCII, looked up without a call.
const asciiWord = new Uint8Array(128);
for (let c = 0; c < 128; c++) asciiWord[c] = /[a-zA-Z0-9]/.test(String.fromCharCode(c)) ? 1 : 0;

const isNameChar = (text: string, i: number): boolean =>
  i < text.length && (text.charCodeAt(i) === UNDERSCORE || classAt(text, i) === WORD);

/** End of a handle or server name starting at `i` (== i when there is none). */
const scanName = (text: string, i: number): number => {
  let j = i;
  const n = text.length;
  while (j < n) {
    if (isNameChar(text, j)) {
      j += widthAt(text, j);
      continue;
    }
    const c = text.charCodeAt(j);
    if ((c === DOT || c === HYPHEN) && j > i && isNameChar(text, j + 1)) {
      j++;
      continue;
    }
    break;
  }
  return j;
};

const isLinkAt = (text: string, i: number): boolean =>
  text.charCodeAt(i) === LOWER_H && (text.startsWith('http://', i) || text.startsWith('https://', i));

/** Tokenises normalised `text` into `buf` (cleared first). */
export const scanTokens = (text: string, buf: TokenBuffer): void => {
  buf.count = 0;
  buf.linkCount = 0;
  const n = text.length;
  let i = 0;
  // Whether the code point before `i` is a letter or digit (gates `#` and `@`).
  let afterWord = false;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === LOWER_H && !afterWord && isLinkAt(text, i)) {
      let j = i;
      while (j < n && classAt(text, j) !== SPACE) j += widthAt(text, j);
      buf.pushLink(i, j);
      i = j;
      continue;
    }
    if (c < 128 ? asciiWord[c] === 1 : classAt(text, i) === WORD) {
      // The hot loop: a word run, hashed as it is read.
      let h = HASH_START;
      let j = i;
      while (j < n) {
        const d = text.charCodeAt(j);
        if (d < 128) {
          if (asciiWord[d] === 0) break;
          h = Math.imul(h ^ d, 16777619);
          j++;
        } else {
          if (classAt(text, j) !== WORD) break;
          const w = widthAt(text, j);
          h = Math.imul(h ^ d, 16777619);
          if (w === 2) h = Math.imul(h ^ text.charCodeAt(j + 1), 16777619);
          j += w;
        }
      }
      buf.pushToken(KIND_WORD, i, j, -1, -1, h);
      i = j;
      afterWord = true;
      continue;
    }
    if (c === HASH && !afterWord) {
      let j = i + 1;
      while (isNameChar(text, j)) j += widthAt(text, j);
      if (j > i + 1) {
        buf.pushToken(KIND_HASHTAG, i + 1, j, -1, -1, hashRange(text, i + 1, j));
        i = j;
        afterWord = text.charCodeAt(j - 1) !== UNDERSCORE;
        continue;
      }
    } else if (c === AT && !afterWord) {
      const j = scanName(text, i + 1);
      if (j > i + 1) {
        let end = j;
        let s = -1;
        let e = -1;
        if (text.charCodeAt(j) === AT) {
          const k2 = scanName(text, j + 1);
          if (k2 > j + 1) {
            s = j + 1;
            e = k2;
            end = k2;
          }
        }
        buf.pushToken(KIND_MENTION, i + 1, j, s, e, hashRange(text, i + 1, j));
        i = end;
        afterWord = text.charCodeAt(end - 1) !== UNDERSCORE;
        continue;
      }
    }
    i += c < 0xd800 || c > 0xdbff ? 1 : widthAt(text, i);
    afterWord = false;
  }
};
