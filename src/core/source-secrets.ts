/**
 * Secrets of a connected account inside a source's config (ADR 0120): these fields are sealed
 * at rest, never returned by the API (only whether they are set) and never logged.
 */
export const secretFields = ['accessToken', 'appPassword'] as const;
export type SecretField = (typeof secretFields)[number];

export const isSecretField = (k: string): k is SecretField => (secretFields as readonly string[]).includes(k);

/** What the API shows of a secret. */
export interface RedactedSecret {
  readonly set: boolean;
}

/** The config with every secret field replaced by `{ set }`. */
export const redactSecrets = (config: Readonly<Record<string, unknown>>): Record<string, unknown> => {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(config)) out[k] = isSecretField(k) ? ({ set: typeof v === 'string' && v.length > 0 } satisfies RedactedSecret) : v;
  return out;
};
