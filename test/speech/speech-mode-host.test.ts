import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ConfigError, parseConfig } from '../../electron/host/config.ts';
import { startHost, type Host } from '../../electron/host/host.ts';
import { silentLogger } from '../../electron/log/logger.ts';

/** Speech mode as the simulated kiosk composes it: the jack and the voice behind the control API. */
let host: Host;

const route = (method: 'GET' | 'POST', path: string) => {
  const found = host.simRoutes.find((r) => r.method === method && r.path === path);
  if (!found) throw new Error(`no sim route ${method} ${path}`);
  return found;
};

beforeAll(async () => {
  const config = parseConfig({ dataDir: mkdtempSync(join(tmpdir(), 'passage-speech-host-')), services: [], ocr: { enabled: false }, log: { level: 'silent' }, language: { default: 'zh-Hant' } });
  host = await startHost(config, { logger: silentLogger() });
}, 30_000);

afterAll(async () => {
  await host?.stop();
});

describe('speech mode in the simulated kiosk', () => {
  it('a headset plugged in through the control API starts speech mode, and the voice is heard in the transcript', async () => {
    await route('POST', '/audio/headset').handle({ plugged: true });
    expect(host.session.state().accessibility).toMatchObject({ speech: true, headset: true });
    host.session.command({ type: 'accessibility', action: { type: 'speak', key: false, utterances: [{ text: '歡迎使用' }] } });
    await vi.waitFor(async () => expect(await route('GET', '/speech').handle(undefined)).toMatchObject({ utterances: [{ lang: 'zh-Hant', text: '歡迎使用' }], volume: 0.5 }));
    await route('POST', '/speech/clear').handle(undefined);
    expect(await route('GET', '/speech').handle(undefined)).toMatchObject({ utterances: [] });
  });

  it('pulling the headset out ends speech mode', async () => {
    await route('POST', '/audio/headset').handle({ plugged: false });
    expect(host.session.state().accessibility).toMatchObject({ speech: false, headset: false });
  });
});

describe('speech mode configuration', () => {
  it('a real kiosk refuses a simulated voice or jack', () => {
    expect(() => parseConfig({ mode: 'real', accessibility: { speech: { engine: 'simulated' } } })).toThrow(ConfigError);
    expect(() => parseConfig({ mode: 'real', accessibility: { headset: { kind: 'simulated' } } })).toThrow(/accessibility\.headset\.kind/);
  });

  it('refuses a warning as long as the timeout, and a voice name that is not one', () => {
    expect(() => parseConfig({ accessibility: { idleTimeoutSeconds: 60, idleWarningSeconds: 60 } })).toThrow(/accessibility\.idleWarningSeconds/);
    expect(() => parseConfig({ accessibility: { speech: { engine: 'espeak-ng', voices: { en: '-q --stdout' } } } })).toThrow(/accessibility\.speech\.voices\.en/);
  });

  it('defaults: volume 5 of 10, three minutes before a speech-mode session times out', () => {
    expect(parseConfig({}).accessibility).toEqual({ defaultVolume: 5, idleTimeoutSeconds: 180, idleWarningSeconds: 30 });
  });
});
