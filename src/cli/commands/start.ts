import type { Command } from '../io.ts';
import { serveRelais } from './serve.ts';

/** `npm start`: migrate, create the demo workspace on the very first start, and serve. */
export const run: Command = async (args, io) => {
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout.write('Usage: relais start\n\nThe same as `relais serve --migrate`: applies migrations, creates the demo workspace on the very first start, and serves.\n');
    return 0;
  }
  return serveRelais(io, { migrate: true });
};
