import { z } from 'zod';
import { resolve } from 'node:path';

/**
 * Configuration is read once at boot from the environment and validated here;
 * nothing else reads process.env. A bad configuration yields the whole list of
 * problems at once.
 */
const intIn = (min: number, max: number, dflt: number) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v === '') return dflt;
      const n = Number(v);
      if (!Number.isInteger(n) || n < min || n > max) {
        ctx.addIssue({ code: 'custom', message: `must be a whole number from ${min} to ${max}, got "${v}"` });
        return z.NEVER;
      }
      return n;
    });

const flag = (dflt: boolean) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v === '') return dflt;
      if (['1', 'true', 'yes', 'on'].includes(v.toLowerCase())) return true;
      if (['0', 'false', 'no', 'off'].includes(v.toLowerCase())) return false;
      ctx.addIssue({ code: 'custom', message: `must be true or false, got "${v}"` });
      return z.NEVER;
    });

const envSchema = z.object({
  PORT: intIn(1, 65535, 3000),
  HOST: z.string().optional().default('0.0.0.0'),
  RELAIS_DATA_DIR: z.string().optional().default('./data'),
  DATABASE_URL: z
    .string()
    .optional()
    .refine((v) => !v || /^postgres(ql)?:\/\//.test(v), 'must start with postgres:// or postgresql://'),
  RELAIS_PUBLIC_URL: z
    .string()
    .optional()
    .refine((v) => !v || /^https?:\/\/[^/]+/.test(v), 'must be an absolute http(s) URL, e.g. https://relais.example.org'),
  RELAIS_TRUST_PROXY: flag(false),
  RELAIS_SESSION_IDLE_HOURS: intIn(1, 24 * 90, 24 * 7),
  RELAIS_SESSION_MAX_HOURS: intIn(1, 24 * 365, 24 * 30),
  RELAIS_MAX_BODY_BYTES: intIn(1024, 100 * 1024 * 1024, 1024 * 1024),
  RELAIS_MAX_IMPORT_BYTES: intIn(1024, 16 * 1024 * 1024 * 1024, 1024 * 1024 * 1024),
  RELAIS_IMPORT_LEASE_SECONDS: intIn(3, 3600, 30),
  RELAIS_ALLOW_PRIVATE_NETWORKS: flag(false),
  RELAIS_DEMO: flag(true),
  RELAIS_WORKERS: flag(true),
  RELAIS_LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).optional().default('info'),
  RELAIS_BLUESKY_JETSTREAM_URL: z
    .string()
    .optional()
    .refine((v) => !v || v === 'off' || /^wss?:\/\/[^/]+/.test(v), 'must be a ws:// or wss:// URL, or off'),
  RELAIS_BLUESKY_PLC_URL: z
    .string()
    .optional()
    .refine((v) => !v || v === 'off' || /^https?:\/\/[^/]+/.test(v), 'must be an http(s) URL, or off'),
  RELAIS_SECRET_KEY: z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v.trim() === '') return undefined;
      const key = parseSecretKey(v.trim());
      if (!key) {
        ctx.addIssue({ code: 'custom', message: 'must be 32 random bytes as 64 hexadecimal characters or base64 (e.g. the output of `openssl rand -hex 32`)' });
        return z.NEVER;
      }
      return key;
    }),
});

/** Bluesky's public Jetstream instance (ADR 0111); any Jetstream (or a self-hosted one) works. */
export const defaultJetstreamUrl = 'wss://jetstream2.us-east.bsky.network/subscribe';

/** The public PLC directory (did:plc documents, ADR 0210); a mirror works too. */
export const defaultPlcUrl = 'https://plc.directory';

/** 32 bytes as 64 hex digits or as base64 / base64url (43–44 characters). */
export const parseSecretKey = (v: string): Buffer | undefined => {
  if (/^[0-9a-f]{64}$/i.test(v)) return Buffer.from(v, 'hex');
  if (/^[A-Za-z0-9+/_-]{43}={0,1}$/.test(v)) {
    const b = Buffer.from(v.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
    return b.length === 32 ? b : undefined;
  }
  return undefined;
};

export interface Config {
  readonly port: number;
  readonly host: string;
  readonly database: { kind: 'pglite'; dataDir: string } | { kind: 'postgres'; url: string };
  readonly dataDir: string;
  readonly publicUrl: string | undefined;
  /** Cookies get Secure and the __Host- prefix when relais is served over HTTPS. */
  readonly secureCookies: boolean;
  readonly trustProxy: boolean;
  readonly sessionIdleMs: number;
  readonly sessionMaxMs: number;
  readonly maxBodyBytes: number;
  /** Largest file sent to an import upload (streamed, never held whole; ADR 0200). */
  readonly maxImportBytes: number;
  /** How long an import's run holds it without news before another process resumes it (ADR 0290). */
  readonly importLeaseSeconds: number;
  readonly allowPrivateNetworks: boolean;
  /** Create the demo workspace on the very first start. */
  readonly demo: boolean;
  /** Run the job worker inside `serve`. */
  readonly workers: boolean;
  readonly logLevel: 'debug' | 'info' | 'warn' | 'error' | 'silent';
  /** The Jetstream endpoint the Bluesky firehose consumer reads; null: the firehose is off. */
  readonly blueskyJetstreamUrl: string | null;
  /** The PLC directory that firehose authors' did:plc are resolved at; null: not resolved (ADR 0210). */
  readonly blueskyPlcUrl: string | null;
  /**
   * The key that encrypts connected accounts' secrets at rest (ADR 0120): RELAIS_SECRET_KEY, or
   * a key generated once into `secret.key` in the data directory (config/secret-key.ts).
   */
  readonly secretKey: { readonly kind: 'env'; readonly key: Buffer } | { readonly kind: 'file'; readonly path: string };
}

export class ConfigError extends Error {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.problems = problems;
  }
}

export const loadConfig = (env: NodeJS.ProcessEnv, cwd: string = process.cwd()): Config => {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const e = parsed.data;
  const dataDir = resolve(cwd, e.RELAIS_DATA_DIR);
  return {
    port: e.PORT,
    host: e.HOST,
    database: e.DATABASE_URL ? { kind: 'postgres', url: e.DATABASE_URL } : { kind: 'pglite', dataDir },
    dataDir,
    publicUrl: e.RELAIS_PUBLIC_URL,
    secureCookies: (e.RELAIS_PUBLIC_URL ?? '').startsWith('https://'),
    trustProxy: e.RELAIS_TRUST_PROXY,
    sessionIdleMs: e.RELAIS_SESSION_IDLE_HOURS * 3600_000,
    sessionMaxMs: e.RELAIS_SESSION_MAX_HOURS * 3600_000,
    maxBodyBytes: e.RELAIS_MAX_BODY_BYTES,
    maxImportBytes: e.RELAIS_MAX_IMPORT_BYTES,
    importLeaseSeconds: e.RELAIS_IMPORT_LEASE_SECONDS,
    allowPrivateNetworks: e.RELAIS_ALLOW_PRIVATE_NETWORKS,
    demo: e.RELAIS_DEMO,
    workers: e.RELAIS_WORKERS,
    logLevel: e.RELAIS_LOG_LEVEL,
    blueskyJetstreamUrl: e.RELAIS_BLUESKY_JETSTREAM_URL === 'off' ? null : e.RELAIS_BLUESKY_JETSTREAM_URL || defaultJetstreamUrl,
    blueskyPlcUrl: e.RELAIS_BLUESKY_PLC_URL === 'off' ? null : e.RELAIS_BLUESKY_PLC_URL || defaultPlcUrl,
    secretKey: e.RELAIS_SECRET_KEY ? { kind: 'env', key: e.RELAIS_SECRET_KEY } : { kind: 'file', path: resolve(dataDir, 'secret.key') },
  };
};
