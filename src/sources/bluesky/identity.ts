import { Resolver } from 'node:dns/promises';
import { z } from 'zod';
import { FetchError, type Fetcher } from '../http/safe-fetch.ts';
import { isDid, isHandle } from './syntax.ts';

/**
 * AT Protocol identity (ADR 0210): a DID → its DID document → the handle it claims, verified
 * back from the handle to the same DID (atproto.com/specs/did, /specs/handle).
 *
 *   - did:plc → `GET <PLC directory>/<did>` (the directory's URL is an operator setting);
 *   - did:web → `GET https://<host>/.well-known/did.json` (hostname-level only; `localhost`
 *     with a port, which the spec allows for development, is read over http);
 *   - the handle is the **first** `at://` entry of `alsoKnownAs` (not any entry: a document could
 *     list someone else's handle second), lower-cased, syntax-checked;
 *   - verification, handle → DID: the DNS TXT record `_atproto.<handle>` (`did=<did>`), else
 *     `https://<handle>/.well-known/atproto-did`. A handle that does not point back is not shown
 *     (`handle: null`, with the reason); the DID alone is honest, a false handle is not.
 * Every HTTP request goes through the SSRF-safe client (sources/http): a DID document or a
 * handle is user-controlled data naming a host, like any source URL.
 */

export type IdentityAnswer =
  /** The document was read: `handle` is the verified handle, or null with `reason`. */
  | { readonly ok: true; readonly did: string; readonly handle: string | null; readonly claimed?: string; readonly reason?: string }
  /** It could not be read (directory down, timeout, refused address): try again later. */
  | { readonly ok: false; readonly did: string; readonly error: string; readonly permanent: boolean };

export type ResolveIdentity = (did: string, signal?: AbortSignal) => Promise<IdentityAnswer>;

export interface IdentityResolverOptions {
  readonly fetcher: Fetcher;
  /** The PLC directory, e.g. the public one or a mirror; null: did:plc is not resolved. */
  readonly plcUrl: string | null;
  /** DNS servers (`host:port`) for the TXT look-up; default: the system's. */
  readonly dnsServers?: readonly string[];
  /** Per request, default 10 s. */
  readonly timeoutMs?: number;
}

const didDocumentSchema = z
  .object({
    id: z.string(),
    alsoKnownAs: z.array(z.string()).optional(),
  })
  .loose();

const decoder = new TextDecoder();

/** Where a DID's document lives, or a reason why it cannot be read. */
export const didDocumentUrl = (did: string, plcUrl: string | null): { url: string } | { error: string } => {
  if (!isDid(did)) return { error: 'not a DID' };
  if (did.startsWith('did:plc:')) {
    if (!plcUrl) return { error: 'no PLC directory configured' };
    return { url: `${plcUrl.replace(/\/+$/, '')}/${encodeURIComponent(did)}` };
  }
  if (did.startsWith('did:web:')) {
    const host = decodeURIComponent(did.slice('did:web:'.length));
    // Hostname-level did:web only (atproto); a port only for localhost (development).
    if (/^localhost:\d{1,5}$/.test(host)) return { url: `http://${host}/.well-known/did.json` };
    if (!isHandle(host)) return { error: 'did:web with a path or a port is not an atproto DID' };
    return { url: `https://${host}/.well-known/did.json` };
  }
  return { error: `unsupported DID method: ${did.split(':')[1] ?? ''}` };
};

/** The handle a document claims: the first `at://` entry of alsoKnownAs, when it is a handle. */
export const claimedHandle = (alsoKnownAs: readonly string[] | undefined): string | undefined => {
  const first = alsoKnownAs?.find((a) => a.startsWith('at://'));
  const h = first?.slice('at://'.length).toLowerCase();
  return h && isHandle(h) ? h : undefined;
};

/** The DID of a `_atproto` TXT answer: exactly one `did=` record, else none. */
export const didOfTxt = (records: readonly (readonly string[])[]): string | undefined => {
  const dids = records.map((chunks) => chunks.join('')).filter((t) => t.startsWith('did='));
  return dids.length === 1 ? dids[0]?.slice(4).trim() : undefined;
};

/** handle → the DID it points to (DNS TXT, then HTTPS well-known), not yet checked back: undefined when neither answers. */
export type ResolveHandle = (handle: string, signal?: AbortSignal) => Promise<string | undefined>;

/** The requests both directions share: the DID documents and well-knowns through the SSRF-safe client, and DNS. */
const lookups = (o: IdentityResolverOptions) => {
  const timeoutMs = o.timeoutMs ?? 10_000;
  const dns = new Resolver({ timeout: Math.min(timeoutMs, 5_000), tries: 2 });
  if (o.dnsServers && o.dnsServers.length > 0) dns.setServers([...o.dnsServers]);

  const getText = async (url: string, accept: string, signal: AbortSignal | undefined): Promise<string> => {
    const s = AbortSignal.any([AbortSignal.timeout(timeoutMs), ...(signal ? [signal] : [])]);
    const res = await o.fetcher({ url, accept, signal: s });
    if (res.kind !== 'ok') throw new FetchError('http-status', 'retry', `${url}: unexpected 304`);
    return decoder.decode(res.body.subarray(0, 64 * 1024));
  };

  /** handle → DID by DNS, then HTTPS; undefined when neither answers. */
  const didOfHandle: ResolveHandle = async (handle, signal) => {
    try {
      const did = didOfTxt(await dns.resolveTxt(`_atproto.${handle}`));
      if (did) return did;
    } catch {
      // No record, no such name, DNS unreachable: try the HTTPS method.
    }
    try {
      const line = (await getText(`https://${handle}/.well-known/atproto-did`, 'text/plain', signal)).split('\n')[0]?.trim();
      return line && isDid(line) ? line : undefined;
    } catch {
      return undefined;
    }
  };
  return { getText, didOfHandle };
};

/**
 * A handle a user typed (`author:alice.bsky.social`) → the DID it claims (ADR 0240). Not proof on
 * its own: the caller resolves that DID (`createIdentityResolver`), whose document must claim the
 * handle back before anything shows or matches it.
 */
export const createHandleResolver = (o: IdentityResolverOptions): ResolveHandle => {
  const { didOfHandle } = lookups(o);
  return async (handle, signal) => (isHandle(handle) ? didOfHandle(handle.toLowerCase(), signal) : undefined);
};

export const createIdentityResolver = (o: IdentityResolverOptions): ResolveIdentity => {
  const { getText, didOfHandle } = lookups(o);

  return async (did, signal) => {
    const where = didDocumentUrl(did, o.plcUrl);
    if ('error' in where) return { ok: false, did, error: where.error, permanent: true };
    let doc;
    try {
      const parsed = didDocumentSchema.safeParse(JSON.parse(await getText(where.url, 'application/did+json, application/json', signal)));
      if (!parsed.success) return { ok: false, did, error: 'not a DID document', permanent: false };
      doc = parsed.data;
    } catch (e) {
      const permanent = e instanceof FetchError && (e.status === 404 || e.status === 410 || e.code === 'blocked-address' || e.code === 'bad-url');
      return { ok: false, did, error: e instanceof Error ? e.message : String(e), permanent };
    }
    if (doc.id !== did) return { ok: true, did, handle: null, reason: 'the document is not this DID’s' };
    const claimed = claimedHandle(doc.alsoKnownAs);
    if (!claimed) return { ok: true, did, handle: null, reason: 'no handle in the document' };
    const back = await didOfHandle(claimed, signal);
    if (back !== did) return { ok: true, did, handle: null, claimed, reason: back ? `the handle points to ${back}` : 'the handle does not resolve' };
    return { ok: true, did, handle: claimed, claimed };
  };
};
