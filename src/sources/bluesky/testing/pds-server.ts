// A local Bluesky PDS in a process of its own (see startPds in pds.ts): prints `{"url","plcUrl","dir"}`
// on one line once it listens, then serves until its parent kills it.
import { startPdsInProcess } from './pds.ts';

const [appViewUrl, appViewDid] = process.argv.slice(2);
if (!appViewUrl || !appViewDid) {
  process.stderr.write('usage: pds-server.ts APPVIEW_URL APPVIEW_DID\n');
  process.exit(2);
}
const pds = await startPdsInProcess({ appViewUrl, appViewDid });
process.stdout.write(`${JSON.stringify({ url: pds.url, plcUrl: pds.plcUrl, dir: pds.dir })}\n`);
// Serves until the parent's SIGKILL; if the parent dies first, its end of stdin closes: go too,
// the same abrupt way (no teardown, see pds.ts).
process.stdin.resume();
process.stdin.once('close', () => process.kill(process.pid, 'SIGKILL'));
