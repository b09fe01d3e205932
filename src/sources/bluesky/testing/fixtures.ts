import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

/** The shared AT Protocol fixtures (../shared/data relative to the repository root; never copied into the repo). */
const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
export const blueskyDataDir = join(repoRoot, '..', 'shared', 'data', 'social-api-payloads', 'bluesky');
export const interopDir = join(blueskyDataDir, 'atproto-interop-tests');
