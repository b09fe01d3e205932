/**
 * The typed API client: the only module of the web interface that calls fetch.
 * It sends the session cookie, adds the CSRF header to every state-changing request,
 * and turns the error envelope `{ error: { code, message } }` into an ApiError.
 */
import type {
  ApiToken,
  BrandProfile,
  BrandProfileSaved,
  CreatedApiToken,
  CreatedInvitation,
  Invitation,
  Locale,
  Member,
  MentionFilters,
  Page,
  Query,
  Role,
  Session,
  Source,
  User,
  Workspace,
} from './types.ts';
import type { CreateSourceBody, SourceDetail, SourcePreview, UpdateSourceBody } from '../../core/api/sources.ts';
import type { PeoplePage, PeopleQuery, PersonView } from '../../core/api/people.ts';
import type { CreateImportRunBody, ImportBody, ImportReportView, ImportRunsView, ImportRunView } from '../../core/api/imports.ts';
import type { CreateQueryBody, QueryPreview, QueryValidation, UpdateQueryBody } from '../../core/api/listen-queries.ts';
import { errorCodes, type ErrorCode } from '../../core/errors.ts';
import { isServerMessageKey, type Problem } from '../../core/messages.ts';
import type {
  AlertSettingsView,
  AlertsResponse,
  AlertView,
  CreatedWebhook,
  CreateWatchedBody,
  CreateWebhookBody,
  UpdateWebhookBody,
  WatchedAuthorView,
  WebhookDeliveryView,
  WebhookEndpointView,
} from '../../core/api/alerts.ts';
import type { TrendsView } from '../../core/api/trends.ts';
import type { AlertStatus } from '../../core/alerting.ts';
import type { MeasureSeries, MeasuresQuery, ShareOfVoice, ShareOfVoiceQuery } from '../../core/api/measures.ts';

/** `network` when the server could not be reached; otherwise the server's stable code. */
export type ApiErrorCode = 'network' | ErrorCode;

export class ApiError extends Error {
  readonly code: ApiErrorCode;
  readonly status: number;
  /** The server's problems (message keys and parameters), rendered in the interface's language (ADR 0220). */
  readonly problems: readonly Problem[];
  constructor(code: ApiErrorCode, message: string, status: number, problems: readonly Problem[] = []) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.status = status;
    this.problems = problems;
  }
}

export const isApiError = (e: unknown): e is ApiError => e instanceof ApiError;

const knownCodes: ReadonlySet<string> = new Set<ApiErrorCode>(errorCodes);

/** The problems of an envelope that this interface knows the words of; none when any is unknown. */
const problemsOf = (raw: unknown): Problem[] => {
  if (!Array.isArray(raw)) return [];
  const out: Problem[] = [];
  for (const p of raw as unknown[]) {
    const key = (p as { key?: unknown } | null)?.key;
    if (!isServerMessageKey(key)) return [];
    const params = (p as { params?: unknown }).params;
    out.push(params && typeof params === 'object' ? { key, params: params as NonNullable<Problem['params']> } : { key });
  }
  return out;
};

const codeForStatus = (status: number): ApiErrorCode => {
  if (status === 400 || status === 422) return 'bad-request';
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not-found';
  if (status === 409) return 'conflict';
  if (status === 413) return 'payload-too-large';
  if (status === 429) return 'rate-limited';
  if (status === 503) return 'unavailable';
  return 'internal';
};

let csrfToken: string | null = null;
let requestLocale: Locale | null = null;

/** The language the interface shows: sent as Accept-Language, so that the server's messages come in it. */
export const setRequestLocale = (locale: Locale): void => {
  requestLocale = locale;
};
let onUnauthorized: (() => void) | null = null;

/**
 * Called when a request made with a session answers 401: the session ended on the server
 * (expired, signed out elsewhere). Sign-in and the first session probe handle 401 themselves.
 */
export const setUnauthorizedHandler = (handler: (() => void) | null): void => {
  onUnauthorized = handler;
};

/** Called with the token of every session answer (setup, login, me). */
const remember = <T extends { csrfToken: string | null }>(body: T): T => {
  if (typeof body.csrfToken === 'string') csrfToken = body.csrfToken;
  return body;
};

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

const request = async <T>(method: Method, path: string, body?: unknown, opts: { quiet401?: boolean; raw?: Blob } = {}): Promise<T> => {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (requestLocale) headers['accept-language'] = requestLocale;
  if (opts.raw) headers['content-type'] = 'application/octet-stream';
  else if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch(`/api/v1${path}`, {
      method,
      headers,
      credentials: 'same-origin',
      // A file goes as it is: the browser streams it from disk, never whole in memory.
      body: opts.raw ?? (body === undefined ? undefined : JSON.stringify(body)),
    });
  } catch (e) {
    throw new ApiError('network', (e as Error).message || 'network error', 0);
  }
  const text = await res.text();
  let parsed: unknown = undefined;
  if (text) {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
  }
  if (!res.ok) {
    const envelope = (parsed as { error?: { code?: unknown; message?: unknown; problems?: unknown } } | undefined)?.error;
    const code =
      typeof envelope?.code === 'string' && knownCodes.has(envelope.code)
        ? (envelope.code as ApiErrorCode)
        : codeForStatus(res.status);
    const message = typeof envelope?.message === 'string' ? envelope.message : `${res.status} ${res.statusText}`;
    if (res.status === 401 && !opts.quiet401) onUnauthorized?.();
    throw new ApiError(code, message, res.status, problemsOf(envelope?.problems));
  }
  return parsed as T;
};

const enc = encodeURIComponent;

const queryString = (params: Record<string, string | number | undefined | null>): string => {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  }
  const s = q.toString();
  return s ? `?${s}` : '';
};

// --- setup and session ---------------------------------------------------------------

export const getSetup = () => request<{ needsSetup: boolean }>('GET', '/setup');

export const postSetup = async (input: {
  email: string;
  name: string;
  password: string;
  workspaceName: string;
  locale?: Locale;
}): Promise<Session> => remember(await request<Session>('POST', '/setup', input));

export const login = async (input: { email: string; password: string }): Promise<Session> =>
  remember(await request<Session>('POST', '/auth/login', input, { quiet401: true }));

export const logout = async (): Promise<void> => {
  await request<unknown>('POST', '/auth/logout', {}, { quiet401: true });
  csrfToken = null;
};

export const getMe = async (): Promise<Session> => remember(await request<Session>('GET', '/me', undefined, { quiet401: true }));

export const patchMe = (input: { name?: string; locale?: Locale }) =>
  request<{ user: User }>('PATCH', '/me', input);

// --- personal API tokens ---------------------------------------------------------------

export const listTokens = () => request<{ items: ApiToken[] }>('GET', '/me/tokens');

export const createToken = (input: { name: string; workspaceId: string; role: Role }) =>
  request<CreatedApiToken>('POST', '/me/tokens', input);

export const revokeToken = (tokenId: string) => request<unknown>('DELETE', `/me/tokens/${enc(tokenId)}`);

// --- workspaces --------------------------------------------------------------------------

export const createWorkspace = (input: { name: string }) => request<Workspace>('POST', '/workspaces', input);

export const getWorkspace = (workspaceId: string) => request<Workspace>('GET', `/workspaces/${enc(workspaceId)}`);

export const patchWorkspace = (workspaceId: string, input: { name: string }) =>
  request<Workspace>('PATCH', `/workspaces/${enc(workspaceId)}`, input);

export const getBrand = (workspaceId: string) => request<BrandProfileSaved>('GET', `/workspaces/${enc(workspaceId)}/brand`);

export const putBrand = (workspaceId: string, brand: BrandProfile) =>
  request<BrandProfileSaved>('PUT', `/workspaces/${enc(workspaceId)}/brand`, brand);

// --- members and invitations -------------------------------------------------------------

export const listMembers = (workspaceId: string) =>
  request<{ items: Member[] }>('GET', `/workspaces/${enc(workspaceId)}/members`);

export const patchMember = (workspaceId: string, userId: string, input: { role: Role }) =>
  request<Member>('PATCH', `/workspaces/${enc(workspaceId)}/members/${enc(userId)}`, input);

export const removeMember = (workspaceId: string, userId: string) =>
  request<unknown>('DELETE', `/workspaces/${enc(workspaceId)}/members/${enc(userId)}`);

export const listInvitations = (workspaceId: string) =>
  request<{ items: Invitation[] }>('GET', `/workspaces/${enc(workspaceId)}/invitations`);

/** The secret token comes only in this answer; the link built from it cannot be shown again later. */
export const createInvitation = (workspaceId: string, input: { email: string; role: Role }) =>
  request<CreatedInvitation>('POST', `/workspaces/${enc(workspaceId)}/invitations`, input);

export const revokeInvitation = (workspaceId: string, invitationId: string) =>
  request<unknown>('DELETE', `/workspaces/${enc(workspaceId)}/invitations/${enc(invitationId)}`);

export const acceptInvitation = async (input: { token: string; name?: string; password?: string }): Promise<Session> =>
  remember(await request<Session>('POST', '/invitations/accept', input, { quiet401: true }));

// --- listening ---------------------------------------------------------------------------

export const listMentions = (
  workspaceId: string,
  filters: MentionFilters & { limit?: number; cursor?: string | null },
) =>
  request<Page>(
    'GET',
    `/workspaces/${enc(workspaceId)}/mentions${queryString({ ...filters })}`,
  );

export const listSources = (workspaceId: string) =>
  request<{ items: Source[] }>('GET', `/workspaces/${enc(workspaceId)}/sources`);

export const listQueries = (workspaceId: string) =>
  request<{ items: Query[] }>('GET', `/workspaces/${enc(workspaceId)}/queries`);

// --- measures (read from the rollups) --------------------------------------------------

export const getMeasures = (workspaceId: string, q: MeasuresQuery) =>
  request<MeasureSeries>('GET', `/workspaces/${enc(workspaceId)}/measures${queryString({ ...q })}`);

export const getShareOfVoice = (workspaceId: string, q: ShareOfVoiceQuery) =>
  request<ShareOfVoice>('GET', `/workspaces/${enc(workspaceId)}/measures/share-of-voice${queryString({ ...q })}`);

// --- sources: preview, add, inspect, pause, fetch now, delete; imports -------------------

const sourcesPath = (workspaceId: string) => `/workspaces/${enc(workspaceId)}/sources`;

export const previewSource = (workspaceId: string, input: CreateSourceBody) =>
  request<SourcePreview>('POST', `${sourcesPath(workspaceId)}/preview`, input);

export const createSource = (workspaceId: string, input: CreateSourceBody) =>
  request<SourceDetail>('POST', sourcesPath(workspaceId), input);

export const getSource = (workspaceId: string, sourceId: string) =>
  request<SourceDetail>('GET', `${sourcesPath(workspaceId)}/${enc(sourceId)}`);

export const patchSource = (workspaceId: string, sourceId: string, input: UpdateSourceBody) =>
  request<SourceDetail>('PATCH', `${sourcesPath(workspaceId)}/${enc(sourceId)}`, input);

export const deleteSource = (workspaceId: string, sourceId: string) =>
  request<unknown>('DELETE', `${sourcesPath(workspaceId)}/${enc(sourceId)}`);

export const fetchSourceNow = (workspaceId: string, sourceId: string) =>
  request<{ sourceId: string; queued: boolean }>('POST', `${sourcesPath(workspaceId)}/${enc(sourceId)}/fetch`);

export const importFile = (workspaceId: string, input: ImportBody) =>
  request<ImportReportView>('POST', `/workspaces/${enc(workspaceId)}/imports`, input);

// Followed imports (ADR 0200, 0250): created, then the file sent as one upload; the server imports
// it in the background and its progress is read until it is over.
const importRunsPath = (workspaceId: string) => `/workspaces/${enc(workspaceId)}/import-runs`;

export const createImportRun = (workspaceId: string, input: CreateImportRunBody) =>
  request<ImportRunView>('POST', importRunsPath(workspaceId), input);

export const listImportRuns = (workspaceId: string) => request<ImportRunsView>('GET', importRunsPath(workspaceId));

export const getImportRun = (workspaceId: string, importId: string) =>
  request<ImportRunView>('GET', `${importRunsPath(workspaceId)}/${enc(importId)}`);

export const uploadImportFile = (workspaceId: string, importId: string, file: Blob) =>
  request<ImportRunView>('PUT', `${importRunsPath(workspaceId)}/${enc(importId)}/file`, undefined, { raw: file });

/** The refused lines as a CSV download (a plain link: the session cookie goes with it), the reasons in `lang`. */
export const importRefusedCsvUrl = (workspaceId: string, importId: string, lang: string) =>
  `/api/v1${importRunsPath(workspaceId)}/${enc(importId)}/refused.csv?lang=${enc(lang)}`;

// --- people ---------------------------------------------------------------------------

export const listPeople = (workspaceId: string, q: PeopleQuery) =>
  request<PeoplePage>('GET', `/workspaces/${enc(workspaceId)}/people${queryString({ ...q })}`);

export const getPerson = (workspaceId: string, personId: string) =>
  request<PersonView>('GET', `/workspaces/${enc(workspaceId)}/people/${enc(personId)}`);

const queriesPath = (workspaceId: string) => `/workspaces/${enc(workspaceId)}/queries`;

export const validateQuery = (workspaceId: string, input: { query: string; locale?: Locale }) =>
  request<QueryValidation>('POST', `${queriesPath(workspaceId)}/validate`, input);

export const previewQuery = (workspaceId: string, input: { query: string; limit?: number; locale?: Locale }) =>
  request<QueryPreview>('POST', `${queriesPath(workspaceId)}/preview`, input);

export const createQuery = (workspaceId: string, input: CreateQueryBody) => request<Query>('POST', queriesPath(workspaceId), input);

export const patchQuery = (workspaceId: string, queryId: string, input: UpdateQueryBody) =>
  request<Query>('PATCH', `${queriesPath(workspaceId)}/${enc(queryId)}`, input);

export const deleteQuery = (workspaceId: string, queryId: string) =>
  request<unknown>('DELETE', `${queriesPath(workspaceId)}/${enc(queryId)}`);

// --- alerts, watch list, alert settings, trends, webhooks --------------------------------

const wsPath = (workspaceId: string) => `/workspaces/${enc(workspaceId)}`;

export const listAlerts = (workspaceId: string, filters: { status?: AlertStatus; limit?: number } = {}) =>
  request<AlertsResponse>('GET', `${wsPath(workspaceId)}/alerts${queryString({ ...filters })}`);

export const setAlertStatus = (workspaceId: string, alertId: string, status: AlertStatus) =>
  request<AlertView>('PATCH', `${wsPath(workspaceId)}/alerts/${enc(alertId)}`, { status });

export const listWatchList = (workspaceId: string) => request<{ items: WatchedAuthorView[] }>('GET', `${wsPath(workspaceId)}/watch-list`);

export const addWatched = (workspaceId: string, input: CreateWatchedBody) => request<WatchedAuthorView>('POST', `${wsPath(workspaceId)}/watch-list`, input);

export const removeWatched = (workspaceId: string, watchedId: string) => request<unknown>('DELETE', `${wsPath(workspaceId)}/watch-list/${enc(watchedId)}`);

export const getAlertSettings = (workspaceId: string) => request<AlertSettingsView>('GET', `${wsPath(workspaceId)}/alert-settings`);

export const putAlertSettings = (workspaceId: string, input: AlertSettingsView) => request<AlertSettingsView>('PUT', `${wsPath(workspaceId)}/alert-settings`, input);

export const getTrends = (workspaceId: string, input: { queryId?: string; window: TrendsView['window'] }) =>
  request<TrendsView>('GET', `${wsPath(workspaceId)}/trends${queryString({ ...input })}`);

export const listWebhooks = (workspaceId: string) => request<{ items: WebhookEndpointView[] }>('GET', `${wsPath(workspaceId)}/webhooks`);

/** The signing secret comes only in this answer. */
export const createWebhook = (workspaceId: string, input: CreateWebhookBody) => request<CreatedWebhook>('POST', `${wsPath(workspaceId)}/webhooks`, input);

export const patchWebhook = (workspaceId: string, webhookId: string, input: UpdateWebhookBody) =>
  request<WebhookEndpointView>('PATCH', `${wsPath(workspaceId)}/webhooks/${enc(webhookId)}`, input);

export const deleteWebhook = (workspaceId: string, webhookId: string) => request<unknown>('DELETE', `${wsPath(workspaceId)}/webhooks/${enc(webhookId)}`);

export const listDeliveries = (workspaceId: string, webhookId: string) =>
  request<{ items: WebhookDeliveryView[] }>('GET', `${wsPath(workspaceId)}/webhooks/${enc(webhookId)}/deliveries`);

export const testWebhook = (workspaceId: string, webhookId: string) =>
  request<{ deliveryId: string; queued: boolean; delivery: WebhookDeliveryView | null }>('POST', `${wsPath(workspaceId)}/webhooks/${enc(webhookId)}/test`);
