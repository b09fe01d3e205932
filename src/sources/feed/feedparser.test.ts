import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { loadSuite, suiteRoot } from './testing/feedparser-suite.ts';
import { runCase } from './testing/run-suite.ts';

/** A few files of feedparser's suite, so the harness and the parser run in `npm test` (the full run is `npm run eval -- feedparser`). */
const picked = [
  'wellformed/rss/item_pubDate_map_updated_parsed.xml',
  'wellformed/atom10/entry_content_inline_markup.xml',
  'wellformed/base/entry_content_xml_base_inherit_2.xml',
  'wellformed/sanitize/entry_content_onclick.xml',
  'entities/8220.xml',
  'encoding/utf-16le-bom.xml',
  'encoding/http_text_xml_charset_overrides_encoding_2.xml',
  'json/example.json',
  'illformed/aaa_illformed.xml',
  'wellformed/rss/item_madeup_tags_element.xml',
  'wellformed/itunes/itunes_item_category_nested.xml',
  'wellformed/rss/item_summary_and_description.xml',
  'wellformed/namespace/atomsvg.xml',
  'wellformed/namespace/rss2.0svgtitle.xml',
];
const root = suiteRoot();
const available = existsSync(root);

test('feedparser suite: a sample of files passes every applicable assertion', { skip: available ? false : 'feedparser test suite not found at ../shared/data/feedparser-tests' }, async () => {
  const cases = await loadSuite(root, (p) => picked.includes(p));
  assert.equal(cases.length, picked.length, 'a picked file is missing from the suite');
  let applicable = 0;
  for (const c of cases) {
    const r = runCase(c);
    assert.notEqual(r.parse, 'crash', `${c.path}: ${r.parseMessage ?? ''}`);
    for (const a of r.assertions) {
      if (a.outcome.kind === 'n/a') continue;
      applicable++;
      assert.equal(a.outcome.kind, 'pass', `${c.path}: ${a.expression} → ${a.outcome.kind === 'fail' ? a.outcome.actual : ''}`);
    }
  }
  assert.ok(applicable >= 7, `only ${applicable} applicable assertions`);
});

test('feedparser suite: a failing assertion is reported as a failure with its actual value', { skip: available ? false : 'feedparser test suite not found' }, async () => {
  const [c] = await loadSuite(root, (p) => p === 'wellformed/rss/item_pubDate_map_updated_parsed.xml');
  assert.ok(c);
  const altered = { ...c, expect: c.expect.replace(/\(2004/, '(1999') };
  const r = runCase(altered);
  const applicable = r.assertions.filter((a) => a.outcome.kind !== 'n/a');
  assert.equal(applicable.length, 1);
  assert.equal(applicable[0]?.outcome.kind, 'fail');
});

test('feedparser suite: HTML equivalence passes a different serialisation, never a different content', { skip: available ? false : 'feedparser test suite not found' }, async () => {
  const [c] = await loadSuite(root, (p) => p === 'wellformed/rss/item_description_code_br.xml');
  assert.ok(c);
  const r = runCase(c);
  const outcome = r.assertions.find((a) => a.outcome.kind !== 'n/a')?.outcome;
  assert.deepEqual(outcome, { kind: 'pass', byHtmlEquivalence: true });
  // The same assertion with one character changed fails.
  const altered = runCase({ ...c, expect: c.expect.replace('&lt;br />', '&lt;hr />') });
  assert.equal(altered.assertions.find((a) => a.outcome.kind !== 'n/a')?.outcome.kind, 'fail');
  // An attribute the serialiser would drop when empty still counts.
  const [span] = await loadSuite(root, (p) => p === 'wellformed/sanitize/acceptable_attribute_class.xml');
  assert.ok(span);
  assert.equal(runCase(span).assertions.find((a) => a.outcome.kind !== 'n/a')?.outcome.kind, 'fail');
});
