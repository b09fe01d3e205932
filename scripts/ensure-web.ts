// `npm start` builds the web interface once, when dist/web is missing or older than its sources.
import { existsSync, statSync } from 'node:fs';
import { glob } from 'node:fs/promises';
import { spawnSync } from 'node:child_process';

const index = 'dist/web/index.html';
let stale = !existsSync(index);
if (!stale) {
  const built = statSync(index).mtimeMs;
  for await (const f of glob('src/web/**/*')) {
    if (statSync(f).mtimeMs > built) {
      stale = true;
      break;
    }
  }
}
if (stale) {
  process.stdout.write('Building the web interface…\n');
  const r = spawnSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--config', 'src/web/vite.config.ts', '--logLevel', 'warn'], {
    stdio: 'inherit',
  });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
