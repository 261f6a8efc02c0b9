import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
  '.ico': 'image/x-icon',
};

/** Resolves a URL path inside `root`, refusing anything that escapes it. */
export async function readStatic(root: string, urlPath: string): Promise<{ body: Buffer; type: string } | null> {
  let path: string;
  try {
    path = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (path.endsWith('/')) path += 'index.html';
  const full = normalize(join(root, path));
  if (full !== root && !full.startsWith(root.endsWith(sep) ? root : root + sep)) return null;
  try {
    return { body: await readFile(full), type: types[extname(full)] ?? 'application/octet-stream' };
  } catch {
    return null;
  }
}

/**
 * Answers a GET/HEAD for a built page's file under `root` (405 for other methods, 404 when absent), with the
 * page's content security policy; HTML is never cached, assets for an hour.
 */
export async function serveStatic(
  req: { method?: string | undefined },
  res: import('node:http').ServerResponse,
  root: string,
  urlPath: string,
  contentSecurityPolicy: string,
): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { allow: 'GET' }).end();
    return;
  }
  const file = await readStatic(root, urlPath);
  if (!file) {
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    return;
  }
  res.writeHead(200, {
    'content-type': file.type,
    'content-security-policy': contentSecurityPolicy,
    'x-content-type-options': 'nosniff',
    'cache-control': file.type.startsWith('text/html') ? 'no-store' : 'max-age=3600',
  });
  res.end(req.method === 'HEAD' ? undefined : file.body);
}
