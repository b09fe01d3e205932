import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { MentionDraft } from '../../core/mention.ts';
import { assertValidDraft } from './contract.ts';

const good: MentionDraft = {
  network: 'rss',
  externalId: 'post-1',
  url: 'https://blog.example/p/1',
  author: { handle: 'Léa', url: 'https://blog.example/' },
  text: 'Merci à tous !',
  html: '<p>Merci à <a href="https://blog.example/u">tous</a> !</p>',
  links: ['https://blog.example/u'],
  hashtags: [],
  mentions: [],
  declaredLang: 'fr',
  publishedAt: new Date('2026-01-01T00:00:00Z'),
};

test('a valid draft passes the contract checks', () => {
  assertValidDraft(good, 'rss');
});

test('the contract checks catch what a connector can get wrong', () => {
  const bad: Array<[string, Partial<MentionDraft>]> = [
    ['wrong network', { network: 'mastodon' }],
    ['empty externalId', { externalId: '  ' }],
    ['empty handle', { author: { handle: '' } }],
    ['HTML in text', { text: 'Merci <b>à tous</b>' }],
    ['relative url', { url: '/p/1' }],
    ['javascript url', { links: ['javascript:alert(1)'] }],
    ['relative author url', { author: { handle: 'x', url: '/me' } }],
    ['invalid date', { publishedAt: new Date('nope') }],
    ['script in html', { html: '<p>x</p><script>alert(1)</script>' }],
    ['event handler in html', { html: '<img src="https://a.example/i.png" onerror="x()">' }],
    ['declared language not a subtag', { declaredLang: 'French' }],
  ];
  for (const [what, patch] of bad) {
    assert.throws(() => assertValidDraft({ ...good, ...patch }, 'rss'), assert.AssertionError, what);
  }
});
