import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ApiError } from '../api/client.ts';
import { fr } from '../i18n/messages.fr.ts';
import { en } from '../i18n/messages.en.ts';
import { translate, type Locale } from '../i18n/translate.ts';
import { errorText } from './error-text.ts';

const i18n = (locale: Locale) => ({ locale, t: (key: keyof typeof fr, vars?: Record<string, string | number>) => translate(locale === 'fr' ? fr : en, key, vars) });

test('the server\'s problems are said in the language on screen, whatever language the message came in', () => {
  const e = new ApiError('unavailable', 'https://a.example/flux.xml answered with HTTP status 404.', 503, [{ key: 'fetch.http-status', params: { url: 'https://a.example/flux.xml', status: 404 } }]);
  assert.equal(errorText(i18n('fr'), e), 'https://a.example/flux.xml a répondu avec le code HTTP 404.');
  assert.equal(errorText(i18n('en'), e), 'https://a.example/flux.xml answered with HTTP status 404.');
  const two = new ApiError('bad-request', '…', 400, [{ key: 'validation.empty', params: { field: 'name' } }, { key: 'validation.required', params: { field: 'email' } }]);
  assert.equal(errorText(i18n('fr'), two), '« name » ne doit pas être vide. « email » est obligatoire.');
});

test('without problems the interface says the code in its own words, and a server message only for requests refused', () => {
  assert.equal(errorText(i18n('fr'), new ApiError('network', 'fetch failed', 0)), fr['error.network']);
  assert.equal(errorText(i18n('fr'), new ApiError('not-found', 'Not found', 404)), fr['error.notFound']);
  assert.equal(errorText(i18n('fr'), new ApiError('unauthorized', 'Sign in first.', 401, [{ key: 'auth.sign-in-first' }])), fr['error.unauthorized']);
  assert.equal(errorText(i18n('en'), new ApiError('bad-request', '--seed must be a whole number', 400)), '--seed must be a whole number');
});
