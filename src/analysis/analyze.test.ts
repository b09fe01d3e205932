import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeText } from './analyze.ts';
import { detectLanguage } from './lang/detect.ts';
import { analyzeSentiment } from './sentiment/sentiment.ts';

test('analyzeText gives the language and the sentiment of that language', () => {
  const cases: [string, string, string][] = [
    ["Merci pour l'accueil, c'était parfait ! 😍", 'fr', 'positive'],
    ['Colis jamais arrivé, service client injoignable, une honte.', 'fr', 'negative'],
    ['Thanks a lot, the repair was quick and cheap!', 'en', 'positive'],
    ['This is the worst purchase I have ever made.', 'en', 'negative'],
    ['😡😡😡', 'und', 'negative'],
  ];
  for (const [text, lang, label] of cases) {
    const r = analyzeText(text);
    assert.equal(r.lang, lang, text);
    assert.equal(r.sentiment.label, label, text);
  }
});

test('one tokenisation gives the same answers as the two detectors called apart', () => {
  const texts = [
    '@bob@mastodon.social Géniaaaal #TopQualité https://x.example/a',
    "Livraison rapide mais produit cassé, je suis déçu :(",
    'Vielen Dank für die schnelle Lieferung',
    'ok',
    '',
  ];
  for (const text of texts) {
    const r = analyzeText(text);
    assert.equal(r.lang, detectLanguage(text), text);
    assert.deepEqual(r.sentiment, analyzeSentiment(text, r.lang), text);
  }
});

test('a declared language is used as a hint', () => {
  assert.equal(analyzeText('top', { lang: 'fr' }).lang, 'fr');
  assert.equal(analyzeText('top').lang, 'und');
});
