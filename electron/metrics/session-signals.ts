import type { SessionState } from '../contract/index.ts';

/** What a traveller's session did, seen from the outside: no names, no documents, only kinds and times. */
export type SessionSignal =
  | { readonly type: 'sessionStarted' }
  | { readonly type: 'sessionEnded'; readonly outcome: 'completed' | 'referred' | 'abandoned'; readonly ms: number }
  | { readonly type: 'verification'; readonly outcome: 'verified' | 'notVerified' | 'verifyUnavailable'; readonly ms: number }
  | { readonly type: 'unreadable' }
  | { readonly type: 'transaction'; readonly flow: 'airport' | 'hotel'; readonly outcome: 'completed' | 'referred' };

type Screen = SessionState['screen'];

function step(screen: Screen): string | null {
  return screen.name === 'airport' || screen.name === 'hotel' ? screen.view.step : null;
}

function transactionEnd(screen: Screen): 'completed' | 'referred' | null {
  const s = step(screen);
  if (s === 'done') return 'completed';
  if (s === 'refused' || s === 'staffDesk') return 'referred';
  return null;
}

/**
 * Turns the published session states into signals for metrics and fleet events, by comparing each state with
 * the one before. Reads the session's public output only, so counting needs no hook inside the session.
 * Time is injected (`now`, epoch ms).
 */
export class SessionSignals {
  #previous: Screen | null = null;
  #sessionStart: number | null = null;
  #verifyStart: number | null = null;
  #ending: 'completed' | 'referred' | 'abandoned' = 'abandoned';

  next(state: SessionState, now: number): SessionSignal[] {
    const before = this.#previous;
    const screen = state.screen;
    this.#previous = screen;
    if (before === null) return [];
    const out: SessionSignal[] = [];
    const wasAttract = before.name === 'attract';
    const isAttract = screen.name === 'attract';
    if (wasAttract && !isAttract) {
      this.#sessionStart = now;
      this.#ending = 'abandoned';
      out.push({ type: 'sessionStarted' });
    }
    if (screen.name === 'verifying' && before.name !== 'verifying') this.#verifyStart = now;
    if (before.name === 'verifying' && screen.name !== 'verifying') {
      const ms = now - (this.#verifyStart ?? now);
      this.#verifyStart = null;
      if (screen.name === 'holder') out.push({ type: 'verification', outcome: 'verified', ms });
      else if (screen.name === 'notVerified') out.push({ type: 'verification', outcome: 'notVerified', ms });
      else if (screen.name === 'verifyUnavailable') out.push({ type: 'verification', outcome: 'verifyUnavailable', ms });
    }
    if (screen.name === 'notVerified' || screen.name === 'verifyUnavailable') this.#ending = 'referred';
    if (screen.name === 'unreadable' && before.name !== 'unreadable') out.push({ type: 'unreadable' });
    const ended = transactionEnd(screen);
    if (ended && (screen.name === 'airport' || screen.name === 'hotel') && transactionEnd(before) !== ended) {
      out.push({ type: 'transaction', flow: screen.name, outcome: ended });
      this.#ending = ended;
    }
    if (!wasAttract && isAttract && this.#sessionStart !== null) {
      out.push({ type: 'sessionEnded', outcome: this.#ending, ms: now - this.#sessionStart });
      this.#sessionStart = null;
    }
    return out;
  }
}
