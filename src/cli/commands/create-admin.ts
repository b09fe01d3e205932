import { parseArgs } from 'node:util';
import { createAccountWithWorkspace } from '../../app/auth/accounts.ts';
import { displayNameSchema, emailSchema, passwordSchema } from '../../core/api/common.ts';
import { systemClock } from '../../core/clock.ts';
import { AppError } from '../../core/errors.ts';
import type { Command } from '../io.ts';
import { askSecret, lineReader, stdinIsTerminal } from '../prompt.ts';
import { openConfiguredDatabase } from '../database.ts';
import { loadConfig } from '../../config/env.ts';

const help = `Usage: relais create-admin [--email E] [--name N] [--password P] [--workspace W]

Creates an account that owns a new workspace (W, by default "Espace de N").
Options left out are asked for on stdin; the password is never echoed.
Prefer the prompt to --password: a command line is visible to other local users.
`;

/** Validates one value with the API's own rule, so the CLI and the API accept the same inputs. */
const check = (field: string, schema: typeof emailSchema | typeof displayNameSchema | typeof passwordSchema, value: string | undefined): string => {
  const r = schema.safeParse(value ?? '');
  if (!r.success) throw new AppError('bad-request', `${field}: ${r.error.issues[0]?.message ?? 'invalid'}`);
  return r.data;
};

export const run: Command = async (args, io) => {
  const { values } = parseArgs({
    args,
    options: {
      email: { type: 'string' },
      name: { type: 'string' },
      password: { type: 'string' },
      workspace: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.stdout.write(help);
    return 0;
  }

  loadConfig(io.env, io.cwd); // a bad configuration is reported before any question is asked
  const reader = lineReader(io);
  let email: string, name: string, password: string;
  try {
    email = check('email', emailSchema, values.email ?? (await reader.ask('E-mail: ')));
    name = check('name', displayNameSchema, values.name ?? (await reader.ask('Name: ')));
    let typed = values.password;
    if (typed === undefined && stdinIsTerminal(io)) {
      reader.close();
      typed = await askSecret(io, 'Password (10 characters or more, not shown): ');
    } else if (typed === undefined) {
      typed = await reader.ask('Password: ');
    }
    password = check('password', passwordSchema, typed);
  } finally {
    reader.close();
  }
  const workspaceName = check('workspace', displayNameSchema, values.workspace ?? `Espace de ${name}`);

  const database = await openConfiguredDatabase(io, 'create-admin');
  try {
    const { user, workspace } = await createAccountWithWorkspace(database.db, { email, name, password }, workspaceName, systemClock);
    io.stdout.write(`Created ${user.email}, owner of the workspace "${workspace.name}". Sign in with this e-mail and password.\n`);
    return 0;
  } finally {
    await database.close();
  }
};
