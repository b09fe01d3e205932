/**
 * How the web writes an author the API names (ADR 0240): a handle as it is; a Bluesky DID whose
 * handle is not verified yet, shortened to its method and first characters (`did:plc:ewvi…`),
 * the whole DID kept for the title.
 */
export interface AuthorLabel {
  readonly text: string;
  /** The full identifier, for a tooltip; absent when `text` is already all of it. */
  readonly title?: string;
}

const SHOWN_ID_CHARS = 4;

export const authorLabel = (author: string, did?: string | null): AuthorLabel => {
  if (!author.startsWith('did:')) return did ? { text: author, title: did } : { text: author };
  const method = author.indexOf(':', 4);
  const id = method < 0 ? '' : author.slice(method + 1);
  // did:web names a host: readable as it is unless long.
  if (method < 0 || id.length <= SHOWN_ID_CHARS || (author.startsWith('did:web:') && author.length <= 32)) return { text: author };
  return { text: `${author.slice(0, method + 1)}${id.slice(0, SHOWN_ID_CHARS)}…`, title: author };
};
