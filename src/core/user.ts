/** A person who signs in. Users are global; what they may see comes from their memberships. */
export const locales = ['fr', 'en'] as const;
export type Locale = (typeof locales)[number];
export const isLocale = (v: unknown): v is Locale => v === 'fr' || v === 'en';

export interface User {
  readonly id: string;
  /** As typed at sign-up; uniqueness is case-insensitive. */
  readonly email: string;
  readonly name: string;
  readonly locale: Locale;
  readonly createdAt: Date;
}

/** Canonical form used for look-ups and uniqueness: trimmed, lower case. */
export const normaliseEmail = (email: string): string => email.trim().toLowerCase();
