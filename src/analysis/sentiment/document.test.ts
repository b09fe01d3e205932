import { test } from 'node:test';
import assert from 'node:assert/strict';
import { documentScore, LONG_TEXT_WORDS, sentencesOf } from './document.ts';
import { decide } from './decide.ts';
import { extractFeatures } from './features.ts';
import { predict } from './logistic.ts';
import { modelFor } from './model.ts';
import { scoreTokens } from './rules.ts';
import { analyzeSentiment } from './sentiment.ts';
import { tokenize } from './tokens.ts';

const words = (text: string): number => tokenize(text).filter((t) => t.kind === 'word').length;

/** The short-post verdict of a whole text (ADR 0041), without the long-text aggregation. */
const asOnePost = (text: string, lang: string) => {
  const lm = modelFor(lang);
  if (!lm) throw new Error(`no model for ${lang}`);
  const tokens = tokenize(text);
  const rules = scoreTokens(tokens, lang);
  return decide(predict(lm.model, extractFeatures(tokens, rules)), rules.compound, lm.calibration);
};

test('a text is cut into sentences at full stops, ! and ?, each keeping its end mark; empty ones are dropped', () => {
  const sentences = sentencesOf(tokenize('Beau livre. Trop long !! Pourquoi ? … Bref, à lire'));
  assert.deepEqual(
    sentences.map((s) => s.map((t) => t.text).join(' ')),
    ['beau livre .', 'trop long !!', 'pourquoi ?', 'bref , à lire'],
  );
});

test('the long-text score weighs the last sentence, blends the whole-text score, subtracts the bias and stays in [-1, 1]', () => {
  assert.equal(documentScore(0, [0.5, -0.5], { lastWeight: 1, wholeWeight: 0, bias: 0 }), 0);
  assert.equal(documentScore(0, [0.5, -0.5], { lastWeight: 3, wholeWeight: 0, bias: 0 }), -0.25);
  assert.equal(documentScore(1, [0.5, -0.5], { lastWeight: 1, wholeWeight: 0.5, bias: 0.1 }), 0.4);
  assert.equal(documentScore(-1, [-1], { lastWeight: 1, wholeWeight: 0, bias: 0.5 }), -1);
});

test('short posts keep the short-post verdict: the aggregation starts at LONG_TEXT_WORDS words', () => {
  const post = "Le livre est bien écrit mais la fin est décevante. Bref, je ne le conseille pas à mes amis qui aiment les romans policiers.";
  assert.ok(words(post) < LONG_TEXT_WORDS);
  assert.deepEqual(analyzeSentiment(post, 'fr'), asOnePost(post, 'fr'));
});

test('a long French review is read sentence by sentence, so its verdict is not drowned by the summary', () => {
  const summary =
    "L'histoire se passe à Paris, dans une belle maison où vit une famille heureuse et unie. Le père est un grand médecin, admiré de tous, et la mère une artiste talentueuse. Leur fille rêve de devenir une grande danseuse et travaille avec passion. ";
  const negative = `${summary}Le style est plat et je me suis ennuyé. Dommage.`;
  const positive = `${summary}Le style est vif, les dialogues sont justes et je ne me suis pas ennuyé une seconde. Un vrai coup de cœur, je le recommande.`;
  for (const text of [negative, positive]) assert.ok(words(text) >= LONG_TEXT_WORDS);
  assert.equal(analyzeSentiment(negative, 'fr').label, 'negative');
  // Read as one post, the happy summary outweighs the two-sentence verdict.
  assert.equal(asOnePost(negative, 'fr').label, 'positive');
  assert.equal(analyzeSentiment(positive, 'fr').label, 'positive');
  // English has no long-text settings (they were tuned on French reviews): one post, as before.
  const english = 'The story is set in a lovely house where a happy family lives. The father is a great doctor and the mother a gifted artist. Sadly the style is flat, the dialogue is hollow and I was bored from start to finish. A waste of time.';
  assert.ok(words(english) >= LONG_TEXT_WORDS);
  assert.deepEqual(analyzeSentiment(english, 'en'), asOnePost(english, 'en'));
});
