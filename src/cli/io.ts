import type { Readable, Writable } from 'node:stream';

/** What a command may touch: streams are injected so commands run in tests without a process. */
export interface Io {
  readonly stdin: Readable;
  readonly stdout: Writable;
  readonly stderr: Writable;
  readonly env: NodeJS.ProcessEnv;
  readonly cwd: string;
}

export const processIo = (): Io => ({
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  cwd: process.cwd(),
});

/** A command returns its exit status; it never calls process.exit itself. */
export type Command = (args: string[], io: Io) => Promise<number>;

export interface CommandModule {
  readonly run: Command;
}

/** Exit status for bad input or usage (DESIGN §6: invalid query exits 2). */
export const EXIT_USAGE = 2;

/** Write and wait for the stream to accept it, so large outputs keep their order and back-pressure. */
export const writeOut = (w: Writable, text: string): Promise<void> =>
  new Promise((resolve, reject) => {
    if (w.write(text)) resolve();
    else {
      w.once('drain', resolve);
      w.once('error', reject);
    }
  });
