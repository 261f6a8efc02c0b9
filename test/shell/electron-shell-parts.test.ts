import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { appContentSecurityPolicy, serveAppRequest } from '../../electron/shell/app-protocol.ts';
import { allowPermissionCheck, allowPermissionRequest } from '../../electron/shell/kiosk-permissions.ts';
import { isKioskEscape } from '../../electron/shell/kiosk-keys.ts';

describe('app:// protocol', () => {
  const dir = mkdtempSync(join(tmpdir(), 'passage-app-'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html>');
  writeFileSync(join(dir, 'app.js'), 'console.log(1)');

  it('serves the built UI with its type and the CSP, the root as index.html', async () => {
    const root = await serveAppRequest(dir, 'app://kiosk/');
    expect(root.status).toBe(200);
    expect(root.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(root.headers.get('content-security-policy')).toBe(appContentSecurityPolicy);
    expect((await serveAppRequest(dir, 'app://kiosk/app.js')).headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  });

  it('answers 404 for a missing file or another host, and 405 for a POST', async () => {
    expect((await serveAppRequest(dir, 'app://kiosk/missing.js')).status).toBe(404);
    expect((await serveAppRequest(dir, 'app://other/index.html')).status).toBe(404);
    expect((await serveAppRequest(dir, 'app://kiosk/index.html', 'POST')).status).toBe(405);
  });

  it('allows no network, no plugins and no framing', () => {
    expect(appContentSecurityPolicy).toContain("connect-src 'self'");
    expect(appContentSecurityPolicy).toContain("object-src 'none'");
    expect(appContentSecurityPolicy).toContain("frame-ancestors 'none'");
    expect(appContentSecurityPolicy).not.toMatch(/unsafe-eval|ws:|http:/);
  });
});

describe('kiosk permissions', () => {
  it('grant video to the kiosk origin and nothing else', () => {
    expect(allowPermissionRequest('media', { requestingUrl: 'app://kiosk/index.html', mediaTypes: ['video'] }, 'app://kiosk')).toBe(true);
    expect(allowPermissionRequest('media', { requestingUrl: 'app://kiosk/index.html', mediaTypes: [] }, 'app://kiosk')).toBe(false);
    expect(allowPermissionRequest('media', { requestingUrl: 'app://kiosk.evil/index.html', mediaTypes: ['video'] }, 'app://kiosk')).toBe(false);
    expect(allowPermissionRequest('media', { mediaTypes: ['video'] }, 'app://kiosk')).toBe(false);
    expect(allowPermissionCheck('media', 'app://kiosk/', { mediaType: 'video' }, 'app://kiosk')).toBe(true);
    expect(allowPermissionCheck('media', 'not a url', { mediaType: 'video' }, 'app://kiosk')).toBe(false);
  });
});

describe('kiosk-escaping keys', () => {
  const key = (k: string, extra: Partial<{ type: string; control: boolean; alt: boolean; meta: boolean }> = {}) =>
    isKioskEscape({ type: 'keyDown', key: k, control: false, alt: false, meta: false, ...extra });

  it('are any combination with Ctrl, Alt or Meta, function keys and browser keys', () => {
    expect(key('q', { control: true })).toBe(true);
    expect(key('ArrowLeft', { alt: true })).toBe(true);
    expect(key('d', { meta: true })).toBe(true);
    expect(key('F1')).toBe(true);
    expect(key('BrowserBack')).toBe(true);
  });

  it('are not plain typing, nor key releases', () => {
    expect(key('Z')).toBe(false);
    expect(key('7')).toBe(false);
    expect(key('F')).toBe(false);
    expect(key('F4', { type: 'keyUp', alt: true })).toBe(false);
  });
});
