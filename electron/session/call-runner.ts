import type { Logger } from '../log/logger.ts';
import type { FlowCallRunner } from './flow.ts';

/**
 * A flow's call runner built the same way for every flow: `perform` does the work against the ports; a call
 * that arrives after its step was left is not started, and a throw (a bug) becomes the typed failure `fault`
 * gives for that call, so the runner never rejects (FlowCallRunner's promise). Logs name the call, never data.
 */
export function callRunner<Call extends { readonly type: string }, Reply>(options: {
  readonly perform: (call: Call, signal: AbortSignal) => Promise<Reply>;
  readonly fault: (call: Call, reason: 'aborted' | 'internal') => Reply;
  readonly logger: Pick<Logger, 'error'>;
}): FlowCallRunner<Call, Reply> {
  return async (call, signal) => {
    if (signal.aborted) return options.fault(call, 'aborted');
    try {
      return await options.perform(call, signal);
    } catch (error) {
      options.logger.error({ err: error, call: call.type }, 'flow call failed unexpectedly');
      return options.fault(call, 'internal');
    }
  };
}

/** Waits `ms` on `clock`, or less if `signal` aborts meanwhile. */
export function abortableDelay(ms: number, signal: AbortSignal, clock: { setTimeout(fn: () => void, ms: number): unknown; clearTimeout(handle: unknown): void }): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const handle = clock.setTimeout(done, ms);
    function done(): void {
      signal.removeEventListener('abort', cancel);
      resolve();
    }
    function cancel(): void {
      clock.clearTimeout(handle);
      done();
    }
    signal.addEventListener('abort', cancel, { once: true });
  });
}
