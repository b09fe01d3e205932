/**
 * Path patterns of the router: `/w/:workspaceId/listen` against `/w/42/listen` gives
 * `{ workspaceId: '42' }`; a final `*` matches any rest. Pure, so it is tested under Node.
 */
export const matchPath = (pattern: string, pathname: string): Record<string, string> | null => {
  const want = pattern.split('/').filter(Boolean);
  const have = pathname.split('/').filter(Boolean);
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const w = want[i] as string;
    if (w === '*') return params;
    const h = have[i];
    if (h === undefined) return null;
    if (w.startsWith(':')) {
      try {
        params[w.slice(1)] = decodeURIComponent(h);
      } catch {
        return null;
      }
    } else if (w !== h) return null;
  }
  return want.length === have.length ? params : null;
};
