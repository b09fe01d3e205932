import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'relais-feed-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const relais = (args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> =>
  new Promise((resolve) => {
    const p = spawn(process.execPath, [join(root, 'bin/relais.js'), ...args], { cwd: root });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    p.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    p.on('close', (code) => resolve({ code, stdout, stderr }));
  });

const atom = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="fr">
  <title>Barbier &amp; fils</title>
  <link rel="alternate" href="https://barbier.example/"/>
  <id>urn:uuid:feed</id><updated>2026-01-02T10:00:00Z</updated>
  <entry>
    <title type="html">Merci &lt;b&gt;à tous&lt;/b&gt;</title>
    <id>urn:uuid:1</id>
    <link href="/merci"/>
    <published>2026-01-02T09:00:00+01:00</published>
    <updated>2026-01-02T10:00:00Z</updated>
    <author><name>Nicolas</name></author>
    <content type="html">&lt;p&gt;2 000 commandes&amp;nbsp;!&lt;/p&gt;&lt;script&gt;x()&lt;/script&gt;</content>
  </entry>
  <entry>
    <title>Sans date</title>
    <id>urn:uuid:2</id>
    <updated>not a date</updated>
    <summary>Texte   simple</summary>
  </entry>
</feed>`;

const expected = (base: string) => ({
  feed: { title: 'Barbier & fils', link: 'https://barbier.example/', language: 'fr' },
  items: [
    { id: 'urn:uuid:1', title: 'Merci à tous', link: `${base}/merci`, published: '2026-01-02T08:00:00.000Z', author: 'Nicolas', text: '2 000 commandes\u00a0!' },
    { id: 'urn:uuid:2', title: 'Sans date', link: '', text: 'Texte simple' },
  ],
});

test('relais feed parse FILE writes the DESIGN §6 shape', async () => {
  const file = join(dir, 'feed.atom');
  writeFileSync(file, atom);
  const r = await relais(['feed', 'parse', file]);
  assert.equal(r.code, 0, r.stderr);
  // No document URL for a file: relative links resolve against the feed's own link.
  assert.deepEqual(JSON.parse(r.stdout), expected('https://barbier.example'));
});

test('relais feed parse URL fetches through the safe client (with --allow-private on loopback)', async () => {
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/atom+xml' });
    res.end(atom);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/feed`;
  try {
    const ok = await relais(['feed', 'parse', url, '--allow-private']);
    assert.equal(ok.code, 0, ok.stderr);
    assert.deepEqual(JSON.parse(ok.stdout), expected(new URL(url).origin));
    const refused = await relais(['feed', 'parse', url]);
    assert.notEqual(refused.code, 0);
    assert.match(refused.stderr, /private or reserved address/);
    assert.doesNotMatch(refused.stderr, /\n\s+at /);
  } finally {
    server.close();
  }
});

test('bad input: a clear message with the line, non-zero exit, no stack trace', async () => {
  const bad = join(dir, 'bad.xml');
  writeFileSync(bad, '<rss version="2.0">\n<channel>\n<title>a</title>\n<item><title>x</tite></item>\n</channel></rss>');
  const r = await relais(['feed', 'parse', bad]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /line 4/);
  assert.doesNotMatch(r.stderr, /\n\s+at /);
  const missing = await relais(['feed', 'parse', join(dir, 'missing.xml')]);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /no such file/);
  const usage = await relais(['feed']);
  assert.equal(usage.code, 2);
  assert.match(usage.stderr, /feed parse FILE\|URL/);
});
