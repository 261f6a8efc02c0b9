import { describe, expect, it } from 'vitest';
import type { SessionState } from '../../electron/contract/index.ts';
import { DeviceManager } from '../../electron/devices/device-manager.ts';
import { createLogger, silentLogger, type Logger } from '../../electron/log/logger.ts';
import type { SessionEnd } from '../../electron/session/session.ts';
import { Session } from '../../electron/session/session.ts';
import { SimulatedReader } from '../../drivers/reader/simulated-reader.ts';
import { ManualClock } from '../support/clock.ts';
import { parseReaderData } from '../../electron/devices/parse-reader-data.ts';
import { mrzLines, readAt } from '../support/documents.ts';
import type { VerificationOutcome, VerifyHolder } from '../../electron/session/verification.ts';
import { DEFAULT_LIVE_CAPTURE, type FrameRead, type LiveCaptureOptions } from '../../electron/session/camera-capture.ts';
import { parseMrz } from '../../drivers/mrz/index.ts';

interface Observe {
  readonly logger?: Logger;
  readonly ended?: SessionEnd[];
  readonly readCameraFrame?: (image: Uint8Array) => Promise<FrameRead | null>;
  readonly camera?: LiveCaptureOptions;
}

async function setup(verifyHolder?: VerifyHolder, observe: Observe = {}) {
  const clock = new ManualClock();
  let ids = 0;
  const reader = new SimulatedReader('reader');
  // The kiosk's own parse: the real MRZ parser on the lines the reader delivers.
  const devices = new DeviceManager({ readers: [reader], parse: (data) => parseReaderData(data, readAt), logger: silentLogger() });
  const session = new Session(
    { defaultLanguage: 'en', idleTimeoutMs: 30_000, idleWarningMs: 10_000, mode: 'simulated', ...(observe.camera ? { camera: observe.camera } : {}) },
    {
      clock,
      logger: observe.logger ?? silentLogger(),
      verifyHolder,
      newSessionId: () => `session-${++ids}`,
      onSessionEnd: (end) => observe.ended?.push(end),
      ...(observe.readCameraFrame ? { readCameraFrame: observe.readCameraFrame } : {}),
    },
  );
  await devices.start();
  session.attach(devices);
  const states: SessionState[] = [];
  session.subscribe((s) => states.push(s));
  return { clock, reader, devices, session, states };
}

describe('Session', () => {
  it('shows the holder with a masked number when a document is placed on the attract screen', async () => {
    const { reader, session } = await setup();
    reader.insert(mrzLines.eriksson);
    const screen = session.state().screen;
    expect(screen.name).toBe('holder');
    if (screen.name !== 'holder') return;
    expect(screen.holder).toMatchObject({ surname: 'ERIKSSON', givenNames: 'ANNA MARIA', documentKind: 'passport', nationality: 'UTO' });
    expect(screen.holder.documentNumberMasked).toBe('L*****2C3');
    expect(JSON.stringify(session.state())).not.toContain('L898902C3');
  });

  it('names each session on its log lines and on its end, and the attract screen belongs to none', async () => {
    const lines: Record<string, unknown>[] = [];
    const logger = createLogger({ destination: { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) } });
    const ended: SessionEnd[] = [];
    const { reader, session } = await setup(undefined, { logger, ended });
    reader.insert(mrzLines.eriksson);
    session.command({ type: 'cancel' });
    session.command({ type: 'start' });
    session.command({ type: 'cancel' });
    session.command({ type: 'start' });

    expect(ended.map((e) => [e.sessionId, e.ended])).toEqual([['session-1', 'cancelled'], ['session-2', 'cancelled']]);
    const byId = (id: string) => lines.filter((l) => l['sessionId'] === id).map((l) => l['msg']);
    expect(byId('session-1')).toEqual(expect.arrayContaining(['session started', 'session ended']));
    expect(byId('session-2')).toEqual(expect.arrayContaining(['session started', 'command', 'session ended']));
    expect(byId('session-3')).toEqual(['session started']);
    expect(JSON.stringify(lines)).not.toContain('L898902C3');
  });

  it('returns to attract when the idle timer fires, and only then', async () => {
    const { clock, reader, session } = await setup();
    reader.insert(mrzLines.eriksson);
    clock.advance(29_999);
    expect(session.state().screen.name).toBe('holder');
    clock.advance(1);
    expect(session.state().screen.name).toBe('attract');
    expect(session.state().idle).toBeNull();
    expect(clock.pending).toBe(0);
  });

  it('restarts the idle timer on every command the traveller acts with, and not on one the screen ignores', async () => {
    const { clock, session } = await setup(); // idle after 30 s
    session.command({ type: 'start' });
    for (const command of [{ type: 'moreTime' }, { type: 'setLanguage', language: 'pt' }, { type: 'assistance' }, { type: 'useCamera' }] as const) {
      clock.advance(29_000);
      expect(session.state().screen.name, `29 s after the command before ${command.type}`).toBe('document');
      session.command(command);
    }
    clock.advance(29_000);
    expect(session.state().screen.name).toBe('document');
    expect(clock.pending).toBe(1);
    // `retry` means nothing on the document screen: no activity, so the session still ends 30 s after the last.
    session.command({ type: 'retry' });
    clock.advance(1_000);
    expect(session.state().screen.name).toBe('attract');
  });

  it('offers "back" only where it means something', async () => {
    const calls: ((o: VerificationOutcome) => void)[] = [];
    const { reader, session } = await setup(() => new Promise((resolve) => calls.push(resolve)));
    expect(session.state().canGoBack).toBe(false); // attract
    session.command({ type: 'start' });
    expect(session.state().canGoBack).toBe(true); // document
    reader.insert(mrzLines.eriksson);
    expect(session.state()).toMatchObject({ screen: { name: 'verifying' }, canGoBack: false });
  });

  it('reports reader status changes to the UI', async () => {
    const { reader, session } = await setup();
    reader.unplug();
    expect(session.state().devices[0]?.status).toEqual({ state: 'unavailable', reason: 'reader unplugged', code: 'NOT_REACHABLE' });
    reader.plug();
    expect(session.state().devices[0]?.status).toEqual({ state: 'available' });
  });

  it('shows the unreadable screen for a read whose check digits fail', async () => {
    const { reader, session } = await setup();
    reader.insert(mrzLines.erikssonMisread);
    expect(session.state().screen).toEqual({ name: 'unreadable', code: 'check_digits' });
  });

  it('shows the unreadable screen for a reader fault', async () => {
    const { reader, session } = await setup();
    reader.fault('BAD_FRAME', 'garbage');
    expect(session.state().screen).toEqual({ name: 'unreadable', code: 'device_error' });
  });

  it('publishes states with increasing revisions', async () => {
    const { reader, states } = await setup();
    reader.insert(mrzLines.eriksson);
    const revisions = states.map((s) => s.revision);
    expect(revisions.length).toBeGreaterThan(1);
    expect([...revisions].sort((a, b) => a - b)).toEqual(revisions);
    expect(new Set(revisions).size).toBe(revisions.length);
  });

  it('verifies the holder before showing them, and abandons the request when the session ends', async () => {
    const calls: { signal: AbortSignal; resolve: (o: VerificationOutcome) => void }[] = [];
    const verify: VerifyHolder = (_doc, signal) => new Promise((resolve) => calls.push({ signal, resolve }));
    const { reader, session } = await setup(verify);
    reader.insert(mrzLines.eriksson);
    expect(session.state().screen).toEqual({ name: 'verifying' });
    calls[0]?.resolve({ outcome: 'verified' });
    await Promise.resolve();
    await Promise.resolve();
    expect(session.state().screen).toMatchObject({ name: 'holder', verification: 'verified' });

    session.command({ type: 'cancel' });
    reader.insert(mrzLines.eriksson);
    session.command({ type: 'cancel' });
    expect(calls[1]?.signal.aborted).toBe(true);
    calls[1]?.resolve({ outcome: 'verified' });
    await Promise.resolve();
    await Promise.resolve();
    expect(session.state().screen).toEqual({ name: 'attract' });
  });

  it('never shows a holder as verified when the verifier throws', async () => {
    const { reader, session } = await setup(() => Promise.reject(new Error('bug')));
    reader.insert(mrzLines.eriksson);
    await new Promise((r) => setTimeout(r, 0));
    expect(session.state().screen).toEqual({ name: 'verifyUnavailable' });
  });

});

describe('Session: the live camera', () => {
  const specimen = ['P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<', 'L898902C36UTO7408122F3404159ZE184226B<<<<<16'];
  const proven: FrameRead = { ok: true, lines: specimen, parse: parseMrz(specimen, { mode: 'lenient', now: new Date('2026-06-01T00:00:00Z') }), needsConfirmation: [], frame: { glyphPx: 30, washedOut: 0 } };
  const washed: FrameRead = { ok: false, lines: [], parse: null, needsConfirmation: [], frame: { glyphPx: 30, washedOut: 0.6 } };
  const settle = () => new Promise((r) => setTimeout(r, 0));

  it('reads each frame, shows the advice for it, and captures the document when two frames agree', async () => {
    const answers = [washed, proven, proven];
    const frames: Uint8Array[] = [];
    const { session } = await setup(undefined, {
      readCameraFrame: async (image) => {
        frames.push(image);
        return answers.shift() ?? null;
      },
    });
    session.command({ type: 'start' });
    session.command({ type: 'useCamera' });
    expect(session.state().screen).toEqual({ name: 'document', reading: false, camera: true, guidance: 'searching' });
    session.command({ type: 'cameraFrame', image: 'AAEC' });
    expect(session.state().screen).toMatchObject({ reading: true });
    await settle();
    expect(session.state().screen).toEqual({ name: 'document', reading: false, camera: true, guidance: 'glare' });
    session.command({ type: 'cameraFrame', image: 'AAEC' });
    await settle();
    expect(session.state().screen).toMatchObject({ camera: true, guidance: 'holdStill' });
    session.command({ type: 'cameraFrame', image: 'AAEC' });
    await settle();
    expect(session.state().screen).toMatchObject({ name: 'holder', holder: { surname: 'ERIKSSON', documentNumberMasked: 'L*****2C3' } });
    expect(frames.map((f) => [...f])).toEqual([[0, 1, 2], [0, 1, 2], [0, 1, 2]]);
  });

  it('sends the traveller to the desk when nothing was captured in time, on its own timer', async () => {
    const { clock, session } = await setup(undefined, { readCameraFrame: async () => washed, camera: { ...DEFAULT_LIVE_CAPTURE, giveUpMs: 20_000 } });
    session.command({ type: 'start' });
    session.command({ type: 'useCamera' });
    clock.advance(19_999);
    expect(session.state().screen).toMatchObject({ name: 'document', camera: true });
    clock.advance(1);
    expect(session.state().screen).toEqual({ name: 'unreadable', code: 'camera_timeout' });
  });

  it('offers no camera when none is configured', async () => {
    const { session } = await setup();
    expect(session.state().cameraAvailable).toBe(false);
  });
});
