import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_REFRESH_SECONDS, refreshSeconds } from './refresh.ts';
import { parseFeed } from './parse.ts';

const enc = (s: string) => new TextEncoder().encode(s);

test('ttl and sy:updatePeriod give the wait between reads, capped at a day', () => {
  assert.equal(refreshSeconds({}), undefined);
  assert.equal(refreshSeconds({ ttl: 60 }), 3_600);
  assert.equal(refreshSeconds({ ttl: 0 }), undefined);
  assert.equal(refreshSeconds({ ttl: -5 }), undefined);
  assert.equal(refreshSeconds({ sy: { updatePeriod: 'hourly', updateFrequency: 2 } }), 1_800);
  assert.equal(refreshSeconds({ sy: { updatePeriod: ' Daily ' } }), 86_400);
  assert.equal(refreshSeconds({ sy: { updatePeriod: 'fortnightly' } }), undefined);
  assert.equal(refreshSeconds({ sy: { updatePeriod: 'hourly', updateFrequency: 0 } }), 3_600);
  // The larger of the two wins: both are the publisher's request.
  assert.equal(refreshSeconds({ ttl: 90, sy: { updatePeriod: 'hourly' } }), 5_400);
  assert.equal(refreshSeconds({ ttl: 100_000 }), MAX_REFRESH_SECONDS);
  assert.equal(refreshSeconds({ sy: { updatePeriod: 'weekly' } }), MAX_REFRESH_SECONDS);
});

test('a parsed RSS, RDF or Atom feed carries its refresh period', () => {
  const rss = parseFeed(enc('<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><link>https://a.example/</link><ttl>120</ttl><item><title>x</title></item></channel></rss>'), { url: 'https://a.example/feed' });
  assert.equal(rss.refreshSeconds, 7_200);
  const rdf = parseFeed(
    enc('<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:sy="http://purl.org/rss/1.0/modules/syndication/"><channel rdf:about="https://a.example/"><title>t</title><link>https://a.example/</link><sy:updatePeriod>hourly</sy:updatePeriod><sy:updateFrequency>4</sy:updateFrequency></channel></rdf:RDF>'),
    { url: 'https://a.example/feed' },
  );
  assert.equal(rdf.refreshSeconds, 900);
  const atom = parseFeed(
    enc('<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom" xmlns:sy="http://purl.org/rss/1.0/modules/syndication/"><title>t</title><id>urn:x</id><sy:updatePeriod>daily</sy:updatePeriod></feed>'),
    { url: 'https://a.example/feed' },
  );
  assert.equal(atom.refreshSeconds, 86_400);
  const plain = parseFeed(enc('<?xml version="1.0"?><rss version="2.0"><channel><title>t</title></channel></rss>'), { url: 'https://a.example/feed' });
  assert.equal(plain.refreshSeconds, undefined);
});
