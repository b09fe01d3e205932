/**
 * Links from the web (mention URLs, author pages) become hrefs only when they are
 * http(s): a `javascript:` or `data:` URL in a feed must never be clickable.
 */
export const safeHref = (url: string | null | undefined): string | undefined => {
  if (!url) return undefined;
  try {
    const u = new URL(url);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.href : undefined;
  } catch {
    return undefined;
  }
};
