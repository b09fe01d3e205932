import { z } from 'zod';
import { errorEnvelopeSchema } from '../../core/api/common.ts';

// Building blocks of route declarations: JSON bodies and answers, and the error answers every route may give.

export const jsonBody = <T extends z.ZodType>(schema: T) => ({
  required: true,
  content: { 'application/json': { schema } },
});

export const jsonAnswer = <T extends z.ZodType>(description: string, schema: T) => ({
  description,
  content: { 'application/json': { schema } },
});

const envelope = (description: string) => jsonAnswer(description, errorEnvelopeSchema);

export const errorAnswers = {
  400: envelope('Malformed JSON, wrong types or unknown fields (bad-request)'),
  401: envelope('Not signed in (unauthorized)'),
  403: envelope('Role too weak, or CSRF token missing (forbidden)'),
  404: envelope('No such resource in a workspace you belong to (not-found)'),
} as const;

export const workspaceParams = z.object({ workspaceId: z.string() });
