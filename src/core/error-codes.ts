/** The stable codes of the error envelope, one per kind of failure (ADR 0220 keeps them; messages have their own keys). */
export type ErrorCode =
  | 'bad-request'
  | 'unauthorized'
  | 'forbidden'
  | 'not-found'
  | 'conflict'
  | 'payload-too-large'
  | 'rate-limited'
  | 'invalid-query'
  | 'unavailable'
  | 'internal';

/** Every error code, for the tests and the web client. */
export const errorCodes: readonly ErrorCode[] = [
  'bad-request',
  'unauthorized',
  'forbidden',
  'not-found',
  'conflict',
  'payload-too-large',
  'rate-limited',
  'invalid-query',
  'unavailable',
  'internal',
];
