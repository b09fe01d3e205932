/**
 * The shapes the API answers with: the server's own schemas in core/api, imported as
 * types only, so a change of contract breaks the web type check rather than a screen.
 */
import type { Network, SentimentLabel } from '../../core/mention.ts';
import type { Locale } from '../../core/user.ts';
import type { Role } from '../../core/workspace.ts';
import type { SourceStatus } from '../../core/source.ts';
import type { QueryKind } from '../../core/listening-query.ts';
import type { SessionView, UserView, WorkspaceRef } from '../../core/api/auth.ts';
import type { BrandProfileBody, BrandProfileView } from '../../core/api/brand.ts';
import type { CreatedInvitation, InvitationView } from '../../core/api/invitations.ts';
import type { MentionsPage, MentionsQuery, MentionView, QueryView, SourceView } from '../../core/api/listen.ts';
import type { CreatedToken, TokenView } from '../../core/api/tokens.ts';
import type { MemberView, WorkspaceView } from '../../core/api/workspaces.ts';
import type { MeasureGrain, MeasurePoint, MeasureSeries, ShareOfVoice } from '../../core/api/measures.ts';

export type { MeasureGrain, MeasurePoint, MeasureSeries, ShareOfVoice };

export type { Locale, Network, QueryKind, Role, SentimentLabel, SourceStatus, WorkspaceRef };
export type Session = SessionView;
export type User = UserView;
export type Workspace = WorkspaceView;
/** What the brand editor sends: every field, without the server's `updatedAt`. */
export type BrandProfile = BrandProfileBody;
export type BrandProfileSaved = BrandProfileView;
export type Member = MemberView;
export type Invitation = InvitationView;
export type { CreatedInvitation };
export type ApiToken = TokenView;
export type CreatedApiToken = CreatedToken;
export type Mention = MentionView;
export type Page = MentionsPage;
export type MentionFilters = Pick<MentionsQuery, 'network' | 'sourceId' | 'queryId' | 'lang' | 'sentiment' | 'q' | 'since' | 'until'>;
export type Source = SourceView;
export type Query = QueryView;
