import { test } from 'node:test';
import assert from 'node:assert/strict';
import { authorLabel } from './author-label.ts';

test('a handle is shown as it is, with its DID as the title when there is one', () => {
  assert.deepEqual(authorLabel('alice.bsky.social'), { text: 'alice.bsky.social' });
  assert.deepEqual(authorLabel('alice.bsky.social', 'did:plc:ewvi7nxzyoun6zhxrhs64oiz'), { text: 'alice.bsky.social', title: 'did:plc:ewvi7nxzyoun6zhxrhs64oiz' });
  assert.deepEqual(authorLabel('@lea@piaille.fr', null), { text: '@lea@piaille.fr' });
});

test('a DID without a verified handle is shortened, the whole DID in the title', () => {
  assert.deepEqual(authorLabel('did:plc:ewvi7nxzyoun6zhxrhs64oiz', 'did:plc:ewvi7nxzyoun6zhxrhs64oiz'), {
    text: 'did:plc:ewvi…',
    title: 'did:plc:ewvi7nxzyoun6zhxrhs64oiz',
  });
  assert.deepEqual(authorLabel('did:web:shop.example'), { text: 'did:web:shop.example' });
  const long = `did:web:${'a'.repeat(40)}.example`;
  assert.deepEqual(authorLabel(long), { text: 'did:web:aaaa…', title: long });
  assert.deepEqual(authorLabel('did:'), { text: 'did:' });
});
