import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import type { Io } from './io.ts';

/**
 * Reads answers line by line from the command's stdin, asking on stderr so
 * that stdout stays clean. One reader per command: a readline interface
 * buffers ahead, so two would lose lines.
 */
export const lineReader = (io: Io) => {
  const rl = createInterface({ input: io.stdin, terminal: false });
  const lines: string[] = [];
  const waiting: ((line: string | undefined) => void)[] = [];
  let ended = false;
  rl.on('line', (l) => {
    const w = waiting.shift();
    if (w) w(l);
    else lines.push(l);
  });
  rl.on('close', () => {
    ended = true;
    for (const w of waiting.splice(0)) w(undefined);
  });
  const next = (): Promise<string | undefined> => {
    if (lines.length > 0) return Promise.resolve(lines.shift());
    if (ended) return Promise.resolve(undefined);
    return new Promise((resolve) => waiting.push(resolve));
  };
  return {
    async ask(question: string): Promise<string | undefined> {
      io.stderr.write(question);
      return next();
    },
    close: () => rl.close(),
  };
};

type TtyIn = Readable & { isTTY?: boolean; setRawMode?: (raw: boolean) => void };

/**
 * Asks for a secret without echoing it: the characters are read in raw mode
 * and never written back. From a pipe, read the next line instead.
 */
export const stdinIsTerminal = (io: Io): boolean => (io.stdin as TtyIn).isTTY === true;

/** On a terminal only (see `stdinIsTerminal`), and after any `lineReader` on it was closed. */
export const askSecret = async (io: Io, question: string): Promise<string | undefined> => {
  const input = io.stdin as TtyIn;
  if (!input.setRawMode) return undefined;
  io.stderr.write(question);
  input.setRawMode(true);
  input.resume();
  return new Promise((resolve) => {
    let value = '';
    const done = (v: string | undefined) => {
      input.off('data', onData);
      input.setRawMode?.(false);
      input.pause();
      io.stderr.write('\n');
      resolve(v);
    };
    const onData = (chunk: Buffer) => {
      for (const ch of chunk.toString('utf8')) {
        if (ch === '\r' || ch === '\n') return done(value);
        if (ch === '\u0003' || ch === '\u0004') return done(undefined); // Ctrl-C, Ctrl-D
        if (ch === '\u007f' || ch === '\b') value = value.slice(0, -1);
        else value += ch;
      }
    };
    input.on('data', onData);
  });
};
