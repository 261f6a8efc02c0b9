import type { Command, Screen } from '../contract/index.ts';
import type { MrzResult } from '../../drivers/mrz/index.ts';
import type { FlowCallRunner, FlowDefinition, FlowInput, FlowStep, VerifiedTraveller } from './flow.ts';

/** The transactions a kiosk can run; each has a screen of the same name in the contract. */
export type FlowKind = 'airport' | 'hotel';

/** What the UI sees of a running flow: the contract's screen of its kind. */
export type FlowScreen = Extract<Screen, { name: FlowKind }>;

/** A reply on its way back to the flow that asked for it; only that flow can read it. */
export interface ReplyToken {
  readonly requestId: number;
}

/** Inputs a running flow takes from the session, its own types hidden. */
export type ActiveInput =
  | Exclude<FlowInput<never, never>, { type: 'action' | 'reply' }>
  | { readonly type: 'command'; readonly command: Command }
  | { readonly type: 'reply'; readonly token: ReplyToken };

export type ActiveEffect =
  | { readonly type: 'verify'; readonly requestId: number; readonly document: MrzResult }
  /** Run `perform` and hand the token it resolves to back as a `reply` input. `call` names the call for logs. */
  | { readonly type: 'call'; readonly requestId: number; readonly call: string; readonly perform: (signal: AbortSignal) => Promise<ReplyToken> }
  /** The flow no longer waits for this request (it left the step that sent it): abort it. */
  | { readonly type: 'abort'; readonly requestId: number };

export type ActiveStep =
  | { readonly type: 'continue'; readonly flow: ActiveFlow; readonly effects: readonly ActiveEffect[] }
  | { readonly type: 'exit'; readonly reason: 'done' | 'cancel' };

/**
 * A flow with its current state, as the session model holds it: immutable (every input gives a new one), its
 * state, action, call and reply types sealed inside, so the session drives any flow without casts.
 */
export interface ActiveFlow {
  readonly kind: FlowKind;
  step(input: ActiveInput, now: number): ActiveStep;
  view(): FlowScreen;
  canGoBack(): boolean;
  abandoned(): string | null;
}

/** A configured transaction, ready to start for a verified traveller. */
export interface FlowBinding {
  readonly kind: FlowKind;
  start(traveller: VerifiedTraveller, now: number): ActiveStep;
}

export interface Transaction<State, Action, Call extends { readonly type: string }, Reply, View> {
  readonly kind: FlowKind;
  readonly flow: FlowDefinition<State, Action, Call, Reply, View>;
  readonly run: FlowCallRunner<Call, Reply>;
  /** The traveller's action for this flow, when the command carries one. */
  readonly action: (command: Command) => Action | null;
  /** The flow's view as the contract's screen. */
  readonly screen: (view: View) => FlowScreen;
}

/** Binds a pure flow to its call runner for the session (one binding per configured transaction). */
export function bindFlow<State, Action, Call extends { readonly type: string }, Reply, View>(
  transaction: Transaction<State, Action, Call, Reply, View>,
): FlowBinding {
  const { flow, run, kind } = transaction;
  // Replies travel as tokens; this binding alone can read them back, so no reply reaches another flow.
  const replies = new WeakMap<ReplyToken, Reply>();

  const activate = (before: State | null, step: FlowStep<State, Call>, answered: number | null = null): ActiveStep => {
    if (step.type === 'exit') return step;
    const effects: ActiveEffect[] = step.effects.map((effect): ActiveEffect => {
      if (effect.type === 'verify') return effect;
      const { requestId, call } = effect;
      return {
        type: 'call',
        requestId,
        call: call.type,
        perform: async (signal) => {
          const reply = await run(call, signal);
          const token: ReplyToken = { requestId };
          replies.set(token, reply);
          return token;
        },
      };
    });
    const waited = before === null ? null : flow.awaiting(before);
    if (waited !== null && waited !== answered && waited !== flow.awaiting(step.state)) effects.unshift({ type: 'abort', requestId: waited });
    return { type: 'continue', flow: active(step.state), effects };
  };

  const toInput = (input: ActiveInput): FlowInput<Action, Reply> | null => {
    switch (input.type) {
      case 'command': {
        const action = transaction.action(input.command);
        return action === null ? null : { type: 'action', action };
      }
      case 'reply': {
        const reply = replies.get(input.token);
        if (reply === undefined) return null;
        replies.delete(input.token);
        return { type: 'reply', requestId: input.token.requestId, reply };
      }
      default:
        return input;
    }
  };

  const active = (state: State): ActiveFlow => ({
    kind,
    step(input, now) {
      const flowInput = toInput(input);
      if (flowInput === null) return { type: 'continue', flow: this, effects: [] };
      const answered = flowInput.type === 'reply' || flowInput.type === 'verification' ? flowInput.requestId : null;
      return activate(state, flow.reduce(state, flowInput, { now }), answered);
    },
    view: () => transaction.screen(flow.view(state)),
    canGoBack: () => flow.canGoBack(state),
    abandoned: () => flow.abandoned(state),
  });

  return { kind, start: (traveller, now) => activate(null, flow.start(traveller, { now })) };
}
