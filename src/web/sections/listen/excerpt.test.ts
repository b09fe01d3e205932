import { test } from 'node:test';
import assert from 'node:assert/strict';
import { excerpt } from './excerpt.ts';

test('short texts stay whole; long ones are cut at a word near the end', () => {
  assert.equal(excerpt('Bonjour à tous', 20), 'Bonjour à tous');
  assert.equal(excerpt('un deux trois quatre cinq six', 16), 'un deux trois…');
  // No space late enough: cut mid-word rather than losing most of the text.
  assert.equal(excerpt('a supercalifragilistic', 10), 'a supercal…');
  assert.equal(excerpt('x'.repeat(600)).length, 481);
});
