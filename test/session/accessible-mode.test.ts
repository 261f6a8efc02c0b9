import { describe, expect, it } from 'vitest';
import type { AccessibilityAction, MaintenanceAction, MaintenanceView } from '../../electron/contract/index.ts';
import type { Maintenance } from '../../electron/maintenance/maintenance.ts';
import { DeviceManager } from '../../electron/devices/device-manager.ts';
import { silentLogger } from '../../electron/log/logger.ts';
import { Session } from '../../electron/session/session.ts';
import { SimulatedReader } from '../../drivers/reader/simulated-reader.ts';
import { SimulatedSpeech } from '../../drivers/speech/simulated-speech.ts';
import { ManualClock } from '../support/clock.ts';
import { parseReaderData } from '../../electron/devices/parse-reader-data.ts';
import { mrzLines, readAt } from '../support/documents.ts';

const settle = () => new Promise((resolve) => setImmediate(resolve));

/** What the session asks of maintenance: open or closed, and a change notice (the panel itself is tested apart). */
class FakeMaintenance {
  isOpen = false;
  readonly #listeners = new Set<() => void>();
  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
  handle(action: MaintenanceAction): void {
    this.isOpen = action.type !== 'close';
    for (const listener of this.#listeners) listener();
  }
  view(): MaintenanceView | null {
    return this.isOpen ? { step: 'login', badge: false, problem: null, lockedUntil: null, failures: 0, noAccounts: false } : null;
  }
  alert(): void {}
  count(): void {}
  observe(): void {}
}

async function setup(maintenance?: FakeMaintenance) {
  const clock = new ManualClock();
  const speech = new SimulatedSpeech({ timers: clock });
  const reader = new SimulatedReader('reader');
  const devices = new DeviceManager({ readers: [reader], parse: (data) => parseReaderData(data, readAt), logger: silentLogger() });
  const session = new Session(
    {
      defaultLanguage: 'pt',
      idleTimeoutMs: 30_000,
      idleWarningMs: 10_000,
      mode: 'simulated',
      accessibility: { defaultVolume: 4, idleTimeoutMs: 120_000, idleWarningMs: 20_000 },
    },
    { clock, logger: silentLogger(), speech, newSessionId: () => 'session', ...(maintenance ? { maintenance: maintenance as unknown as Maintenance } : {}) },
  );
  await devices.start();
  session.attach(devices);
  const access = (action: AccessibilityAction) => session.command({ type: 'accessibility', action });
  const said = () => speech.transcript().utterances;
  return { clock, speech, reader, session, access, said, state: () => session.state() };
}

describe('speech mode in the session', () => {
  it('a headset plugged in starts speech mode on the attract screen without starting a session', async () => {
    const { session, state } = await setup();
    session.headset(true);
    expect(state().accessibility).toMatchObject({ speech: true, headset: true, volume: 4 });
    expect(state().screen.name).toBe('attract');
    expect(state().idle).toBeNull();
  });

  it('a keypad key on the attract screen starts speech mode too', async () => {
    const { access, state } = await setup();
    access({ type: 'startSpeech' });
    expect(state().accessibility).toMatchObject({ speech: true, headset: false });
  });

  it('says what the screen asks, in the traveller’s language unless a line names its own', async () => {
    const { clock, access, session, said } = await setup();
    session.headset(true);
    access({ type: 'speak', key: false, utterances: [{ text: 'Bem-vindo' }, { text: 'English', lang: 'en' }] });
    clock.advance(0);
    await settle();
    expect(said()).toEqual([
      { lang: 'pt', text: 'Bem-vindo' },
      { lang: 'en', text: 'English' },
    ]);
  });

  it('never speaks outside speech mode', async () => {
    const { access, said } = await setup();
    access({ type: 'speak', key: true, utterances: [{ text: 'Bem-vindo' }] });
    access({ type: 'repeat' });
    await settle();
    expect(said()).toEqual([]);
  });

  it('pulling the headset out stops speech at once', async () => {
    const { access, session, speech, state } = await setup();
    session.headset(true);
    access({ type: 'blank', on: true });
    access({ type: 'speak', key: false, utterances: [{ text: 'ERIKSSON ANNA MARIA' }] });
    session.headset(false);
    expect(state().accessibility).toMatchObject({ speech: false, headset: false, blank: false });
    access({ type: 'speak', key: false, utterances: [{ text: 'Lugar 21C' }] });
    await settle();
    expect(speech.transcript().utterances.map((u) => u.text)).toEqual(['ERIKSSON ANNA MARIA']);
  });

  it('gives longer to answer in speech mode', async () => {
    const { clock, access, session, state } = await setup();
    session.command({ type: 'start' });
    expect(state().idle?.endAt).toBe(clock.now() + 30_000);
    access({ type: 'startSpeech' });
    expect(state().idle).toEqual({ warnAt: clock.now() + 100_000, endAt: clock.now() + 120_000 });
    clock.advance(119_999);
    expect(state().screen.name).toBe('document');
  });

  it('a key the traveller pressed keeps the session alive; the kiosk talking on its own does not', async () => {
    const { clock, access, session, state } = await setup();
    session.headset(true);
    session.command({ type: 'start' });
    clock.advance(100_000);
    access({ type: 'speak', key: true, utterances: [{ text: 'Continuar' }] });
    expect(state().idle?.endAt).toBe(clock.now() + 120_000);
    clock.advance(100_000);
    access({ type: 'speak', key: false, utterances: [{ text: 'A ler' }] });
    clock.advance(20_000);
    expect(state().screen.name).toBe('attract');
  });

  it('moves the volume in steps between 1 and 10 and uses it for the next words', async () => {
    const { access, session, speech, state } = await setup();
    session.headset(true);
    for (let i = 0; i < 8; i++) access({ type: 'volume', change: 'up' });
    expect(state().accessibility.volume).toBe(10);
    access({ type: 'volume', change: 'down' });
    access({ type: 'speak', key: true, utterances: [{ text: 'Volume 9' }] });
    expect(speech.transcript().volume).toBe(0.9);
    for (let i = 0; i < 12; i++) access({ type: 'volume', change: 'down' });
    expect(state().accessibility.volume).toBe(1);
  });

  it('sets volume, blanking, large text and high contrast back when the session ends; a plugged headset keeps speech on', async () => {
    const { access, session, state } = await setup();
    session.headset(true);
    session.command({ type: 'start' });
    access({ type: 'volume', change: 'up' });
    access({ type: 'blank', on: true });
    access({ type: 'largeText', on: true });
    access({ type: 'highContrast', on: true });
    access({ type: 'pauseSpeech' });
    expect(state().accessibility).toEqual({ speech: true, headset: true, blank: true, paused: true, volume: 5, largeText: true, highContrast: true });
    session.command({ type: 'cancel' });
    expect(state().accessibility).toEqual({ speech: true, headset: true, blank: false, paused: false, volume: 4, largeText: false, highContrast: false });
  });

  it('ends speech mode with the session when it was started by a key, and stops talking', async () => {
    const { clock, access, session, said, state } = await setup();
    access({ type: 'startSpeech' });
    session.command({ type: 'start' });
    clock.advance(120_000);
    expect(state().screen.name).toBe('attract');
    expect(state().accessibility.speech).toBe(false);
    access({ type: 'speak', key: false, utterances: [{ text: 'Bem-vindo' }] });
    await settle();
    expect(said()).toEqual([]);
  });

  it('blanks the screen only in speech mode', async () => {
    const { access, state } = await setup();
    access({ type: 'blank', on: true });
    expect(state().accessibility.blank).toBe(false);
    access({ type: 'startSpeech' });
    access({ type: 'blank', on: true });
    expect(state().accessibility.blank).toBe(true);
  });

  it('large text and high contrast work without speech, for low-vision travellers', async () => {
    const { access, state } = await setup();
    access({ type: 'largeText', on: true });
    access({ type: 'highContrast', on: true });
    expect(state().accessibility).toMatchObject({ speech: false, largeText: true, highContrast: true });
  });

  it('staff get large text and high contrast in maintenance, not speech, and both end when they leave', async () => {
    const maintenance = new FakeMaintenance();
    const { session, access, state } = await setup(maintenance);
    session.command({ type: 'maintenance', action: { type: 'open' } });
    access({ type: 'largeText', on: true });
    access({ type: 'highContrast', on: true });
    access({ type: 'startSpeech' });
    expect(state().accessibility).toMatchObject({ largeText: true, highContrast: true, speech: false });
    session.command({ type: 'maintenance', action: { type: 'close' } });
    expect(state().maintenance).toBeNull();
    expect(state().accessibility).toMatchObject({ largeText: false, highContrast: false });
  });

  it('keeps accessibility commands working on every screen, inside a flow too', async () => {
    const { access, reader, session, state } = await setup();
    reader.insert(mrzLines.eriksson);
    expect(state().screen.name).toBe('holder');
    session.headset(true);
    access({ type: 'largeText', on: true });
    expect(state().accessibility).toMatchObject({ speech: true, largeText: true });
  });
});
