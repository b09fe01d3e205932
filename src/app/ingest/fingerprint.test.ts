import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { foldForFingerprint, foldForFingerprintByPasses, textFingerprint } from './fingerprint.ts';
import { dataDir } from '../../analysis/sentiment/testing/datasets.ts';

test('the one-pass fold gives what the whole-text passes give', () => {
  for (const t of [
    'Élodie a adoré le savon — génial !!! https://x.example/a?b=1 #Rasage',
    'ÇA   COÛTE   cher…  Œuvre, ǅemal, ﬁn, ¼ de litre, Ⅻ, ①',
    'e\u0301te\u0301 de\u0301ja\u0300 (combining marks)',
    "l'huile n'est pas top :( 😡😡",
    'Ελληνικά και русский текст',
    '   ',
    'İstanbul ß ẞ Ǆ ǉ ſ',
  ])
    assert.equal(foldForFingerprint(t), foldForFingerprintByPasses(t), t);
  fc.assert(
    fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (t) => foldForFingerprint(t) === foldForFingerprintByPasses(t)),
    { numRuns: 20_000 },
  );
  fc.assert(
    fc.property(
      fc.array(fc.constantFrom(...'aeéèêàçôœÆ ,.!?-_\'’1²¼ﬁ\u0301\u0327 https://h.example/x'.split('')), { maxLength: 40 }),
      (cs) => foldForFingerprint(cs.join('')) === foldForFingerprintByPasses(cs.join('')),
    ),
    { numRuns: 20_000 },
  );
});

test('the one-pass fold agrees with the passes on real tweets', (t) => {
  const dir = `${dataDir}/fr-en-tweets-sentiment-umsab`;
  if (!existsSync(dir)) return t.skip(`${dir} is absent: the shared data sets are not beside this checkout`);
  for (const lang of ['french', 'english'])
    for (const line of readFileSync(`${dir}/${lang}/train_text.txt`, 'utf8').split('\n')) assert.equal(foldForFingerprint(line), foldForFingerprintByPasses(line), line);
});

test('short texts have no fingerprint; links, accents and case do not change it', () => {
  assert.equal(textFingerprint('merci !'), null);
  const a = textFingerprint('Le savon Coupe-Chou est vraiment génial https://a.example/1');
  assert.ok(a);
  assert.equal(textFingerprint('le SAVON coupe chou est vraiment GENIAL!! https://b.example/2'), a);
  assert.notEqual(textFingerprint('Le savon Coupe-Chou est vraiment nul, à éviter'), a);
});
