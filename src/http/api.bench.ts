// In-process throughput of the API (no sockets): how much authentication,
// CSRF, validation and the database cost against the bare health probe, on
// PGlite and (when reachable) PostgreSQL.
// Run: node src/http/api.bench.ts (or npm run bench -- api)
import { targets } from '../storage/testing/databases.ts';
import { seedDemo } from '../app/demo.ts';
import { makeHarness } from './testing/harness.ts';
import type { CreatedToken } from '../core/api/tokens.ts';

const measure = async (run: () => Promise<unknown>, ms: number): Promise<number> => {
  for (let i = 0; i < 50; i++) await run();
  const start = performance.now();
  let n = 0;
  while (performance.now() - start < ms) {
    await run();
    n++;
  }
  return (n * 1000) / (performance.now() - start);
};

for (const target of targets) {
const skip = await target.skip();
if (skip) {
  console.log(`${target.name}: skipped (${skip})`);
  continue;
}
const database = await target.open();
const h = makeHarness(database);
const demo = await seedDemo(database.db, h.clock);
const session = h.client();
await session.login(demo.login?.email ?? '', demo.login?.password ?? '');
const bot = h.client();
bot.bearer = (await session.post('/api/v1/me/tokens', { name: 'bench', workspaceId: demo.workspaceId, role: 'viewer' })).json<CreatedToken>().token;
const ws = `/api/v1/workspaces/${demo.workspaceId}`;

const cases: [string, () => Promise<unknown>][] = [
  ['GET /healthz (baseline)', () => h.client().get('/healthz')],
  ['GET /api/v1/me (session)', () => session.get('/api/v1/me')],
  ['GET /api/v1/me (bearer token)', () => bot.get('/api/v1/me')],
  ['GET …/mentions?limit=50 (session)', () => session.get(`${ws}/mentions?limit=50`)],
  ['GET …/mentions?q=banque (session)', () => session.get(`${ws}/mentions?q=banque`)],
  ['PATCH /api/v1/me 400 unknown field', () => session.patch('/api/v1/me', { nope: 1 })],
  ['GET /api/v1/me anonymous 401', () => h.client().get('/api/v1/me')],
];

const rows: { case: string; 'req/s': number; 'vs baseline': string }[] = [];
let baseline = 0;
for (const [name, run] of cases) {
  const rps = await measure(run, 1500);
  if (!baseline) baseline = rps;
  rows.push({ case: name, 'req/s': Math.round(rps), 'vs baseline': `${(rps / baseline).toFixed(3)}×` });
}
console.log(`\n${target.name}`);
console.table(rows);
await database.close();
}
