import { driverClientOf, type Db } from './db.ts';

/**
 * `COPY … FROM STDIN` on the connection of a drizzle transaction, on both targets (ADR 0131):
 * PGlite takes the data as a blob (`FROM '/dev/blob'`); node-postgres has no COPY API of its
 * own, so the data goes through its documented extension point for custom queries (a
 * "submittable": an object with `submit(connection)` that then receives the protocol events),
 * which sends the CopyData and CopyDone messages when the server asks for them.
 *
 * `data` is in COPY's text format (see `copyText`), as a string or already encoded in UTF-8;
 * `statement` must be a `COPY … FROM STDIN`.
 */

interface PgliteLike {
  query(sql: string, params?: unknown[], options?: { blob?: Blob }): Promise<unknown>;
  exec(sql: string): Promise<unknown>;
}
interface PgConnection {
  query(text: string): void;
  sendCopyFromChunk(chunk: Buffer): void;
  endCopyFrom(): void;
}
interface PgClientLike {
  query(submittable: object): unknown;
  release(): void;
}


/** A `COPY … FROM STDIN` for node-postgres: the protocol's copy-in sub-protocol, nothing else. */
class CopyFromStdin {
  readonly text: string;
  readonly data: Buffer;
  readonly done: Promise<number>;
  private resolve: (n: number) => void = () => {};
  private reject: (e: Error) => void = () => {};
  private error: Error | null = null;
  private rows = 0;
  // node-postgres reads this to decide whether the query is pending.
  callback: ((e: Error | null) => void) | undefined = undefined;

  constructor(text: string, data: Buffer) {
    this.text = text;
    this.data = data;
    this.done = new Promise<number>((res, rej) => {
      this.resolve = res;
      this.reject = rej;
    });
  }
  submit(connection: PgConnection): void {
    connection.query(this.text);
  }
  handleCopyInResponse(connection: PgConnection): void {
    // One message per 64 KiB keeps memory flat for large batches.
    const step = 65536;
    for (let i = 0; i < this.data.length; i += step) connection.sendCopyFromChunk(this.data.subarray(i, i + step));
    connection.endCopyFrom();
  }
  handleCommandComplete(msg: { text?: string }): void {
    const m = /^COPY (\d+)/.exec(msg.text ?? '');
    this.rows = m ? Number(m[1]) : 0;
  }
  handleError(e: Error): void {
    // node-postgres drops a query that failed as soon as the error arrives: its ReadyForQuery
    // then never reaches this object, so the failure settles here.
    this.error = e;
    this.reject(e);
  }
  handleReadyForQuery(): void {
    if (this.error) this.reject(this.error);
    else this.resolve(this.rows);
  }
  handleRowDescription(): void {}
  handleDataRow(): void {}
  handleEmptyQuery(): void {}
  handlePortalSuspended(): void {}
  handleCopyData(): void {}
}

/** Copies `data` with `statement` (`COPY table (cols) FROM STDIN`) on `tx`'s connection. */
export const copyFromStdin = async (tx: Db, statement: string, data: string | Buffer): Promise<void> => {
  const client = driverClientOf(tx);
  if (client && typeof (client as PgliteLike).exec === 'function') {
    await (client as PgliteLike).query(statement.replace(/from stdin/i, "from '/dev/blob'"), [], { blob: new Blob([typeof data === 'string' ? data : new Uint8Array(data)]) });
    return;
  }
  if (client && typeof (client as PgClientLike).release === 'function') {
    const copy = new CopyFromStdin(statement, typeof data === 'string' ? Buffer.from(data, 'utf8') : data);
    (client as PgClientLike).query(copy);
    await copy.done;
    return;
  }
  throw new Error('copyFromStdin needs a transaction on PGlite or node-postgres');
};

const special = /[\\\t\n\r]/;
const specials = /[\\\t\n\r]/g;
const escapes: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/** A value in COPY's text format: `\N` for null; backslash, tab, newline and return escaped. */
export const copyValue = (v: string | null): string => (v === null ? '\\N' : special.test(v) ? v.replace(specials, (c) => escapes[c] ?? c) : v);
