import { test } from 'node:test';
import assert from 'node:assert/strict';
import { detectLanguage, languageText } from './detect.ts';
import { missing, readTweets } from '../sentiment/testing/datasets.ts';

test('languages of short posts', () => {
  const cases: [string, string][] = [
    ["Merci pour l'accueil, on reviendra avec plaisir !", 'fr'],
    ['Je suis déçu par la livraison', 'fr'],
    ['Thanks for the quick reply, great service!', 'en'],
    ['Muchas gracias por todo, volveremos pronto', 'es'],
    ['Vielen Dank für die schnelle Lieferung', 'de'],
    ['Grazie mille, servizio eccellente', 'it'],
    ['Obrigado pela entrega rápida', 'pt'],
    ['Bedankt voor de snelle levering', 'nl'],
    ['@alice merci beaucoup 😍 #BonneJournée https://example.com/x', 'fr'],
  ];
  for (const [text, lang] of cases) assert.equal(detectLanguage(text), lang, text);
});

test('the French and English function-word shortcut does not capture neighbouring languages', () => {
  const cases: [string, string][] = [
    ['Det er et godt produkt med god kvalitet', 'da'],
    ['Mais ou menos, gostei muito do produto', 'pt'],
    ['Ik heb je bericht gelezen, we zijn blij met de levering', 'nl'],
    ['Die Qualität des Produkts ist sehr gut', 'de'],
    ['Les dejo el enlace para el evento de mañana', 'es'],
    ['Grazie per tutto, siete stati davvero gentili', 'it'],
  ];
  for (const [text, lang] of cases) assert.equal(detectLanguage(text), lang, text);
});

test('und when the text says too little', () => {
  for (const text of ['', '😍😍😍', '12:30', '!!!', 'ok', 'https://example.com/a-long-path @bob #x', 'ab']) {
    assert.equal(detectLanguage(text), 'und', JSON.stringify(text));
  }
});

test('a declared language decides when the text is too short, and is kept when plausible', () => {
  assert.equal(detectLanguage('ok', 'fr'), 'fr');
  assert.equal(detectLanguage('top', 'fr-FR'), 'fr');
  assert.equal(detectLanguage('Merci beaucoup pour tout', 'fr'), 'fr');
  // A hint does not override a clear text, nor make an emoji-only post French.
  assert.equal(detectLanguage('Thanks a lot for the wonderful evening with all of you', 'fr'), 'en');
  assert.equal(detectLanguage('😍', 'fr'), 'und');
  // A malformed hint is ignored.
  assert.equal(detectLanguage('ok', 'français'), 'und');
});

test('links, mentions, hashtag marks, digits and elongations are not language', () => {
  assert.equal(languageText('@bob@mastodon.social Géniaaaal #TopQualité 100% https://x.example'), 'Géniaal Top Qualité');
});

test('deterministic', () => {
  const text = 'Le service client a été très réactif';
  assert.equal(detectLanguage(text), detectLanguage(text));
});

const absent = missing('fr-en-tweets-sentiment-umsab/french/train_text.txt');
test('French and English tweets (train splits): at least 98% right', { skip: absent }, () => {
  for (const [name, code] of [
    ['french', 'fr'],
    ['english', 'en'],
  ] as const) {
    const tweets = readTweets(name, 'train');
    const right = tweets.filter((t) => detectLanguage(t.text) === code).length;
    assert.ok(right / tweets.length >= 0.98, `${name}: ${right}/${tweets.length}`);
  }
});
