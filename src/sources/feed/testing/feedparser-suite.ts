import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeFeedBytes } from '../decode.ts';

/**
 * Reads feedparser's test suite (../shared/data/feedparser-tests, see its SOURCE.md): every
 * file carries its own oracle in a comment (`Description:`, `Expect:`, optional `Header:` and
 * `SkipUnless:` lines), or in a `"__TEST__"` member for JSON.
 */

/** <repo root>/../shared/data/feedparser-tests, computed from this file's place in the tree. */
export const suiteRoot = (): string =>
  join(fileURLToPath(new URL('../../../../', import.meta.url)), '..', 'shared', 'data', 'feedparser-tests');

export interface SuiteCase {
  /** Path relative to the suite root, with `/` separators. */
  readonly path: string;
  /** Top folder: wellformed, illformed, encoding, entities, json (wellformed split by sub-folder). */
  readonly folder: string;
  readonly bytes: Uint8Array;
  readonly description: string;
  readonly expect: string;
  /** Header lines, names lower-cased. */
  readonly headers: Readonly<Record<string, string>>;
  readonly skipUnless?: string;
}

const listFiles = async (dir: string): Promise<string[]> => {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await listFiles(p)));
    else if (/\.(xml|json)$/.test(e.name)) out.push(p);
  }
  return out.sort();
};

/** The oracle comment, read from the decoded text (some files are UTF-16/UTF-32). */
export const readOracle = (text: string): Pick<SuiteCase, 'description' | 'expect' | 'headers' | 'skipUnless'> | undefined => {
  const json = /"__TEST__"\s*:\s*"([\s\S]*?)"\s*[,}]/.exec(text);
  const comment = json?.[1] ?? /<!--([\s\S]*?)-->/.exec(text)?.[1];
  if (comment === undefined) return undefined;
  const description = /Description:\s*(.*)/.exec(comment)?.[1]?.trim() ?? '';
  const expectLine = /Expect:\s*(.*)/.exec(comment)?.[1];
  if (expectLine === undefined) return undefined;
  const expect = expectLine.replace(/\s*-->\s*$/, '').trim();
  const headers: Record<string, string> = {};
  for (const m of comment.matchAll(/Header:\s*([\w-]+):[ \t]*(.*)/g)) headers[(m[1] ?? '').toLowerCase()] = (m[2] ?? '').trim();
  const skip = /SkipUnless:\s*(.*)/.exec(comment)?.[1]?.trim();
  return { description, expect, headers, ...(skip ? { skipUnless: skip } : {}) };
};

const folderOf = (rel: string): string => {
  const parts = rel.split('/');
  if (parts[0] === 'wellformed' && parts.length > 2) return `wellformed/${parts[1]}`;
  return parts[0] ?? rel;
};

export const loadSuite = async (root = suiteRoot(), filter?: (path: string) => boolean): Promise<SuiteCase[]> => {
  const cases: SuiteCase[] = [];
  for (const file of await listFiles(root)) {
    const path = relative(root, file).split(sep).join('/');
    if (filter && !filter(path)) continue;
    const bytes = new Uint8Array(await readFile(file));
    const oracle = readOracle(decodeFeedBytes(bytes).text);
    if (!oracle) continue;
    cases.push({ path, folder: folderOf(path), bytes, ...oracle });
  }
  return cases;
};
