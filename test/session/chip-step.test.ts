import { describe, expect, it } from 'vitest';
import { decideChip } from '../../electron/session/chip-step.ts';
import { initialModel, reduce, type SessionInput, type SessionModel, type SessionSettings } from '../../electron/session/session-model.ts';
import { fakeDocument } from '../support/documents.ts';

const base: SessionSettings = { idleTimeoutMs: 60_000, idleWarningMs: 15_000, defaultLanguage: 'en', verify: true, services: [], flows: {} };
const required: SessionSettings = { ...base, chip: 'required' };
const preferred: SessionSettings = { ...base, chip: 'preferred' };
const t0 = 1_000_000;
const run = (model: SessionModel, input: SessionInput, settings: SessionSettings) => reduce(model, input, t0, settings);

function atChip(settings: SessionSettings) {
  const { model, effects } = run(initialModel('en'), { type: 'document', document: fakeDocument() }, settings);
  expect(model.screen.name).toBe('chip');
  const read = effects.find((e) => e.type === 'readChip');
  expect(read).toBeDefined();
  return { model, requestId: (read as { requestId: number }).requestId };
}

describe('session chip step', () => {
  it('reads the chip after the MRZ, then asks the platform, and the holder carries the chip photo', () => {
    const { model, requestId } = atChip(required);
    const next = run(model, { type: 'chip', requestId, outcome: { outcome: 'verified', photo: 'QUJD' } }, required);
    expect(next.model.screen).toMatchObject({ name: 'verifying', chip: { status: 'verified', photo: 'QUJD' } });
    const verify = next.effects.find((e) => e.type === 'verify') as { requestId: number };
    const holder = run(next.model, { type: 'verification', target: 'session', requestId: verify.requestId, outcome: { outcome: 'verified' } }, required);
    expect(holder.model.screen).toMatchObject({ name: 'holder', traveller: { verification: 'verified', chip: { status: 'verified', photo: 'QUJD' } } });
  });

  it('refuses a tampered chip under either policy, without a retry', () => {
    for (const settings of [required, preferred]) {
      const { model, requestId } = atChip(settings);
      const next = run(model, { type: 'chip', requestId, outcome: { outcome: 'refused', reason: 'data-altered', detail: 'DG2 hash' } }, settings);
      expect(next.model.screen).toMatchObject({ name: 'chipRefused', reason: 'data-altered', retry: null });
      expect(next.effects.some((e) => e.type === 'verify')).toBe(false);
    }
  });

  it('goes on without the chip where chips are preferred and none answered', () => {
    const { model, requestId } = atChip(preferred);
    const next = run(model, { type: 'chip', requestId, outcome: { outcome: 'unread', reason: 'no-chip', detail: '' } }, preferred);
    expect(next.model.screen).toMatchObject({ name: 'verifying', chip: { status: 'notRead' } });
  });

  it('stops where chips are required, and retries the read for a lifted document', () => {
    const { model, requestId } = atChip(required);
    const refused = run(model, { type: 'chip', requestId, outcome: { outcome: 'unread', reason: 'card-removed', detail: '' } }, required);
    expect(refused.model.screen).toMatchObject({ name: 'chipRefused', reason: 'card-removed' });
    const again = run(refused.model, { type: 'command', command: { type: 'retry' } }, required);
    expect(again.model.screen.name).toBe('chip');
    expect(again.effects.some((e) => e.type === 'readChip')).toBe(true);
  });

  it('ignores a chip answer for an earlier request, and skips the step when the policy is off', () => {
    const { model, requestId } = atChip(required);
    expect(run(model, { type: 'chip', requestId: requestId + 7, outcome: { outcome: 'verified', photo: '' } }, required).model).toBe(model);
    const off = run(initialModel('en'), { type: 'document', document: fakeDocument() }, { ...base, chip: 'off' });
    expect(off.model.screen.name).toBe('verifying');
  });

  it('decides: access denied is a refusal without retry where required, a pass-through where preferred', () => {
    const denied = { outcome: 'unread', reason: 'access-denied', detail: '' } as const;
    expect(decideChip('required', denied)).toEqual({ next: 'refuse', reason: 'access-denied', retry: false });
    expect(decideChip('preferred', denied)).toEqual({ next: 'continue', evidence: { status: 'notRead' } });
  });
});
