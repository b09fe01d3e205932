import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { targets, type TestDatabase } from './testing/databases.ts';
import { purgeExpiredRows } from './maintenance.repo.ts';

const now = new Date('2026-11-22T12:00:00Z');
const hoursAgo = (h: number) => new Date(now.getTime() - h * 3600_000).toISOString();

for (const target of targets) {
  describe(`purgeExpiredRows on ${target.name}`, { skip: await target.skip() }, () => {
    let db: TestDatabase;
    before(async () => {
      db = await target.open();
    });
    after(() => db.close());

    it('deletes expired and idle sessions, old unaccepted invitations and old login attempts, and keeps the rest', async () => {
      const [u] = await db.query<{ id: string }>(
        `insert into users (email, name, password_hash, locale, created_at) values ('a@example.org', 'A', 'x', 'fr', now()) returning id`,
      );
      const [w] = await db.query<{ id: string }>(`insert into workspaces (name, created_at) values ('W', now()) returning id`);
      const session = (hash: string, lastSeen: string, expires: string) =>
        db.query(
          `insert into sessions (token_hash, user_id, csrf_token, created_at, last_seen_at, expires_at) values ($1, $2, 'c', $3, $3, $4)`,
          [hash, u?.id, lastSeen, expires],
        );
      await session('live', hoursAgo(1), hoursAgo(-100));
      await session('expired', hoursAgo(1), hoursAgo(1));
      await session('idle', hoursAgo(200), hoursAgo(-100));
      const invite = (hash: string, expires: string, accepted: string | null) =>
        db.query(
          `insert into invitations (workspace_id, email, role, token_hash, created_at, expires_at, accepted_at) values ($1, 'b@example.org', 'viewer', $2, $3, $3, $4)`,
          [w?.id, hash, expires, accepted],
        );
      await invite('recent', hoursAgo(24), null);
      await invite('old', hoursAgo(24 * 40), null);
      await invite('accepted', hoursAgo(24 * 40), hoursAgo(24 * 41));
      await db.query(`insert into login_attempts (email, ip, succeeded, at) values ('a@example.org', '1.2.3.4', false, $1), ('a@example.org', '1.2.3.4', false, $2)`, [
        hoursAgo(1),
        hoursAgo(48),
      ]);

      const counts = await purgeExpiredRows(db.db, now, { sessionIdleMs: 168 * 3600_000, attemptsKeepMs: 24 * 3600_000 });
      assert.deepEqual(counts, { sessions: 2, invitations: 1, loginAttempts: 1 });
      const left = await db.query<{ token_hash: string }>('select token_hash from sessions order by token_hash');
      assert.deepEqual(left.map((r) => r.token_hash), ['live']);
      const invites = await db.query<{ token_hash: string }>('select token_hash from invitations order by token_hash');
      assert.deepEqual(invites.map((r) => r.token_hash), ['accepted', 'recent']);
      // A second run finds nothing more: the task is idempotent.
      assert.deepEqual(await purgeExpiredRows(db.db, now, { sessionIdleMs: 168 * 3600_000, attemptsKeepMs: 24 * 3600_000 }), {
        sessions: 0,
        invitations: 0,
        loginAttempts: 0,
      });
    });
  });
}
