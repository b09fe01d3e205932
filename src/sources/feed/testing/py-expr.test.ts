import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compilePy, LookupFailed, NotApplicable, pyDict, PyTuple, splitConjuncts, type PyValue, type Scope } from './py-expr.ts';

const scope = (vars: Record<string, PyValue>): Scope => ({
  lookup(name) {
    if (name in vars) return vars[name] as PyValue;
    throw new NotApplicable(name);
  },
});

const feed = pyDict({ title: 'Ex\u2019s', link: 'http://x/' }, (k) => (k === 'bozo_detail' ? 'detail' : undefined));
const entries: PyValue = [pyDict({ title: 'a', tags: [pyDict({ term: 't' })], when: new PyTuple([2004, 1, 1]) })];
const s = scope({ feed, entries, bozo: false });
const ev = (src: string) => compilePy(src, s)();

test('literals, comparisons, boolean operators, indexing, attribute access', () => {
  assert.equal(ev(`feed['title'] == 'Ex\\u2019s'`), true);
  assert.equal(ev(`feed.title == "Ex\u2019s"`), true);
  assert.equal(ev(`not bozo and entries[0]['tags'][0]['term'] == 't'`), true);
  assert.equal(ev(`entries[0]['when'] == (2004, 1, 1)`), true);
  assert.equal(ev(`entries[0]['when'] == (2004, 1, 2)`), false);
  assert.equal(ev(`len(entries) == 1 and len(feed['title']) == 4`), true);
  assert.equal(ev(`'title' in entries[0] and 'nope' not in entries[0]`), true);
  assert.equal(ev(`feed.get('missing', 'd') == 'd' and feed.get('link') == 'http://x/'`), true);
  assert.equal(ev(`'a' + 'b' == 'ab' and 1 < 2 <= 2 and -1 == 0 - 1`), true);
  assert.equal(ev(`"""tri'ple""" == "tri'ple" and u'x' == 'x' and r'\\n' == '\\\\n'`), true);
  assert.equal(ev(`feed['title'] is None or entries[0]['title'] != None`), true);
});

test('missing keys fail like KeyError; unkept fields are not applicable', () => {
  assert.throws(() => ev(`feed['nope'] == 1`), LookupFailed);
  assert.throws(() => ev(`entries[3]`), LookupFailed);
  assert.throws(() => ev(`feed['bozo_detail'] == 1`), NotApplicable);
  assert.throws(() => ev(`version == 'rss20'`), NotApplicable);
  // `and` short-circuits like Python's.
  assert.equal(ev(`bozo and version == 'x'`), false);
});

test('top-level `and` conjuncts split into assertions; nested ones do not', () => {
  assert.deepEqual(splitConjuncts(`not bozo and feed['a'] == 'x and y' and (a and b)`), [`not bozo`, `feed['a'] == 'x and y'`, `(a and b)`]);
  assert.deepEqual(splitConjuncts(`a and b or c`), [`a and b or c`]);
});
