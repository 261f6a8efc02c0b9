import type { SessionState } from '../../electron/contract/index.ts';
import type { Session } from '../../electron/session/session.ts';

/**
 * The first state of `session` for which `holds` is true: the current one, or the next one it publishes that
 * does. For steps that finish in the background (a staff login checks its PIN off the event loop), so a test
 * waits on the session's own event rather than sleeping. Rejects with `what` after `timeoutMs`.
 */
export function untilState(session: Session, holds: (state: SessionState) => boolean, what: string, timeoutMs = 10_000): Promise<SessionState> {
  const now = session.state();
  if (holds(now)) return Promise.resolve(now);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      unsubscribe();
      reject(new Error(`timed out waiting for ${what}`));
    }, timeoutMs);
    const unsubscribe = session.subscribe((state) => {
      if (!holds(state)) return;
      clearTimeout(timer);
      unsubscribe();
      resolve(state);
    });
  });
}
