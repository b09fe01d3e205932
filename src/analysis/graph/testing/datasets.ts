/**
 * Readers of ../shared/data/graph-benchmarks for tests and evaluations (never shipped, never
 * copied into the repository). Each returns undefined when the data is absent, so callers skip.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../../..', import.meta.url));
export const graphBenchmarksDir = join(root, '..', 'shared', 'data', 'graph-benchmarks');

const read = (...parts: string[]): string | undefined => {
  const path = join(graphBenchmarksDir, ...parts);
  return existsSync(path) ? readFileSync(path, 'utf8') : undefined;
};


/** Zachary's karate club: 78 undirected edges between ids "1".."34", from the GML file. */
export const karateEdges = (): (readonly [string, string])[] | undefined => {
  const gml = read('karate', 'karate.gml');
  if (gml === undefined) return undefined;
  return [...gml.matchAll(/\bedge\s*\[[^\]]*?\bsource\s+(\d+)\s+target\s+(\d+)/g)].map((m) => [m[1] as string, m[2] as string] as const);
};

/** Karate faction (`Mr. Hi` or `Officer`) by node id. */
export const karateFactions = (): Map<string, string> | undefined => {
  const csv = read('karate', 'factions.csv');
  if (csv === undefined) return undefined;
  const rows = csv.trim().split('\n').slice(1);
  return new Map(rows.map((r) => r.split(',') as [string, string]));
};

/** Whitespace-separated "u v" lines (SNAP format), as id pairs. */
const pairs = (text: string): (readonly [string, string])[] =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'))
    .map((l) => {
      const [u, v] = l.split(/\s+/);
      return [u as string, v as string] as const;
    });

export const emailEuCore = (): { edges: (readonly [string, string])[]; departments: Map<string, string> } | undefined => {
  const edges = read('email-eu-core', 'email-Eu-core.txt');
  const labels = read('email-eu-core', 'email-Eu-core-department-labels.txt');
  if (edges === undefined || labels === undefined) return undefined;
  return { edges: pairs(edges), departments: new Map(pairs(labels)) };
};

export const egoFacebookEdges = (): (readonly [string, string])[] | undefined => {
  const text = read('ego-facebook', 'facebook_combined.txt');
  return text === undefined ? undefined : pairs(text);
};

export const MISSING_DATA = 'graph benchmarks absent (../shared/data/graph-benchmarks): skipped';
