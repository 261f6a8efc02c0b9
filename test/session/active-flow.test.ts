import { describe, expect, it } from 'vitest';
import type { AirportAction, AirportView } from '../../electron/contract/index.ts';
import { bindFlow, type ActiveStep } from '../../electron/session/active-flow.ts';
import { continueWith, type FlowDefinition } from '../../electron/session/flow.ts';
import { awaitedAs, noRequests, sendCall, settled, type Requests } from '../../electron/session/requests.ts';
import { fakeDocument } from '../support/documents.ts';

/** Two steps, each waiting for its own lookup; `continue` moves on, a reply is counted. */
type S = { readonly step: 1 | 2; readonly replies: number; readonly requests: Requests<'lookup'> };
type Call = { readonly type: 'lookup'; readonly step: number };
const twoSteps: FlowDefinition<S, AirportAction, Call, string, AirportView> = {
  start: () => sendCall<S, 'lookup', Call>({ step: 1, replies: 0, requests: noRequests }, 'lookup', { type: 'lookup', step: 1 }),
  reduce: (state, input) => {
    if (input.type === 'action') return sendCall<S, 'lookup', Call>({ ...state, step: 2 }, 'lookup', { type: 'lookup', step: 2 });
    if (input.type === 'reply' && awaitedAs(state.requests, input.requestId)) return continueWith({ ...settled(state), replies: state.replies + 1 });
    return continueWith(state);
  },
  view: (state) => ({ step: 'lookup', mode: 'menu', field: 'pnr', pnr: String(state.replies), surname: '', searching: state.requests.awaiting !== null, notice: null }),
  awaiting: (state) => state.requests.awaiting?.id ?? null,
  abandoned: () => null,
  canGoBack: () => true,
};

const bound = (reply: string) =>
  bindFlow({
    kind: 'airport',
    flow: twoSteps,
    run: async () => reply,
    action: (c) => (c.type === 'airport' ? c.action : null),
    screen: (view) => ({ name: 'airport', view }),
  });

const continued = (step: ActiveStep) => {
  if (step.type !== 'continue') throw new Error('exited');
  return step;
};

describe('a flow bound for the session', () => {
  it('aborts the request a step waited for when the flow leaves that step', () => {
    const first = continued(bound('x').start({ document: fakeDocument(), verification: 'verified' }, 0));
    expect(first.effects).toEqual([{ type: 'call', requestId: 1, call: 'lookup', perform: expect.any(Function) }]);
    const second = continued(first.flow.step({ type: 'command', command: { type: 'airport', action: { type: 'continue' } } }, 0));
    expect(second.effects).toEqual([{ type: 'abort', requestId: 1 }, { type: 'call', requestId: 2, call: 'lookup', perform: expect.any(Function) }]);
  });

  it('reads a reply back only in the flow that asked, and only once; the answered request is not aborted', async () => {
    const airport = continued(bound('x').start({ document: fakeDocument(), verification: 'verified' }, 0));
    const other = continued(bound('y').start({ document: fakeDocument(), verification: 'verified' }, 0));
    const call = airport.effects[0];
    if (call?.type !== 'call') throw new Error('no call');
    const token = await call.perform(new AbortController().signal);
    // Another binding cannot read this token: its flow is unchanged.
    const foreign = continued(other.flow.step({ type: 'reply', token }, 0));
    expect(foreign.flow.view().view).toMatchObject({ pnr: '0' });
    const answered = continued(airport.flow.step({ type: 'reply', token }, 0));
    expect(answered.flow.view().view).toMatchObject({ pnr: '1', searching: false });
    expect(answered.effects).toEqual([]);
    const again = continued(answered.flow.step({ type: 'reply', token }, 0));
    expect(again.flow.view().view).toMatchObject({ pnr: '1' });
  });

  it('ignores commands for another flow', () => {
    const first = continued(bound('x').start({ document: fakeDocument(), verification: 'verified' }, 0));
    const same = continued(first.flow.step({ type: 'command', command: { type: 'hotel', action: { type: 'continue' } } }, 0));
    expect(same.flow).toBe(first.flow);
    expect(same.effects).toEqual([]);
  });
});
