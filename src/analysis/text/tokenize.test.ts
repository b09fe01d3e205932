import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tokenize } from './tokenize.ts';
import { normalizeText } from './normalize.ts';
import { hostOfLink, hostWithin } from './links.ts';

/** Compact rendering: words bare, `#tag`, `@handle` or `@handle@server`. */
const show = (text: string): string[] =>
  tokenize(text).tokens.map((t) =>
    t.kind === 'hashtag' ? `#${t.value}` : t.kind === 'mention' ? `@${t.value}${t.server ? `@${t.server}` : ''}` : t.value,
  );

const cases: Array<[string, string, string[]]> = [
  ['apostrophe', "l'atelier", ['l', 'atelier']],
  ['typographic apostrophe', 'L’Atelier d’Émilie', ['l', 'atelier', 'd', 'emilie']],
  ['hyphen', 'e-réputation', ['e', 'reputation']],
  ['accents and case', 'ÉCOLE Élève çà où', ['ecole', 'eleve', 'ca', 'ou']],
  ['ligature and compatibility forms', 'ﬁnance Ｐａｒｉｓ ²', ['finance', 'paris', '2']],
  ['sharp s folds to ss', 'Straße STRASSE', ['strasse', 'strasse']],
  ['œ is a letter of its own (no decomposition)', 'cœur', ['cœur']],
  ['punctuation separates', 'Bonjour, monde! (oui) «non»…', ['bonjour', 'monde', 'oui', 'non']],
  ['underscore separates words', 'slow_fashion', ['slow', 'fashion']],
  ['emoji separate', 'super🙂génial👍🏽!', ['super', 'genial']],
  ['CJK run is one word', '我爱巴黎 東京タワー', ['我爱巴黎', '東京タワー']],
  ['digits are word characters', 'Lyon 2e 3,5 kg 2026', ['lyon', '2e', '3', '5', 'kg', '2026']],
  ['hashtag', '#SlowFashion à #Lyon', ['#slowfashion', 'a', '#lyon']],
  ['hashtag keeps underscores', '#slow_fashion', ['#slow_fashion']],
  ['hashtag with accents', '#Éco-conçu', ['#eco', 'concu']],
  ['hash inside a word is a separator', 'c#sharp a#b', ['c', 'sharp', 'a', 'b']],
  ['hash after punctuation starts a hashtag', '(#lyon) ##double', ['#lyon', '#double']],
  ['lone hash', '# 1', ['1']],
  ['mention', '@Lea merci', ['@lea', 'merci']],
  ['mention with server', 'via @lea@Mastodon.Social.', ['via', '@lea@mastodon.social']],
  ['bluesky handle', 'cc @atelier.bsky.social!', ['cc', '@atelier.bsky.social']],
  ['e-mail address is not a mention', 'contact@atelier.fr', ['contact', 'atelier', 'fr']],
  ['lone at', '@ home', ['home']],
  ['mention with underscore', '@le_barbier', ['@le_barbier']],
  ['links are not words', 'voir https://Example.com/a-b?x=1 et http://t.co/x', ['voir', 'et']],
  ['http inside a word is a word', 'xhttp://a', ['xhttp', 'a']],
  ['and/or/not are words', 'and OR not', ['and', 'or', 'not']],
  ['tabs and newlines', 'un\tdeux\ntrois\r\nquatre', ['un', 'deux', 'trois', 'quatre']],
  ['empty', '', []],
  ['only separators', ' ,;!? ', []],
  ['Greek final sigma', 'ΟΔΟΣ οδος', ['οδοσ', 'οδοσ']],
  ['Cyrillic', 'Привет, мир', ['привет', 'мир']],
  ['dotted capital I', 'İstanbul', ['istanbul']],
];

for (const [name, text, expected] of cases) {
  test(`tokenize: ${name}`, () => {
    assert.deepEqual(show(text), expected);
  });
}

test('links are collected in order', () => {
  assert.deepEqual(tokenize('a https://www.Example.com/x b http://t.co').links, ['https://www.example.com/x', 'http://t.co']);
});

test('normalizeText: É = e, ASCII fast path agrees with the full path', () => {
  assert.equal(normalizeText('É'), 'e');
  assert.equal(normalizeText('ABC def'), 'abc def');
  assert.equal(normalizeText('ABCé'), 'abce');
});

const hostCases: Array<[string, string | null]> = [
  ['https://www.example.com/path', 'www.example.com'],
  ['http://user:pw@shop.example.com:8080/x', 'shop.example.com'],
  ['https://example.com.', 'example.com'],
  ['https://example.com?q=1', 'example.com'],
  ['https://', null],
  ['ftp://example.com', null],
];
for (const [link, host] of hostCases) {
  test(`hostOfLink(${link})`, () => assert.equal(hostOfLink(link), host));
}

test('hostWithin: equal or subdomain, never a mere suffix', () => {
  assert.equal(hostWithin('example.com', 'example.com'), true);
  assert.equal(hostWithin('www.example.com', 'example.com'), true);
  assert.equal(hostWithin('badexample.com', 'example.com'), false);
  assert.equal(hostWithin('example.com', 'www.example.com'), false);
});

test('a 1 MB post tokenises in linear time', () => {
  const unit = "L'atelier #lyon @lea@mastodon.social voit https://ex.com/a e-réputation 🙂 ";
  const small = unit.repeat(Math.ceil(100_000 / unit.length));
  const big = unit.repeat(Math.ceil(1_000_000 / unit.length));
  const time = (s: string): number => {
    let best = Infinity;
    for (let r = 0; r < 3; r++) {
      const c0 = process.cpuUsage();
      tokenize(s);
      const c = process.cpuUsage(c0);
      // CPU time rather than wall time: other processes share this machine.
      best = Math.min(best, (c.user + c.system) / 1000);
    }
    return best;
  };
  time(small);
  const tSmall = time(small);
  const tBig = time(big);
  const n = tokenize(big).tokens.length;
  assert.ok(n > 50_000, `expected many tokens, got ${n}`);
  // Ten times the text: a linear tokeniser takes about ten times as long; allow generous noise.
  assert.ok(tBig < tSmall * 30 + 20, `1 MB took ${tBig.toFixed(1)} ms vs ${tSmall.toFixed(1)} ms for 100 kB`);
  assert.ok(tBig < 2000, `1 MB took ${tBig.toFixed(1)} ms`);
});

test('normalizeText: the table-driven fast path equals NFKD + marks removed + case fold on any text', async () => {
  const fc = (await import('fast-check')).default;
  const { normalizeTextReference } = await import('./normalize.ts');
  const samples = ['ÉCOLE', 'Straße', 'ΟΔΟΣ', 'İ', 'ﬁ', '①', 'Ǆ', '한국어', 'क्षत्रिय', '𝐀𝐁', '👍🏽', 'a\u0301', '\ud800x'];
  for (const s of samples) assert.equal(normalizeText(s), normalizeTextReference(s), s);
  fc.assert(
    fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), (s) => normalizeText(s) === normalizeTextReference(s)),
    { numRuns: 3000, seed: 11 },
  );
  fc.assert(
    fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (s) => normalizeText(s) === normalizeTextReference(s)),
    { numRuns: 3000, seed: 12 },
  );
});

test('normalizeText: every code point of the BMP, between an upper-case letter and a final sigma, folds like the library path', async () => {
  const { normalizeTextReference } = await import('./normalize.ts');
  const differ: string[] = [];
  for (let c = 0; c < 0x10000; c++) {
    const s = `A${String.fromCharCode(c)}Σ `;
    if (normalizeText(s) !== normalizeTextReference(s)) differ.push(c.toString(16));
  }
  assert.deepEqual(differ.slice(0, 10), []);
});
