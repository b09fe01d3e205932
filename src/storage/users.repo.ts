import { eq, sql, count } from 'drizzle-orm';
import { fail } from '../core/errors.ts';
import { normaliseEmail, type Locale, type User } from '../core/user.ts';
import type { Db } from './db.ts';
import { isUniqueViolation } from './pg-errors.ts';
import { users } from './schema.ts';

type Row = typeof users.$inferSelect;

const toUser = (r: Row): User => ({
  id: r.id,
  email: r.email,
  name: r.name,
  locale: r.locale === 'en' ? 'en' : 'fr',
  createdAt: r.createdAt,
});

export interface NewUser {
  readonly email: string;
  readonly name: string;
  readonly passwordHash: string;
  readonly locale: Locale;
  readonly now: Date;
}

/** Throws `conflict` when the e-mail is taken (case-insensitive). */
export const insertUser = async (db: Db, u: NewUser): Promise<User> => {
  try {
    const [row] = await db
      .insert(users)
      .values({ email: u.email.trim(), name: u.name, passwordHash: u.passwordHash, locale: u.locale, createdAt: u.now })
      .returning();
    if (!row) throw new Error('insert returned no row');
    return toUser(row);
  } catch (e) {
    if (isUniqueViolation(e)) throw fail('auth.email-taken');
    throw e;
  }
};

export const findUserById = async (db: Db, id: string): Promise<User | null> => {
  const [row] = await db.select().from(users).where(eq(users.id, id));
  return row ? toUser(row) : null;
};

/** The user and the password hash, for the login path only. */
export const findUserCredentials = async (
  db: Db,
  email: string,
): Promise<{ user: User; passwordHash: string } | null> => {
  const [row] = await db
    .select()
    .from(users)
    .where(eq(sql`lower(${users.email})`, normaliseEmail(email)));
  return row ? { user: toUser(row), passwordHash: row.passwordHash } : null;
};

export const countUsers = async (db: Db): Promise<number> => {
  const [row] = await db.select({ n: count() }).from(users);
  return row?.n ?? 0;
};

export const updateUser = async (
  db: Db,
  id: string,
  patch: { name?: string | undefined; locale?: Locale | undefined },
): Promise<User | null> => {
  const values: Partial<Row> = {};
  if (patch.name !== undefined) values.name = patch.name;
  if (patch.locale !== undefined) values.locale = patch.locale;
  if (Object.keys(values).length === 0) return findUserById(db, id);
  const [row] = await db.update(users).set(values).where(eq(users.id, id)).returning();
  return row ? toUser(row) : null;
};

export const setPasswordHash = async (db: Db, id: string, passwordHash: string): Promise<void> => {
  await db.update(users).set({ passwordHash }).where(eq(users.id, id));
};
