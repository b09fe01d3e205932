import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { FeedParseError, parseFeed } from './parse.ts';

test('RSS 2.0: fields, document order, guid as id, relative links, content:encoded preferred', () => {
  const f = parseFeed(`<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel>
    <title>T &amp; co</title><link>http://example.com/</link><language>fr_FR</language>
    <item><title>First</title><link>/1</link><guid isPermaLink="false">g1</guid><pubDate>Thu, 01 Jan 2004 19:48:21 GMT</pubDate>
      <description>short</description><content:encoded><![CDATA[<p>long <b>body</b></p>]]></content:encoded>
      <category>a</category><category>b</category><enclosure url="/a.mp3" type="audio/mpeg" length="123"/></item>
    <item><title>Second</title><guid>http://example.com/2</guid><dc:creator>Lea</dc:creator><dc:date>2004-01-02T00:00:00Z</dc:date></item>
  </channel></rss>`, { url: 'http://example.com/feed.xml' });
  assert.equal(f.format, 'rss');
  assert.equal(f.title, 'T & co');
  assert.equal(f.language, 'fr-FR');
  const [a, b] = f.items;
  assert.equal(a?.id, 'g1');
  assert.equal(a?.link, 'http://example.com/1');
  assert.equal(a?.text, 'long body');
  assert.equal(a?.html, '<p>long <b>body</b></p>');
  assert.equal(a?.summary, 'short');
  assert.equal(a?.published?.toISOString(), '2004-01-01T19:48:21.000Z');
  assert.deepEqual(a?.categories, ['a', 'b']);
  assert.deepEqual(a?.enclosures, [{ url: 'http://example.com/a.mp3', type: 'audio/mpeg', length: 123 }]);
  // A permalink guid is the link when there is no <link>.
  assert.equal(b?.link, 'http://example.com/2');
  assert.equal(b?.author, 'Lea');
  assert.equal(b?.published?.toISOString(), '2004-01-02T00:00:00.000Z');
});

test('RSS 0.91 and RSS 1.0 (RDF)', () => {
  const r091 = parseFeed('<rss version="0.91"><channel><title>Old</title><link>http://old.example/</link><item><title>i</title><link>http://old.example/i</link><description>d</description></item></channel></rss>');
  assert.equal(r091.items[0]?.id, 'http://old.example/i');
  const rdf = parseFeed(`<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
    <channel rdf:about="http://r.example/"><title>R</title><link>http://r.example/</link><description>x</description></channel>
    <item rdf:about="http://r.example/1"><title>One</title><link>http://r.example/1</link><dc:date>2003-12-31T10:14:55Z</dc:date></item></rdf:RDF>`);
  assert.equal(rdf.format, 'rdf');
  assert.equal(rdf.items[0]?.id, 'http://r.example/1');
  assert.equal(rdf.items[0]?.published?.toISOString(), '2003-12-31T10:14:55.000Z');
});

test('Atom 1.0: text vs html titles, xml:base inheritance, alternate link, published/updated', () => {
  const f = parseFeed(`<feed xmlns="http://www.w3.org/2005/Atom" xml:base="http://a.example/blog/" xml:lang="en">
    <title type="html">A &lt;i&gt;feed&lt;/i&gt;</title><link rel="self" href="/feed"/><link href="./"/>
    <entry xml:base="posts/"><title type="text">1 &lt; 2</title><id>tag:a,1</id>
      <link rel="enclosure" href="x.mp3" type="audio/mpeg" length="9"/><link rel="alternate" type="text/html" href="one.html"/>
      <published>2004-01-01T00:00:00+02:00</published><updated>2004-01-02T00:00:00Z</updated>
      <author><name>Ann</name></author><category term="t1"/>
      <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><a href="rel">x</a></div></content></entry></feed>`);
  assert.equal(f.format, 'atom');
  assert.equal(f.title, 'A feed');
  assert.equal(f.link, 'http://a.example/blog/');
  assert.equal(f.language, 'en');
  const e = f.items[0];
  assert.equal(e?.title, '1 < 2');
  assert.equal(e?.link, 'http://a.example/blog/posts/one.html');
  assert.equal(e?.published?.toISOString(), '2003-12-31T22:00:00.000Z');
  assert.equal(e?.updated?.toISOString(), '2004-01-02T00:00:00.000Z');
  assert.match(e?.html ?? '', /<a href="http:\/\/a\.example\/blog\/posts\/rel">x<\/a>/);
  assert.deepEqual(e?.enclosures, [{ url: 'http://a.example/blog/posts/x.mp3', type: 'audio/mpeg', length: 9 }]);
  assert.deepEqual(e?.categories, ['t1']);
  assert.equal(e?.author, 'Ann');
});

test('Atom 0.3 with issued/modified and base64 content', () => {
  const f = parseFeed(`<feed version="0.3" xmlns="http://purl.org/atom/ns#"><title>Old atom</title>
    <entry><title>e</title><id>x</id><issued>2003-12-31T10:14:55Z</issued><modified>2004-01-01T00:00:00Z</modified>
    <content type="text/html" mode="base64">PGI+aGk8L2I+</content></entry></feed>`);
  assert.equal(f.items[0]?.html, '<b>hi</b>');
  assert.equal(f.items[0]?.text, 'hi');
  assert.ok(f.items[0]?.published ?? f.items[0]?.updated);
});

test('JSON Feed 1.0 and 1.1', () => {
  const v10 = parseFeed(JSON.stringify({ version: 'https://jsonfeed.org/version/1', title: 'J', home_page_url: 'https://j.example/', author: { name: 'Old' },
    items: [{ id: 1, content_text: 'plain <not a tag>', url: '/p/1', date_published: '2020-01-01T00:00:00Z', tags: ['x'] }] }), { url: 'https://j.example/feed.json' });
  assert.equal(v10.format, 'json');
  assert.equal(v10.items[0]?.id, '1');
  assert.equal(v10.items[0]?.text, 'plain <not a tag>');
  assert.equal(v10.items[0]?.html, 'plain &lt;not a tag&gt;');
  assert.equal(v10.items[0]?.link, 'https://j.example/p/1');
  assert.equal(v10.items[0]?.author, 'Old');
  const v11 = parseFeed(JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', title: 'J', language: 'fr', authors: [{ name: 'Lea' }],
    items: [{ id: 'a', content_html: '<p>x</p>', attachments: [{ url: 'https://j.example/a.mp3', mime_type: 'audio/mpeg', size_in_bytes: 5 }] }] }));
  assert.equal(v11.language, 'fr');
  assert.equal(v11.items[0]?.author, 'Lea');
  assert.equal(v11.items[0]?.enclosures[0]?.length, 5);
});

test('ids: guid/id, else link, else a stable hash of title and date', () => {
  const doc = '<rss version="2.0"><channel><item><title>No id</title><pubDate>Thu, 01 Jan 2004 19:48:21 GMT</pubDate></item><item><title>Other</title></item></channel></rss>';
  const a = parseFeed(doc);
  const b = parseFeed(doc);
  assert.match(a.items[0]?.id ?? '', /^urn:sha256:/);
  assert.equal(a.items[0]?.id, b.items[0]?.id);
  assert.notEqual(a.items[0]?.id, a.items[1]?.id);
});

test('ill-formed documents: recovered when the damage is local, else a FeedParseError with the reason', () => {
  assert.equal(parseFeed('<rss><channel><title>AT&T</title></channel></rss>').title, 'AT&T');
  assert.equal(parseFeed('<rss><channel><title>cut</title></channel></rss').title, 'cut');
  for (const [doc, why] of [
    ['', /empty/],
    ['just text', /not an RSS/],
    ['<html><head></head><body>page</body></html>', /HTML page/],
    ['<rss><channel><item><title>x</tite></item></channel></rss>', /line 1, column \d+: <\/tite> closes <title>/],
    ['{"version":"https://jsonfeed.org/version/1.1","items":[', /ill-formed JSON/],
  ] as const) {
    assert.throws(() => parseFeed(doc), (e: unknown) => e instanceof FeedParseError && why.test(e.message), doc);
  }
});

test('dates are Date or undefined, never Invalid Date; HTTP headers feed base and language', () => {
  const f = parseFeed('<rss version="2.0"><channel><item><title>x</title><link>rel</link><pubDate>31 Foo 2004</pubDate></item></channel></rss>',
    { url: 'http://h.example/a/feed', contentLocation: 'http://cl.example/b/', contentLanguage: 'de' });
  assert.equal(f.items[0]?.published, undefined);
  assert.equal(f.items[0]?.link, 'http://cl.example/b/rel');
  assert.equal(f.language, 'de');
});

test('fuzz: arbitrary input gives a ParsedFeed or a FeedParseError, nothing else', () => {
  const fragments = fc.constantFrom('<rss>', '</rss>', '<channel>', '</channel>', '<item>', '</item>', '<title>', '</title>', '<![CDATA[', ']]>', '&amp;', '&', '<', '>', '<feed xmlns="http://www.w3.org/2005/Atom">', '</feed>', '<entry>', '</entry>', '{"version":"https://jsonfeed.org/version/1","items":[', ']}', 'text', '<pubDate>', '</pubDate>', 'é');
  fc.assert(
    fc.property(fc.array(fc.oneof(fragments, fc.string()), { maxLength: 30 }), (parts) => {
      try {
        const f = parseFeed(parts.join(''));
        for (const it of f.items) if (it.published) assert.ok(!Number.isNaN(it.published.getTime()));
      } catch (e) {
        if (!(e instanceof FeedParseError)) throw e;
      }
    }),
    { numRuns: 500 },
  );
});

test('Google Alerts redirect links are unwrapped to the article URL', () => {
  const f = parseFeed(`<feed xmlns="http://www.w3.org/2005/Atom"><title>Google Alert - barbier</title>
    <entry><id>tag:google.com,2013:googlealerts/feed:123</id><title type="html">Un &lt;b&gt;barbier&lt;/b&gt; lyonnais</title>
    <link href="https://www.google.com/url?rct=j&amp;sa=t&amp;url=https://news.example/article%3Fid%3D7&amp;ct=ga&amp;cd=x"/>
    <published>2026-01-10T08:00:00Z</published><content type="html">Un &lt;b&gt;barbier&lt;/b&gt; …</content></entry></feed>`);
  const e = f.items[0];
  assert.equal(e?.link, 'https://news.example/article?id=7');
  assert.equal(e?.title, 'Un barbier lyonnais');
  assert.equal(e?.titleHtml, 'Un <b>barbier</b> lyonnais');
  assert.equal(e?.id, 'tag:google.com,2013:googlealerts/feed:123');
});

test('RSS items: itunes categories, a <tags> list and a <summary> element are read', () => {
  const f = parseFeed(`<rss version="2.0" xmlns:itunes="http://www.itunes.com/DTDs/Podcast-1.0.dtd"><channel><title>P</title>
    <item><title>a</title><tags>one, two ,</tags><itunes:category text="Technology"><itunes:category text="Gadgets &amp; toys"/></itunes:category><category>three</category></item>
    <item><title>b</title><summary>only a summary</summary></item>
    <item><title>c</title><summary>first</summary><description>second &amp; longer</description></item>
    <item><title>d</title><description>first</description><summary>then $1 summary</summary></item>
  </channel></rss>`);
  const [a, b, c, d] = f.items;
  assert.deepEqual(a?.categories, ['one', 'two', 'Technology', 'Gadgets & toys', 'three']);
  assert.equal(b?.text, 'only a summary');
  assert.equal(c?.summary, 'first');
  assert.equal(c?.html, 'second &amp; longer');
  assert.equal(d?.summary, 'first');
  assert.equal(d?.html, 'then $1 summary');
});

test('Atom entries keep their own summary and categories untouched by the RSS item rewrites', () => {
  const f = parseFeed(`<feed xmlns="http://www.w3.org/2005/Atom"><title>A</title><entry><id>x</id><title>t</title>
    <summary>s</summary><content>c</content><category term="k"/></entry></feed>`);
  assert.equal(f.items[0]?.summary, 's');
  assert.equal(f.items[0]?.html, 'c');
  assert.deepEqual(f.items[0]?.categories, ['k']);
});
