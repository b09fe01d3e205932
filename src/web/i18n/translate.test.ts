import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fr } from './messages.fr.ts';
import { en } from './messages.en.ts';
import { interpolate, negotiateLocale, translate, translatePlural } from './translate.ts';

test('fr and en have the same keys and no empty message', () => {
  assert.deepEqual(Object.keys(en).sort(), Object.keys(fr).sort());
  for (const [k, v] of [...Object.entries(fr), ...Object.entries(en)]) assert.ok(v.trim().length > 0, k);
});

test('placeholders agree between fr and en', () => {
  const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
  for (const k of Object.keys(fr) as (keyof typeof fr)[]) assert.deepEqual(names(en[k]), names(fr[k]), k);
});

test('interpolate replaces known names and leaves unknown ones', () => {
  assert.equal(interpolate('{a} et {b}', { a: 1 }), '1 et {b}');
  assert.equal(interpolate('sans variable'), 'sans variable');
  assert.equal(translate(en, 'frame.signedInAs', { email: 'a@b.c' }), 'Signed in as a@b.c');
});

test('plurals follow each language: French 0 and 1 are singular, English 0 is plural', () => {
  assert.equal(translatePlural(fr, 'fr', 'listen.shown', 0), '0 mention affichée');
  assert.equal(translatePlural(fr, 'fr', 'listen.shown', 1), '1 mention affichée');
  assert.equal(translatePlural(fr, 'fr', 'listen.shown', 2), '2 mentions affichées');
  assert.equal(translatePlural(en, 'en', 'listen.shown', 0), '0 mentions shown');
  assert.equal(translatePlural(en, 'en', 'listen.shown', 1), '1 mention shown');
  assert.equal(translatePlural(en, 'en', 'listen.shown', 1500), '1,500 mentions shown');
  assert.equal(translatePlural(fr, 'fr', 'listen.shown', 1500), '1\u202f500 mentions affichées');
});

test('locale: saved profile, then browser, then French', () => {
  assert.equal(negotiateLocale('en', ['fr-FR']), 'en');
  assert.equal(negotiateLocale(null, ['de-DE', 'en-GB', 'fr']), 'en');
  assert.equal(negotiateLocale(undefined, ['de']), 'fr');
  assert.equal(negotiateLocale('xx', []), 'fr');
});
