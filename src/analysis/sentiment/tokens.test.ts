import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tokenize } from './tokens.ts';

const show = (text: string): string =>
  tokenize(text)
    .map((t) => (t.kind === 'word' ? `${t.text}${t.caps ? '^' : ''}${t.short ? `~${t.short}` : ''}` : `[${t.text}]`))
    .join(' ');

test('tokens of posts', () => {
  const cases: [string, string][] = [
    ["Je n'aime pas ça :( http://x.example/a @bob", 'je ne aime pas ça [:(]'],
    ["C'est GÉNIAAAL !!! 😍 #TopQualité", 'c est géniaal^~génial [!!!] [😍] top qualité'],
    ["I don't like it :-) <3", 'i do not like it [:-)] [<3]'],
    ['bien, mais cher... xD', 'bien [,] mais cher [...] [xD]'],
    ['good:) @alice@mastodon.social', 'good [:)]'],
    ['Vraiment ?? Non.', 'vraiment [??] non [.]'],
    ['', ''],
  ];
  for (const [text, expected] of cases) assert.equal(show(text), expected, text);
});

test('the emoji of a family or with a variation selector is one token', () => {
  const emoji = tokenize('❤️ 👨‍👩‍👧').filter((t) => t.kind === 'emoji');
  assert.equal(emoji.length, 2);
});
