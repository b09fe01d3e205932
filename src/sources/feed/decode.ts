/**
 * Bytes → text for feeds. feedsmith reads strings and does not fix encodings, so the
 * charset is settled here, in this order (the WHATWG rule that a BOM wins, then RFC 3023):
 *   1. a byte-order mark (UTF-8, UTF-16 BE/LE, UTF-32 BE/LE);
 *   2. the `<?` byte pattern of a BOM-less UTF-16/UTF-32 document;
 *   3. the HTTP `Content-Type` charset parameter;
 *   4. the XML declaration's `encoding`;
 *   5. UTF-8, decoded strictly; when the bytes are not valid UTF-8, windows-1252
 *      (what ISO-8859-1 labels mean in practice), which never fails.
 * A declared charset that TextDecoder does not know, or whose decoding fails, falls through
 * to the next candidate. TextDecoder has no UTF-32, so a small decoder handles it.
 */

export interface DecodedText {
  readonly text: string;
  /** The WHATWG name of the encoding actually used, e.g. `utf-8`, `windows-1252`, `utf-32le`. */
  readonly encoding: string;
  /** How it was chosen. */
  readonly by: 'bom' | 'byte-pattern' | 'http' | 'xml-declaration' | 'default' | 'fallback';
}

type Utf32 = 'utf-32be' | 'utf-32le';

const decodeUtf32 = (bytes: Uint8Array, kind: Utf32, start: number): string => {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const little = kind === 'utf-32le';
  const parts: string[] = [];
  let chunk: number[] = [];
  for (let i = start; i + 4 <= bytes.length; i += 4) {
    const cp = view.getUint32(i, little);
    // Surrogates and values beyond U+10FFFF are not characters: replace them, as TextDecoder would.
    chunk.push(cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff) ? 0xfffd : cp);
    if (chunk.length === 8192) {
      parts.push(String.fromCodePoint(...chunk));
      chunk = [];
    }
  }
  if (bytes.length - start > 0 && (bytes.length - start) % 4 !== 0) chunk.push(0xfffd);
  parts.push(String.fromCodePoint(...chunk));
  return parts.join('');
};

const sniffBom = (b: Uint8Array): { encoding: string; skip: number } | undefined => {
  if (b[0] === 0x00 && b[1] === 0x00 && b[2] === 0xfe && b[3] === 0xff) return { encoding: 'utf-32be', skip: 4 };
  if (b[0] === 0xff && b[1] === 0xfe && b[2] === 0x00 && b[3] === 0x00) return { encoding: 'utf-32le', skip: 4 };
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return { encoding: 'utf-8', skip: 3 };
  if (b[0] === 0xfe && b[1] === 0xff) return { encoding: 'utf-16be', skip: 2 };
  if (b[0] === 0xff && b[1] === 0xfe) return { encoding: 'utf-16le', skip: 2 };
  return undefined;
};

const sniffPattern = (b: Uint8Array): string | undefined => {
  const [a, c, d, e] = [b[0], b[1], b[2], b[3]];
  if (a === 0x00 && c === 0x00 && d === 0x00 && e === 0x3c) return 'utf-32be';
  if (a === 0x3c && c === 0x00 && d === 0x00 && e === 0x00) return 'utf-32le';
  if (a === 0x00 && c === 0x3c && d === 0x00 && e === 0x3f) return 'utf-16be';
  if (a === 0x3c && c === 0x00 && d === 0x3f && e === 0x00) return 'utf-16le';
  return undefined;
};

/** The `charset` parameter of a Content-Type header, tolerating quotes and stray spaces. */
export const charsetOfContentType = (contentType: string | undefined): string | undefined => {
  if (!contentType) return undefined;
  const m = /;\s*charset\s*=\s*["']?([^"';\s]+)/i.exec(contentType);
  return m?.[1]?.toLowerCase();
};

/** The encoding named in an XML declaration, read from the bytes as ASCII. */
export const encodingOfXmlDeclaration = (head: string): string | undefined => {
  const m = /^\s*<\?xml[^>]*?\bencoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/.exec(head);
  return m?.[1]?.toLowerCase();
};

/** Canonical WHATWG name for a label, or undefined when TextDecoder does not support it. */
export const canonicalEncoding = (label: string): string | undefined => {
  // Python's and Java's spellings appear in XML declarations too (`utf_16`, `u16`, `utf32`).
  const l = label.trim().toLowerCase().replace(/_/g, '-').replace(/^u(16|32)$/, 'utf-$1').replace(/^utf(16|32)/, 'utf-$1');
  if (l === 'utf-32' || l === 'ucs-4') return 'utf-32be';
  if (l === 'utf-32be' || l === 'utf-32le') return l;
  try {
    return new TextDecoder(l).encoding;
  } catch {
    return undefined;
  }
};

const tryDecode = (bytes: Uint8Array, encoding: string, start = 0): string | undefined => {
  if (encoding === 'utf-32be' || encoding === 'utf-32le') return decodeUtf32(bytes, encoding, start);
  try {
    return new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes.subarray(start));
  } catch {
    return undefined;
  }
};

/** UTF-16 and UTF-32 labels cannot describe a document that the byte pattern says is 8-bit. */
const isWide = (encoding: string): boolean => encoding.startsWith('utf-16') || encoding.startsWith('utf-32');

export const decodeFeedBytes = (bytes: Uint8Array, contentType?: string): DecodedText => {
  const bom = sniffBom(bytes);
  if (bom) {
    const text = tryDecode(bytes, bom.encoding, bom.skip);
    if (text !== undefined) return { text, encoding: bom.encoding, by: 'bom' };
  }
  const pattern = bom ? undefined : sniffPattern(bytes);
  if (pattern) {
    const text = tryDecode(bytes, pattern);
    if (text !== undefined) return { text, encoding: pattern, by: 'byte-pattern' };
  }
  const http = charsetOfContentType(contentType);
  const httpEncoding = http ? canonicalEncoding(http) : undefined;
  if (httpEncoding && !isWide(httpEncoding)) {
    const text = tryDecode(bytes, httpEncoding);
    if (text !== undefined) return { text, encoding: httpEncoding, by: 'http' };
  }
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 512));
  const declared = encodingOfXmlDeclaration(head);
  const declaredEncoding = declared ? canonicalEncoding(declared) : undefined;
  if (declaredEncoding && !isWide(declaredEncoding)) {
    const text = tryDecode(bytes, declaredEncoding);
    if (text !== undefined) return { text, encoding: declaredEncoding, by: 'xml-declaration' };
  }
  const utf8 = tryDecode(bytes, 'utf-8');
  if (utf8 !== undefined) return { text: utf8, encoding: 'utf-8', by: 'default' };
  return { text: new TextDecoder('windows-1252').decode(bytes), encoding: 'windows-1252', by: 'fallback' };
};
