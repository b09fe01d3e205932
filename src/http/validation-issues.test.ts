import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { renderProblems } from '../core/messages.ts';
import { issueProblems } from '../core/api/issues.ts';
import { sourceDefinitionSchema } from '../core/api/sources.ts';
import { updateMeRequestSchema as updateMeSchema } from '../core/api/auth.ts';
import { brandProfileBodySchema as brandProfileInputSchema } from '../core/api/brand.ts';
import { mentionsQuerySchema as mentionFiltersSchema } from '../core/api/listen.ts';

const say = (schema: z.ZodType, value: unknown, locale: 'fr' | 'en', prefix: string[] = []) => {
  const r = schema.safeParse(value);
  assert.equal(r.success, false, 'the value is refused');
  return renderProblems(issueProblems(r.error?.issues ?? [], prefix), locale);
};

test('a source with a bad URL is refused in a sentence that names the field, in French or English', () => {
  assert.equal(say(sourceDefinitionSchema, { kind: 'rss', url: 'pas une adresse' }, 'fr'), '« url » doit être une adresse web commençant par http:// ou https://.');
  assert.equal(say(sourceDefinitionSchema, { kind: 'rss', url: 'pas une adresse' }, 'en'), '"url" must be a web address starting with http:// or https://.');
});

test('missing, mistyped, too short, unknown and out-of-choice fields', () => {
  assert.equal(say(sourceDefinitionSchema, { kind: 'rss' }, 'fr'), '« url » est obligatoire.');
  assert.equal(say(sourceDefinitionSchema, { kind: 'rss', url: 42 }, 'en'), '"url" must be text.');
  assert.equal(say(sourceDefinitionSchema, { kind: 'hackernews', config: { query: '  ' } }, 'fr'), '« config.query » ne doit pas être vide.');
  assert.equal(say(sourceDefinitionSchema, { kind: 'rss', url: 'https://a.example/', colour: 'red' }, 'fr'), 'Champ(s) inconnu(s) dans « contenu de la requête » : « colour ».');
  assert.equal(say(sourceDefinitionSchema, { kind: 'rss', url: 'https://a.example/', colour: 'red' }, 'en'), 'Unknown field(s) in "request body": "colour".');
  assert.equal(say(sourceDefinitionSchema, { kind: 'myspace' }, 'fr'), '« kind » n’est pas valide.');
  assert.equal(say(mentionFiltersSchema, { sentiment: 'joyeux' }, 'fr'), '« sentiment » doit valoir « positive », « neutral » ou « negative ».');
  assert.equal(say(sourceDefinitionSchema, { kind: 'mastodon', url: 'https://m.example', config: { mode: 'hashtag', hashtag: 'pas de tag' } }, 'fr'), '« config.hashtag » : un mot-dièse se compose de lettres, de chiffres et de tirets bas.');
  assert.equal(say(updateMeSchema, { name: '' }, 'fr'), '« name » ne doit pas être vide.');
  assert.equal(say(mentionFiltersSchema, { limit: 0 }, 'fr'), '« limit » doit valoir au moins 1.');
  assert.equal(say(brandProfileInputSchema.shape.networks, ['mastodon', 'mastodon'], 'fr', ['networks']), '« networks » ne doit pas citer deux fois le même réseau.');
});

test('a prefix names where the path starts (a source\'s config checked on its own)', () => {
  assert.equal(say(z.strictObject({ query: z.string().min(1, 'must not be empty') }), { query: '' }, 'en', ['config']), '"config.query" must not be empty.');
});

test('every custom message written in the schemas of core/api has its words', async () => {
  const dir = fileURLToPath(new URL('../core/api/', import.meta.url));
  const unmapped: string[] = [];
  let found = 0;
  for (const name of await readdir(dir)) {
    if (!name.endsWith('.ts') || name.endsWith('.test.ts') || name === 'issues.ts') continue;
    const text = await readFile(join(dir, name), 'utf8');
    // The message argument of .regex/.refine/z.email and `message:` options (sizes are said from the issue itself).
    for (const m of text.matchAll(/(?:\.regex\(\/.*?\/[a-z]*,\s*|\.refine\([^']*?,\s*(?:\{\s*message:\s*)?|z\.email\(|message:\s*)'([^']+)'/g)) {
      const message = m[1] ?? '';
      found++;
      const r = issueProblems([{ code: 'custom', path: ['x'], message }]);
      if (r[0]?.key === 'validation.invalid') unmapped.push(`${name}: ${message}`);
    }
  }
  assert.ok(found >= 9, `${found} custom messages found`);
  assert.deepEqual(unmapped, [], 'map these messages to keys in core/api/issues.ts');
});
