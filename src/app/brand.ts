import type { Clock } from '../core/clock.ts';
import { failure } from '../core/errors.ts';
import type { Problem } from '../core/messages.ts';
import type { BrandProfile, BrandProfileInput } from '../core/brand.ts';
import { networks } from '../core/mention.ts';
import { getBrandProfile, saveBrandProfile } from '../storage/brand-profiles.repo.ts';
import type { Db } from '../storage/db.ts';

export const getBrand = (db: Db, workspaceId: string): Promise<BrandProfile> => getBrandProfile(db, workspaceId);

/** Trimmed, empty entries dropped, repeats (ignoring case) dropped, order kept. */
const tidy = (list: readonly string[]): string[] => {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of list) {
    const item = raw.trim().replace(/\s+/g, ' ');
    const key = item.toLowerCase();
    if (item && !seen.has(key)) {
      seen.add(key);
      out.push(item);
    }
  }
  return out;
};

const maxEntries = 50;
const maxEntryLength = 200;

/** Replaces the profile after validation; problems are listed together in one `bad-request`. */
export const updateBrand = async (
  db: Db,
  workspaceId: string,
  input: BrandProfileInput,
  clock: Clock,
): Promise<BrandProfile> => {
  const problems: Problem[] = [];
  const lists = {
    services: tidy(input.services),
    knowHow: tidy(input.knowHow),
    differentiators: tidy(input.differentiators),
    values: tidy(input.values),
    keywords: tidy(input.keywords),
    competitors: tidy(input.competitors),
  };
  for (const [field, list] of Object.entries(lists)) {
    if (list.length > maxEntries) problems.push({ key: 'brand.too-many', params: { field, max: maxEntries } });
    if (list.some((s) => s.length > maxEntryLength)) problems.push({ key: 'brand.entry-too-long', params: { field, max: maxEntryLength } });
  }
  if (new Set(input.networks).size !== input.networks.length) problems.push({ key: 'brand.network-twice' });
  for (const n of input.networks) if (!networks.includes(n)) problems.push({ key: 'brand.unknown-network', params: { network: n } });
  const toneOfVoice = input.toneOfVoice.trim();
  if (toneOfVoice.length > 2000) problems.push({ key: 'validation.text-max', params: { field: 'toneOfVoice', max: 2000 } });
  if (problems.length > 0) throw failure(problems);
  return saveBrandProfile(db, workspaceId, { ...lists, toneOfVoice, networks: [...input.networks] }, clock.now());
};
