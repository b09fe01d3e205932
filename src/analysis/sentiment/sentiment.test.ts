import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeSentiment, type SentimentLabel } from './sentiment.ts';

const cases: [lang: string, text: string, label: SentimentLabel][] = [
  // French: praise, blame, slang
  ['fr', "C'est génial, merci pour tout !", 'positive'],
  ['fr', 'Service nul, je suis très déçu.', 'negative'],
  ['fr', 'Une vraie arnaque, fuyez.', 'negative'],
  ['fr', 'Top, livraison rapide 👍', 'positive'],
  ['fr', 'Franchement de ouf ce resto', 'positive'],
  ['fr', 'mdr trop bien', 'positive'],
  ['fr', 'Bof, sans plus.', 'negative'],
  ['fr', 'La boutique ouvre à 9h demain.', 'neutral'],
  // French negation
  ["fr", "Je n'aime pas du tout ce produit.", 'negative'],
  ['fr', "Ce n'est pas terrible.", 'negative'],
  ['fr', 'Franchement pas mal du tout', 'positive'],
  ['fr', "J'ai jamais été aussi déçu", 'negative'],
  // French contrast: the part after "mais" wins
  ['fr', "L'accueil est sympa mais la nourriture est horrible.", 'negative'],
  ['fr', "Un peu cher, mais franchement excellent !", 'positive'],
  // French emoji, elongation, upper case
  ['fr', 'Merciiiii 😍😍', 'positive'],
  ['fr', 'GÉNIAAAL', 'positive'],
  ['fr', 'Colis toujours pas arrivé 😡', 'negative'],
  // French customer complaints and praise
  ['fr', 'Commande jamais reçue et aucune réponse du vendeur', 'negative'],
  ['fr', 'Toujours pas reçu mon colis', 'negative'],
  ['fr', 'Plus jamais chez eux', 'negative'],
  ['fr', 'Pas à la hauteur', 'negative'],
  ['fr', 'Service à la hauteur', 'positive'],
  ['fr', 'On reviendra !', 'positive'],
  // English
  ['en', 'I love this place, the staff are wonderful!', 'positive'],
  ['en', 'Worst customer service ever. Total scam.', 'negative'],
  ['en', "I don't like it at all.", 'negative'],
  ['en', 'Not good at all, actually.', 'negative'],
  ['en', 'I have never been so happy with a purchase!', 'positive'],
  ['en', 'The food was great but the service was terrible.', 'negative'],
  ['en', 'The shop opens at 9 tomorrow.', 'neutral'],
  ['en', 'sooooo good :D', 'positive'],
  ['en', 'My parcel never arrived and no response to my emails', 'negative'],
  ['en', 'Never again', 'negative'],
  ['en', 'We will be back!', 'positive'],
  ['en', 'Thanks for the quick reply 🙏', 'positive'],
];

test('sentiment labels of typical posts', async (t) => {
  for (const [lang, text, label] of cases) {
    await t.test(`${lang}: ${text}`, () => {
      const s = analyzeSentiment(text, lang);
      assert.equal(s.label, label, `score ${s.score}`);
    });
  }
});

test('scores stay within [-1, 1], also on extreme input', () => {
  const texts = ['', '😍'.repeat(500), 'nul '.repeat(2000), 'GÉNIAL!!!!!!!!!!!!!!! '.repeat(100), 'pas pas pas ne ne not not'];
  for (const lang of ['fr', 'en', 'de', 'und']) {
    for (const text of texts) {
      const { score, label } = analyzeSentiment(text, lang);
      assert.ok(score >= -1 && score <= 1, `${lang} ${text.slice(0, 20)}: ${score}`);
      assert.ok(['positive', 'neutral', 'negative'].includes(label));
    }
  }
});

test('the label never contradicts the sign of the score', () => {
  for (const [lang, text] of cases) {
    const { label, score } = analyzeSentiment(text, lang);
    if (label === 'positive') assert.ok(score > 0, text);
    if (label === 'negative') assert.ok(score < 0, text);
  }
});

test('deterministic: the same text always gives the same verdict', () => {
  const text = "Livraison rapide mais produit cassé, je suis déçu :(";
  const first = analyzeSentiment(text, 'fr');
  for (let i = 0; i < 50; i++) analyzeSentiment(`autre texte ${i} super`, i % 2 ? 'fr' : 'en');
  assert.deepEqual(analyzeSentiment(text, 'fr'), first);
});

test('a language without a model is scored by the rules over both lexicons', () => {
  assert.equal(analyzeSentiment('great 😍', 'de').label, 'positive');
  assert.equal(analyzeSentiment('nul 😡', 'und').label, 'negative');
  assert.equal(analyzeSentiment('Termin um 9 Uhr', 'de').label, 'neutral');
});
