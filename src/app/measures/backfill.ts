import { sql } from 'drizzle-orm';
import type { Clock } from '../../core/clock.ts';
import type { Db } from '../../storage/db.ts';
import { rebuildWorkspaceRollups } from '../../storage/rollups.repo.ts';
import { foldAuthorLastDays } from './fold-authors.ts';

/**
 * Mentions stored before the rollups existed (an upgrade) are counted once: every workspace that
 * has mentions but no rollup row is rebuilt from its mentions, and so is every workspace a
 * migration listed in `rollup_rebuilds` because it changed their mentions (ADR 0280; the row
 * goes after the rebuild, so a crash between them costs one more rebuild, never a missed one).
 * Run after migrating; a no-op once done (the ingest keeps the rollups from then on).
 */
export const backfillRollups = async (db: Db, clock: Clock): Promise<string[]> => {
  const r = await db.execute(sql`
    select w.id from workspaces w
    where exists (select 1 from mentions m where m.workspace_id = w.id)
      and not exists (select 1 from measure_buckets b where b.workspace_id = w.id)
    union
    select workspace_id from rollup_rebuilds`);
  const ids = (Array.isArray(r) ? r : (r as { rows: { id: string }[] }).rows).map((x) => String((x as { id: string }).id));
  for (const id of ids) {
    await rebuildWorkspaceRollups(db, id, clock.now());
    // The dashboard's reads never fill the cache of the authors' last days (ADR 0310): fill it here.
    await foldAuthorLastDays(db, id, clock);
    await db.execute(sql`delete from rollup_rebuilds where workspace_id = ${id}::uuid`);
  }
  return ids;
};
