/**
 * Post records in the shape of the `app.bsky.feed.post` lexicon, written for relais's tests
 * (the shared fixtures have the lexicon and the Jetstream envelope but no real post with
 * facets). Byte offsets are computed, never typed by hand, so they stay right for any text.
 */

const utf8 = (s: string): number => new TextEncoder().encode(s).length;

/** The UTF-8 byte range of the first occurrence of `part` in `text`. */
export const byteRange = (text: string, part: string): { byteStart: number; byteEnd: number } => {
  const at = text.indexOf(part);
  if (at < 0) throw new Error(`"${part}" is not in "${text}"`);
  const byteStart = utf8(text.slice(0, at));
  return { byteStart, byteEnd: byteStart + utf8(part) };
};

export const ALICE = 'did:plc:alice4vjzxlhycy5yhmhrb6ei';
export const BOB = 'did:plc:bob7bxkr3tlvzqmt2zrsxu5b';
export const BRAND = 'did:plc:coupechou2ulkgc6yt63tl2ww';

const richText = 'Super rasage chez @coupechou.fr 🪒 ce matin ! #barbier #Lyon voir https://coupe-chou.fr/rdv';

export const richPost = {
  $type: 'app.bsky.feed.post',
  text: richText,
  createdAt: '2026-11-30T09:15:00.000Z',
  langs: ['fr-FR', 'en'],
  tags: ['RasageTraditionnel'],
  facets: [
    { index: byteRange(richText, '@coupechou.fr'), features: [{ $type: 'app.bsky.richtext.facet#mention', did: BRAND }] },
    { index: byteRange(richText, '#barbier'), features: [{ $type: 'app.bsky.richtext.facet#tag', tag: 'barbier' }] },
    { index: byteRange(richText, '#Lyon'), features: [{ $type: 'app.bsky.richtext.facet#tag', tag: 'Lyon' }] },
    { index: byteRange(richText, 'https://coupe-chou.fr/rdv'), features: [{ $type: 'app.bsky.richtext.facet#link', uri: 'https://coupe-chou.fr/rdv' }] },
  ],
};

const replyText = 'Merci 🙏 @alice.example.com, à bientôt';
export const replyPost = {
  $type: 'app.bsky.feed.post',
  text: replyText,
  createdAt: '2026-11-30T10:00:00Z',
  langs: ['fr'],
  reply: {
    root: { uri: `at://${ALICE}/app.bsky.feed.post/3lbroot2222a2`, cid: 'bafyreiroot' },
    parent: { uri: `at://${ALICE}/app.bsky.feed.post/3lbparent222a`, cid: 'bafyreiparent' },
  },
  facets: [{ index: byteRange(replyText, '@alice.example.com'), features: [{ $type: 'app.bsky.richtext.facet#mention', did: ALICE }] }],
};

export const quotePost = {
  $type: 'app.bsky.feed.post',
  text: 'Ce barbier est le meilleur de la ville',
  createdAt: '2026-11-30T11:00:00Z',
  embed: { $type: 'app.bsky.embed.record', record: { uri: `at://${BRAND}/app.bsky.feed.post/3lbquoted22aa`, cid: 'bafyreiq' } },
};

export const quoteWithMediaPost = {
  $type: 'app.bsky.feed.post',
  text: 'Avant / après',
  createdAt: '2026-11-30T12:00:00Z',
  embed: {
    $type: 'app.bsky.embed.recordWithMedia',
    record: { $type: 'app.bsky.embed.record', record: { uri: `at://${BRAND}/app.bsky.feed.post/3lbmedia222aa`, cid: 'bafyreim' } },
    media: { $type: 'app.bsky.embed.images', images: [{ alt: 'une barbe taillée', image: { $type: 'blob', ref: { $link: 'bafkreia' }, mimeType: 'image/jpeg', size: 1000 } }] },
  },
};

export const externalPost = {
  $type: 'app.bsky.feed.post',
  text: 'Lu ce matin',
  createdAt: '2026-11-30T13:00:00Z',
  embed: { $type: 'app.bsky.embed.external', external: { uri: 'https://example.org/article', title: 'Le retour du coupe-chou', description: '' } },
  futureField: { anything: true },
};

/** Records a client could send that are not readable posts, with why. */
export const badRecords: ReadonlyArray<[string, unknown]> = [
  ['no text', { $type: 'app.bsky.feed.post', createdAt: '2026-11-30T09:15:00Z' }],
  ['no createdAt', { $type: 'app.bsky.feed.post', text: 'hello' }],
  ['createdAt not a date', { $type: 'app.bsky.feed.post', text: 'hello', createdAt: 'yesterday' }],
  ['text not a string', { $type: 'app.bsky.feed.post', text: 42, createdAt: '2026-11-30T09:15:00Z' }],
  ['four languages', { $type: 'app.bsky.feed.post', text: 'x', createdAt: '2026-11-30T09:15:00Z', langs: ['fr', 'en', 'de', 'it'] }],
  ['facets not a list', { $type: 'app.bsky.feed.post', text: 'x', createdAt: '2026-11-30T09:15:00Z', facets: 'no' }],
  ['reply without parent', { $type: 'app.bsky.feed.post', text: 'x', createdAt: '2026-11-30T09:15:00Z', reply: { root: { uri: 'at://x', cid: 'y' } } }],
  ['a like, not a post', { $type: 'app.bsky.feed.like', createdAt: '2026-11-30T09:15:00Z', subject: { uri: 'at://x', cid: 'y' } }],
  ['null', null],
];
