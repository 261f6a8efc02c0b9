import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { EvdevHeadset } from '../../drivers/headset/evdev-headset.ts';
import { EV_SW, SW_HEADPHONE_INSERT, encodeInputEvent, headphoneState, parseInputEvents } from '../../drivers/headset/input-event.ts';
import { SimulatedHeadset } from '../../drivers/headset/simulated-headset.ts';
import { speechSimRoutes } from '../../drivers/sim/speech-routes.ts';
import { SimulatedSpeech } from '../../drivers/speech/simulated-speech.ts';

const EV_SYN = 0x00;
const EV_KEY = 0x01;
const SW_MICROPHONE_INSERT = 0x04;
const jack = (value: number) => encodeInputEvent({ type: EV_SW, code: SW_HEADPHONE_INSERT, value });
const concat = (...parts: Uint8Array[]) => Uint8Array.from(parts.flatMap((p) => [...p]));

describe('Linux input events', () => {
  it('splits a read into whole events and keeps a partial one for the next read', () => {
    const bytes = concat(jack(1), encodeInputEvent({ type: EV_SYN, code: 0, value: 0 }), jack(0).slice(0, 10));
    const { events, rest } = parseInputEvents(bytes);
    expect(events).toEqual([
      { type: EV_SW, code: SW_HEADPHONE_INSERT, value: 1 },
      { type: EV_SYN, code: 0, value: 0 },
    ]);
    expect(rest).toEqual(jack(0).slice(0, 10));
  });

  it('reads the headphone switch and ignores the microphone switch and keys', () => {
    expect(headphoneState({ type: EV_SW, code: SW_HEADPHONE_INSERT, value: 1 })).toBe(true);
    expect(headphoneState({ type: EV_SW, code: SW_HEADPHONE_INSERT, value: 0 })).toBe(false);
    expect(headphoneState({ type: EV_SW, code: SW_MICROPHONE_INSERT, value: 1 })).toBeNull();
    expect(headphoneState({ type: EV_KEY, code: SW_HEADPHONE_INSERT, value: 1 })).toBeNull();
  });
});

describe('evdev headphone jack', () => {
  it('reports plugging and unplugging from the event device, split across reads', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'passage-jack-'));
    const path = join(dir, 'event-jack');
    // A FIFO behaves as the event device does: reads block until the kernel (here, the test) writes.
    execFileSync('mkfifo', [path]);
    const headset = new EvdevHeadset({ path });
    const seen: boolean[] = [];
    headset.subscribe((plugged) => seen.push(plugged));
    // Opened asynchronously: opening a FIFO for writing waits for its reader, which must not block the event loop.
    const fd = await open(path, 'w');
    const stream = concat(jack(1), encodeInputEvent({ type: EV_SW, code: SW_MICROPHONE_INSERT, value: 1 }), jack(1), jack(0));
    await fd.write(stream.slice(0, 30));
    await vi.waitFor(() => expect(seen).toEqual([true]));
    expect(headset.plugged()).toBe(true);
    await fd.write(stream.slice(30));
    await vi.waitFor(() => expect(seen).toEqual([true, false]));
    await fd.close();
    await headset.close();
  });

  it('a device that cannot be read is reported as a fault and counts as unplugged', async () => {
    const faults: string[] = [];
    const headset = new EvdevHeadset({ path: '/dev/input/no-such-jack', onFault: (reason) => faults.push(reason) });
    await vi.waitFor(() => expect(faults).toEqual(['/dev/input/no-such-jack: ENOENT']));
    expect(headset.plugged()).toBe(false);
    await headset.close();
  });
});

describe('speech mode control routes', () => {
  const route = (routes: ReturnType<typeof speechSimRoutes>, method: string, path: string) => {
    const found = routes.find((r) => r.method === method && r.path === path);
    if (!found) throw new Error(`no route ${method} ${path}`);
    return found;
  };

  it('plug and unplug the simulated headset', async () => {
    const headset = new SimulatedHeadset();
    const seen: boolean[] = [];
    headset.subscribe((plugged) => seen.push(plugged));
    const routes = speechSimRoutes({ headset });
    const plug = route(routes, 'POST', '/audio/headset');
    expect(plug.body?.safeParse({ plugged: 'yes' }).success).toBe(false);
    await plug.handle({ plugged: true });
    await plug.handle({ plugged: true });
    await plug.handle({ plugged: false });
    expect(seen).toEqual([true, false]);
  });

  it('read and clear what the simulated voice said', async () => {
    const speech = new SimulatedSpeech();
    const routes = speechSimRoutes({ speech });
    await speech.speak({ lang: 'zh-Hans', text: '欢迎' }, { volume: 0.5 });
    expect(await route(routes, 'GET', '/speech').handle(undefined)).toEqual({ utterances: [{ lang: 'zh-Hans', text: '欢迎' }], volume: 0.5, paused: false });
    await route(routes, 'POST', '/speech/clear').handle(undefined);
    expect(await route(routes, 'GET', '/speech').handle(undefined)).toMatchObject({ utterances: [] });
  });

  it('offer no routes for simulators that are not there', () => {
    expect(speechSimRoutes({})).toEqual([]);
  });
});
