import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { freshPglite } from '../storage/testing/databases.ts';
import { fixedClock } from '../core/clock.ts';
import { listMentions } from '../storage/mentions.repo.ts';
import { countUsers } from '../storage/users.repo.ts';
import { getBrandProfile } from '../storage/brand-profiles.repo.ts';
import { listQueries } from '../storage/queries.repo.ts';
import { demoMentions } from './demo/mentions.ts';
import { cast } from './demo/cast.ts';
import { seedDemo, seedDemoOnFirstStart } from './demo.ts';
import { login } from './auth/login.ts';

const policy = { idleMs: 3600_000, maxMs: 7200_000 };

describe('the Coupe-Chou demo', () => {
  it('is written consistently: unique keys, replies to existing posts, known people, thirty days', () => {
    const keys = new Set(demoMentions.map((m) => m.key));
    assert.equal(keys.size, demoMentions.length);
    assert.ok(demoMentions.length >= 55 && demoMentions.length <= 70);
    for (const m of demoMentions) {
      if (m.replyTo) assert.ok(keys.has(m.replyTo), `${m.key} replies to ${m.replyTo}`);
      assert.ok(m.who in cast);
      assert.ok(m.ago > 0 && m.ago <= 30, `${m.key} is ${m.ago} days old`);
      assert.ok(m.sentiment[1] >= -1 && m.sentiment[1] <= 1);
    }
    const byAuthor = new Map<string, number>();
    for (const m of demoMentions) byAuthor.set(m.who, (byAuthor.get(m.who) ?? 0) + 1);
    assert.ok([...byAuthor.values()].filter((n) => n >= 3).length >= 8, 'people recur');
    const langs = new Set(demoMentions.map((m) => m.lang));
    assert.deepEqual([...langs].sort(), ['en', 'fr']);
    assert.equal(new Set(demoMentions.map((m) => m.network)).size, 5);
  });

  it('seeds once, relative to the clock, with a working login', async (t) => {
    const database = await freshPglite();
    t.after(() => database.close());
    const clock = fixedClock('2026-06-15T12:00:00Z');
    const first = await seedDemoOnFirstStart(database.db, clock);
    assert.ok(first);
    assert.equal(first.email, 'demo@relais.local');
    assert.equal(await seedDemoOnFirstStart(database.db, clock), undefined, 'not on a later start');

    const again = await seedDemo(database.db, clock);
    assert.equal(again.created, false);
    assert.equal(again.login, undefined);
    assert.equal(await countUsers(database.db), 2);

    const page = await listMentions(database.db, again.workspaceId, {}, { limit: 500 });
    assert.equal(page.items.length, demoMentions.length);
    const now = clock.now().getTime();
    for (const m of page.items) {
      assert.ok(m.publishedAt.getTime() < now && m.publishedAt.getTime() >= now - 30 * 86400_000);
      assert.ok(m.sourceId);
    }
    assert.ok(page.items.some((m) => m.inReplyTo));
    // Every query of the demo finds something, and the brand query finds the brand's story.
    const queryIds = (await listQueries(database.db, again.workspaceId)).map((q) => [q.name, q.id] as const);
    for (const [name, id] of queryIds) assert.ok(page.items.some((m) => m.matchedQueries.includes(id)), `query ${name} matches nothing`);
    const brandId = queryIds.find(([n]) => n === 'Coupe-Chou')?.[1] ?? '';
    const appeal = page.items.find((m) => m.externalId === 'coupe-chou-demo-n02');
    assert.ok(appeal?.matchedQueries.includes(brandId));
    const unrelated = page.items.find((m) => m.externalId === 'coupe-chou-demo-hn3');
    assert.deepEqual(unrelated?.matchedQueries, [], 'a reply that names nothing matches nothing');
    assert.deepEqual((await getBrandProfile(database.db, again.workspaceId)).competitors, ['Barbe Royale', "Le Rasoir d'Antan"]);

    const signedIn = await login({ db: database.db, clock, policy }, { email: first.email, password: first.password, ip: 'test' });
    assert.equal(signedIn.workspaces[0]?.name, 'Coupe-Chou');

    const reset = await seedDemo(database.db, clock, { resetPassword: true });
    assert.ok(reset.login && reset.login.password !== first.password);
    await assert.rejects(login({ db: database.db, clock, policy }, { email: first.email, password: first.password, ip: 'test' }));
    await login({ db: database.db, clock, policy }, { email: reset.login.email, password: reset.login.password, ip: 'test' });
  });
});
