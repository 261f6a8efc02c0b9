import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../electron/host/config.ts';
import { startHost, type Host } from '../../electron/host/host.ts';
import { silentLogger } from '../../electron/log/logger.ts';

const mrz = ['P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<', 'L898902C36UTO7408122F3404159ZE184226B<<<<<16'];
let host: Host;

async function scrape(path = '/metrics'): Promise<{ status: number; text: string }> {
  const res = await fetch(`http://127.0.0.1:${host.metricsPort}${path}`);
  return { status: res.status, text: await res.text() };
}

/** The value of one sample line, e.g. `passage_device_up{device="printer",kind="printer"}`. */
async function sample(name: string): Promise<number | null> {
  const { text } = await scrape();
  const line = text.split('\n').find((l) => l.startsWith(`${name} `));
  return line ? Number(line.slice(name.length + 1)) : null;
}

async function eventually(check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('condition not reached');
}

const route = (path: string) => {
  const found = host.simRoutes.find((r) => r.path === path);
  if (!found) throw new Error(`no sim route ${path}`);
  return found;
};

beforeAll(async () => {
  host = await startHost(parseConfig({ dataDir: mkdtempSync(join(tmpdir(), 'passage-metrics-')), services: [], ocr: { enabled: false }, log: { level: 'silent' }, metrics: { port: 0 } }), {
    logger: silentLogger(),
  });
}, 30_000);

afterAll(async () => {
  await host?.stop();
});

describe('kiosk metrics on loopback', () => {
  it('serves Prometheus text on /metrics only', async () => {
    const { status, text } = await scrape();
    expect(status).toBe(200);
    expect(text).toContain('# TYPE passage_sessions_total counter');
    expect(text).toContain('passage_process_resident_memory_bytes');
    expect((await scrape('/other')).status).toBe(404);
  });

  it('reports a printer out of paper as down with its fault code', async () => {
    expect(await sample('passage_device_up{device="printer",kind="printer"}')).toBe(1);
    await route('/printer/paper-out').handle({});
    await eventually(async () => (await sample('passage_device_up{device="printer",kind="printer"}')) === 0);
    expect(await sample('passage_device_fault{device="printer",code="MEDIA_EMPTY"}')).toBe(1);
    await route('/printer/paper-in').handle({});
    await eventually(async () => (await sample('passage_device_up{device="printer",kind="printer"}')) === 1);
    expect(await sample('passage_device_fault{device="printer",code="MEDIA_EMPTY"}')).toBeNull();
  });

  it('counts a read, a verification with its platform time, and the session when it ends', async () => {
    await route('/reader/document').handle({ mrz });
    await eventually(async () => (await sample('passage_verifications_total{outcome="verified"}')) === 1);
    expect(await sample('passage_platform_verify_seconds_count')).toBe(1);
    expect(await sample('passage_document_reads_total{reader="reader",result="document"}')).toBe(1);
    expect(await sample('passage_document_read_seconds_count{reader="reader"}')).toBe(1);
    expect(await sample('passage_sessions_total{outcome="abandoned"}')).toBeNull();
    host.session.command({ type: 'cancel' });
    await eventually(async () => (await sample('passage_sessions_total{outcome="abandoned"}')) === 1);
    expect(await sample('passage_session_duration_seconds_count')).toBe(1);
  });

  it('shows out of service', async () => {
    host.session.setOutOfService(true);
    expect(await sample('passage_out_of_service')).toBe(1);
    host.session.setOutOfService(false);
    expect(await sample('passage_out_of_service')).toBe(0);
  });
});
