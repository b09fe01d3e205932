import { parseArgs } from 'node:util';
import { AppError } from '../../core/errors.ts';
import { parseFeedInput } from '../../app/parse-feed.ts';
import { writeOut, type Command } from '../io.ts';

const HELP = `Usage: relais feed parse FILE|URL [--allow-private]

Parses an RSS 0.9x/1.0/2.0, RDF, Atom 0.3/1.0 or JSON Feed 1.0/1.1 document and writes
  {"feed": {"title", "link", "language"?}, "items": [{"id", "title", "link", "published"?, "author"?, "text"}]}
with items in document order, "published" in ISO 8601 and "text" as plain text.
A URL is fetched through relais's safe client (private and loopback addresses are refused
unless --allow-private); a web page that advertises a feed is followed to it.
`;

export const run: Command = async (args, io) => {
  let parsed;
  try {
    parsed = parseArgs({ args, allowPositionals: true, options: { help: { type: 'boolean', short: 'h' }, 'allow-private': { type: 'boolean' } } });
  } catch (e) {
    throw new AppError('bad-request', `${(e as Error).message}\n\n${HELP}`);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout.write(HELP);
    return 0;
  }
  const [sub, input, ...extra] = positionals;
  if (sub !== 'parse' || !input || extra.length > 0) throw new AppError('bad-request', `expected: feed parse FILE|URL\n\n${HELP}`);
  const out = await parseFeedInput(input, { cwd: io.cwd, allowPrivateNetworks: values['allow-private'] === true });
  await writeOut(io.stdout, `${JSON.stringify(out)}\n`);
  return 0;
};
