import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderProblems } from '../../core/messages.ts';
import { FetchError } from '../../sources/http/safe-fetch.ts';
import { SourceError } from '../../sources/source.ts';
import { asUserFailure, fetchFailure, sourceFailure } from './failures.ts';

const url = 'https://journal.example/flux.xml';

test('fetch failures: the user\'s input is a bad request, the network is unavailable, each said with the address', () => {
  const cases: Array<[FetchError, string, string]> = [
    [new FetchError('bad-url', 'give-up', 'not a URL: x'), 'bad-request', `« ${url} » n’est pas une adresse web http ou https.`],
    [new FetchError('blocked-address', 'give-up', 'refused'), 'bad-request', `${url} mène à une adresse privée ou réservée : relais ne s’y connecte pas.`],
    [new FetchError('dns', 'retry', 'cannot resolve'), 'unavailable', `Le nom de ${url} est introuvable : vérifiez l’adresse.`],
    [new FetchError('timeout', 'retry', 'slow'), 'unavailable', `${url} a mis trop de temps à répondre. Réessayez plus tard.`],
    [new FetchError('http-status', 'give-up', 'HTTP 404', { status: 404 }), 'bad-request', `${url} a répondu avec le code HTTP 404.`],
    [new FetchError('http-status', 'retry', 'HTTP 503', { status: 503 }), 'unavailable', `${url} a répondu avec le code HTTP 503.`],
    [new FetchError('http-status', 'disable', 'HTTP 410', { status: 410 }), 'unavailable', `${url} a été supprimé (HTTP 410).`],
  ];
  for (const [e, code, fr] of cases) {
    const f = fetchFailure(e, url);
    assert.equal(f.code, code, e.message);
    assert.equal(renderProblems(f.problems, 'fr'), fr);
    assert.deepEqual(f.details, { detail: e.message }, 'the English detail is kept for the logs');
  }
});

test('source failures: a refused account, refused settings, a wrong answer; a fetch failure inside is said as such', () => {
  const refused = sourceFailure(new SourceError('fetch', 'reconnect', 'mastodon.example refused the access token (HTTP 401)'), 'https://mastodon.example');
  assert.equal(refused.code, 'bad-request');
  assert.match(renderProblems(refused.problems, 'en'), /^https:\/\/mastodon\.example refused the connected account’s credentials/);
  const wrapped = sourceFailure(new SourceError('fetch', 'give-up', 'HTTP 404', undefined, new FetchError('http-status', 'give-up', 'HTTP 404', { status: 404 })), url);
  assert.deepEqual(wrapped.problems, [{ key: 'fetch.http-status', params: { url, status: 404 } }]);
  assert.equal(sourceFailure(new SourceError('config', 'give-up', 'bad config'), url).problems[0]?.key, 'source.config-refused');
  assert.equal(sourceFailure(new SourceError('parse', 'give-up', 'not an account (is x a Mastodon server?)'), url).problems[0]?.key, 'source.wrong-service');
  assert.equal(sourceFailure(new SourceError('parse', 'retry', 'not JSON'), url).code, 'unavailable');
  const other = new Error('boom');
  assert.equal(asUserFailure(other, url), other, 'anything else is left as it is');
});
