import type { Network } from './mention.ts';

/**
 * What a workspace says about itself (DESIGN §2 "Define"). It drives suggested
 * queries, content checks, partner fit and reports.
 */
export interface BrandProfile {
  readonly workspaceId: string;
  readonly services: readonly string[];
  readonly knowHow: readonly string[];
  readonly differentiators: readonly string[];
  readonly values: readonly string[];
  readonly toneOfVoice: string;
  readonly keywords: readonly string[];
  readonly competitors: readonly string[];
  /** Networks in order of priority, most important first, no repeats. */
  readonly networks: readonly Network[];
  readonly updatedAt: Date | null;
}

export type BrandProfileInput = Omit<BrandProfile, 'workspaceId' | 'updatedAt'>;

export const emptyBrandProfile = (workspaceId: string): BrandProfile => ({
  workspaceId,
  services: [],
  knowHow: [],
  differentiators: [],
  values: [],
  toneOfVoice: '',
  keywords: [],
  competitors: [],
  networks: [],
  updatedAt: null,
});
