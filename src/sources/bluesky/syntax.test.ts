import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { handleHintOf, isDatetime, isDid, isHandle, isLanguage, isRecordKey, isTid, parseDatetime, parseRecordUri } from './syntax.ts';
import { interopDir } from './testing/fixtures.ts';

const lines = (file: string): string[] =>
  readFileSync(join(interopDir, 'syntax', file), 'utf8')
    .split('\n')
    .filter((l) => l.length > 0 && !l.startsWith('#'));

const absent = existsSync(interopDir) ? false : `AT Protocol interop fixtures not found at ${interopDir} (../shared/data is not mounted)`;

describe('AT Protocol syntax against the official interop fixtures', { skip: absent }, () => {
  const cases: Array<[string, (s: string) => boolean]> = [
    ['handle', isHandle],
    ['did', isDid],
    ['recordkey', isRecordKey],
    ['tid', isTid],
    ['datetime', isDatetime],
    ['language', isLanguage],
  ];
  for (const [name, check] of cases) {
    test(`${name}: every valid value accepted, every invalid value refused`, () => {
      const valid = lines(`${name}_syntax_valid.txt`);
      const invalid = lines(`${name}_syntax_invalid.txt`);
      assert.ok(valid.length > 0 && invalid.length > 0);
      assert.deepEqual(valid.filter((v) => !check(v)), [], `${name}: valid values refused`);
      assert.deepEqual(invalid.filter((v) => check(v)), [], `${name}: invalid values accepted`);
    });
  }

  test('datetimes that are well-formed but not real instants do not parse', () => {
    const bad = lines('datetime_parse_invalid.txt');
    assert.ok(bad.length > 0);
    assert.deepEqual(bad.filter((v) => parseDatetime(v) !== undefined), []);
    for (const v of lines('datetime_syntax_valid.txt')) if (!bad.includes(v)) assert.ok(parseDatetime(v) instanceof Date, v);
  });
});

test('record URIs: authority, collection and record key', () => {
  assert.deepEqual(parseRecordUri('at://did:plc:abc123/app.bsky.feed.post/3l3pte3p2e325'), {
    authority: 'did:plc:abc123',
    collection: 'app.bsky.feed.post',
    rkey: '3l3pte3p2e325',
  });
  assert.equal(parseRecordUri('at://did:plc:abc123/app.bsky.feed.post')?.rkey, undefined);
  assert.equal(parseRecordUri('https://bsky.app/profile/x/post/y'), undefined);
  assert.equal(parseRecordUri('at://not a did/app.bsky.feed.post/x'), undefined);
});

test('a handle given beside a DID is a hint only when it is a handle (ADR 0280)', () => {
  const cases: Array<[string | undefined, string | undefined]> = [
    ['Alice.Bsky.Social', 'alice.bsky.social'],
    [' @alice.bsky.social ', 'alice.bsky.social'],
    ['handle.invalid', undefined],
    ['Handle.Invalid', undefined],
    ['alice', undefined],
    ['did:plc:ewvi7nxzyoun6zhxrhs64oiz', undefined],
    ['', undefined],
    [undefined, undefined],
  ];
  for (const [raw, hint] of cases) assert.equal(handleHintOf(raw), hint, String(raw));
});
