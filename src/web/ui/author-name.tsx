import { authorLabel } from './author-label.ts';

/** An author: a handle, or a DID not verified yet, shortened with the whole DID in the title (ADR 0240). */
export const AuthorName = ({ author, did, className }: { author: string; did?: string | null | undefined; className?: string }) => {
  const label = authorLabel(author, did);
  return (
    <span {...(className ? { className } : {})} {...(label.title ? { title: label.title } : {})}>
      {label.text}
    </span>
  );
};
