import { eq } from 'drizzle-orm';
import { emptyBrandProfile, type BrandProfile, type BrandProfileInput } from '../core/brand.ts';
import type { Network } from '../core/mention.ts';
import type { Db } from './db.ts';
import { brandProfiles } from './schema.ts';

type Row = typeof brandProfiles.$inferSelect;
const toProfile = (r: Row): BrandProfile => ({
  workspaceId: r.workspaceId,
  services: r.services,
  knowHow: r.knowHow,
  differentiators: r.differentiators,
  values: r.values,
  toneOfVoice: r.toneOfVoice,
  keywords: r.keywords,
  competitors: r.competitors,
  networks: r.networks as Network[],
  updatedAt: r.updatedAt,
});

/** The workspace's profile, or an empty one when it was never filled in. */
export const getBrandProfile = async (db: Db, workspaceId: string): Promise<BrandProfile> => {
  const [row] = await db.select().from(brandProfiles).where(eq(brandProfiles.workspaceId, workspaceId));
  return row ? toProfile(row) : emptyBrandProfile(workspaceId);
};

export const saveBrandProfile = async (
  db: Db,
  workspaceId: string,
  p: BrandProfileInput,
  now: Date,
): Promise<BrandProfile> => {
  const values = {
    services: [...p.services],
    knowHow: [...p.knowHow],
    differentiators: [...p.differentiators],
    values: [...p.values],
    toneOfVoice: p.toneOfVoice,
    keywords: [...p.keywords],
    competitors: [...p.competitors],
    networks: [...p.networks],
    updatedAt: now,
  };
  const [row] = await db
    .insert(brandProfiles)
    .values({ workspaceId, ...values })
    .onConflictDoUpdate({ target: brandProfiles.workspaceId, set: values })
    .returning();
  if (!row) throw new Error('upsert returned no row');
  return toProfile(row);
};
