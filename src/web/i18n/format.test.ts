import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatDateTime, formatDay, formatNumber, formatRelative, languageName } from './format.ts';

const now = Date.parse('2026-11-22T12:00:00Z');

test('relative times in both languages', () => {
  assert.equal(formatRelative('en', '2026-11-22T09:00:00Z', now), '3 hours ago');
  assert.equal(formatRelative('fr', '2026-11-22T09:00:00Z', now), 'il y a 3 heures');
  assert.equal(formatRelative('en', '2026-11-21T12:00:00Z', now), 'yesterday');
  assert.equal(formatRelative('fr', '2026-11-21T12:00:00Z', now), 'hier');
  assert.equal(formatRelative('en', '2026-11-22T11:59:40Z', now), 'now');
  assert.equal(formatRelative('en', '2026-12-22T12:00:00Z', now), 'next month');
  assert.equal(formatRelative('en', 'not a date', now), '');
});

test('absolute dates and numbers follow the locale', () => {
  assert.match(formatDateTime('fr', '2026-11-22T09:05:00Z'), /22 nov\. 2026/);
  assert.match(formatDateTime('en', '2026-11-22T09:05:00Z'), /Nov 22, 2026/);
  assert.equal(formatNumber('fr', 0.5, 2), '0,50');
  assert.equal(formatNumber('en', -0.25, 2), '-0.25');
});

test('language names', () => {
  assert.equal(languageName('fr', 'en'), 'anglais');
  assert.equal(languageName('en', 'fr'), 'French');
});

test('a day reads as a day of the month, never as MM-DD', () => {
  assert.equal(formatDay('fr', '2026-12-07'), '7 déc.');
  assert.equal(formatDay('en', '2026-12-07'), 'Dec 7');
  assert.equal(formatDay('fr', '2026-01-31'), '31 janv.');
  assert.equal(formatDay('fr', 'demain'), 'demain');
});
