import { isDid, type MentionDraft } from '../../core/mention.ts';
import { verifiedHandles, type HandleHint } from '../../storage/bluesky-identities.repo.ts';
import type { Db } from '../../storage/db.ts';

/**
 * What the ingest of pulled Bluesky posts (search, notifications) needs of their authors
 * (ADR 0280): every draft names its author by DID, so `author:` is matched on the DID's verified
 * handle (as for the firehose, ADR 0240) and on the handle the view gave (`handleHint`); and the
 * handles the views gave are hints for the identity resolver, saved with the source's state.
 */
export interface BlueskyAuthors {
  /** DID → its verified handle, for `storeDrafts`' `authorAliases`. */
  readonly aliases: ReadonlyMap<string, string>;
  /** The last handle each DID was given with, for `saveHandleHints`. */
  readonly hints: readonly HandleHint[];
}

export const blueskyAuthorsOf = async (db: Db, drafts: readonly MentionDraft[]): Promise<BlueskyAuthors> => {
  const dids = new Set<string>();
  const hinted = new Map<string, string>();
  for (const d of drafts) {
    if (d.network !== 'bluesky' || !isDid(d.author.handle)) continue;
    dids.add(d.author.handle);
    if (d.author.handleHint) hinted.set(d.author.handle, d.author.handleHint);
  }
  const aliases = dids.size > 0 ? await verifiedHandles(db, [...dids]) : new Map<string, string>();
  return { aliases, hints: [...hinted].map(([did, handle]) => ({ did, handle })) };
};
