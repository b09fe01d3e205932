import { createRoute } from '@hono/zod-openapi';
import { measureSeries } from '../../app/measures/series.ts';
import { shareOfVoice } from '../../app/measures/share-of-voice.ts';
import { measureSeriesSchema, measuresQuerySchema, shareOfVoiceQuerySchema, shareOfVoiceSchema } from '../../core/api/measures.ts';
import type { Api, HttpDeps } from '../context.ts';
import { errorAnswers, jsonAnswer, workspaceParams } from './shared.ts';

const tags = ['measures'];
const readAnswers = { 400: errorAnswers[400], 401: errorAnswers[401], 404: errorAnswers[404] };

const series = createRoute({
  method: 'get',
  path: '/api/v1/workspaces/{workspaceId}/measures',
  tags,
  summary: 'Volume, sentiment mix, unique authors, reach and reputation index per day (or hour, last 7 days), for the workspace or one query',
  request: { params: workspaceParams, query: measuresQuerySchema },
  responses: { 200: jsonAnswer('Measures', measureSeriesSchema), ...readAnswers },
});

const voice = createRoute({
  method: 'get',
  path: '/api/v1/workspaces/{workspaceId}/measures/share-of-voice',
  tags,
  summary: "Share of voice: the brand queries' volume against the competitor queries', per day (or hour) and over the range",
  request: { params: workspaceParams, query: shareOfVoiceQuerySchema },
  responses: { 200: jsonAnswer('Share of voice', shareOfVoiceSchema), ...readAnswers },
});

export const registerMeasureRoutes = (api: Api, deps: HttpDeps): void => {
  const db = deps.database.db;
  api.openapi(series, async (c) => c.json(await measureSeries(db, c.req.valid('param').workspaceId, c.req.valid('query'), deps.clock), 200));
  api.openapi(voice, async (c) => c.json(await shareOfVoice(db, c.req.valid('param').workspaceId, c.req.valid('query'), deps.clock), 200));
};
