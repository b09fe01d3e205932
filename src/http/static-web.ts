import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import type { Context } from 'hono';

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json',
};

const noBuildPage = `<!doctype html><meta charset="utf-8"><title>relais</title>
<p>The relais API is running, but the web interface has not been built yet.</p>
<p>Run <code>npm run build:web</code>, then reload this page. The API is at <a href="/api/openapi.json">/api/openapi.json</a>.</p>
`;

const isFile = async (path: string): Promise<boolean> => {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
};

/**
 * Serves the built single-page app: a file when it exists, otherwise
 * index.html so the client-side router handles the path. Paths that escape
 * the folder or name dotfiles are never read. Returns null when there is
 * nothing to serve (the caller answers 404).
 */
export const serveWeb = async (c: Context, webDir: string | undefined): Promise<Response | null> => {
  const index = webDir ? join(webDir, 'index.html') : undefined;
  const hasBuild = index !== undefined && (await isFile(index));
  if (!webDir || !hasBuild) {
    return c.req.path === '/' ? c.html(noBuildPage, 200, { 'Cache-Control': 'no-store' }) : null;
  }
  let rel: string;
  try {
    rel = decodeURIComponent(c.req.path);
  } catch {
    return null;
  }
  const target = normalize(join(webDir, rel));
  const inside = target.startsWith(webDir.endsWith(sep) ? webDir : webDir + sep);
  const hidden = rel.split('/').some((part) => part.startsWith('.'));
  if (hidden) return null;
  if (inside && (await isFile(target))) {
    const immutable = rel.startsWith('/assets/');
    return c.body(new Uint8Array(await readFile(target)), 200, {
      'Content-Type': types[extname(target).toLowerCase()] ?? 'application/octet-stream',
      'Cache-Control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    });
  }
  // A path with a file extension that does not exist is a missing asset, not an app route.
  if (extname(rel) !== '') return null;
  return c.body(new Uint8Array(await readFile(index)), 200, {
    'Content-Type': types['.html'] ?? 'text/html',
    'Cache-Control': 'no-cache',
  });
};
