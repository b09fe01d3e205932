import { test } from 'node:test';
import assert from 'node:assert/strict';
import weights from './model.weights.json' with { type: 'json' };
import { contentClasses, type ContentClass } from './classes.ts';
import { cueScores, cuesOf } from './cues.ts';
import { featuresOf } from './features.ts';
import { scoreNaiveBayes, toProbabilities, trainNaiveBayes } from './naive-bayes.ts';
import { classifyContent } from './classify.ts';
import { contentBalance } from './balance.ts';
import { labelledPosts, testPosts, trainPosts } from './testing/labelled-posts.ts';

test('features: words, bigrams, hashtags, mentions and cues', () => {
  const cases: [string, { bigrams: boolean; cues: boolean }, string[]][] = [
    ["J'adore l'Atelier", { bigrams: false, cues: false }, ['j', 'adore', 'l', 'atelier']],
    ['Merci @lea #Barbe', { bigrams: false, cues: false }, ['merci', '@', '#barbe']],
    ['pain frais', { bigrams: true, cues: false }, ['pain', 'frais', 'pain frais']],
    ['Promo à 5 €', { bigrams: false, cues: true }, ['promo', 'a', '5', 'cue:promotional', 'pat:price']],
  ];
  for (const [text, options, want] of cases) assert.deepEqual(featuresOf(text, options), want, text);
});

test('cues per class, French and English', () => {
  const cases: [string, ContentClass][] = [
    ['Soldes : -50 % sur les rasoirs', 'promotional'],
    ['Free shipping on every order', 'promotional'],
    ['Astuce : comment conserver le levain', 'know-how'],
    ['Tip: why you should never oil a dirty chain', 'know-how'],
    ['Mon fils et moi, un souvenir de vacances', 'personal'],
    ['My dad and my family', 'personal'],
    ['Merci et bravo aux voisins du quartier', 'community'],
    ['Thanks and welcome, neighbours!', 'community'],
    ['Fermeture et nouveaux horaires en janvier', 'news'],
    ['Closed on Monday, new hours from January', 'news'],
  ];
  for (const [text, cls] of cases) {
    const s = cueScores(text);
    const best = contentClasses.reduce((a, c) => (s[c] > s[a] ? c : a), contentClasses[0]);
    assert.equal(best, cls, `${text}: ${JSON.stringify(s)}`);
  }
  assert.deepEqual(cuesOf('rien de spécial'), []);
});

test('naive Bayes learns from counts and ignores unseen features', () => {
  const model = trainNaiveBayes(
    [
      { features: ['promo', 'prix'], label: 'promotional' },
      { features: ['astuce', 'comment'], label: 'know-how' },
      { features: ['je', 'mon'], label: 'personal' },
      { features: ['merci', 'bravo'], label: 'community' },
      { features: ['fermeture', 'horaires'], label: 'news' },
    ],
    0.5,
  );
  const best = (f: string[]): ContentClass => {
    const p = toProbabilities(scoreNaiveBayes(model, f));
    assert.ok(Math.abs(p.reduce((a, b) => a + b, 0) - 1) < 1e-9);
    return contentClasses[p.indexOf(Math.max(...p))] as ContentClass;
  };
  const cases: [string[], ContentClass][] = [
    [['promo'], 'promotional'],
    [['comment', 'inconnu'], 'know-how'],
    [['mon', 'je', 'merci'], 'personal'],
    [['bravo'], 'community'],
    [['horaires'], 'news'],
  ];
  for (const [f, want] of cases) assert.equal(best(f), want, f.join(' '));
});

test('the committed weights are what the training script gives on the train split', () => {
  const model = trainNaiveBayes(
    trainPosts.map((p) => ({ features: featuresOf(p.text, weights.features), label: p.label })),
    weights.alpha,
  );
  assert.deepEqual(model, weights.model);
});

test('classifies new posts (not in the labelled set)', () => {
  const cases: [string, ContentClass][] = [
    ['Nouveau : le savon à barbe au citron est disponible, -10 % avec le code CITRON !', 'promotional'],
    ['Comment éviter les poils incarnés ? Exfoliez deux fois par semaine et rasez dans le sens du poil.', 'know-how'],
    ["Aujourd'hui j'ai emmené mes enfants voir l'atelier, ils ont adoré le bruit des machines.", 'personal'],
    ['Merci à tous nos clients pour vos messages, et bravo à la boulangerie voisine pour son prix !', 'community'],
    ['The shop will be closed on Friday 12 May for a staff training day.', 'news'],
    ['20% off every phone case this weekend, shop now!', 'promotional'],
  ];
  for (const [text, want] of cases) {
    const r = classifyContent(text);
    assert.equal(r.label, want, `${text}: ${JSON.stringify(r.probabilities)}`);
    assert.ok(Math.abs(Object.values(r.probabilities).reduce((a, b) => a + b, 0) - 1) < 1e-9);
  }
  assert.ok(classifyContent('Soldes : -30 % sur tout').cues.some((c) => c.name === 'discount'));
});

test('the labelled set: at least 250 posts, both languages, balanced, split without overlap', () => {
  assert.ok(labelledPosts.length >= 250);
  const ids = new Set(labelledPosts.map((p) => p.id));
  assert.equal(ids.size, labelledPosts.length);
  assert.equal(new Set(labelledPosts.map((p) => p.text)).size, labelledPosts.length);
  for (const c of contentClasses) {
    for (const lang of ['fr', 'en'] as const) assert.ok(labelledPosts.filter((p) => p.label === c && p.lang === lang).length >= 20, `${c} ${lang}`);
  }
  assert.equal(trainPosts.length + testPosts.length, labelledPosts.length);
  const train = new Set(trainPosts.map((p) => p.id));
  assert.ok(testPosts.every((p) => !train.has(p.id)));
});

test('content balance: shares, too commercial, missing classes', () => {
  const cases: { labels: ContentClass[]; tooCommercial: boolean; missing: ContentClass[] }[] = [
    { labels: [], tooCommercial: false, missing: [] },
    { labels: ['promotional', 'know-how', 'personal', 'community'], tooCommercial: false, missing: [] },
    { labels: ['promotional', 'promotional', 'know-how', 'personal'], tooCommercial: true, missing: [] },
    {
      labels: ['promotional', 'know-how', 'know-how', 'personal', 'personal', 'community', 'community', 'know-how'],
      tooCommercial: false,
      missing: ['news'],
    },
  ];
  for (const c of cases) {
    const b = contentBalance(c.labels);
    assert.equal(b.tooCommercial, c.tooCommercial, c.labels.join(','));
    assert.deepEqual(b.missing, c.missing, c.labels.join(','));
    assert.equal(b.total, c.labels.length);
  }
  assert.equal(contentBalance(['promotional', 'news']).shares.promotional, 0.5);
  assert.equal(contentBalance(['promotional', 'news'], { maxPromotionalShare: 0.5 }).tooCommercial, false);
});
