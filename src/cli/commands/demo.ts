import { parseArgs } from 'node:util';
import { seedDemo } from '../../app/demo.ts';
import { systemClock } from '../../core/clock.ts';
import type { Command } from '../io.ts';
import { openConfiguredDatabase } from '../database.ts';

const help = `Usage: relais demo [--reset-password]

Creates the demo workspace "Coupe-Chou" (a small French barber-products
start-up: brand profile, listening queries, sources, about a hundred mentions
over the last thirty days and the people behind them) in the configured
database, once, and prints the demo login. Migrations are applied first.
Works offline.

  --reset-password   the demo exists already: give it a new password and print it
`;

export const run: Command = async (args, io) => {
  const { values } = parseArgs({
    args,
    options: { 'reset-password': { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) {
    io.stdout.write(help);
    return 0;
  }
  const database = await openConfiguredDatabase(io, 'demo');
  try {
    const result = await seedDemo(database.db, systemClock, { resetPassword: values['reset-password'] === true });
    if (result.created) io.stdout.write(`Demo workspace "Coupe-Chou" created.\n`);
    else io.stdout.write(`The demo workspace "Coupe-Chou" already exists; nothing was changed.\n`);
    if (result.login) {
      io.stdout.write(`Log in as ${result.login.email} with password ${result.login.password}\n`);
      io.stdout.write(`(The password is shown only now; \`relais demo --reset-password\` sets a new one.)\n`);
    } else {
      io.stdout.write('Run `relais demo --reset-password` if you need a new demo password.\n');
    }
    return 0;
  } finally {
    await database.close();
  }
};
