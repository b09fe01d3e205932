import { isAppError } from '../core/errors.ts';
import { commands } from './commands/index.ts';
import { processIo, type Io, EXIT_USAGE } from './io.ts';

const usage = (): string => {
  const names = Object.keys(commands);
  const width = Math.max(...names.map((n) => n.length), 8);
  const lines = names.map((n) => `  ${n.padEnd(width)}  ${commands[n]?.summary ?? ''}`);
  return [
    'relais — community and e-reputation workbench',
    '',
    'Usage: relais <command> [options]',
    '',
    'Commands:',
    ...lines,
    '',
    'Run `relais <command> --help` for the options of a command.',
    '',
  ].join('\n');
};

/** Runs one command and returns its exit status. Errors become one clear line, never a stack trace. */
export const main = async (argv: string[], io: Io = processIo()): Promise<number> => {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(usage());
    return name ? 0 : EXIT_USAGE;
  }
  if (name === '--version' || name === '-v') {
    const { readFile } = await import('node:fs/promises');
    const pkg = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    io.stdout.write(`${pkg.version}\n`);
    return 0;
  }
  const entry = commands[name];
  if (!entry) {
    io.stderr.write(`relais: unknown command "${name}"\n\n${usage()}`);
    return EXIT_USAGE;
  }
  try {
    const mod = await entry.load();
    return await mod.run(rest, io);
  } catch (e) {
    if (isAppError(e)) {
      io.stderr.write(`relais ${name}: ${e.message}\n`);
      return e.code === 'bad-request' || e.code === 'invalid-query' ? EXIT_USAGE : 1;
    }
    const err = e as Error;
    io.stderr.write(`relais ${name}: ${err?.message ?? String(e)}\n`);
    if (io.env.RELAIS_DEBUG) io.stderr.write(`${err?.stack ?? ''}\n`);
    return 1;
  }
};
