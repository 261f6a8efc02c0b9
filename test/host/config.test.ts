import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, parseConfig } from '../../electron/host/config.ts';

describe('configuration', () => {
  it('gives a simulated kiosk when nothing is configured', async () => {
    const config = await loadConfig(undefined);
    expect(config.mode).toBe('simulated');
    expect(config.language.default).toBe('zh-Hans');
    expect(config.browser.port).toBe(8080);
    expect(config.services).toEqual(['checkIn', 'hotel']);
  });

  it('names the bad key in the error', () => {
    expect(() => parseConfig({ session: { idleTimeoutSeconds: 'soon' } }, 'kiosk.json')).toThrow(
      /kiosk\.json: 'session\.idleTimeoutSeconds': .*number/,
    );
  });

  it('names an unknown key instead of ignoring it', () => {
    expect(() => parseConfig({ sesion: {} })).toThrow(/unknown key 'sesion'/);
    expect(() => parseConfig({ session: { idleTimeout: 5 } })).toThrow(/unknown key 'session\.idleTimeout'/);
  });

  it('refuses a warning longer than the timeout', () => {
    expect(() => parseConfig({ session: { idleTimeoutSeconds: 10, idleWarningSeconds: 20 } })).toThrow(/idleWarningSeconds/);
  });

  it('reports unreadable and malformed files as configuration errors', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'passage-config-'));
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{ "mode": ');
    await expect(loadConfig(bad)).rejects.toThrow(ConfigError);
    await expect(loadConfig(bad)).rejects.toThrow(/not valid JSON/);
    await expect(loadConfig(join(dir, 'missing.json'))).rejects.toThrow(/ENOENT/);
  });
});
