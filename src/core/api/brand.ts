import { z } from 'zod';
import { networks } from '../mention.ts';
import { isoDateSchema } from './common.ts';

const entries = z.array(z.string().trim().min(1, 'must not be empty').max(200)).max(50);

/** The whole profile is replaced on PUT; every field is required so that a typo cannot blank one silently. */
export const brandProfileBodySchema = z.strictObject({
  services: entries,
  knowHow: entries,
  differentiators: entries,
  values: entries,
  toneOfVoice: z.string().trim().max(2000),
  keywords: entries,
  competitors: entries,
  networks: z
    .array(z.enum(networks))
    .max(networks.length)
    .refine((a) => new Set(a).size === a.length, 'must not list a network twice'),
});
export type BrandProfileBody = z.infer<typeof brandProfileBodySchema>;

export const brandProfileViewSchema = z.object({
  services: z.array(z.string()),
  knowHow: z.array(z.string()),
  differentiators: z.array(z.string()),
  values: z.array(z.string()),
  toneOfVoice: z.string(),
  keywords: z.array(z.string()),
  competitors: z.array(z.string()),
  networks: z.array(z.enum(networks)),
  updatedAt: isoDateSchema.nullable(),
});
export type BrandProfileView = z.infer<typeof brandProfileViewSchema>;
