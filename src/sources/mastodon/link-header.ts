/**
 * RFC 8288 Link header, as Mastodon sends it for pagination:
 * `<https://server/api/v1/…?max_id=1>; rel="next", <https://server/api/v1/…?min_id=9>; rel="prev"`.
 * Returns rel → URL (the first of each rel), URLs resolved against `base`.
 */
export const parseLinkHeader = (value: string | undefined, base: string): Readonly<Record<string, string>> => {
  const out: Record<string, string> = {};
  if (!value) return out;
  for (const m of value.matchAll(/<([^>]*)>((?:\s*;\s*[^;,]+)*)/g)) {
    const target = m[1] ?? '';
    const params = m[2] ?? '';
    const rel = /;\s*rel\s*=\s*(?:"([^"]*)"|([^\s;,]+))/i.exec(params);
    const rels = (rel?.[1] ?? rel?.[2] ?? '').toLowerCase().split(/\s+/).filter(Boolean);
    let url: string;
    try {
      url = new URL(target, base).href;
    } catch {
      continue;
    }
    for (const r of rels) if (!(r in out)) out[r] = url;
  }
  return out;
};
