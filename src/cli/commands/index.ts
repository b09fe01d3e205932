import type { CommandModule } from '../io.ts';

/**
 * The command registry: one line per command, loaded lazily so that
 * `relais analyze` does not pay for the HTTP server's imports.
 * Keep entries in the order `relais --help` shows them.
 */
export interface CommandEntry {
  readonly summary: string;
  readonly load: () => Promise<CommandModule>;
}

export const commands: Record<string, CommandEntry> = {
  start: { summary: 'migrate, create the demo on the very first start, and serve (npm start)', load: () => import('./start.ts') },
  serve: { summary: 'serve the web interface and API, with the job worker in the same process', load: () => import('./serve.ts') },
  worker: { summary: 'run background jobs only (several can share one PostgreSQL)', load: () => import('./worker.ts') },
  migrate: { summary: 'apply pending database migrations and exit', load: () => import('./migrate.ts') },
  analyze: { summary: 'language and sentiment of JSON lines {"id", "text"} (stdin → stdout)', load: () => import('./analyze.ts') },
  match: { summary: 'match JSON lines of posts against a file of queries (stdin → stdout)', load: () => import('./match.ts') },
  demo: { summary: 'create the "Coupe-Chou" demo workspace once and print its login', load: () => import('./demo.ts') },
  'create-admin': { summary: 'create an account that owns a new workspace (prompts for what is missing)', load: () => import('./create-admin.ts') },
  graph: { summary: 'PageRank and communities of an edge-list CSV (source,target[,weight])', load: () => import('./graph.ts') },
  import: { summary: 'import a CSV or JSON file of posts (or, with --kind people, of people) into a workspace, with a per-line report', load: () => import('./import.ts') },
  feed: { summary: 'parse an RSS, Atom or JSON feed (file or URL) into JSON', load: () => import('./feed.ts') },
};
