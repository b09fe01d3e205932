import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { targets, type TestDatabase } from '../storage/testing/databases.ts';
import { seedDemo } from '../app/demo.ts';
import type { QueryView } from '../core/api/listen.ts';
import type { MeasureSeries, ShareOfVoice } from '../core/api/measures.ts';
import { makeHarness, viewerOf, type Client, type Harness } from './testing/harness.ts';

for (const target of targets) {
  describe(`measures API on ${target.name}`, { skip: await target.skip() }, () => {
    let database: TestDatabase;
    let h: Harness;
    let owner: Client;
    let viewer: Client;
    let workspaceId = '';
    let base = '';
    const raw = async (where: string, params: unknown[] = []): Promise<number> =>
      Number((await database.query<{ n: number }>(`select count(*)::int as n from mentions where workspace_id = $1 and ${where}`, [workspaceId, ...params]))[0]?.n);
    before(async () => {
      database = await target.open();
      h = makeHarness(database);
      const demo = await seedDemo(database.db, h.clock);
      owner = h.client();
      await owner.login(demo.login?.email ?? '', demo.login?.password ?? '');
      workspaceId = demo.workspaceId;
      base = `/api/v1/workspaces/${workspaceId}/measures`;
      viewer = await viewerOf(h, owner, workspaceId);
    });
    after(() => database.close());

    it("the demo's last 30 days, per day, agree with the raw mentions", async () => {
      const r = await viewer.get(base);
      assert.equal(r.status, 200);
      const m = r.json<MeasureSeries>();
      assert.equal(m.grain, 'day');
      assert.equal(m.points.length, 30);
      assert.equal(m.query, null);
      assert.equal(m.to, '2026-11-20T00:00:00.000Z');
      const inRange = `published_at >= '${m.from}' and published_at < '2026-11-21'`;
      assert.ok(m.totals.volume > 30, `volume ${m.totals.volume}`);
      assert.equal(m.totals.volume, await raw(inRange));
      assert.equal(m.totals.negative, await raw(`${inRange} and sentiment_label = 'negative'`));
      assert.equal(m.totals.authors, await raw(`${inRange}`).then(async () => Number((await database.query<{ n: number }>(`select count(distinct (network, lower(author_handle)))::int as n from mentions where workspace_id = $1 and ${inRange}`, [workspaceId]))[0]?.n)));
      assert.equal(m.points.reduce((a, p) => a + p.volume, 0), m.totals.volume);
      assert.ok(m.totals.reach > 0 && m.totals.reachMentions > 0);
      // docs/reputation-index.md with k = 10.
      const t = m.totals;
      assert.equal(t.reputation.index, Math.round((50 + (50 * (t.positive - t.negative)) / (t.volume + 10)) * 100) / 100);
      assert.equal(t.reputation.evidenceWeight, Math.round((t.volume / (t.volume + 10)) * 1e4) / 1e4);
      // An empty day is neutral with the widest margin, never a hole in the series. The demo has
      // mentions every day of its thirty, so the days before it began are the empty ones.
      const longer = (await viewer.get(`${base}?from=2026-10-10&to=2026-11-20`)).json<MeasureSeries>();
      assert.equal(longer.points.length, 42);
      assert.equal(longer.totals.volume, await raw(`published_at >= '2026-10-10' and published_at < '2026-11-21'`));
      const quiet = longer.points.find((p) => p.volume === 0);
      assert.ok(quiet);
      // No mention: the prior alone, a third each, Var = (3 × 2/9) / 11.
      assert.deepEqual(quiet.reputation, { index: 50, margin: Math.round(1.96 * 50 * Math.sqrt(6 / 9 / 11) * 100) / 100 });
      assert.equal(quiet.meanScore, null);
    });

    it('one query, by the hour over the last week, and the errors a caller can make', async () => {
      const queries = (await viewer.get(`/api/v1/workspaces/${workspaceId}/queries`)).json<{ items: QueryView[] }>().items;
      const brand = queries.find((q) => q.kind === 'brand') as QueryView;
      const r = await viewer.get(`${base}?grain=hour&queryId=${brand.id}&from=2026-11-14T10:00:00Z`);
      assert.equal(r.status, 200);
      const m = r.json<MeasureSeries>();
      assert.deepEqual(m.query, { id: brand.id, name: brand.name, kind: 'brand' });
      assert.equal(m.points.length, 6 * 24);
      assert.equal(m.totals.volume, await raw(`matched_queries ? $2 and published_at >= '2026-11-14T10:00:00Z' and published_at < '2026-11-20T10:00:00Z'`, [brand.id]));
      assert.equal((await viewer.get(`${base}?grain=hour&from=2026-11-01`)).status, 400);
      assert.match((await viewer.get(`${base}?grain=hour&from=2026-11-01`)).json<{ error: { message: string } }>().error.message, /7 jours/);
      assert.equal((await viewer.get(`${base}?from=2026-11-20&to=2026-11-01`)).status, 400);
      assert.equal((await viewer.get(`${base}?from=2020-01-01`)).status, 400);
      assert.equal((await viewer.get(`${base}?from=yesterday`)).status, 400);
      assert.equal((await viewer.get(`${base}?grain=week`)).status, 400);
      assert.equal((await viewer.get(`${base}?colour=blue`)).status, 400);
      assert.equal((await viewer.get(`${base}?queryId=not-a-uuid`)).status, 404);
      assert.equal((await viewer.get(`${base}?queryId=00000000-0000-4000-8000-000000000000`)).status, 404);
    });

    it('share of voice: brand and competitor queries, shares summing to one', async () => {
      const r = await viewer.get(`${base}/share-of-voice`);
      assert.equal(r.status, 200);
      const s = r.json<ShareOfVoice>();
      assert.deepEqual(s.entities.map((e) => e.kind), ['brand', 'competitor', 'competitor']);
      for (const e of s.entities) assert.equal(e.volume, await raw(`matched_queries ? $2 and published_at >= '${s.from}' and published_at < '2026-11-21'`, [e.queryId]));
      const all = s.entities.reduce((a, e) => a + e.volume, 0);
      assert.ok(all > 0);
      assert.ok(Math.abs(s.entities.reduce((a, e) => a + (e.share ?? 0), 0) - 1) < 1e-3);
      assert.equal(s.brandShare, Math.round(((s.entities[0]?.volume ?? 0) / all) * 1e4) / 1e4);
      assert.equal(s.points.length, 30);
      assert.deepEqual(s.points.reduce((acc, p) => acc.map((v, i) => v + (p.volumes[i] ?? 0)), s.entities.map(() => 0)), s.entities.map((e) => e.volume));
    });

    it('creating, changing and deleting a query re-matches the stored mentions and rebuilds its measures', async () => {
      const queriesBase = `/api/v1/workspaces/${workspaceId}/queries`;
      const created = await owner.post(queriesBase, { name: 'Savon', kind: 'competitor', query: 'savon' });
      assert.equal(created.status, 201);
      const id = created.json<QueryView>().id;
      const matching = await raw(`matched_queries ? $2`, [id]);
      const preview = (await owner.post(`${queriesBase}/preview`, { query: 'savon' })).json<{ matched: number }>().matched;
      assert.ok(matching > 0);
      assert.equal(matching, preview);
      const series = async () => (await viewer.get(`${base}?queryId=${id}&from=2026-10-01`)).json<MeasureSeries>();
      assert.equal((await series()).totals.volume, matching);

      assert.equal((await owner.patch(`${queriesBase}/${id}`, { query: 'savon AND karité' })).status, 200);
      const narrower = await raw(`matched_queries ? $2`, [id]);
      assert.ok(narrower < matching && narrower > 0, `${narrower} of ${matching}`);
      assert.equal((await series()).totals.volume, narrower);
      // The all-mentions series is untouched.
      const sov = (await viewer.get(`${base}/share-of-voice?from=2026-10-01`)).json<ShareOfVoice>();
      assert.equal(sov.entities.find((e) => e.queryId === id)?.volume, narrower);

      assert.equal((await owner.delete(`${queriesBase}/${id}`)).status, 200);
      assert.equal(await raw(`matched_queries ? $2`, [id]), 0);
      const rows = await database.query<{ n: number }>('select count(*)::int as n from measure_buckets where workspace_id = $1 and series_id = $2', [workspaceId, id]);
      assert.equal(rows[0]?.n, 0);
      assert.equal((await viewer.get(`${base}?queryId=${id}`)).status, 404);
    });
  });
}
