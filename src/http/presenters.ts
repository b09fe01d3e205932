import type { SessionView, UserView, WorkspaceRef } from '../core/api/auth.ts';
import type { BrandProfileView } from '../core/api/brand.ts';
import type { InvitationView } from '../core/api/invitations.ts';
import type { MentionView, QueryView, SourceView } from '../core/api/listen.ts';
import type { TokenView } from '../core/api/tokens.ts';
import type { MemberView, WorkspaceView } from '../core/api/workspaces.ts';
import type { BrandProfile } from '../core/brand.ts';
import type { ListeningQuery } from '../core/listening-query.ts';
import type { Mention } from '../core/mention.ts';
import type { ApiToken, Invitation } from '../core/session.ts';
import type { Source } from '../core/source.ts';
import type { Locale, User } from '../core/user.ts';
import { renderReason } from '../core/messages.ts';
import type { Member, Role, Workspace, WorkspaceSummary } from '../core/workspace.ts';

// Core types to the JSON the API promises (core/api): dates as ISO strings, absent values as null.

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

export const userView = (u: User): UserView => ({ id: u.id, email: u.email, name: u.name, locale: u.locale });

export const workspaceRef = (w: WorkspaceSummary): WorkspaceRef => ({ id: w.id, name: w.name, role: w.role });

export const sessionView = (user: User, workspaces: readonly WorkspaceSummary[], csrfToken: string | null): SessionView => ({
  user: userView(user),
  workspaces: workspaces.map(workspaceRef),
  csrfToken,
});

export const workspaceView = (w: Workspace, role: Role): WorkspaceView => ({
  id: w.id,
  name: w.name,
  role,
  createdAt: w.createdAt.toISOString(),
});

export const memberView = (m: Member): MemberView => ({
  userId: m.userId,
  email: m.email,
  name: m.name,
  role: m.role,
  joinedAt: m.joinedAt.toISOString(),
});

export const invitationView = (i: Invitation): InvitationView => ({
  id: i.id,
  email: i.email,
  role: i.role,
  createdAt: i.createdAt.toISOString(),
  expiresAt: i.expiresAt.toISOString(),
});

export const tokenView = (t: ApiToken): TokenView => ({
  id: t.id,
  name: t.name,
  workspaceId: t.workspaceId,
  role: t.role,
  createdAt: t.createdAt.toISOString(),
  lastUsedAt: iso(t.lastUsedAt),
});

export const brandView = (b: BrandProfile): BrandProfileView => ({
  services: [...b.services],
  knowHow: [...b.knowHow],
  differentiators: [...b.differentiators],
  values: [...b.values],
  toneOfVoice: b.toneOfVoice,
  keywords: [...b.keywords],
  competitors: [...b.competitors],
  networks: [...b.networks],
  updatedAt: iso(b.updatedAt),
});

export const mentionView = (m: Mention): MentionView => ({
  id: m.id,
  network: m.network,
  url: m.url ?? null,
  author: { handle: m.author.handle, did: m.author.did ?? null, name: m.author.name ?? null, url: m.author.url ?? null },
  text: m.text,
  title: m.title ?? null,
  lang: m.lang,
  sentiment: m.sentiment ? { label: m.sentiment.label, score: m.sentiment.score } : null,
  publishedAt: m.publishedAt.toISOString(),
  sourceId: m.sourceId,
});

/** A source, its last error said in `locale` when it was stored with a key (ADR 0250). */
export const sourceView = (s: Source, locale: Locale): SourceView => ({
  id: s.id,
  kind: s.kind,
  name: s.name,
  url: s.url,
  status: s.status,
  lastSuccessAt: iso(s.lastSuccessAt),
  lastError: s.lastError === null ? null : renderReason({ text: s.lastError, problem: s.lastErrorProblem }, locale),
  lastErrorAt: iso(s.lastErrorAt),
});

export const queryView = (q: ListeningQuery): QueryView => ({ id: q.id, name: q.name, kind: q.kind, query: q.text });
