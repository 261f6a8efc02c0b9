import { describe, expect, it } from 'vitest';
import { decodeHostMessage, decodeUiMessage, type SessionState } from '../../electron/contract/index.ts';

const state: SessionState = {
  revision: 1,
  language: 'en',
  screen: { name: 'attract' },
  idle: null,
  devices: [{ id: 'reader', kind: 'reader', status: { state: 'available' } }],
  mode: 'simulated',
  simulatedParts: ['platform'],
  assistance: false,
  outOfService: false,
  cameraAvailable: false,
  maintenance: null,
  canGoBack: false,
};

describe('UI → host messages', () => {
  it('accepts every command of the contract', () => {
    for (const command of [
      { type: 'start' },
      { type: 'setLanguage', language: 'zh-Hant' },
      { type: 'cancel' },
      { type: 'retry' },
      { type: 'finish' },
      { type: 'moreTime' },
      { type: 'useCamera' },
      { type: 'cameraFrame', image: 'AAEC' },
    ]) {
      const decoded = decodeUiMessage(JSON.stringify({ type: 'command', command }));
      expect(decoded, JSON.stringify(command)).toEqual({ ok: true, value: { type: 'command', command } });
    }
  });

  it.each([
    ['not JSON', '{"type":', 'not JSON'],
    ['an unknown message type', { type: 'shell', command: 'rm -rf /' }, 'type'],
    ['an unknown command', { type: 'command', command: { type: 'openDevTools' } }, 'command.type'],
    ['a language outside the four catalogues', { type: 'command', command: { type: 'setLanguage', language: 'fr' } }, 'command.language'],
    ['an extra key smuggled into a command', { type: 'command', command: { type: 'start', sql: 'x' } }, 'command'],
    ['a bare value', 42, '(message)'],
    ['a camera frame that is not base64', { type: 'command', command: { type: 'cameraFrame', image: '<script>' } }, 'command.image'],
    ['an oversized camera frame', { type: 'command', command: { type: 'cameraFrame', image: 'A'.repeat(2_000_004) } }, 'command.image'],
    ['null', null, '(message)'],
  ])('rejects %s and names what is wrong', (_name, raw, where) => {
    const decoded = decodeUiMessage(raw);
    expect(decoded.ok).toBe(false);
    if (!decoded.ok) expect(decoded.reason).toContain(where);
  });
});

describe('host → UI messages', () => {
  it('accepts a valid state', () => {
    expect(decodeHostMessage({ type: 'state', state })).toEqual({ ok: true, value: { type: 'state', state } });
  });

  it('rejects a state carrying a field the contract does not define (e.g. a full document number)', () => {
    const leaky = { ...state, screen: { name: 'attract', documentNumber: 'L898902C3' } };
    expect(decodeHostMessage({ type: 'state', state: leaky }).ok).toBe(false);
  });

  it('rejects a holder screen without its holder', () => {
    expect(decodeHostMessage({ type: 'state', state: { ...state, screen: { name: 'holder' } } }).ok).toBe(false);
  });
});
