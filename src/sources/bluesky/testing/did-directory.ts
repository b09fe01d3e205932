import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A PLC-directory-shaped HTTP server for tests that need DID documents without a PDS:
 * `GET /<did>` answers the document set for that DID (404 otherwise, or the status set in
 * `fail`). The PDS tests use the real stand-in of pds.ts instead.
 */
export interface DidDirectory {
  readonly url: string;
  readonly docs: Map<string, unknown>;
  /** DID → HTTP status to answer instead of its document. */
  readonly fail: Map<string, number>;
  /** The DIDs asked, in order. */
  readonly requests: string[];
  close(): Promise<void>;
}

/** A DID document claiming `handle` (first alsoKnownAs entry), as the PLC directory serves it. */
export const didDocument = (did: string, handle: string): Record<string, unknown> => ({
  '@context': ['https://www.w3.org/ns/did/v1'],
  id: did,
  alsoKnownAs: [`at://${handle}`],
  verificationMethod: [],
  service: [{ id: '#atproto_pds', type: 'AtprotoPersonalDataServer', serviceEndpoint: 'https://pds.test' }],
});

export const startDidDirectory = async (): Promise<DidDirectory> => {
  const docs = new Map<string, unknown>();
  const fail = new Map<string, number>();
  const requests: string[] = [];
  const server = createServer((req, res) => {
    const did = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname.slice(1));
    requests.push(did);
    const status = fail.get(did) ?? (docs.has(did) ? 200 : 404);
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(status === 200 ? docs.get(did) : { message: `DID not registered: ${did}` }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    docs,
    fail,
    requests,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
};
