import { describe, expect, it } from 'vitest';
import { initialModel, reduce, type SessionInput, type SessionModel } from '../../electron/session/session-model.ts';
import { fakeDocument } from '../support/documents.ts';

const timings = { idleTimeoutMs: 60_000, idleWarningMs: 15_000 };
const t0 = 1_000_000;
const step = (model: SessionModel, input: SessionInput, now = t0) => reduce(model, input, now, timings, 'zh-Hans');
const command = (c: Extract<SessionInput, { type: 'command' }>['command']): SessionInput => ({ type: 'command', command: c });

describe('session model', () => {
  it('goes attract → document → holder → attract', () => {
    let m = initialModel('zh-Hans');
    m = step(m, command({ type: 'start' }));
    expect(m.screen).toEqual({ name: 'document', reading: false });
    m = step(m, { type: 'readStart' });
    expect(m.screen).toEqual({ name: 'document', reading: true });
    m = step(m, { type: 'document', document: fakeDocument() });
    expect(m.screen.name).toBe('holder');
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
    const ended = step(m, { type: 'tick' }, t0 + 60_000);
    expect(ended).toEqual(initialModel('zh-Hans'));
    expect(JSON.stringify(ended)).not.toContain('L898902C3');
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
    expect(step(attract, command({ type: 'retry' }))).toBe(attract);
    expect(step(attract, command({ type: 'moreTime' }))).toBe(attract);
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
