/**
 * The shapes the API answers with, as the web sees them (DESIGN §3: the web reaches the
 * server only through this client). They follow the HTTP contract of /api/v1.
 */
import type { Network, SentimentLabel } from '../../core/mention.ts';
import type { Locale } from '../../core/user.ts';
import type { Role } from '../../core/workspace.ts';
import type { SourceStatus } from '../../core/source.ts';
import type { QueryKind } from '../../core/listening-query.ts';

export type { Locale, Network, QueryKind, Role, SentimentLabel, SourceStatus };

export interface User {
  id: string;
  email: string;
  name: string;
  locale: Locale;
}

export interface WorkspaceRef {
  id: string;
  name: string;
  role: Role;
}

export interface Session {
  user: User;
  workspaces: WorkspaceRef[];
  csrfToken: string;
}

export interface Workspace {
  id: string;
  name: string;
}

export interface BrandProfile {
  services: string[];
  knowHow: string[];
  differentiators: string[];
  values: string[];
  toneOfVoice: string;
  keywords: string[];
  competitors: string[];
  /** Networks in order of priority, the first matters most. */
  networks: Network[];
}

export interface Member {
  userId: string;
  email: string;
  name: string;
  role: Role;
}

export interface Invitation {
  id: string;
  email: string;
  role: Role;
  createdAt: string;
  expiresAt: string;
}

export interface ApiToken {
  id: string;
  name: string;
  workspaceId: string;
  role: Role;
  createdAt: string;
  lastUsedAt: string | null;
}

export interface CreatedApiToken extends ApiToken {
  /** Shown once. */
  token: string;
}

export interface Mention {
  id: string;
  network: Network;
  url: string | null;
  author: { handle: string | null; name: string | null; url: string | null };
  text: string;
  title: string | null;
  lang: string | null;
  sentiment: { label: SentimentLabel; score: number } | null;
  publishedAt: string;
  sourceId: string | null;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface MentionFilters {
  network?: string;
  lang?: string;
  sentiment?: string;
  q?: string;
  since?: string;
  until?: string;
}

export interface Source {
  id: string;
  kind: Network;
  name: string;
  url: string | null;
  status: SourceStatus;
  lastSuccessAt: string | null;
  lastError: string | null;
  lastErrorAt: string | null;
}

export interface Query {
  id: string;
  name: string;
  kind: QueryKind;
  query: string;
}
