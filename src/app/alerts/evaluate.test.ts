import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { targets, type TestDatabase } from '../../storage/testing/databases.ts';
import { insertWorkspace } from '../../storage/workspaces.repo.ts';
import { insertQuery } from '../../storage/queries.repo.ts';
import { insertMentions as insertRawMentions, type NewMention } from '../../storage/mentions.repo.ts';
import { addInsertedMentionsToRollups } from '../../storage/rollups.repo.ts';
import type { Db } from '../../storage/db.ts';
import { listAlerts } from '../../storage/alerts.repo.ts';
import { insertWatchedAuthor, saveAlertSettings } from '../../storage/watch-list.repo.ts';
import { alertSeriesBuckets, readQuerySeries, readQuerySeriesFromMentions, type BucketCount } from '../../storage/alert-inputs.repo.ts';
import { detectVolumeSpikes } from '../../analysis/alerts/volume-spike.ts';
import { detectNegativeSpikes } from '../../analysis/alerts/negative-spike.ts';
import { evaluateWorkspaceAlerts } from './evaluate.ts';

/** Stores mentions as the ingest does: inserted, then counted in the rollups in the same transaction, at the batch's fetch time. */
const insertMentions = async (db: Db, ws: string, items: readonly NewMention[]): Promise<void> => {
  if (items.length === 0) return;
  const fetchedAt = new Date(Math.max(...items.map((m) => m.fetchedAt.getTime())));
  await db.transaction(async (tx) => {
    const ids = await insertRawMentions(tx, ws, items);
    await addInsertedMentionsToRollups(tx, ws, ids, fetchedAt);
  });
};

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const t0 = Date.parse('2026-10-01T00:00:00Z');

let serial = 0;
const mention = (at: number, o: { query: string; author?: string; text?: string; negative?: boolean; replyTo?: string; externalId?: string; mentions?: string[] }): NewMention => ({
  network: 'mastodon',
  externalId: o.externalId ?? `m${++serial}`,
  author: { handle: o.author ?? `@user${serial % 50}@example.social` },
  text: o.text ?? 'un message sur le savon',
  links: [],
  hashtags: [],
  mentions: o.mentions ?? [],
  lang: 'fr',
  sentiment: { label: o.negative ? 'negative' : 'neutral', score: o.negative ? -0.6 : 0 },
  matchedQueries: [o.query],
  publishedAt: new Date(at),
  fetchedAt: new Date(at),
  sourceId: null,
  ...(o.replyTo ? { inReplyTo: o.replyTo } : {}),
});

/** `n` mentions spread over the day starting at `dayStart`, the first `negative` of them negative. */
const day = (dayStart: number, n: number, query: string, negative = 0): NewMention[] =>
  Array.from({ length: n }, (_, i) => mention(dayStart + Math.floor(((i + 0.5) * DAY) / (n + 1)), { query, negative: i < negative }));

for (const target of targets) {
  describe(`alert evaluation on ${target.name}`, { skip: await target.skip() }, () => {
    let database: TestDatabase;
    before(async () => {
      database = await target.open();
    });
    after(() => database.close());

    it('keeps one alert for a ten-day spike evaluated every few hours, updated as it grows, then ended', async () => {
      const db = database.db;
      const ws = (await insertWorkspace(db, { name: 'Spike', now: new Date(t0) })).id;
      const q = await insertQuery(db, ws, { name: 'Savonnerie', kind: 'brand', text: 'savon', now: new Date(t0) });
      // Four quiet weeks, 2 to 4 mentions a day.
      for (let d = 0; d < 28; d++) await insertMentions(db, ws, day(t0 + d * DAY, 2 + (d % 3), q.id));
      let report = await evaluateWorkspaceAlerts(db, ws, new Date(t0 + 28 * DAY));
      assert.equal(report.opened.length, 0, 'no alert on a quiet month');
      // Ten loud days (25 to 40 a day), evaluated every six hours with the mentions of each quarter day.
      let opened = 0;
      for (let d = 28; d < 38; d++) {
        const batch = day(t0 + d * DAY, 25 + ((d * 7) % 16), q.id);
        for (let quarter = 0; quarter < 4; quarter++) {
          const now = t0 + d * DAY + (quarter + 1) * 6 * HOUR - 1;
          await insertMentions(db, ws, batch.filter((m) => m.publishedAt.getTime() < now && m.publishedAt.getTime() >= now - 6 * HOUR));
          report = await evaluateWorkspaceAlerts(db, ws, new Date(now));
          opened += report.opened.length;
        }
      }
      const during = await listAlerts(db, ws, { limit: 50 });
      assert.equal(opened, 1, 'one alert opened in forty evaluations');
      assert.equal(during.length, 1, `one stored alert, got ${during.map((a) => a.episodeKey).join(', ')}`);
      const alert = during[0];
      assert.ok(alert);
      assert.equal(alert.kind, 'volume-spike');
      assert.equal(alert.subject, q.id);
      const start = alert.startedAt.getTime();
      assert.ok(start >= t0 + 27 * DAY && start <= t0 + 28 * DAY, `the episode starts in the 24 hours before the first loud day's end: ${alert.startedAt.toISOString()}`);
      assert.equal(alert.endedAt, null, 'still going on');
      assert.equal(alert.lastSeenAt.getTime(), t0 + 38 * DAY - 1, 'updated at the last evaluation');
      assert.match(alert.evidence.text.fr, /Pic de volume sur « Savonnerie »/);
      assert.match(alert.evidence.text.en, /Volume spike on "Savonnerie"/);
      // Calm again: the episode ends after two quiet days and no new alert appears.
      for (let d = 38; d < 42; d++) {
        await insertMentions(db, ws, day(t0 + d * DAY, 3, q.id));
        report = await evaluateWorkspaceAlerts(db, ws, new Date(t0 + (d + 1) * DAY - 1));
        assert.equal(report.opened.length, 0);
      }
      const after = await listAlerts(db, ws, { limit: 50 });
      assert.equal(after.length, 1);
      assert.ok(after[0]?.endedAt, 'the episode has ended');
    });

    it('raises a negative-share spike once, and watched authors and replies owed', async () => {
      const db = database.db;
      const ws = (await insertWorkspace(db, { name: 'Mixed', now: new Date(t0) })).id;
      const q = await insertQuery(db, ws, { name: 'Marque', kind: 'brand', text: 'marque', now: new Date(t0) });
      for (let d = 0; d < 28; d++) await insertMentions(db, ws, day(t0 + d * DAY, 10, q.id, d % 10 === 0 ? 1 : 0));
      // A day of complaints: 9 of 12 negative.
      await insertMentions(db, ws, day(t0 + 28 * DAY, 12, q.id, 9));
      await insertWatchedAuthor(db, ws, { network: 'mastodon', handle: '@claire@presse.example', role: 'presse', priority: 'high' }, new Date(t0));
      await insertMentions(db, ws, [
        mention(t0 + 28 * DAY + 10 * HOUR, { query: q.id, author: '@Claire@presse.example', text: 'Mon article sur la marque' }),
        mention(t0 + 28 * DAY + 11 * HOUR, { query: q.id, author: '@claire@presse.example', text: 'Suite du fil' }),
        // The same name on another network is someone else.
        { ...mention(t0 + 28 * DAY + 12 * HOUR, { query: q.id, author: '@claire@presse.example' }), network: 'bluesky' },
        // A question to the brand, never answered; another, answered in time by the brand.
        mention(t0 + 28 * DAY + 2 * HOUR, { query: q.id, text: 'Vous livrez en Belgique ?', externalId: 'ask-1' }),
        mention(t0 + 28 * DAY + 3 * HOUR, { query: q.id, text: 'Un réassort prévu ?', externalId: 'ask-2' }),
        mention(t0 + 28 * DAY + 4 * HOUR, { query: '99999999-9999-4999-8999-999999999999', author: '@marque@shop.example', text: 'Oui, jeudi !', replyTo: 'ask-2' }),
      ]);
      await saveAlertSettings(db, ws, { replyTargetHours: 4, ownHandles: ['@marque@shop.example'] }, new Date(t0));
      const now = new Date(t0 + 28 * DAY + 20 * HOUR);
      const first = await evaluateWorkspaceAlerts(db, ws, now);
      const kinds = first.opened.map((a) => a.kind).sort();
      assert.deepEqual(kinds, ['negative-spike', 'reply-overdue', 'watched-author']);
      const watched = first.opened.find((a) => a.kind === 'watched-author');
      assert.equal(watched?.severity, 'warning', 'high priority');
      assert.match(watched?.evidence.text.fr ?? '', /presse.*parle de vous \(2 messages\)/);
      const overdue = first.opened.find((a) => a.kind === 'reply-overdue');
      assert.equal(overdue?.evidence.params.waiting, 1, 'the answered question does not count');
      // Evaluated again later: the same three rows, nothing new.
      const again = await evaluateWorkspaceAlerts(db, ws, new Date(now.getTime() + HOUR));
      assert.equal(again.opened.length, 0);
      assert.equal((await listAlerts(db, ws, { limit: 50 })).length, 3);
    });

    it('the detectors find the same episodes in the series from the rollups as in the raw mentions', async () => {
      const db = database.db;
      const ws = (await insertWorkspace(db, { name: 'Same', now: new Date(t0) })).id;
      const q = await insertQuery(db, ws, { name: 'Savon', kind: 'brand', text: 'savon', now: new Date(t0) });
      const other = await insertQuery(db, ws, { name: 'Rasoir', kind: 'trade', text: 'rasoir', now: new Date(t0) });
      for (let d = 0; d < 30; d++) await insertMentions(db, ws, day(t0 + d * DAY, 4 + (d % 4), d % 2 ? q.id : other.id, d % 9 === 0 ? 1 : 0));
      // A loud evening and night of complaints, across midnight.
      await insertMentions(db, ws, day(t0 + 30 * DAY + 14 * HOUR, 40, q.id, 30));
      await insertMentions(db, ws, day(t0 + 31 * DAY + 14 * HOUR, 5, q.id));
      const kinds = new Set<string>();
      for (const h of [20, 26, 33, 47, 80, 200]) {
        const now = new Date(t0 + 30 * DAY + h * HOUR + 17 * 60_000);
        const buckets = alertSeriesBuckets(now, 35);
        const queryIds = [q.id, other.id];
        const rolled = await readQuerySeries(db, ws, { queryIds, buckets, now });
        const raw = await readQuerySeriesFromMentions(db, ws, { queryIds, buckets });
        for (const id of queryIds) {
          const detect = (points: readonly BucketCount[]) => {
            const s = { span: DAY, points, subject: id };
            return [...detectVolumeSpikes(s), ...detectNegativeSpikes(s)];
          };
          const fromRollups = detect(rolled.get(id) ?? []);
          assert.deepEqual(fromRollups, detect(raw.get(id) ?? []), `${id} at +${h} h`);
          for (const a of fromRollups) kinds.add(a.kind);
        }
      }
      assert.deepEqual([...kinds].sort(), ['negative-spike', 'volume-spike']);
    });
  });
}
