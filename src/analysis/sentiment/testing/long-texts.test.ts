import { test } from 'node:test';
import assert from 'node:assert/strict';
import { crossValidateDocument, predictPositive, seededFolds, tuneDocument, type LongText } from './long-texts.ts';

// Synthetic long texts whose sentences lean positive by 0.3 whatever their label, with the verdict
// in the last sentence: the tuning must find a weight on the last sentence and a bias near 0.3.
const synthetic = (n: number): LongText[] =>
  Array.from({ length: n }, (_, i) => {
    const positive = i % 2 === 0;
    const lean = 0.3 + ((i * 37) % 21) / 100;
    return { whole: lean, compounds: [lean + 0.2, lean - 0.2, lean + (positive ? 0.25 : -0.25)], positive };
  });

test('the long-text tuning finds the weight of the last sentence and the bias that separate the classes', () => {
  const items = synthetic(200);
  const { settings, accuracy } = tuneDocument(items);
  assert.equal(accuracy, 1);
  assert.ok(settings.lastWeight > 1, JSON.stringify(settings));
  assert.ok(settings.bias > 0.2 && settings.bias < 0.6, JSON.stringify(settings));
  // Short texts (no compounds) keep their whole-text verdict whatever the settings.
  assert.equal(predictPositive({ whole: 0.1, compounds: undefined, positive: true }, { lastWeight: 1, wholeWeight: 0, bias: 0.9 }), true);
});

test('nested cross-validation predicts each fold with settings tuned on the others only', () => {
  const items = synthetic(200);
  const folds = seededFolds(items.length, 10, 1);
  assert.equal(new Set(folds).size, 10);
  assert.equal(crossValidateDocument(items, folds, 10), 1);
  // Labels that the sentences do not predict cannot be learnt: about chance, never perfect.
  const noise = items.map((t, i) => ({ ...t, positive: ((i * 7919) % 13) % 2 === 0 }));
  assert.ok(crossValidateDocument(noise, folds, 10) < 0.75);
});
