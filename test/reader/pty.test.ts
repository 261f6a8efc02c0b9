import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SerialPort } from 'serialport';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { profiles, type ProfileName } from '../../drivers/framing/profiles.ts';
import type { ReaderEvent } from '../../drivers/reader/document-reader.ts';
import type { SerialPortClass } from '../../drivers/reader/serial-link.ts';
import { createSerialReader } from '../../drivers/reader/serial-reader.ts';
import { systemClock } from '../../drivers/clock.ts';
import { td1, td3 } from '../framing/specimens.ts';
import { waitFor } from '../support/wait.ts';
import { startPtyPair, type PtyPair } from './pty.ts';

/** Serial adapters against a real kernel pty pair (socat), the closest this machine gets to a USB-CDC reader. */
describe('serial reader over a socat pty pair', () => {
  let dir: string;
  let pair: PtyPair;
  const stops: (() => Promise<void>)[] = [];

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'passage-pty-'));
    pair = await startPtyPair(dir);
  });

  afterEach(async () => {
    for (const stop of stops.splice(0)) await stop();
    await pair.kill();
    rmSync(dir, { recursive: true, force: true });
  });

  const open = async (profile: ProfileName) => {
    const reader = createSerialReader({
      id: 'pty',
      path: pair.readerPath,
      profile: profiles[profile],
      ports: SerialPort as unknown as SerialPortClass,
      timers: systemClock,
      backoff: { initialMs: 10, maxMs: 40 },
      presenceIntervalMs: 20,
    });
    const events: ReaderEvent[] = [];
    reader.subscribe((e) => events.push(e));
    await reader.start();
    stops.push(() => reader.stop());
    return { reader, events };
  };

  it.each<ProfileName>(['cn-json', '3m-rte', 'desko-cute', 'elyctis'])('reads a %s frame written in small pieces', async (profile) => {
    const { reader, events } = await open(profile);
    expect(reader.status()).toEqual({ state: 'available' });
    const bytes = profiles[profile].encode(td3);
    for (let i = 0; i < bytes.length; i += 7) {
      await pair.write(bytes.subarray(i, i + 7));
      await new Promise((r) => setImmediate(r));
    }
    await waitFor(() => events.some((e) => e.type === 'readEnd'), 'readEnd');
    expect(events.filter((e) => e.type === 'data')).toEqual([{ type: 'data', data: { lines: td3, origin: 'reader' } }]);
  });

  it('reports a frame cut off when socat dies mid-frame, then reconnects when it comes back', async () => {
    const { reader, events } = await open('access-is');
    const frame = profiles['access-is'].encode(td3);
    await pair.write(frame.subarray(0, 40));
    await waitFor(() => events.some((e) => e.type === 'readStart'), 'readStart');
    await pair.kill();
    await waitFor(() => reader.status().state === 'unavailable', 'unavailable after unplug');
    const seen = events.map((e) => (e.type === 'error' ? `error:${e.error.code}` : e.type === 'status' ? `status:${e.status.state}` : e.type));
    expect(seen).toEqual(['status:available', 'readStart', 'error:TRUNCATED', 'readEnd', 'status:unavailable']);
    await pair.restart();
    await waitFor(() => reader.status().state === 'available', 'available after restart');
    await pair.write(profiles['access-is'].encode(td1));
    await waitFor(() => events.some((e) => e.type === 'data'), 'a read after reconnecting');
    expect(events.filter((e) => e.type === 'data')).toEqual([{ type: 'data', data: { lines: td1, origin: 'reader' } }]);
  });
});
