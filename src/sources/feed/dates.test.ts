import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseFeedDate } from './dates.ts';

const cases: ReadonlyArray<readonly [string, string | undefined]> = [
  // RFC 822 / 1123 and their common deviations
  ['Thu, 01 Jan 2004 19:48:21 GMT', '2004-01-01T19:48:21.000Z'],
  ['Thu, 1 Jan 2004 19:48:21 +0100', '2004-01-01T18:48:21.000Z'],
  ['01 Jan 2004 19:48:21 EST', '2004-01-02T00:48:21.000Z'],
  ['Thu, 01 Jan 04 19:48:21 PDT', '2004-01-02T02:48:21.000Z'],
  ['Thu, 01 Jan 2004 19:48 GMT', '2004-01-01T19:48:00.000Z'],
  ['Thu, 01 Jan 2004', '2004-01-01T00:00:00.000Z'],
  ['Thu, 01 Jan 2004 19:48:21 Z', '2004-01-01T19:48:21.000Z'],
  ['Thu, 01 Jan 2004 19:48:21 +01:00', '2004-01-01T18:48:21.000Z'],
  ['Thursday, 01-Jan-2004 19:48:21 GMT', '2004-01-01T19:48:21.000Z'],
  ['Thu,01 Jan 2004 19:48:21 GMT', '2004-01-01T19:48:21.000Z'],
  ['Sun, 31 Dec 99 23:59:59 UT', '1999-12-31T23:59:59.000Z'],
  ['Mon, 26 Sept 2011 10:00:00 +0000', '2011-09-26T10:00:00.000Z'],
  ['mer., 12 févr. 2025 08:00:00 +0100', '2025-02-12T07:00:00.000Z'],
  ['Thu, 01 Jan 2004 19:48:21 GMT+2', '2004-01-01T17:48:21.000Z'],
  // asctime and month-first
  ['Sun Jan  4 16:29:06 PST 2004', '2004-01-05T00:29:06.000Z'],
  ['Jan 4 2004 16:29:06 +0000', '2004-01-04T16:29:06.000Z'],
  // ISO 8601 / W3C-DTF
  ['2003-12-31T10:14:55Z', '2003-12-31T10:14:55.000Z'],
  ['2003-12-31T10:14:55.25-08:00', '2003-12-31T18:14:55.250Z'],
  ['2003-12-31T10:14Z', '2003-12-31T10:14:00.000Z'],
  ['2002-10-13T09:00+01:00', '2002-10-13T08:00:00.000Z'],
  ['2003-12-31 10:14:55', '2003-12-31T10:14:55.000Z'],
  ['2003-12-31', '2003-12-31T00:00:00.000Z'],
  ['2003-12', '2003-12-01T00:00:00.000Z'],
  ['2003', '2003-01-01T00:00:00.000Z'],
  ['20031231T101455Z', '2003-12-31T10:14:55.000Z'],
  ['20031231', '2003-12-31T00:00:00.000Z'],
  ['2003-335', '2003-12-01T00:00:00.000Z'],
  ['2004-02-29T00:00:00+0530', '2004-02-28T18:30:00.000Z'],
  // invalid: undefined, never an Invalid Date
  ['', undefined],
  ['   ', undefined],
  ['not a date', undefined],
  ['2003-13-01', undefined],
  ['2003-02-30T00:00:00Z', undefined],
  ['Thu, 32 Jan 2004 19:48:21 GMT', undefined],
  ['Thu, 01 Foo 2004 19:48:21 GMT', undefined],
  ['2003-12-31T25:00:00Z', undefined],
  ['Thu, 01 Jan 2004 19:48:21 +9999', undefined],
];

test('feed dates in every shape become the right instant, or undefined', () => {
  for (const [raw, expected] of cases) {
    const d = parseFeedDate(raw);
    assert.equal(d?.toISOString(), expected, raw);
  }
});

test('never returns an Invalid Date on arbitrary input', () => {
  const samples = ['2004-W01', '∞', '12:00', 'Mon, 1 Jan 0000 00:00:00 GMT', '9999-99-99', 'Tue, 99 Dec 2004', '1e400'];
  for (const s of samples) {
    const d = parseFeedDate(s);
    if (d !== undefined) assert.ok(!Number.isNaN(d.getTime()), s);
  }
  assert.equal(parseFeedDate(undefined), undefined);
});
