import { createHash } from 'node:crypto';

/**
 * The fingerprint of a text for near-duplicate detection (ADR 0061): links removed, accents
 * and case folded, everything but letters and digits collapsed to one space, then SHA-256.
 * Texts shorter than `minFolded` folded characters ("merci !", "+1") give null: they repeat
 * by chance, not because one post was copied.
 */
export const minFolded = 24;

const LINK = /https?:\/\/\S+/gi;
const MARKS = /\p{M}+/gu;
const NOT_ALNUM = /[^\p{L}\p{N}]+/gu;
const ALNUM = /[\p{L}\p{N}]/u;

/** The definition: what `foldForFingerprint` returns, by whole-text Unicode passes. */
export const foldForFingerprintByPasses = (text: string): string =>
  text.replace(LINK, ' ').normalize('NFKD').replace(MARKS, '').toLowerCase().replace(NOT_ALNUM, ' ').trim();

/*
 * The fast path (ingest folds every post, ADR 0180): one pass over the characters with a table
 * for Latin letters (ASCII, Latin-1, Latin Extended-A/B: each one's NFKD form without marks,
 * lower-cased, made once from the definition above), so the common French or English post needs
 * no normalisation. Decomposition works character by character and the marks go anyway, so
 * folding per character gives what the whole-text passes give; a character outside the table
 * (Greek, emoji, ligatures of other blocks…) sends the text to the passes.
 */
const TABLE_END = 0x250;
/** Per code point below TABLE_END: its folded form, '' for a separator. */
const folded: string[] = [];
for (let c = 0; c < TABLE_END; c++) {
  const f = String.fromCharCode(c).normalize('NFKD').replace(MARKS, '').toLowerCase();
  // A form that mixes letters and separators (`¼` → `1⁄4`) is left to the passes.
  folded.push(f.length > 0 && [...f].every((x) => ALNUM.test(x)) ? f : [...f].some((x) => ALNUM.test(x)) ? '\u0000' : '');
}
const COMBINING_FIRST = 0x300;
const COMBINING_LAST = 0x36f;

/** Per code point below TABLE_END: 1 when it folds to itself (a-z, 0-9 and a few others). */
const same = Uint8Array.from(folded, (f, c) => (f.length === 1 && f.charCodeAt(0) === c ? 1 : 0));

export const foldForFingerprint = (text: string): string => {
  const source = text.includes('://') ? text.replace(LINK, ' ') : text;
  let out = '';
  // Characters that fold to themselves are copied by runs (`run` .. i), not one by one.
  let run = -1;
  let pendingSpace = false;
  for (let i = 0; i < source.length; i++) {
    const c = source.charCodeAt(i);
    if (c < TABLE_END && same[c] === 1) {
      if (run < 0) {
        if (pendingSpace) out += ' ';
        pendingSpace = false;
        run = i;
      }
      continue;
    }
    if (run >= 0) {
      out += source.slice(run, i);
      run = -1;
    }
    let f: string;
    if (c < TABLE_END) f = folded[c] as string;
    else if (c >= COMBINING_FIRST && c <= COMBINING_LAST) continue; // a mark: removed, and it joins what it follows
    else return foldForFingerprintByPasses(text);
    if (f === '\u0000') return foldForFingerprintByPasses(text);
    if (f === '') {
      pendingSpace ||= out.length > 0;
      continue;
    }
    if (pendingSpace) out += ' ';
    pendingSpace = false;
    out += f;
  }
  if (run >= 0) out += source.slice(run);
  return out;
};

export const textFingerprint = (text: string): string | null => {
  const folded = foldForFingerprint(text);
  if (folded.length < minFolded) return null;
  return createHash('sha256').update(folded).digest('base64url').slice(0, 22);
};
