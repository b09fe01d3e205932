import { z } from 'zod';
import { personNetworks, personRoles } from '../person.ts';

/** The people of a workspace (ADR 0172, 0201): read with a search and pages. */
export const peopleQuerySchema = z.strictObject({
  /** A part of a name, a handle or a tag, any case. */
  q: z.string().trim().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
  offset: z.coerce.number().int().min(0).max(1_000_000).optional(),
});
export type PeopleQuery = z.infer<typeof peopleQuerySchema>;

export const personParams = z.object({ workspaceId: z.string(), personId: z.string() });

export const personViewSchema = z.object({
  id: z.string(),
  displayName: z.string(),
  /** `handle` as shown: a Bluesky handle stored as a DID shows its verified handle, `did` keeping the DID (ADR 0240). */
  handles: z.array(z.object({ network: z.enum(personNetworks), handle: z.string(), did: z.string().optional() })),
  profileUrl: z.string().nullable(),
  bio: z.string().nullable(),
  tags: z.array(z.string()),
  roles: z.array(z.enum(personRoles)),
  notes: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type PersonView = z.infer<typeof personViewSchema>;

export const peoplePageSchema = z.object({
  items: z.array(personViewSchema),
  /** People matching the search, over every page. */
  total: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
});
export type PeoplePage = z.infer<typeof peoplePageSchema>;
