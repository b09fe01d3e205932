import { createSocket } from 'node:dgram';
import type { AddressInfo } from 'node:net';

/**
 * A tiny authoritative DNS server over UDP for tests: answers TXT questions from `records`
 * (name → strings), NXDOMAIN otherwise. Enough for the AT Protocol handle check
 * (`_atproto.<handle>` TXT `did=…`), asked through a real `dns.Resolver` pointed at it.
 */
export interface LocalDns {
  /** `127.0.0.1:<port>`, for `Resolver.setServers`. */
  readonly server: string;
  readonly records: Map<string, string[]>;
  readonly questions: string[];
  close(): Promise<void>;
}

const readName = (msg: Buffer, offset: number): { name: string; end: number } => {
  const labels: string[] = [];
  let i = offset;
  while (i < msg.length) {
    const len = msg[i] ?? 0;
    if (len === 0) return { name: labels.join('.'), end: i + 1 };
    labels.push(msg.subarray(i + 1, i + 1 + len).toString('latin1'));
    i += 1 + len;
  }
  throw new Error('truncated name');
};

export const startLocalDns = async (): Promise<LocalDns> => {
  const records = new Map<string, string[]>();
  const questions: string[] = [];
  const socket = createSocket('udp4');
  socket.on('message', (msg, rinfo) => {
    try {
      const { name, end } = readName(msg, 12);
      const type = msg.readUInt16BE(end);
      questions.push(name.toLowerCase());
      const txt = type === 16 ? records.get(name.toLowerCase()) : undefined;
      const question = msg.subarray(12, end + 4);
      const header = Buffer.alloc(12);
      msg.copy(header, 0, 0, 2); // id
      header.writeUInt16BE(0x8400 | (msg.readUInt16BE(2) & 0x0100) | (txt ? 0 : 3), 2); // QR, AA, RD copied, NXDOMAIN when none
      header.writeUInt16BE(1, 4);
      header.writeUInt16BE(txt ? txt.length : 0, 6);
      const answers = (txt ?? []).map((value) => {
        const data = Buffer.from(value, 'utf8');
        const rdata = Buffer.concat([Buffer.from([data.length]), data]);
        const rr = Buffer.alloc(12);
        rr.writeUInt16BE(0xc00c, 0); // the question's name
        rr.writeUInt16BE(16, 2); // TXT
        rr.writeUInt16BE(1, 4); // IN
        rr.writeUInt32BE(60, 6);
        rr.writeUInt16BE(rdata.length, 10);
        return Buffer.concat([rr, rdata]);
      });
      socket.send(Buffer.concat([header, question, ...answers]), rinfo.port, rinfo.address);
    } catch {
      // Not a question this server understands: no answer.
    }
  });
  await new Promise<void>((r) => socket.bind(0, '127.0.0.1', r));
  const port = (socket.address() as AddressInfo).port;
  return {
    server: `127.0.0.1:${port}`,
    records,
    questions,
    close: () => new Promise<void>((r) => socket.close(() => r())),
  };
};
