/**
 * Language of a short post: an ISO 639-1 code, or `'und'` when the text gives too little to go on.
 *
 * Built on eld's small n-gram database (DESIGN §4). eld is tuned for sentences; social posts are
 * shorter and noisier, so the text is first reduced to its words (links, mentions, hashtag marks,
 * digits, emoji and letter elongations removed), and the decision favours the languages relais
 * users actually write in when eld's top candidates are close.
 */
import { eld } from 'eld/small';

/** Languages relais is tuned for: on a near tie, one of these wins over a rarer language. */
const MAIN_LANGUAGES: ReadonlySet<string> = new Set(['fr', 'en', 'es', 'de', 'it', 'pt', 'nl']);

/**
 * Function words that only French or only English use among the main languages. A post with at
 * least FUNCTION_WORD_QUORUM of one list and none of the other is decided without n-grams: most
 * posts are, and eld costs several times more than this check.
 */
// Words shared with Dutch, German, Italian, Spanish or Portuguese (`je`, `du`, `le`, `qui`, `mais`,
// `ou`, `is`, `we`, `was`, `will`, `of`…) are left out on purpose.
const FRENCH_ONLY: ReadonlySet<string> = new Set(
  'les des est et une pour pas dans avec nous vous sur au aux cette très sont été être avoir fait tout comme chez leur leurs ces tes ses notre votre ça ils elles aussi donc alors encore déjà après avant depuis toujours jamais rien quand où c\'est j\'ai'.split(' '),
);
const ENGLISH_ONLY: ReadonlySet<string> = new Set(
  "the and are were you that this with for have has not but be my your what just it's i'm don't can't from they our their there about would could should been being which who when where how why all some any more than very".split(' '),
);
const FUNCTION_WORD_QUORUM = 2;
/**
 * The most telling of them: in a post of at least STRONG_MIN_WORDS words, one is enough when the
 * other language has none (on the train+val tweets: 78% decided instead of 70%, no new error).
 */
const FRENCH_STRONG: ReadonlySet<string> = new Set("avec dans pour nous vous très cette sont été être ça c'est j'ai aussi chez toujours jamais depuis déjà où après".split(' '));
const ENGLISH_STRONG: ReadonlySet<string> = new Set('the and you that this with have what just from they their there about would could should which been'.split(' '));
const STRONG_MIN_WORDS = 4;

/** Below this many letters a post says nothing reliable about its language. */
const MIN_LETTERS = 3;
/** Up to this many letters a post is "short": eld's reliability check is then required, or a hint. */
const SHORT_LETTERS = 12;
/** A main language within this ratio of the best score is preferred to a rarer best guess. */
const MAIN_LANGUAGE_RATIO = 0.97;
/** A declared language within this ratio of the best score is kept (networks let users declare it). */
const HINT_RATIO = 0.9;

const LINK = /\bhttps?:\/\/\S*|\bwww\.\S+/giu;
// A mention starts at the text's start or after a non-alphanumeric (DESIGN §5), like `@a` or `@a@b.c`.
const MENTION = /(^|[^\p{L}\p{N}])@[\p{L}\p{N}_.]+(?:@[\p{L}\p{N}_.-]+)?/gu;
const HASH_MARK = /(^|[^\p{L}\p{N}])#(?=[\p{L}\p{N}_])/gu;
const NOT_LETTER = /[^\p{L}\p{M}'’\s]+/gu;
const ELONGATION = /(\p{L})\1{2,}/gu;
const CAMEL = /(\p{Ll})(\p{Lu})/gu;
const LETTER = /\p{L}/gu;

/** The words of a post, with everything that is not language removed. Exported for tests. */
export const languageText = (text: string): string =>
  text
    .replace(LINK, ' ')
    .replace(MENTION, '$1 ')
    .replace(HASH_MARK, '$1')
    .replace(CAMEL, '$1 $2')
    .replace(NOT_LETTER, ' ')
    .replace(ELONGATION, '$1$1')
    .replace(/\s+/gu, ' ')
    .trim();

/** `fr` or `en` when the function words leave no doubt, else undefined. `words` are lower-case. */
const functionWordLanguage = (words: readonly string[]): 'fr' | 'en' | undefined => {
  let fr = 0;
  let en = 0;
  let frStrong = 0;
  let enStrong = 0;
  for (const w of words) {
    if (FRENCH_ONLY.has(w)) {
      fr++;
      if (FRENCH_STRONG.has(w)) frStrong++;
    } else if (ENGLISH_ONLY.has(w)) {
      en++;
      if (ENGLISH_STRONG.has(w)) enStrong++;
    }
  }
  const quorum = words.length >= STRONG_MIN_WORDS;
  if (en === 0 && (fr >= FUNCTION_WORD_QUORUM || (quorum && frStrong > 0))) return 'fr';
  if (fr === 0 && (en >= FUNCTION_WORD_QUORUM || (quorum && enStrong > 0))) return 'en';
  return undefined;
};

/** Letters of a text made by `languageText` or `wordsOfTokens`: all but spaces and apostrophes. */
const countLetters = (words: string): number => {
  let n = 0;
  for (let i = 0; i < words.length; i++) {
    const c = words.charCodeAt(i);
    if (c !== 32 && c !== 39 && c !== 0x2019) n++;
  }
  return n;
};

const normaliseHint = (hint: string | undefined): string | undefined => {
  if (!hint) return undefined;
  const code = hint.trim().toLowerCase().split(/[-_]/u)[0] ?? '';
  return /^[a-z]{2}$/u.test(code) ? code : undefined;
};

/**
 * Detects the language of `text`. `hint` is a language the author or network declared (`fr`,
 * `en-GB`): it is returned when the text is too short to judge, and kept when the text agrees
 * with it nearly as well as with the best candidate. A text without letters is always `'und'`.
 */
export const detectLanguage = (text: string, hint?: string): string => {
  const words = languageText(text);
  return decideLanguage(words, words.toLowerCase().split(' '), hint);
};

/**
 * The same decision over the lower-cased words of a post (letters only), for callers that have
 * tokenised it anyway (`analyzeText`): language and sentiment then share one pass over the text.
 */
export const detectLanguageOfWords = (words: readonly string[], hint?: string): string => decideLanguage(words.join(' '), words, hint);

const decideLanguage = (words: string, lowerWords: readonly string[], hint: string | undefined): string => {
  const declared = normaliseHint(hint);
  const letters = countLetters(words);
  if (letters === 0) return 'und';
  if (letters < MIN_LETTERS) return declared ?? 'und';
  const byFunctionWords = functionWordLanguage(lowerWords);
  if (byFunctionWords !== undefined && (declared === undefined || declared === byFunctionWords)) return byFunctionWords;

  const result = eld.detect(words);
  const best = result.language;
  if (!best) return declared ?? 'und';
  if (letters <= SHORT_LETTERS && !result.isReliable()) return declared ?? 'und';
  // The full score table costs as much as half a detection: read it only when a choice remains.
  if (declared === undefined && MAIN_LANGUAGES.has(best)) return best;
  if (declared === best) return best;

  const scores = result.getScores();
  const bestScore = scores[best] ?? 0;
  if (declared !== undefined && (scores[declared] ?? 0) >= bestScore * HINT_RATIO) return declared;
  if (MAIN_LANGUAGES.has(best)) return best;
  let chosen = best;
  let mainScore = 0;
  for (const [lang, score] of Object.entries(scores)) {
    if (MAIN_LANGUAGES.has(lang) && score > mainScore) {
      mainScore = score;
      chosen = lang;
    }
  }
  return mainScore >= bestScore * MAIN_LANGUAGE_RATIO ? chosen : best;
};
