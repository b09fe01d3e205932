import { test } from 'node:test';
import assert from 'node:assert/strict';
import { matchPath } from './match.ts';

test('matchPath: params, literals, trailing slash and rest', () => {
  assert.deepEqual(matchPath('/w/:workspaceId/listen', '/w/42/listen'), { workspaceId: '42' });
  assert.deepEqual(matchPath('/w/:workspaceId/listen', '/w/42/listen/'), { workspaceId: '42' });
  assert.equal(matchPath('/w/:workspaceId/listen', '/w/42/inbox'), null);
  assert.equal(matchPath('/w/:workspaceId/listen', '/w/42'), null);
  assert.equal(matchPath('/w/:workspaceId', '/w/42/listen'), null);
  assert.deepEqual(matchPath('/w/:workspaceId/*', '/w/a%20b/settings/brand'), { workspaceId: 'a b' });
  assert.deepEqual(matchPath('/', '/'), {});
});

test('matchPath: a malformed escape does not throw', () => {
  assert.equal(matchPath('/w/:id', '/w/%E0%A4%A'), null);
});
