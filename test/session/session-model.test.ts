import { describe, expect, it } from 'vitest';
import { initialModel, reduce, type SessionInput, type SessionModel, type SessionSettings } from '../../electron/session/session-model.ts';
import { fakeDocument } from '../support/documents.ts';

const plain: SessionSettings = { idleTimeoutMs: 60_000, idleWarningMs: 15_000, defaultLanguage: 'zh-Hans', verify: false };
const verifying: SessionSettings = { ...plain, verify: true };
const t0 = 1_000_000;
const step = (model: SessionModel, input: SessionInput, now = t0, settings = plain) => reduce(model, input, now, settings).model;
const command = (c: Extract<SessionInput, { type: 'command' }>['command']): SessionInput => ({ type: 'command', command: c });

describe('session model', () => {
  it('goes attract → document → holder → attract', () => {
    let m = initialModel('zh-Hans');
    m = step(m, command({ type: 'start' }));
    expect(m.screen).toEqual({ name: 'document', reading: false });
    m = step(m, { type: 'readStart' });
    expect(m.screen).toEqual({ name: 'document', reading: true });
    m = step(m, { type: 'document', document: fakeDocument() });
    expect(m.screen).toMatchObject({ name: 'holder', verification: 'notChecked' });
    m = step(m, command({ type: 'finish' }));
    expect(m).toEqual(initialModel('zh-Hans'));
  });

  it('starts the session directly when a document is placed on the attract screen', () => {
    const m = step(initialModel('zh-Hans'), { type: 'document', document: fakeDocument() });
    expect(m.screen.name).toBe('holder');
    expect(m.idle).toEqual({ warnAt: t0 + 45_000, endAt: t0 + 60_000 });
  });

  it('shows the unreadable screen and lets the traveller retry', () => {
    let m = step(initialModel('en'), { type: 'unreadable', code: 'check_digits' });
    expect(m.screen).toEqual({ name: 'unreadable', code: 'check_digits' });
    m = step(m, command({ type: 'retry' }));
    expect(m.screen).toEqual({ name: 'document', reading: false });
  });

  it('ends the session and drops the document when idle time runs out', () => {
    let m = step(initialModel('zh-Hans'), command({ type: 'setLanguage', language: 'pt' }));
    m = step(m, { type: 'document', document: fakeDocument() });
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
    const holder = step(attract, { type: 'document', document: fakeDocument() });
    expect(step(holder, command({ type: 'start' }))).toBe(holder);
    expect(step(holder, { type: 'readStart' })).toBe(holder);
  });

  it('replaces the holder when another document is placed', () => {
    const first = step(initialModel('en'), { type: 'document', document: fakeDocument() });
    const second = step(first, { type: 'document', document: fakeDocument({ surname: 'CHAN' }) });
    expect(second.screen.name === 'holder' && second.screen.document.surname).toBe('CHAN');
  });
});

describe('session model with verification', () => {
  const placed = () => reduce(initialModel('en'), { type: 'document', document: fakeDocument() }, t0, verifying);

  it('asks the platform before showing the holder', () => {
    const { model, effects } = placed();
    expect(model.screen).toMatchObject({ name: 'verifying', requestId: 1 });
    expect(effects).toContainEqual(expect.objectContaining({ type: 'verify', requestId: 1 }));
  });

  it('shows the holder as verified only on a platform match', () => {
    const { model } = placed();
    const verified = step(model, { type: 'verification', requestId: 1, outcome: { outcome: 'verified' } }, t0, verifying);
    expect(verified.screen).toMatchObject({ name: 'holder', verification: 'verified' });
  });

  it('sends the traveller to the counter when the platform does not match', () => {
    const { model } = placed();
    const refused = step(model, { type: 'verification', requestId: 1, outcome: { outcome: 'not_verified', reason: 'invalidated' } }, t0, verifying);
    expect(refused.screen).toEqual({ name: 'notVerified', reason: 'invalidated' });
  });

  it('treats an unavailable platform as not verified, and lets the traveller retry', () => {
    const { model } = placed();
    const down = step(model, { type: 'verification', requestId: 1, outcome: { outcome: 'unavailable', reason: 'timeout' } }, t0, verifying);
    expect(down.screen).toEqual({ name: 'verifyUnavailable' });
    expect(step(down, command({ type: 'retry' }), t0, verifying).screen).toEqual({ name: 'document', reading: false });
  });

  it('ignores an answer that arrives for a session that has ended', () => {
    const { model } = placed();
    const ended = step(model, command({ type: 'cancel' }), t0, verifying);
    const restarted = reduce(ended, { type: 'document', document: fakeDocument({ surname: 'NEW' }) }, t0, verifying).model;
    expect(restarted.screen).toMatchObject({ name: 'verifying', requestId: 2 });
    const late = step(restarted, { type: 'verification', requestId: 1, outcome: { outcome: 'verified' } }, t0, verifying);
    expect(late).toBe(restarted);
  });

  it('does not start a second verification while one runs', () => {
    const { model } = placed();
    expect(reduce(model, { type: 'document', document: fakeDocument() }, t0, verifying)).toEqual({ model, effects: [] });
  });
});
