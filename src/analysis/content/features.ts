/**
 * Features of a post for the content model: its normalised words (stop words kept:
 * "je", "my", "vous" are the strongest signs of personal and community posts),
 * hashtags, a marker for account mentions, word bigrams, and the cues of cues.ts
 * (`cue:<class>` once per word cue, `pat:<name>` per pattern).
 */
import { tokenize } from '../text/tokenize.ts';
import { cuesOf } from './cues.ts';

export interface FeatureOptions {
  readonly bigrams: boolean;
  readonly cues: boolean;
}

export const defaultFeatureOptions: FeatureOptions = { bigrams: true, cues: true };

export const featuresOf = (text: string, options: FeatureOptions = defaultFeatureOptions): string[] => {
  const out: string[] = [];
  let previous = '';
  for (const t of tokenize(text).tokens) {
    const v = t.kind === 'hashtag' ? `#${t.value}` : t.kind === 'mention' ? '@' : t.value;
    out.push(v);
    if (options.bigrams && previous !== '' && t.kind === 'word') out.push(`${previous} ${v}`);
    previous = t.kind === 'word' ? v : '';
  }
  if (options.cues)
    for (const c of cuesOf(text)) out.push(c.name === 'price' || c.name === 'discount' || c.name === 'time' || c.name === 'question' || c.name === 'mention' || c.name === 'measure' ? `pat:${c.name}` : `cue:${c.cls}`);
  return out;
};
