import type { MrzResult } from '../../drivers/mrz/index.ts';
import { continueWith, type FlowEffect, type FlowStep } from './flow.ts';

/**
 * The back-end calls of a flow step, the same way in every flow: each call goes out under a fresh request id,
 * and the state names the one request its step waits for (`awaiting`, with the kind of answer expected). A
 * reply whose id is not the awaited one is stale (the step was left meanwhile) and is ignored; the session
 * aborts the request as soon as it is no longer awaited (FlowDefinition.awaiting).
 */
export interface Requests<Kind extends string> {
  readonly next: number;
  readonly awaiting: { readonly id: number; readonly kind: Kind } | null;
}

export const noRequests: Requests<never> = { next: 1, awaiting: null };

interface WithRequests<Kind extends string> {
  readonly requests: Requests<Kind>;
}

/** Sends `call` and waits for its reply as `kind` (whatever was awaited before is dropped). */
export function sendCall<S extends WithRequests<K>, K extends string, Call>(state: S, kind: K, call: Call): FlowStep<S, Call> {
  const id = state.requests.next;
  return continueWith({ ...state, requests: { next: id + 1, awaiting: { id, kind } } }, [{ type: 'call', requestId: id, call }]);
}

/** Asks the identity platform about `document` and waits for the outcome as `kind`. */
export function sendVerify<S extends WithRequests<K>, K extends string, Call>(state: S, kind: K, document: MrzResult): FlowStep<S, Call> {
  const id = state.requests.next;
  return continueWith({ ...state, requests: { next: id + 1, awaiting: { id, kind } } }, [{ type: 'verify', requestId: id, document }]);
}

/**
 * A call whose reply does not matter to the traveller (giving a deposit hold back): sent, never awaited, so
 * leaving the step does not abort it.
 */
export function sendAndForget<S extends WithRequests<K>, K extends string, Call>(state: S, call: Call): { state: S; effect: FlowEffect<Call> } {
  const id = state.requests.next;
  return { state: { ...state, requests: { ...state.requests, next: id + 1 } }, effect: { type: 'call', requestId: id, call } };
}

/** The kind of reply `requestId` is awaited as, or null when it is stale. */
export function awaitedAs<K extends string>(requests: Requests<K>, requestId: number): K | null {
  return requests.awaiting?.id === requestId ? requests.awaiting.kind : null;
}

/** The state with nothing awaited (the reply came, or the step no longer wants it). */
export function settled<S extends WithRequests<K>, K extends string>(state: S): S {
  return state.requests.awaiting ? { ...state, requests: { ...state.requests, awaiting: null } } : state;
}

export function isAwaiting<K extends string>(requests: Requests<K>, kind: K): boolean {
  return requests.awaiting?.kind === kind;
}

/**
 * The moves every step of a flow makes, typed once for that flow (its state, the kinds it awaits, its calls):
 * `go` to a step (dropping whatever was awaited), `stay`, `call` a back-end, `verify` a document.
 */
export function stepMoves<S extends WithRequests<K> & { readonly step: unknown }, K extends string, Call>(verifyAs: K) {
  return {
    go: (state: S, step: S['step']): FlowStep<S, Call> => continueWith({ ...settled<S, K>(state), step }),
    stay: (state: S): FlowStep<S, Call> => continueWith(state),
    call: (state: S, kind: K, call: Call): FlowStep<S, Call> => sendCall<S, K, Call>(state, kind, call),
    verify: (state: S, document: MrzResult): FlowStep<S, Call> => sendVerify<S, K, Call>(state, verifyAs, document),
  };
}
