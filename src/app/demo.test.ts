import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { freshPglite } from '../storage/testing/databases.ts';
import { fixedClock } from '../core/clock.ts';
import { listMentions } from '../storage/mentions.repo.ts';
import { listPeople } from '../storage/people.repo.ts';
import { countUsers } from '../storage/users.repo.ts';
import { getBrandProfile } from '../storage/brand-profiles.repo.ts';
import { listQueries } from '../storage/queries.repo.ts';
import { demoMentions } from './demo/mentions.ts';
import { cast } from './demo/cast.ts';
import { demoPeople } from './demo/people.ts';
import { seedDemo, seedDemoOnFirstStart } from './demo.ts';
import { login } from './auth/login.ts';

const policy = { idleMs: 3600_000, maxMs: 7200_000 };

describe('the Coupe-Chou demo', () => {
  it('is written consistently: unique keys, replies to existing posts, known people, thirty days', () => {
    const keys = new Set(demoMentions.map((m) => m.key));
    assert.equal(keys.size, demoMentions.length);
    assert.ok(demoMentions.length >= 90 && demoMentions.length <= 110);
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
    assert.deepEqual([...langs].sort(), ['en', 'es', 'fr']);
    assert.equal(new Set(demoMentions.map((m) => m.network)).size, 5);
  });

  it('has mentions every day of the thirty, whatever the time of day it is seeded', () => {
    // Consecutive posts less than a day apart: no calendar day between the oldest and the newest is empty.
    const ago = demoMentions.map((m) => m.ago).sort((a, b) => a - b);
    assert.ok((ago.at(-1) ?? 0) >= 29);
    for (let i = 1; i < ago.length; i++) {
      const gap = (ago[i] ?? 0) - (ago[i - 1] ?? 0);
      assert.ok(gap < 1, `nothing between ${ago[i - 1]} and ${ago[i]} days ago`);
    }
  });

  it("knows the people behind the mentions: each person's accounts are authors of demo mentions", () => {
    assert.ok(demoPeople.length >= 10 && demoPeople.length <= 15);
    const authors = new Set(demoMentions.map((m) => `${m.network} ${cast[m.who].handle}`));
    const listened = new Set(['mastodon', 'bluesky', 'reddit', 'hackernews']);
    for (const p of demoPeople) {
      assert.ok(p.roles.length > 0 && p.notes.length > 0, p.displayName);
      const onNetworks = p.handles.filter(([n]) => listened.has(n));
      for (const [network, handle] of onNetworks) assert.ok(authors.has(`${network} ${handle}`), `${p.displayName}: ${network} ${handle} wrote nothing`);
    }
    // Mentions on a network carry that network's handle (the tie between people and mentions).
    for (const m of demoMentions) {
      const h = cast[m.who].handle;
      if (m.network === 'bluesky') assert.ok(h.endsWith('.bsky.example'), `${m.key}: ${h} on Bluesky`);
      if (m.network === 'mastodon') assert.match(h, /^@\w+@[\w.-]+$/, `${m.key}: ${h} on Mastodon`);
    }
    const roles = new Set(demoPeople.flatMap((p) => p.roles));
    for (const r of ['customer', 'relay', 'partner', 'press', 'competitor'] as const) assert.ok(roles.has(r), `someone is ${r}`);
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

    // The people, saved as an import saves them: handles in the form mentions carry.
    const people = await listPeople(database.db, again.workspaceId);
    assert.equal(people.length, demoPeople.length);
    const julien = people.find((p) => p.displayName === 'Julien Barbu');
    assert.deepEqual(julien?.handles, [
      { network: 'bluesky', handle: cast.julienBsky.handle },
      { network: 'mastodon', handle: cast.julien.handle },
    ]);
    assert.deepEqual(julien?.roles, ['customer', 'relay']);
    assert.ok(julien?.notes);
    const rita = people.find((p) => p.displayName === 'straight_razor_rita');
    assert.deepEqual(rita?.handles, [{ network: 'reddit', handle: cast.straight.handle }]);
    // Bluesky authors are stored by DID, as every Bluesky mention is, and shown by their handle (ADR 0280).
    const bluesky = page.items.filter((m) => m.network === 'bluesky');
    assert.ok(bluesky.length > 0);
    for (const m of bluesky) assert.ok(m.author.did?.startsWith('did:plc:') && m.author.handle.endsWith('.bsky.example'), `${m.externalId}: ${m.author.handle}`);
    const stored = new Set(page.items.map((m) => `${m.network} ${m.author.handle}`));
    for (const p of people) {
      for (const h of p.handles.filter((x) => x.network !== 'web' && x.network !== 'email')) assert.ok(stored.has(`${h.network} ${h.handle}`), `${p.displayName}: ${h.handle}`);
    }

    const signedIn = await login({ db: database.db, clock, policy }, { email: first.email, password: first.password, ip: 'test' });
    assert.equal(signedIn.workspaces[0]?.name, 'Coupe-Chou');

    const reset = await seedDemo(database.db, clock, { resetPassword: true });
    assert.ok(reset.login && reset.login.password !== first.password);
    await assert.rejects(login({ db: database.db, clock, policy }, { email: first.email, password: first.password, ip: 'test' }));
    await login({ db: database.db, clock, policy }, { email: reset.login.email, password: reset.login.password, ip: 'test' });
  });
});
