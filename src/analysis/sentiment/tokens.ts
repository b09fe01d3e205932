/**
 * Tokens for sentiment: words (lower-cased, with their emphasis marks), emoji and emoticons, and
 * the punctuation the rules need (`!`, `?`, and clause breaks that end a negation's reach).
 * Links, mentions and hashtag marks are removed; French elisions (`n'`, `l'`) are split off and
 * English `n't` becomes `not`.
 */

export type TokenKind = 'word' | 'emoji' | 'bang' | 'question' | 'break';

export interface Token {
  readonly kind: TokenKind;
  /** Lower-cased form; for an elongated word (`géniaaal`), the form with runs cut to two letters. */
  readonly text: string;
  /** The same word with runs cut to one letter (`génial`), when it was elongated. */
  readonly short?: string;
  /** Written in upper case (two letters at least): emphasis, unless the whole post shouts. */
  readonly caps: boolean;
  /** A letter repeated three times or more. */
  readonly elongated: boolean;
}

// Emoticons first (they contain punctuation), then emoji, then words, then punctuation.
const EMOTICON = String.raw`(?:(?:(?<![\p{L}\p{N}])[8xX]|[:;=])[-'^o]?[)(\]\[dDpP/\\|*oO3$@]+|(?<![\p{L}\p{N}])[)(\]\[dD][-'^]?[:;=]|<3+|<\/3|\^\^|\^_\^|-_-)(?![\p{L}\p{N}])`;
const EMOJI = String.raw`\p{Extended_Pictographic}\uFE0F?(?:\u200D\p{Extended_Pictographic}\uFE0F?)*`;
const WORD = String.raw`[\p{L}\p{N}]+(?:['’][\p{L}]+)*`;
// Words first: they are most tokens, and trying them first is the cheapest order. Emoticons that
// look like words (`xD`, `XP`) are recognised after the match.
const TOKEN = new RegExp(`(${WORD})|(${EMOTICON})|(${EMOJI})|(!+)|(\\?+)|([.,;:…()\\[\\]"«»]+|\\s[-–—]\\s)`, 'gu');
const WORDLIKE_EMOTICON = /^[xX8][DPOpo3]$/u;

const LINK = /\bhttps?:\/\/\S*|\bwww\.\S+/giu;
const LINK_HINT = /https?:|www\./iu;
const MENTION = /(^|[^\p{L}\p{N}])@[\p{L}\p{N}_.]+(?:@[\p{L}\p{N}_.-]+)?/gu;
const HASHTAG = /(^|[^\p{L}\p{N}])#([\p{L}\p{N}_]+)/gu;
const CAMEL = /(\p{Ll})(\p{Lu})/gu;
const ELISION = /^(l|d|n|j|qu|c|s|m|t|jusqu|lorsqu|puisqu|presqu)['’](.+)$/iu;
const NEGATED_VERB = /^(.+)n['’]t$/u;
const RUN3 = /(\p{L})\1{2,}/gu;
const UPPER = /^\p{Lu}{2,}$/u;

/** True when a letter repeats three times in a row (cheaper than a regular expression per word). */
const hasRun3 = (s: string): boolean => {
  for (let i = 2; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === s.charCodeAt(i - 1) && c === s.charCodeAt(i - 2) && c > 64) return true;
  }
  return false;
};

const word = (raw: string): Token => {
  const lower = raw.toLowerCase();
  const caps = lower !== raw && raw.length > 1 && UPPER.test(raw.replace(/['’]/gu, ''));
  if (!hasRun3(lower)) return { kind: 'word', text: lower, caps, elongated: false };
  RUN3.lastIndex = 0;
  if (!RUN3.test(lower)) return { kind: 'word', text: lower, caps, elongated: false };
  return { kind: 'word', text: lower.replace(RUN3, '$1$1'), short: lower.replace(RUN3, '$1'), caps, elongated: true };
};

const pushWord = (out: Token[], raw: string): void => {
  // Most words have no apostrophe: skip the elision and `n't` patterns for them.
  if (!raw.includes("'") && !raw.includes('’')) {
    out.push(word(raw));
    return;
  }
  const elided = ELISION.exec(raw);
  if (elided?.[1] && elided[2]) {
    const head = elided[1].toLowerCase();
    // `n'` is the negation `ne`; other elided articles and pronouns carry no sentiment but stay
    // tokens so that multi-word entries keep their positions.
    out.push({ kind: 'word', text: head === 'n' ? 'ne' : head, caps: false, elongated: false });
    pushWord(out, elided[2]);
    return;
  }
  const negated = NEGATED_VERB.exec(raw);
  if (negated?.[1]) {
    out.push(word(negated[1]));
    out.push({ kind: 'word', text: 'not', caps: false, elongated: false });
    return;
  }
  out.push(word(raw.replace(/’/gu, "'")));
};

/** Splits a post into sentiment tokens, in order. */
export const tokenize = (text: string): Token[] => {
  // Each pass is skipped when its marker is absent: most posts have no link, many no mention.
  let clean = LINK_HINT.test(text) ? text.replace(LINK, ' ') : text;
  if (clean.includes('@')) clean = clean.replace(MENTION, '$1 ');
  // `#TopQualité` reads as the words `Top Qualité`.
  if (clean.includes('#')) clean = clean.replace(HASHTAG, (_m, before: string, tag: string) => `${before}${tag.replace(CAMEL, '$1 $2').replace(/_/gu, ' ')}`);
  const out: Token[] = [];
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(clean); m !== null; m = TOKEN.exec(clean)) {
    const [, w, emoticon, emoji, bang, question] = m;
    if (w !== undefined && w.length === 2 && WORDLIKE_EMOTICON.test(w)) out.push({ kind: 'emoji', text: w, caps: false, elongated: false });
    else if (emoticon) out.push({ kind: 'emoji', text: emoticon, caps: false, elongated: false });
    else if (emoji) out.push({ kind: 'emoji', text: emoji, caps: false, elongated: false });
    else if (w) pushWord(out, w);
    else if (bang) out.push({ kind: 'bang', text: bang, caps: false, elongated: false });
    else if (question) out.push({ kind: 'question', text: question, caps: false, elongated: false });
    else out.push({ kind: 'break', text: m[0].trim(), caps: false, elongated: false });
  }
  return out;
};
