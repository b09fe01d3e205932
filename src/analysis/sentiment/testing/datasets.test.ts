import { test } from 'node:test';
import assert from 'node:assert/strict';
import { unescapeTweet } from './datasets.ts';

test('literal \\u escapes of the exported tweets are decoded, other text is left alone', () => {
  assert.equal(unescapeTweet('i\\u2019m sorry\\u002c really'), 'i’m sorry, really');
  assert.equal(unescapeTweet("aren\\u2019t you"), 'aren’t you');
  assert.equal(unescapeTweet('C:\\users is a path, \\u12 is not an escape'), 'C:\\users is a path, \\u12 is not an escape');
});
