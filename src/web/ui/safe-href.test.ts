import { test } from 'node:test';
import assert from 'node:assert/strict';
import { safeHref } from './safe-href.ts';

test('only absolute http(s) URLs become links', () => {
  assert.equal(safeHref('https://example.org/a?b=1'), 'https://example.org/a?b=1');
  assert.equal(safeHref('http://example.org'), 'http://example.org/');
  assert.equal(safeHref('javascript:alert(1)'), undefined);
  assert.equal(safeHref(' JavaScript:alert(1)'), undefined);
  assert.equal(safeHref('data:text/html,<b>x</b>'), undefined);
  assert.equal(safeHref('/relative/path'), undefined);
  assert.equal(safeHref(''), undefined);
  assert.equal(safeHref(null), undefined);
});
