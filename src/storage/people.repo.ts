import { and, asc, count, eq, exists, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import { isDid, shownAuthor } from '../core/mention.ts';
import type { Person, PersonDraft, PersonHandle, PersonNetwork, PersonRole } from '../core/person.ts';
import { identityJoinOn, verifiedHandles } from './bluesky-identities.repo.ts';
import type { Db } from './db.ts';
import { blueskyIdentities, people, personHandles } from './schema.ts';

type Row = typeof people.$inferSelect;

const toPerson = (r: Row, handles: readonly PersonHandle[]): Person => ({
  id: r.id,
  workspaceId: r.workspaceId,
  displayName: r.displayName,
  handles,
  profileUrl: r.profileUrl,
  bio: r.bio,
  tags: r.tags,
  roles: r.roles as PersonRole[],
  notes: r.notes,
  createdAt: r.createdAt,
  updatedAt: r.updatedAt,
});

const handlesOf = async (db: Db, personIds: readonly string[]): Promise<Map<string, PersonHandle[]>> => {
  const out = new Map<string, PersonHandle[]>();
  if (personIds.length === 0) return out;
  const rows = await db
    .select()
    .from(personHandles)
    .where(inArray(personHandles.personId, [...personIds]))
    .orderBy(asc(personHandles.network), asc(personHandles.handle));
  for (const h of rows) {
    const list = out.get(h.personId) ?? [];
    list.push({ network: h.network as PersonNetwork, handle: h.handle });
    out.set(h.personId, list);
  }
  return out;
};

/**
 * The handles as reads show them (ADR 0240): a Bluesky handle stored as a DID shows its verified
 * handle, with the DID kept. Writes compare the stored form (`handlesOf`), never this one.
 */
const shownHandlesOf = async (db: Db, personIds: readonly string[]): Promise<Map<string, PersonHandle[]>> => {
  const stored = await handlesOf(db, personIds);
  const dids = [...stored.values()].flat().filter((h) => h.network === 'bluesky' && isDid(h.handle)).map((h) => h.handle);
  if (dids.length === 0) return stored;
  const verified = await verifiedHandles(db, dids);
  const out = new Map<string, PersonHandle[]>();
  for (const [id, list] of stored) {
    out.set(id, list.map((h) => (h.network === 'bluesky' && isDid(h.handle) ? { network: h.network, ...shownAuthor(h.handle, verified.get(h.handle)) } : h)));
  }
  return out;
};

/** The workspace's people by display name, with their handles. */
export const listPeople = async (db: Db, workspaceId: string): Promise<Person[]> => {
  const rows = await db.select().from(people).where(eq(people.workspaceId, workspaceId)).orderBy(asc(people.displayName), asc(people.id));
  const handles = await shownHandlesOf(db, rows.map((r) => r.id));
  return rows.map((r) => toPerson(r, handles.get(r.id) ?? []));
};

/** `%`, `_` and `\\` taken literally in a LIKE pattern. */
const likeLiteral = (s: string): string => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * A page of the workspace's people by display name, with their handles and the total. `q`
 * finds a part of the name, of a handle or of a tag, case-insensitively.
 */
export const searchPeople = async (
  db: Db,
  workspaceId: string,
  o: { readonly q?: string | undefined; readonly limit: number; readonly offset: number },
): Promise<{ items: Person[]; total: number }> => {
  const q = o.q?.trim();
  let where: SQL | undefined = eq(people.workspaceId, workspaceId);
  if (q) {
    const pattern = `%${likeLiteral(q)}%`;
    where = and(
      where,
      or(
        ilike(people.displayName, pattern),
        sql`${people.tags}::text ilike ${pattern}`,
        exists(
          db
            .select({ one: sql`1` })
            .from(personHandles)
            .leftJoin(blueskyIdentities, identityJoinOn(personHandles.network, personHandles.handle))
            .where(
              and(
                eq(personHandles.workspaceId, workspaceId),
                eq(personHandles.personId, people.id),
                or(ilike(personHandles.handle, pattern), ilike(blueskyIdentities.handle, pattern)),
              ),
            ),
        ),
      ),
    );
  }
  const [total] = await db.select({ n: count() }).from(people).where(where);
  const rows = await db.select().from(people).where(where).orderBy(asc(people.displayName), asc(people.id)).limit(o.limit).offset(o.offset);
  const handles = await shownHandlesOf(db, rows.map((r) => r.id));
  return { items: rows.map((r) => toPerson(r, handles.get(r.id) ?? [])), total: Number(total?.n ?? 0) };
};

export const findPerson = async (db: Db, workspaceId: string, id: string): Promise<Person | null> => {
  const [row] = await db.select().from(people).where(and(eq(people.workspaceId, workspaceId), eq(people.id, id)));
  return row ? toPerson(row, (await shownHandlesOf(db, [row.id])).get(row.id) ?? []) : null;
};

export const findPersonByHandle = async (db: Db, workspaceId: string, handle: PersonHandle): Promise<Person | null> => {
  const [h] = await db
    .select({ personId: personHandles.personId })
    .from(personHandles)
    .where(and(eq(personHandles.workspaceId, workspaceId), eq(personHandles.network, handle.network), eq(personHandles.handle, handle.handle)));
  if (!h) return null;
  const [row] = await db.select().from(people).where(eq(people.id, h.personId));
  return row ? toPerson(row, (await handlesOf(db, [row.id])).get(row.id) ?? []) : null;
};

export type SaveOutcome =
  | { readonly kind: 'created' | 'merged' | 'unchanged'; readonly personId: string }
  /** The draft's handles name two or more different people: nothing saved for it. */
  | { readonly kind: 'conflict'; readonly personIds: readonly string[] };

const union = <T>(a: readonly T[], b: readonly T[]): T[] => [...new Set([...a, ...b])];

const saveOne = async (tx: Db, workspaceId: string, d: PersonDraft, now: Date): Promise<SaveOutcome> => {
  const owners = d.handles.length === 0
    ? []
    : await tx
        .selectDistinct({ personId: personHandles.personId })
        .from(personHandles)
        .where(and(eq(personHandles.workspaceId, workspaceId), or(...d.handles.map((h) => and(eq(personHandles.network, h.network), eq(personHandles.handle, h.handle))))));
  if (owners.length > 1) return { kind: 'conflict', personIds: owners.map((o) => o.personId).sort() };
  const owner = owners[0]?.personId;
  if (owner === undefined) {
    const [row] = await tx
      .insert(people)
      .values({
        workspaceId,
        displayName: d.displayName,
        profileUrl: d.profileUrl ?? null,
        bio: d.bio ?? null,
        tags: [...d.tags],
        roles: [...d.roles],
        notes: d.notes ?? null,
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: people.id });
    if (!row) throw new Error('insert returned no row');
    if (d.handles.length > 0) await tx.insert(personHandles).values(d.handles.map((h) => ({ workspaceId, personId: row.id, network: h.network, handle: h.handle })));
    return { kind: 'created', personId: row.id };
  }
  // The same person again: what the draft says wins, lists are merged, handles added.
  const [current] = await tx.select().from(people).where(eq(people.id, owner));
  if (!current) throw new Error('a handle points at no person');
  const next = {
    displayName: d.displayName || current.displayName,
    profileUrl: d.profileUrl ?? current.profileUrl,
    bio: d.bio ?? current.bio,
    tags: union(current.tags, d.tags),
    roles: union(current.roles, d.roles),
    notes: d.notes ?? current.notes,
  };
  const known = (await handlesOf(tx, [owner])).get(owner) ?? [];
  const added = d.handles.filter((h) => !known.some((k) => k.network === h.network && k.handle === h.handle));
  const changed =
    added.length > 0 || next.displayName !== current.displayName || next.profileUrl !== current.profileUrl || next.bio !== current.bio ||
    next.notes !== current.notes || next.tags.length !== current.tags.length || next.roles.length !== current.roles.length;
  if (!changed) return { kind: 'unchanged', personId: owner };
  await tx.update(people).set({ ...next, updatedAt: now }).where(eq(people.id, owner));
  if (added.length > 0) await tx.insert(personHandles).values(added.map((h) => ({ workspaceId, personId: owner, network: h.network, handle: h.handle })));
  return { kind: 'merged', personId: owner };
};

/**
 * Saves people in one transaction, in order: a draft whose handles are unknown is a new person;
 * one whose handles belong to one person merges into it (so re-importing a file, or a file naming
 * someone twice, never duplicates); one whose handles belong to several people is a conflict and
 * is not saved. Either every draft gets its outcome or, on a database error, nothing is saved.
 */
export const savePeople = async (
  db: Db,
  workspaceId: string,
  drafts: readonly PersonDraft[],
  now: Date,
  onProgress?: (done: number, total: number) => void,
): Promise<SaveOutcome[]> =>
  db.transaction(async (tx) => {
    const out: SaveOutcome[] = [];
    for (const d of drafts) {
      out.push(await saveOne(tx, workspaceId, d, now));
      onProgress?.(out.length, drafts.length);
    }
    return out;
  });
