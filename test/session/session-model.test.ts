import { describe, expect, it } from 'vitest';
import { initialModel, nextDeadline, reduce, type SessionEffect, type SessionInput, type SessionModel, type SessionSettings } from '../../electron/session/session-model.ts';
import { DEFAULT_LIVE_CAPTURE, type FrameRead } from '../../electron/session/camera-capture.ts';
import { parseMrz } from '../../drivers/mrz/index.ts';
import { specimen } from '../support/documents.ts';
import { continueWith, type FlowDefinition } from '../../electron/session/flow.ts';
import { bindFlow } from '../../electron/session/active-flow.ts';
import type { AirportAction, AirportView } from '../../electron/contract/index.ts';

const plain: SessionSettings = { idleTimeoutMs: 60_000, idleWarningMs: 15_000, defaultLanguage: 'zh-Hans', verify: false, services: [], flows: {} };
const verifying: SessionSettings = { ...plain, verify: true };
const t0 = 1_000_000;
const step = (model: SessionModel, input: SessionInput, now = t0, settings = plain) => reduce(model, input, now, settings).model;
const command = (c: Extract<SessionInput, { type: 'command' }>['command']): SessionInput => ({ type: 'command', command: c });
/** Documents as the kiosk's parser reads them from real MRZ lines. */
const eriksson = specimen('eriksson');

describe('session model', () => {
  it('goes attract → document → holder → attract', () => {
    let m = initialModel('zh-Hans');
    m = step(m, command({ type: 'start' }));
    expect(m.screen).toEqual({ name: 'document', reading: false, camera: false });
    m = step(m, { type: 'readStart' });
    expect(m.screen).toEqual({ name: 'document', reading: true, camera: false });
    m = step(m, { type: 'document', document: eriksson });
    expect(m.screen).toMatchObject({ name: 'holder', traveller: { verification: 'notChecked' } });
    m = step(m, command({ type: 'continue' }));
    expect(m).toEqual(initialModel('zh-Hans'));
  });

  it('starts the session directly when a document is placed on the attract screen', () => {
    const m = step(initialModel('zh-Hans'), { type: 'document', document: eriksson });
    expect(m.screen.name).toBe('holder');
    expect(m.idle).toEqual({ warnAt: t0 + 45_000, endAt: t0 + 60_000 });
  });

  it('shows the unreadable screen and lets the traveller retry', () => {
    let m = step(initialModel('en'), { type: 'unreadable', code: 'check_digits' });
    expect(m.screen).toEqual({ name: 'unreadable', code: 'check_digits' });
    m = step(m, command({ type: 'retry' }));
    expect(m.screen).toEqual({ name: 'document', reading: false, camera: false });
  });

  it('ends the session and drops the document when idle time runs out', () => {
    let m = step(initialModel('zh-Hans'), command({ type: 'setLanguage', language: 'pt' }));
    m = step(m, { type: 'document', document: eriksson });
    expect(step(m, { type: 'tick' }, t0 + 59_999)).toBe(m);
    const ended = reduce(m, { type: 'tick' }, t0 + 60_000, plain);
    expect(ended.model.screen).toEqual({ name: 'attract' });
    expect(ended.model.language).toBe('zh-Hans');
    expect(ended.effects).toContainEqual({ type: 'cancelRequests' });
    expect(JSON.stringify(ended.model)).not.toContain('L898902C3');
  });

  it('gives more time from the countdown', () => {
    const m = step(initialModel('en'), command({ type: 'start' }));
    const later = step(m, command({ type: 'moreTime' }), t0 + 50_000);
    expect(later.idle?.endAt).toBe(t0 + 110_000);
  });

  it('keeps the language chosen on attract for the session and resets it afterwards', () => {
    let m = step(initialModel('zh-Hans'), command({ type: 'setLanguage', language: 'en' }));
    expect(m.language).toBe('en');
    expect(m.idle).toBeNull();
    m = step(m, command({ type: 'start' }));
    expect(m.language).toBe('en');
    m = step(m, command({ type: 'cancel' }));
    expect(m.language).toBe('zh-Hans');
  });

  it('ignores commands that make no sense on the current screen', () => {
    const attract = initialModel('en');
    for (const c of [{ type: 'retry' }, { type: 'moreTime' }, { type: 'cancel' }, { type: 'finish' }] as const) {
      expect(step(attract, command(c))).toBe(attract);
    }
    expect(step(attract, { type: 'tick' })).toBe(attract);
    const holder = step(attract, { type: 'document', document: eriksson });
    expect(step(holder, command({ type: 'start' }))).toBe(holder);
    expect(step(holder, { type: 'readStart' })).toBe(holder);
  });

  it('replaces the holder when another document is placed', () => {
    const first = step(initialModel('en'), { type: 'document', document: eriksson });
    const second = step(first, { type: 'document', document: specimen('chung') });
    expect(second.screen.name === 'holder' && second.screen.traveller.document.surname).toBe('CHUNG');
  });
});

describe('session model with verification', () => {
  const placed = () => reduce(initialModel('en'), { type: 'document', document: eriksson }, t0, verifying);

  it('asks the platform before showing the holder', () => {
    const { model, effects } = placed();
    expect(model.screen).toMatchObject({ name: 'verifying', requestId: 1 });
    expect(effects).toContainEqual(expect.objectContaining({ type: 'verify', requestId: 1 }));
  });

  it('shows the holder as verified only on a platform match', () => {
    const { model } = placed();
    const verified = step(model, { type: 'verification', target: 'session', requestId: 1, outcome: { outcome: 'verified' } }, t0, verifying);
    expect(verified.screen).toMatchObject({ name: 'holder', traveller: { verification: 'verified' } });
  });

  it('sends the traveller to the counter when the platform does not match', () => {
    const { model } = placed();
    const refused = step(model, { type: 'verification', target: 'session', requestId: 1, outcome: { outcome: 'not_verified', reason: 'invalidated' } }, t0, verifying);
    expect(refused.screen).toEqual({ name: 'notVerified', reason: 'invalidated' });
  });

  it('treats an unavailable platform as not verified, and lets the traveller retry', () => {
    const { model } = placed();
    const down = step(model, { type: 'verification', target: 'session', requestId: 1, outcome: { outcome: 'unavailable', reason: 'timeout' } }, t0, verifying);
    expect(down.screen).toEqual({ name: 'verifyUnavailable' });
    expect(step(down, command({ type: 'retry' }), t0, verifying).screen).toEqual({ name: 'document', reading: false, camera: false });
  });

  it('ignores an answer that arrives for a session that has ended', () => {
    const { model } = placed();
    const ended = step(model, command({ type: 'cancel' }), t0, verifying);
    const restarted = reduce(ended, { type: 'document', document: specimen('lindqvist') }, t0, verifying).model;
    expect(restarted.screen).toMatchObject({ name: 'verifying', requestId: 2 });
    const late = step(restarted, { type: 'verification', target: 'session', requestId: 1, outcome: { outcome: 'verified' } }, t0, verifying);
    expect(late).toBe(restarted);
  });

  it('does not start a second verification while one runs', () => {
    const { model } = placed();
    expect(reduce(model, { type: 'document', document: eriksson }, t0, verifying)).toEqual({ model, effects: [] });
  });
});

describe('session model with services and flows', () => {
  type S = { step: number; traveller: string };
  /** A flow that counts: actions go up, back goes down (and out at 1), a reply adds 10; its view shows the count. */
  const echoFlow = (abandoned: (state: S) => string | null = () => null): FlowDefinition<S, AirportAction, { type: 'lookup' }, string, AirportView> => ({
    start: (traveller) => continueWith({ step: 1, traveller: traveller.document.surname ?? '' }, [{ type: 'call', requestId: 1, call: { type: 'lookup' } }]),
    reduce: (state, input) => {
      if (input.type === 'back') return state.step === 1 ? { type: 'exit', reason: 'cancel' } : continueWith({ ...state, step: state.step - 1 });
      if (input.type === 'action') return state.step === 3 ? { type: 'exit', reason: 'done' } : continueWith({ ...state, step: state.step + 1 });
      if (input.type === 'reply') return continueWith({ ...state, step: state.step + 10 });
      return continueWith(state);
    },
    view: (state) => ({ step: 'lookup', mode: 'menu', field: 'pnr', pnr: String(state.step), surname: state.traveller, searching: false, notice: null }),
    awaiting: () => null,
    abandoned,
    canGoBack: () => true,
  });
  const bind = (kind: 'airport' | 'hotel', flow = echoFlow()) =>
    bindFlow({
      kind,
      flow,
      run: async () => 'x',
      action: (c) => (c.type === kind && c.type === 'airport' ? c.action : c.type === kind && c.type === 'hotel' ? { type: 'continue' } : null),
      screen: (view) => ({ name: 'airport', view }),
    });
  const both: SessionSettings = { ...plain, services: ['checkIn', 'hotel'], flows: { airport: bind('airport'), hotel: bind('hotel') } };
  const s = (m: SessionModel, input: SessionInput) => reduce(m, input, t0, both);
  /** The flow's count as its view shows it, and its kind. */
  const shown = (m: SessionModel) => (m.screen.name === 'flow' ? { kind: m.screen.flow.kind, view: m.screen.flow.view().view } : null);

  it('asks for the service first when the kiosk offers more than one', () => {
    const m = s(initialModel('en'), command({ type: 'start' })).model;
    expect(m.screen).toEqual({ name: 'service', traveller: null });
    const chosen = s(m, command({ type: 'chooseService', service: 'hotel' })).model;
    expect(chosen.screen).toEqual({ name: 'document', reading: false, camera: false });
    expect(chosen.service).toBe('hotel');
  });

  it('starts the chosen flow with the verified traveller and runs its first call', async () => {
    let m = s(initialModel('en'), command({ type: 'start' })).model;
    m = s(m, command({ type: 'chooseService', service: 'checkIn' })).model;
    m = s(m, { type: 'document', document: eriksson }).model;
    const step = s(m, command({ type: 'continue' }));
    expect(shown(step.model)).toEqual({ kind: 'airport', view: expect.objectContaining({ pnr: '1', surname: 'ERIKSSON' }) });
    expect(step.effects).toEqual([{ type: 'flowCall', kind: 'airport', requestId: 1, call: 'lookup', perform: expect.any(Function) }]);
  });

  it('asks for the service after the holder when the document came first', () => {
    let m = s(initialModel('en'), { type: 'document', document: eriksson }).model;
    m = s(m, command({ type: 'continue' })).model;
    expect(m.screen).toMatchObject({ name: 'service', traveller: { document: { surname: 'ERIKSSON' } } });
    m = s(m, command({ type: 'chooseService', service: 'hotel' })).model;
    expect(shown(m)?.kind).toBe('hotel');
  });

  it('routes actions, replies and back to the flow, and ends the session when the flow exits', async () => {
    let m = s(initialModel('en'), { type: 'document', document: eriksson }).model;
    m = s(m, command({ type: 'continue' })).model;
    const started = s(m, command({ type: 'chooseService', service: 'checkIn' }));
    m = started.model;
    m = s(m, command({ type: 'airport', action: { type: 'continue' } })).model;
    expect(shown(m)?.view).toMatchObject({ pnr: '2' });
    expect(s(m, command({ type: 'hotel', action: { type: 'continue' } })).model).toBe(m);
    m = s(m, command({ type: 'back' })).model;
    expect(shown(m)?.view).toMatchObject({ pnr: '1' });
    const call = started.effects.find((e) => e.type === 'flowCall');
    if (call?.type !== 'flowCall') throw new Error('no call');
    const token = await call.perform(new AbortController().signal);
    expect(shown(s(m, { type: 'flowReply', token }).model)?.view).toMatchObject({ pnr: '11' });
    const out = s(m, command({ type: 'back' }));
    expect(out.model.screen).toEqual({ name: 'attract' });
    expect(out.effects).toContainEqual({ type: 'cancelRequests' });
  });

  it('tells staff what the flow says is left undone when the session ends inside it, and nothing when it says nothing', () => {
    const leaving: SessionSettings = { ...both, flows: { airport: bind('airport', echoFlow((state) => (state.step >= 2 ? `left at step ${state.step}` : null))), hotel: bind('hotel') } };
    let m = reduce(initialModel('en'), { type: 'document', document: eriksson }, t0, leaving).model;
    m = reduce(m, command({ type: 'continue' }), t0, leaving).model;
    m = reduce(m, command({ type: 'chooseService', service: 'checkIn' }), t0, leaving).model;
    expect(reduce(m, command({ type: 'cancel' }), t0, leaving).effects).not.toContainEqual(expect.objectContaining({ type: 'flowAbandoned' }));
    m = reduce(m, command({ type: 'airport', action: { type: 'continue' } }), t0, leaving).model;
    const timedOut = reduce(m, { type: 'tick' }, t0 + 60_000, leaving);
    expect(timedOut.model.screen).toEqual({ name: 'attract' });
    expect(timedOut.effects).toContainEqual({ type: 'flowAbandoned', kind: 'airport', note: 'left at step 2' });
  });

  it('records a call for assistance and tells staff', () => {
    const m = s(initialModel('en'), command({ type: 'start' })).model;
    const step = s(m, command({ type: 'assistance' }));
    expect(step.model.assistance).toBe(true);
    expect(step.effects).toEqual([{ type: 'assistanceRequested', screen: 'service' }]);
    expect(s(step.model, command({ type: 'cancel' })).model.assistance).toBe(false);
  });

  it('goes straight to the document for a single-service kiosk', () => {
    const single: SessionSettings = { ...both, services: ['hotel'] };
    const m = reduce(initialModel('en'), command({ type: 'start' }), t0, single).model;
    expect(m.screen).toEqual({ name: 'document', reading: false, camera: false });
    expect(m.service).toBe('hotel');
  });
});

describe('session model: the camera path', () => {
  const s = (m: SessionModel, input: SessionInput, now = t0) => reduce(m, input, now, plain);
  const onDocument = () => s(initialModel('en'), command({ type: 'start' })).model;
  const openCamera = (now = t0) => s(onDocument(), command({ type: 'useCamera' }), now).model;
  const specimen = ['P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<', 'L898902C36UTO7408122F3404159ZE184226B<<<<<16'];
  const proven = (needsConfirmation: string[] = []): FrameRead => ({
    ok: true,
    lines: specimen,
    parse: parseMrz(specimen, { mode: 'lenient', now: new Date('2026-06-01T00:00:00Z') }),
    needsConfirmation,
    frame: { glyphPx: 24, washedOut: 0 },
  });
  const far: FrameRead = { ok: false, lines: [], parse: null, needsConfirmation: [], frame: { glyphPx: 9, washedOut: 0 } };
  /** Sends one frame and answers it with `read`, as the session runner does. */
  const frame = (m: SessionModel, read: FrameRead | null, now = t0) => {
    const sent = s(m, command({ type: 'cameraFrame', image: 'AAAA' }), now);
    const effect = sent.effects[0] as Extract<SessionEffect, { type: 'readCameraFrame' }>;
    return s(sent.model, { type: 'cameraRead', requestId: effect.requestId, read }, now);
  };

  it('opens the camera from the document screen or after a failed read, and closes it', () => {
    const camera = openCamera();
    expect(camera.screen).toMatchObject({ name: 'document', reading: false, camera: true, attempt: { guidance: 'searching' } });
    expect(s(camera, command({ type: 'closeCamera' })).model.screen).toEqual({ name: 'document', reading: false, camera: false });
    const failed = s(onDocument(), { type: 'unreadable', code: 'check_digits' }).model;
    expect(s(failed, command({ type: 'useCamera' })).model.screen).toMatchObject({ camera: true });
    expect(s(camera, command({ type: 'back' })).model.screen).toMatchObject({ name: 'document', camera: false });
  });

  it('hands frames to the OCR only while the camera is open, one at a time', () => {
    const camera = openCamera();
    const sent = s(camera, command({ type: 'cameraFrame', image: 'AAAA' }));
    expect(sent.effects).toEqual([{ type: 'readCameraFrame', requestId: (camera.screen as { requestId: number }).requestId, image: 'AAAA' }]);
    expect(sent.model.screen).toMatchObject({ reading: true });
    // The next frame waits until this one's read is back.
    expect(s(sent.model, command({ type: 'cameraFrame', image: 'BBBB' })).effects).toEqual([]);
    expect(s(onDocument(), command({ type: 'cameraFrame', image: 'AAAA' })).effects).toEqual([]);
  });

  it('captures by itself when two consecutive frames prove the same MRZ, and asks the platform', () => {
    let m = openCamera();
    m = frame(m, proven()).model;
    expect(m.screen).toMatchObject({ name: 'document', camera: true, reading: false, attempt: { guidance: 'holdStill' } });
    const captured = reduce(m, { type: 'command', command: { type: 'cameraFrame', image: 'AAAA' } }, t0, verifying);
    const requestId = (captured.effects[0] as { requestId: number }).requestId;
    const next = reduce(captured.model, { type: 'cameraRead', requestId, read: proven(['surname']) }, t0, verifying);
    expect(next.model.screen).toMatchObject({ name: 'verifying', confirm: ['surname'], document: { documentNumber: 'L898902C3' } });
    expect(next.effects).toContainEqual(expect.objectContaining({ type: 'verify' }));
  });

  it('guides the traveller from what the frame showed, without counting frames as activity', () => {
    const m = openCamera(t0);
    const later = frame(m, far, t0 + 5_000).model;
    expect(later.screen).toMatchObject({ reading: false, attempt: { guidance: 'moveCloser' } });
    expect(later.idle).toEqual(m.idle);
  });

  it('ignores a read that belongs to an earlier camera attempt', () => {
    const first = openCamera();
    const sent = s(first, command({ type: 'cameraFrame', image: 'AAAA' }));
    const oldId = (sent.effects[0] as { requestId: number }).requestId;
    const reopened = s(s(sent.model, command({ type: 'closeCamera' })).model, command({ type: 'useCamera' })).model;
    expect(s(reopened, { type: 'cameraRead', requestId: oldId, read: proven() }).model).toBe(reopened);
  });

  it('keeps looking when a frame has no readable MRZ, instead of failing the traveller', () => {
    let m = openCamera();
    m = s(m, { type: 'readStart' }).model;
    expect(m.screen).toMatchObject({ name: 'document', reading: true, camera: true });
    m = s(m, { type: 'unreadable', code: 'not_mrz' }).model;
    expect(m.screen).toMatchObject({ name: 'document', reading: false, camera: true });
    expect(frame(m, far).model.screen).toMatchObject({ name: 'document', camera: true });
  });

  it('sends the traveller to the desk when the camera has not captured within its time, and offers no camera again', () => {
    const m = openCamera(t0);
    const deadline = t0 + DEFAULT_LIVE_CAPTURE.giveUpMs;
    expect(nextDeadline(m, plain)).toBe(deadline);
    expect(s(frame(m, far, deadline - 1).model, { type: 'tick' }, deadline - 1).model.screen).toMatchObject({ name: 'document', camera: true });
    const gaveUp = s(frame(m, far, deadline - 1).model, { type: 'tick' }, deadline).model;
    expect(gaveUp.screen).toEqual({ name: 'unreadable', code: 'camera_timeout' });
    expect(s(gaveUp, command({ type: 'useCamera' })).model).toBe(gaveUp);
    // The reader is still there: retry goes back to it.
    expect(s(gaveUp, command({ type: 'retry' })).model.screen).toEqual({ name: 'document', reading: false, camera: false });
  });

  it('ticks at the idle deadline when it comes before the camera gives up', () => {
    const short: SessionSettings = { ...plain, idleTimeoutMs: 10_000, idleWarningMs: 2_000 };
    const m = reduce(reduce(initialModel('en'), command({ type: 'start' }), t0, short).model, command({ type: 'useCamera' }), t0, short).model;
    expect(nextDeadline(m, short)).toBe(t0 + 10_000);
    expect(nextDeadline(initialModel('en'), plain)).toBeNull();
  });

  it('asks the traveller to confirm uncertain OCR fields, and records the confirmation when they go on', () => {
    const single: SessionSettings = { ...plain, services: ['hotel'], flows: {} };
    let m = reduce(onDocument(), { type: 'document', document: eriksson, confirm: ['surname'] }, t0, single).model;
    expect(m.screen).toMatchObject({ name: 'holder', confirm: ['surname'] });
    m = reduce(m, command({ type: 'continue' }), t0, single).model;
    expect(m.screen).toEqual({ name: 'attract' }); // no hotel flow registered: refused politely
  });
});
