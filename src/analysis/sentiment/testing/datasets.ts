/**
 * Readers for the sentiment data sets in ../shared/data (see each folder's SOURCE.md). Used by the
 * evaluation, the tests and the training script only: none of these texts ships in the product.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The repository root, from src/analysis/sentiment/testing/. */
export const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
/** ../shared/data beside the checkout; RELAIS_SHARED_DATA overrides it (a git worktree sits elsewhere). */
export const dataDir = process.env.RELAIS_SHARED_DATA ?? `${repoRoot}../shared/data`;

export type Label = 'negative' | 'neutral' | 'positive';
export const LABELS: readonly Label[] = ['negative', 'neutral', 'positive'];

export interface LabelledText {
  readonly text: string;
  readonly label: Label;
}

export interface RatedText {
  readonly text: string;
  /** Mean human rating, -4..+4. */
  readonly rating: number;
}

export type TweetLanguage = 'french' | 'english';
export type Split = 'train' | 'val' | 'test';

const TWEET_LABELS: Record<string, Label> = { '0': 'negative', '1': 'neutral', '2': 'positive' };

const lines = (path: string): string[] => readFileSync(path, 'utf8').replace(/\r?\n$/u, '').split(/\r?\n/u);

/** Why a data set cannot be read, or undefined when it is there. */
export const missing = (relative: string): string | undefined =>
  existsSync(`${dataDir}/${relative}`) ? undefined : `data set absent: ../shared/data/${relative} (skipped)`;

const ESCAPE = /\\u([0-9a-fA-F]{4})/gu;

/**
 * Some English train and val lines (255 of 2,161; none in test) hold JSON-style escapes written
 * out literally (`i\u2019m`, `May\u002c`): an artefact of how the file was exported, which hid
 * apostrophes (and so `n't` negations) and commas from the tokenizer. Decoded here, for every split.
 */
export const unescapeTweet = (text: string): string =>
  text.includes('\\u') ? text.replace(ESCAPE, (_m, hex: string) => String.fromCharCode(Number.parseInt(hex, 16))) : text;

/** UMSAB tweets (DEFT 2017 French, SemEval-2017 English): line i of text pairs with line i of labels. */
export const readTweets = (lang: TweetLanguage, split: Split): LabelledText[] => {
  const dir = `${dataDir}/fr-en-tweets-sentiment-umsab/${lang}`;
  const texts = lines(`${dir}/${split}_text.txt`);
  const labels = lines(`${dir}/${split}_labels.txt`);
  if (texts.length !== labels.length) throw new Error(`${lang}/${split}: ${texts.length} texts, ${labels.length} labels`);
  return texts.map((text, i) => {
    const label = TWEET_LABELS[(labels[i] ?? '').trim()];
    if (!label) throw new Error(`${lang}/${split}_labels.txt line ${i + 1}: unknown label`);
    return { text: unescapeTweet(text), label };
  });
};

/** VADER's human-rated snippets (`tweets`, `movieReviewSnippets`, …): id, mean rating, text. */
export const readVader = (name: string): RatedText[] =>
  lines(`${dataDir}/vader-icwsm2014/${name}_GroundTruth.txt`).flatMap((line) => {
    const [, rating, ...rest] = line.split('\t');
    return rating === undefined ? [] : [{ text: rest.join('\t'), rating: Number(rating) }];
  });

/** A minimal CSV reader for the book reviews (double-quoted fields, doubled quotes inside). */
const parseCsv = (src: string): string[][] => {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (quoted) {
      if (c === '"' && src[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && src[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
};

/** Pattern's 1,500 Amazon.fr book reviews, binary (positive / negative). */
export const readBookReviews = (): LabelledText[] =>
  parseCsv(readFileSync(`${dataDir}/fr-book-reviews-pattern/polarity-fr-amazon.csv`, 'utf8')).flatMap(([text, label]) =>
    text === undefined || label === undefined ? [] : [{ text, label: label.trim() === '1' ? 'positive' : 'negative' } as LabelledText],
  );
