import { test } from 'node:test';
import assert from 'node:assert/strict';
import { charsetOfContentType, decodeFeedBytes } from './decode.ts';

const xml = (decl: string, body: string) => `<?xml version="1.0"${decl}?><rss><channel><title>${body}</title></channel></rss>`;

const utf16 = (s: string, little: boolean, bom: boolean): Uint8Array => {
  const out: number[] = bom ? (little ? [0xff, 0xfe] : [0xfe, 0xff]) : [];
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    out.push(...(little ? [c & 0xff, c >> 8] : [c >> 8, c & 0xff]));
  }
  return new Uint8Array(out);
};

const utf32 = (s: string, little: boolean, bom: boolean): Uint8Array => {
  const cps = [...s].map((c) => c.codePointAt(0) ?? 0);
  if (bom) cps.unshift(0xfeff);
  const b = new Uint8Array(cps.length * 4);
  const v = new DataView(b.buffer);
  cps.forEach((cp, i) => v.setUint32(i * 4, cp, little));
  return b;
};

test('BOMs: UTF-8, UTF-16 BE/LE, UTF-32 BE/LE', () => {
  const s = xml('', 'Café 😀');
  const cases: Array<[Uint8Array, string]> = [
    [new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(s)]), 'utf-8'],
    [utf16(s, false, true), 'utf-16be'],
    [utf16(s, true, true), 'utf-16le'],
    [utf32(s, false, true), 'utf-32be'],
    [utf32(s, true, true), 'utf-32le'],
  ];
  for (const [bytes, encoding] of cases) {
    const d = decodeFeedBytes(bytes);
    assert.equal(d.encoding, encoding);
    assert.equal(d.by, 'bom');
    assert.equal(d.text, s);
  }
});

test('BOM-less UTF-16 and UTF-32 are recognised by the `<?` byte pattern', () => {
  const s = xml(' encoding="utf-16"', 'Zoë');
  assert.equal(decodeFeedBytes(utf16(s, true, false)).text, s);
  assert.equal(decodeFeedBytes(utf16(s, false, false)).encoding, 'utf-16be');
  assert.equal(decodeFeedBytes(utf32(s, true, false)).text, s);
  assert.equal(decodeFeedBytes(utf32(s, false, false)).encoding, 'utf-32be');
});

test('HTTP charset wins over the XML declaration; the declaration wins over the default', () => {
  const latin1 = new Uint8Array([...new TextEncoder().encode(xml(' encoding="utf-8"', '')).slice(0, 44), 0xe9]);
  const d = decodeFeedBytes(latin1, 'text/xml; charset=iso-8859-1');
  assert.equal(d.by, 'http');
  assert.ok(d.text.endsWith('é'));
  const koi8 = new Uint8Array([...new TextEncoder().encode('<?xml version="1.0" encoding="koi8-r"?><t>'), 0xf0, 0xd2, 0xc9, 0xd7, 0xc5, 0xd4]);
  const k = decodeFeedBytes(koi8);
  assert.equal(k.by, 'xml-declaration');
  assert.ok(k.text.endsWith('Привет'), k.text);
});

test('full ICU: big5, euc-kr, gb2312 decode through TextDecoder', () => {
  const big5 = new Uint8Array([...new TextEncoder().encode('<?xml version="1.0" encoding="big5"?><t>'), 0xa4, 0xa4, 0xa4, 0xe5]);
  assert.ok(decodeFeedBytes(big5).text.endsWith('中文'));
  const euckr = new Uint8Array([...new TextEncoder().encode('<?xml version="1.0" encoding="euc-kr"?><t>'), 0xc7, 0xd1]);
  assert.ok(decodeFeedBytes(euckr).text.endsWith('한'));
  const gb = new Uint8Array([...new TextEncoder().encode('<t>'), 0xd6, 0xd0]);
  assert.ok(decodeFeedBytes(gb, 'application/xml; charset=gb2312').text.endsWith('中'));
});

test('invalid UTF-8 falls back to windows-1252; an unknown charset falls through', () => {
  const bytes = new Uint8Array([...new TextEncoder().encode('<t>'), 0x93, 0x71, 0x94, 0x80]);
  const d = decodeFeedBytes(bytes);
  assert.equal(d.encoding, 'windows-1252');
  assert.equal(d.by, 'fallback');
  assert.equal(d.text, '<t>\u201cq\u201d\u20ac');
  const bogus = decodeFeedBytes(new TextEncoder().encode('<?xml version="1.0" encoding="x-bogus"?><t>é</t>'), 'text/xml; charset=nope');
  assert.equal(bogus.encoding, 'utf-8');
  assert.ok(bogus.text.includes('é'));
});

test('charset parameter parsing tolerates quotes and spaces', () => {
  assert.equal(charsetOfContentType('text/xml; charset="us-ascii"'), 'us-ascii');
  assert.equal(charsetOfContentType("text/xml;charset= 'UTF-8'"), 'utf-8');
  assert.equal(charsetOfContentType('text/xml;charset = us-ascii'), 'us-ascii');
  assert.equal(charsetOfContentType('text/xml'), undefined);
  assert.equal(charsetOfContentType(undefined), undefined);
});
