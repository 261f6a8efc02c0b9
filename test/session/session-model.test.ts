import { describe, expect, it } from 'vitest';
import { initialModel, reduce, type SessionInput, type SessionModel, type SessionSettings } from '../../electron/session/session-model.ts';
import { specimen } from '../support/documents.ts';
import { continueWith, type FlowDefinition } from '../../electron/session/flow.ts';

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
  const echoFlow: FlowDefinition<S, { type: 'next' }, string, string, { step: number }> = {
    start: (traveller) => continueWith({ step: 1, traveller: traveller.document.surname ?? '' }, [{ type: 'call', requestId: 1, call: 'lookup' }]),
    reduce: (state, input) => {
      if (input.type === 'back') return state.step === 1 ? { type: 'exit', reason: 'cancel' } : continueWith({ ...state, step: state.step - 1 });
      if (input.type === 'action') return state.step === 3 ? { type: 'exit', reason: 'done' } : continueWith({ ...state, step: state.step + 1 });
      if (input.type === 'result') return continueWith({ ...state, step: state.step + 10 });
      return continueWith(state);
    },
    view: (state) => ({ step: state.step }),
  };
  const both: SessionSettings = { ...plain, services: ['checkIn', 'hotel'], flows: { airport: echoFlow, hotel: echoFlow } };
  const s = (m: SessionModel, input: SessionInput) => reduce(m, input, t0, both);

  it('asks for the service first when the kiosk offers more than one', () => {
    const m = s(initialModel('en'), command({ type: 'start' })).model;
    expect(m.screen).toEqual({ name: 'service', traveller: null });
    const chosen = s(m, command({ type: 'chooseService', service: 'hotel' })).model;
    expect(chosen.screen).toEqual({ name: 'document', reading: false, camera: false });
    expect(chosen.service).toBe('hotel');
  });

  it('starts the chosen flow with the verified traveller and runs its first call', () => {
    let m = s(initialModel('en'), command({ type: 'start' })).model;
    m = s(m, command({ type: 'chooseService', service: 'checkIn' })).model;
    m = s(m, { type: 'document', document: eriksson }).model;
    const step = s(m, command({ type: 'continue' }));
    expect(step.model.screen).toMatchObject({ name: 'flow', kind: 'airport', state: { step: 1, traveller: 'ERIKSSON' } });
    expect(step.effects).toEqual([{ type: 'flowCall', kind: 'airport', requestId: 1, call: 'lookup' }]);
  });

  it('asks for the service after the holder when the document came first', () => {
    let m = s(initialModel('en'), { type: 'document', document: eriksson }).model;
    m = s(m, command({ type: 'continue' })).model;
    expect(m.screen).toMatchObject({ name: 'service', traveller: { document: { surname: 'ERIKSSON' } } });
    m = s(m, command({ type: 'chooseService', service: 'hotel' })).model;
    expect(m.screen).toMatchObject({ name: 'flow', kind: 'hotel' });
  });

  it('routes actions, results and back to the flow, and ends the session when the flow exits', () => {
    let m = s(initialModel('en'), { type: 'document', document: eriksson }).model;
    m = s(m, command({ type: 'continue' })).model;
    m = s(m, command({ type: 'chooseService', service: 'checkIn' })).model;
    m = s(m, command({ type: 'airport', action: { type: 'noop' } as never })).model;
    expect(m.screen).toMatchObject({ state: { step: 2 } });
    expect(s(m, command({ type: 'hotel', action: { type: 'noop' } as never })).model).toBe(m);
    m = s(m, command({ type: 'back' })).model;
    expect(m.screen).toMatchObject({ state: { step: 1 } });
    expect(s(m, { type: 'flowResult', requestId: 1, result: 'x' }).model.screen).toMatchObject({ state: { step: 11 } });
    const out = s(m, command({ type: 'back' }));
    expect(out.model.screen).toEqual({ name: 'attract' });
    expect(out.effects).toContainEqual({ type: 'cancelRequests' });
  });

  it('tells staff what the flow says is left undone when the session ends inside it, and nothing when it says nothing', () => {
    const leaving: SessionSettings = { ...both, flows: { airport: { ...echoFlow, abandoned: (state: S) => (state.step >= 2 ? `left at step ${state.step}` : null) }, hotel: echoFlow } };
    let m = reduce(initialModel('en'), { type: 'document', document: eriksson }, t0, leaving).model;
    m = reduce(m, command({ type: 'continue' }), t0, leaving).model;
    m = reduce(m, command({ type: 'chooseService', service: 'checkIn' }), t0, leaving).model;
    expect(reduce(m, command({ type: 'cancel' }), t0, leaving).effects).not.toContainEqual(expect.objectContaining({ type: 'flowAbandoned' }));
    m = reduce(m, command({ type: 'airport', action: { type: 'noop' } as never }), t0, leaving).model;
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
  const s = (m: SessionModel, input: SessionInput) => reduce(m, input, t0, plain);
  const onDocument = () => s(initialModel('en'), command({ type: 'start' })).model;

  it('opens the camera from the document screen or after a failed read, and closes it', () => {
    const camera = s(onDocument(), command({ type: 'useCamera' })).model;
    expect(camera.screen).toEqual({ name: 'document', reading: false, camera: true });
    expect(s(camera, command({ type: 'closeCamera' })).model.screen).toEqual({ name: 'document', reading: false, camera: false });
    const failed = s(onDocument(), { type: 'unreadable', code: 'check_digits' }).model;
    expect(s(failed, command({ type: 'useCamera' })).model.screen).toMatchObject({ camera: true });
    expect(s(camera, command({ type: 'back' })).model.screen).toMatchObject({ name: 'document', camera: false });
  });

  it('hands frames to the OCR only while the camera is open', () => {
    const camera = s(onDocument(), command({ type: 'useCamera' })).model;
    expect(s(camera, command({ type: 'cameraFrame', image: 'AAAA' })).effects).toEqual([{ type: 'readCameraFrame', image: 'AAAA' }]);
    expect(s(onDocument(), command({ type: 'cameraFrame', image: 'AAAA' })).effects).toEqual([]);
  });

  it('keeps looking when a frame has no readable MRZ, instead of failing the traveller', () => {
    let m = s(onDocument(), command({ type: 'useCamera' })).model;
    m = s(m, { type: 'readStart' }).model;
    expect(m.screen).toEqual({ name: 'document', reading: true, camera: true });
    m = s(m, { type: 'unreadable', code: 'not_mrz' }).model;
    expect(m.screen).toEqual({ name: 'document', reading: false, camera: true });
  });

  it('asks the traveller to confirm uncertain OCR fields, and records the confirmation when they go on', () => {
    const single: SessionSettings = { ...plain, services: ['hotel'], flows: {} };
    let m = reduce(onDocument(), { type: 'document', document: eriksson, confirm: ['surname'] }, t0, single).model;
    expect(m.screen).toMatchObject({ name: 'holder', confirm: ['surname'] });
    m = reduce(m, command({ type: 'continue' }), t0, single).model;
    expect(m.screen).toEqual({ name: 'attract' }); // no hotel flow registered: refused politely
  });
});
