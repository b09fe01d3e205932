import { test } from 'node:test';
import assert from 'node:assert/strict';
import { queryMarks } from './query-marks.ts';

test('marks the span the error names', () => {
  assert.deepEqual(queryMarks('rasage langue:fr', 7, 9), { before: 'rasage ', marked: 'langue:fr', after: '', missing: false });
  assert.deepEqual(queryMarks('rasage (barbier', 7, 1), { before: 'rasage ', marked: '(', after: 'barbier', missing: false });
});

test('marks one character when the length is unknown, and nothing past the end', () => {
  assert.deepEqual(queryMarks('a OR', 2), { before: 'a ', marked: 'O', after: 'R', missing: false });
  assert.deepEqual(queryMarks('rasage OR', 9), { before: 'rasage OR', marked: '', after: '', missing: true });
  assert.deepEqual(queryMarks('ab', 40, 3), { before: 'ab', marked: '', after: '', missing: true });
});

test('never runs past the text', () => {
  assert.deepEqual(queryMarks('"savon', 0, 50), { before: '', marked: '"savon', after: '', missing: false });
});
