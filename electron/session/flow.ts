import type { ChipEvidence } from './chip-step.ts';
import type { UnreadableCode } from '../contract/index.ts';
import type { MrzResult } from '../../drivers/mrz/index.ts';
import type { BarcodeScan } from '../../drivers/scanner/barcode-scanner.ts';
import type { VerificationOutcome } from './verification.ts';

/**
 * A transaction flow (airport check-in, hotel registration) as a pure state machine in the same shape as the
 * session: state + input → state + effects. The session owns everything around a flow (attract, language,
 * the first document and its verification, idle timeout, assistance) and hands the flow a verified traveller.
 * A flow's state is the only place its personal data lives; ending the session drops it.
 *
 * Both flows are written the same way (docs/architecture.md "Session, flows and the idle timeout"): a state
 * with shared data, a `step` union with what only that step needs, and `requests` (requests.ts) naming the one
 * back-end call the step waits for; one file per step; the view in its own file.
 */
export interface VerifiedTraveller {
  readonly document: MrzResult;
  readonly verification: 'verified' | 'notChecked';
  /** Fields read by OCR that the traveller confirmed on the holder screen (empty for reader reads). */
  readonly confirmed?: readonly string[];
  /** The chip step's result: with `verified`, the chip's photo (base64 JPEG), the face check's reference. */
  readonly chip?: ChipEvidence;
}

export type FlowInput<Action, Reply> =
  | { readonly type: 'action'; readonly action: Action }
  /** The traveller pressed "back"; a flow at its first step exits with `cancel`. */
  | { readonly type: 'back' }
  | { readonly type: 'readStart' }
  | { readonly type: 'document'; readonly document: MrzResult }
  | { readonly type: 'unreadable'; readonly code: UnreadableCode }
  | { readonly type: 'scan'; readonly scan: BarcodeScan }
  | { readonly type: 'verification'; readonly requestId: number; readonly outcome: VerificationOutcome }
  /** What the flow's call runner resolved for the call sent under `requestId`. */
  | { readonly type: 'reply'; readonly requestId: number; readonly reply: Reply };

export type FlowEffect<Call> =
  | { readonly type: 'verify'; readonly requestId: number; readonly document: MrzResult }
  | { readonly type: 'call'; readonly requestId: number; readonly call: Call };

export type FlowStep<State, Call> =
  | { readonly type: 'continue'; readonly state: State; readonly effects: readonly FlowEffect<Call>[] }
  | { readonly type: 'exit'; readonly reason: 'done' | 'cancel' };

export interface FlowContext {
  /** Wall-clock time (epoch ms) of the input: what a record says happened when. */
  readonly now: number;
}

export interface FlowDefinition<State, Action, Call, Reply, View> {
  start(traveller: VerifiedTraveller, context: FlowContext): FlowStep<State, Call>;
  reduce(state: State, input: FlowInput<Action, Reply>, context: FlowContext): FlowStep<State, Call>;
  /** What the UI may see of the state: masked numbers, no raw MRZ. Validated by the contract on the way out. */
  view(state: State): View;
  /**
   * The id of the request this state waits for, or null. When a step is left, the request it waited for is
   * no longer awaited and the session aborts it (a call belongs to the step that started it).
   */
  awaiting(state: State): number | null;
  /**
   * What staff must follow up when a session ends in this state (the traveller walked away mid-transaction,
   * idle timeout or cancel), already free of names and document numbers; null when nothing is left undone.
   */
  abandoned(state: State): string | null;
  /** Whether "back" means anything here (not once the transaction is committed: checked in, printing, done). */
  canGoBack(state: State): boolean;
}

/**
 * Performs a flow's calls (DCS, PMS, printers ...). Must resolve, never reject: failures are replies the flow
 * handles (call-runner.ts builds runners that keep this promise). Must stop work when `signal` aborts (the flow
 * left the step that made the call, or the session ended).
 */
export type FlowCallRunner<Call, Reply> = (call: Call, signal: AbortSignal) => Promise<Reply>;

export const continueWith = <State, Call>(state: State, effects: readonly FlowEffect<Call>[] = []): FlowStep<State, Call> => ({
  type: 'continue',
  state,
  effects,
});

export const exitWith = (reason: 'done' | 'cancel'): { readonly type: 'exit'; readonly reason: 'done' | 'cancel' } => ({ type: 'exit', reason });
