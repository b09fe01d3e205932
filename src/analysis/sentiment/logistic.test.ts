import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractFeatures } from './features.ts';
import { loadModel, predict, storeModel, train } from './logistic.ts';
import { scoreTokens } from './rules.ts';
import { tokenize } from './tokens.ts';

const texts: [string, number][] = [
  ['quel plaisir ce concert', 2],
  ['plaisir immense, merci', 2],
  ['la réunion est demain', 1],
  ['réunion du conseil demain matin', 1],
  ['quelle catastrophe ce concert', 0],
  ['catastrophe totale, remboursez', 0],
];
const features = texts.map(([t]) => {
  const tokens = tokenize(t);
  return extractFeatures(tokens, scoreTokens(tokens, 'fr'));
});
const labels = texts.map(([, y]) => y);
const options = { epochs: 40, learningRate: 0.5, l2: 1e-4, seed: 42 };

test('training is deterministic: same data and seed, same weights', () => {
  const a = storeModel(train(features, labels, options));
  const b = storeModel(train(features, labels, options));
  assert.deepEqual(a, b);
  const c = storeModel(train(features, labels, { ...options, seed: 43 }));
  assert.notDeepEqual(a, c);
});

test('a trained model fits its training examples and probabilities sum to 1', () => {
  const model = train(features, labels, options);
  features.forEach((f, i) => {
    const p = predict(model, f);
    assert.ok(Math.abs(p.reduce((s, x) => s + x, 0) - 1) < 1e-9);
    const best = [0, 1, 2].reduce((a, c) => ((p[c] ?? 0) > (p[a] ?? 0) ? c : a), 0);
    assert.equal(best, labels[i], texts[i]?.[0]);
  });
});

test('stored weights load back to the same predictions (to rounding)', () => {
  const model = train(features, labels, options);
  const loaded = loadModel(JSON.parse(JSON.stringify(storeModel(model))));
  for (const f of features) {
    const p = predict(model, f);
    const q = predict(loaded, f);
    for (let c = 0; c < 3; c++) assert.ok(Math.abs((p[c] ?? 0) - (q[c] ?? 0)) < 0.01);
  }
});

test('hashed features: no training text in them, stable ids, negation marked', () => {
  const f = (t: string) => {
    const tokens = tokenize(t);
    return [...extractFeatures(tokens, scoreTokens(tokens, 'fr')).hashed];
  };
  assert.deepEqual(f('très bon produit'), f('très bon produit'));
  assert.notDeepEqual(f("c'est bon"), f("ce n'est pas bon"));
  assert.equal(extractFeatures([], scoreTokens([], 'fr')).hashedValue, 0);
});
