import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { targets, type TestDatabase } from '../storage/testing/databases.ts';
import { fixedClock } from '../core/clock.ts';
import { createAccountWithWorkspace, setupFirstAdmin } from './auth/accounts.ts';
import { startSession, validateSession } from './auth/sessions.ts';
import { acceptInvitation, createInvitation, listInvitations } from './workspaces/invitations.ts';
import { listWorkspaceMembers } from './workspaces/members.ts';
import { noteLoginResult, defaultLoginLimits } from './auth/rate-limit.ts';
import { purgeExpired } from './maintenance.ts';

const hour = 3600_000;
const policy = { idleMs: 2 * hour, maxMs: 48 * hour };

for (const target of targets) {
  describe(`maintenance, setup and invitation races on ${target.name}`, { skip: await target.skip() }, () => {
    let database: TestDatabase;
    before(async () => {
      database = await target.open();
    });
    after(() => database.close());

    it('lets exactly one of two simultaneous first-run setups win', async () => {
      const clock = fixedClock('2026-11-01T00:00:00Z');
      const results = await Promise.allSettled([
        setupFirstAdmin(database.db, { email: 'one@example.org', name: 'One', password: 'password one!' }, 'One', clock),
        setupFirstAdmin(database.db, { email: 'two@example.org', name: 'Two', password: 'password two!' }, 'Two', clock),
      ]);
      assert.deepEqual(results.map((r) => r.status).sort(), ['fulfilled', 'rejected']);
      const lost = results.find((r) => r.status === 'rejected');
      assert.equal((lost as PromiseRejectedResult).reason.code, 'conflict');
    });

    it('accepts an invitation link once even when two new accounts race for it', async () => {
      const clock = fixedClock('2026-11-01T12:00:00Z');
      const { user, workspace } = await createAccountWithWorkspace(
        database.db,
        { email: 'inviter@example.org', name: 'I', password: 'password inviter' },
        'Race',
        clock,
      );
      const { token } = await createInvitation(database.db, workspace.id, { email: 'racer@example.org', role: 'editor', invitedBy: user.id }, clock);
      const results = await Promise.allSettled([
        acceptInvitation(database.db, { token, name: 'Racer 1', password: 'password racer' }, clock),
        acceptInvitation(database.db, { token, name: 'Racer 2', password: 'password racer' }, clock),
      ]);
      assert.deepEqual(results.map((r) => r.status).sort(), ['fulfilled', 'rejected']);
      const members = await listWorkspaceMembers(database.db, workspace.id);
      assert.deepEqual(members.map((m) => m.email).sort(), ['inviter@example.org', 'racer@example.org']);
    });

    it('purges expired sessions, unaccepted expired invitations and old login attempts, and only those', async () => {
      const clock = fixedClock('2026-11-02T00:00:00Z');
      const { user, workspace } = await createAccountWithWorkspace(
        database.db,
        { email: 'purge@example.org', name: 'P', password: 'password purge' },
        'Purge',
        clock,
      );
      const old = await startSession(database.db, user.id, clock, policy);
      await createInvitation(database.db, workspace.id, { email: 'old@example.org', role: 'viewer', invitedBy: user.id }, clock);
      await noteLoginResult(database.db, { email: 'purge@example.org', ip: '192.0.2.1' }, false, clock.now(), defaultLoginLimits);
      clock.advance(49 * hour);
      await createInvitation(database.db, workspace.id, { email: 'new@example.org', role: 'viewer', invitedBy: user.id }, clock);
      clock.advance(7 * 24 * hour - 49 * hour + hour); // the first invitation is now past its 7 days, the second is not

      const live = await startSession(database.db, user.id, clock, policy);
      const counts = await purgeExpired(database.db, clock);
      assert.ok(counts.sessions >= 1, `sessions ${counts.sessions}`);
      assert.equal(counts.invitations, 1);
      assert.ok(counts.loginAttempts >= 1);
      assert.equal(await validateSession(database.db, old.token, clock, { idleMs: 365 * 24 * hour, maxMs: policy.maxMs }), null);
      const pending = await listInvitations(database.db, workspace.id, clock);
      assert.deepEqual(pending.map((i) => i.email), ['new@example.org']);
      const again = await purgeExpired(database.db, clock);
      assert.equal(again.invitations, 0, 'idempotent');
      assert.ok(await validateSession(database.db, live.token, clock, policy), 'a live session survives');
    });
  });
}
