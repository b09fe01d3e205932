import type { Clock } from '../../core/clock.ts';
import { fail } from '../../core/errors.ts';
import { isUuid } from '../../core/ids.ts';
import type { Member, Role } from '../../core/workspace.ts';
import { revokeApiTokensOfMember } from '../../storage/api-tokens.repo.ts';
import type { Db } from '../../storage/db.ts';
import { countOwners, findRole, listMembers, removeMembership, setRole } from '../../storage/memberships.repo.ts';
import { lockWorkspace } from '../../storage/workspaces.repo.ts';

export const listWorkspaceMembers = (db: Db, workspaceId: string): Promise<Member[]> => listMembers(db, workspaceId);

const noSuchMember = () => fail('member.not-found');
const lastOwner = () =>
  fail('member.last-owner');

/**
 * Changes a member's role. Under a lock on the workspace, so two owners
 * demoting each other at once cannot leave it without an owner.
 */
export const changeMemberRole = (db: Db, workspaceId: string, userId: string, role: Role): Promise<Member> =>
  db.transaction(async (tx) => {
    if (!isUuid(userId)) throw noSuchMember();
    await lockWorkspace(tx, workspaceId);
    const held = await findRole(tx, workspaceId, userId);
    if (!held) throw noSuchMember();
    if (held === 'owner' && role !== 'owner' && (await countOwners(tx, workspaceId)) <= 1) throw lastOwner();
    await setRole(tx, workspaceId, userId, role);
    const member = (await listMembers(tx, workspaceId)).find((m) => m.userId === userId);
    if (!member) throw noSuchMember();
    return member;
  });

/** Removes a member (their API tokens for this workspace die too); the last owner stays. */
export const removeMember = (db: Db, workspaceId: string, userId: string, clock: Clock): Promise<void> =>
  db.transaction(async (tx) => {
    if (!isUuid(userId)) throw noSuchMember();
    await lockWorkspace(tx, workspaceId);
    const held = await findRole(tx, workspaceId, userId);
    if (!held) throw noSuchMember();
    if (held === 'owner' && (await countOwners(tx, workspaceId)) <= 1) throw lastOwner();
    await removeMembership(tx, workspaceId, userId);
    await revokeApiTokensOfMember(tx, workspaceId, userId, clock.now());
  });
