import { isSecretField } from '../../core/source-secrets.ts';
import { isSealed, seal, unseal } from './seal.ts';

/**
 * A source config's secret fields, sealed for storage and opened for a connector (ADR 0120).
 * The associated data is `<workspace id>/<field>`.
 */
const place = (workspaceId: string, field: string) => `${workspaceId}/${field}`;

/** Seals every plain secret field; already sealed values are kept as they are. */
export const sealConfig = (key: Buffer, workspaceId: string, config: Readonly<Record<string, unknown>>): Record<string, unknown> => {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(config)) out[k] = isSecretField(k) && typeof v === 'string' && !isSealed(v) ? seal(key, v, place(workspaceId, k)) : v;
  return out;
};

/** Opens every sealed secret field (throws SealError when one does not open). */
export const openConfig = (key: Buffer, workspaceId: string, config: Readonly<Record<string, unknown>>): Record<string, unknown> => {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(config)) out[k] = isSecretField(k) && isSealed(v) ? unseal(key, v, place(workspaceId, k)) : v;
  return out;
};

export const hasSealedSecret = (config: Readonly<Record<string, unknown>>): boolean =>
  Object.entries(config).some(([k, v]) => isSecretField(k) && isSealed(v));

/**
 * An update that does not resend a secret keeps the stored one: each secret field absent from
 * `next` is copied (still sealed) from `previous`.
 */
export const keepSecrets = (previous: Readonly<Record<string, unknown>>, next: Readonly<Record<string, unknown>>): Record<string, unknown> => {
  const out: Record<string, unknown> = { ...next };
  for (const [k, v] of Object.entries(previous)) if (isSecretField(k) && out[k] === undefined && v !== undefined) out[k] = v;
  return out;
};
