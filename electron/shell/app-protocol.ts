import { readStatic } from '../net/static-files.ts';

/**
 * The Electron shell's page is served from a custom `app://` scheme, not `file://` (docs/deployment.md
 * "Electron shell"): `file://` pages share one opaque origin with every file on the disk, whereas `app://kiosk`
 * is an origin of its own that the permission handler can name, and every response carries the CSP below.
 */
export const appScheme = 'app';
export const appOrigin = 'app://kiosk';
export const appPageUrl = `${appOrigin}/index.html`;

/** Privileges for `protocol.registerSchemesAsPrivileged`: a standard, secure origin (so the camera may be offered). */
export const appSchemePrivileges = { standard: true, secure: true, supportFetchAPI: true } as const;

/** Only our own files; no network at all (the page talks to the host over IPC), no plugins, no framing. */
export const appContentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "media-src 'self' blob: mediastream:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Answers one `app://` request from the built UI folder; anything else (another host, a path outside) is a 404. */
export async function serveAppRequest(staticDir: string, requestUrl: string, method = 'GET'): Promise<Response> {
  const url = new URL(requestUrl);
  if (url.protocol !== `${appScheme}:` || url.host !== 'kiosk') return new Response('not found', { status: 404 });
  if (method !== 'GET' && method !== 'HEAD') return new Response(null, { status: 405, headers: { allow: 'GET' } });
  const file = await readStatic(staticDir, url.pathname);
  if (!file) return new Response('not found', { status: 404 });
  return new Response(method === 'HEAD' ? null : new Uint8Array(file.body), {
    status: 200,
    headers: {
      'content-type': file.type,
      'content-security-policy': appContentSecurityPolicy,
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-store',
    },
  });
}
