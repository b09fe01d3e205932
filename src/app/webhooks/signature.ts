/**
 * Webhook signatures (ADR 0161, docs/webhooks.md): HMAC-SHA256 with the endpoint's secret
 * over `<timestamp>.<body>`, sent as `X-Relais-Signature: t=<unix seconds>,v1=<hex>`.
 * The timestamp is signed so a captured delivery cannot be replayed later than the
 * receiver's tolerance; the comparison is constant-time.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const signatureHeader = 'x-relais-signature';

export const sign = (secret: string, timestamp: number, body: string): string =>
  createHmac('sha256', secret).update(`${timestamp}.${body}`, 'utf8').digest('hex');

export const signatureValue = (secret: string, timestamp: number, body: string): string => `t=${timestamp},v1=${sign(secret, timestamp, body)}`;

export type Verification = { readonly ok: true; readonly timestamp: number } | { readonly ok: false; readonly reason: 'malformed' | 'mismatch' | 'too-old' };

/** What a receiver does: parse the header, recompute, compare in constant time, refuse old timestamps. */
export const verifySignature = (secret: string, header: string | null | undefined, body: string, nowSeconds: number, toleranceSeconds = 300): Verification => {
  if (!header) return { ok: false, reason: 'malformed' };
  const parts = new Map<string, string[]>();
  for (const item of header.split(',')) {
    const eq = item.indexOf('=');
    if (eq <= 0) continue;
    const k = item.slice(0, eq).trim();
    parts.set(k, [...(parts.get(k) ?? []), item.slice(eq + 1).trim()]);
  }
  const t = Number(parts.get('t')?.[0]);
  const candidates = parts.get('v1') ?? [];
  if (!Number.isInteger(t) || candidates.length === 0) return { ok: false, reason: 'malformed' };
  if (Math.abs(nowSeconds - t) > toleranceSeconds) return { ok: false, reason: 'too-old' };
  const expected = Buffer.from(sign(secret, t, body), 'hex');
  const ok = candidates.some((c) => {
    const got = Buffer.from(c, 'hex');
    return got.length === expected.length && timingSafeEqual(got, expected);
  });
  return ok ? { ok: true, timestamp: t } : { ok: false, reason: 'mismatch' };
};
