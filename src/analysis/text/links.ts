/**
 * Hosts of links for `site:` (DESIGN §5): the host of `http(s)://[user@]host[:port]/…`,
 * normalised like the rest of the text, without a trailing dot.
 */
export const hostOfLink = (link: string): string | null => {
  const m = /^https?:\/\/([^/?#\s]*)/i.exec(link);
  if (!m || m[1] === undefined) return null;
  let host = m[1];
  const at = host.lastIndexOf('@');
  if (at >= 0) host = host.slice(at + 1);
  if (host.startsWith('[')) {
    const close = host.indexOf(']');
    host = close > 0 ? host.slice(0, close + 1) : host;
  } else {
    const colon = host.indexOf(':');
    if (colon >= 0) host = host.slice(0, colon);
  }
  host = host.toLowerCase().replace(/\.+$/, '');
  return host.length > 0 ? host : null;
};

/** Whether `host` is `site` or one of its subdomains. */
export const hostWithin = (host: string, site: string): boolean =>
  host === site || (host.length > site.length && host.endsWith(site) && host.charCodeAt(host.length - site.length - 1) === 0x2e);
