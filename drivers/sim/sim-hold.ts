import { z } from 'zod';
import { simRoute, type SimRoute } from './sim-route.ts';

/**
 * What a hold route accepts:
 * - `{ "hold": true }`: requests from now on wait, until released;
 * - `{ "hold": true, "releaseWaiting": true }`: the requests waiting now go on, later ones wait again (a test
 *   steps through screens that follow each other without a touch in between);
 * - `{ "hold": false }`: every waiting request goes on, and new ones no longer wait.
 */
export const holdBody = z.discriminatedUnion('hold', [
  z.strictObject({ hold: z.literal(true), releaseWaiting: z.boolean().optional() }),
  z.strictObject({ hold: z.literal(false) }),
]);
export type HoldBody = z.infer<typeof holdBody>;

/** Whether requests are held, and how many wait now. */
export interface HoldState {
  readonly held: boolean;
  readonly waiting: number;
}

/**
 * A gate a simulator's requests pass through, closed by the control API so that a screen which waits for a
 * back-end stays up for as long as a test needs it, instead of for a latency the test must race. A request
 * never waits longer than it is wanted: when its caller gives up (the signal aborts) it leaves the gate.
 */
export class SimHold {
  #held = false;
  readonly #waiting = new Set<() => void>();

  state(): HoldState {
    return { held: this.#held, waiting: this.#waiting.size };
  }

  set(body: HoldBody): HoldState {
    if (!body.hold || body.releaseWaiting) this.#releaseAll();
    this.#held = body.hold;
    return this.state();
  }

  /**
   * Resolves `true` at once when nothing is held, or once released; `false` when `signal` aborts first (the
   * request was given up and must not go on).
   */
  pass(signal?: AbortSignal): Promise<boolean> {
    if (signal?.aborted) return Promise.resolve(false);
    if (!this.#held) return Promise.resolve(true);
    return new Promise((resolve) => {
      const release = (): void => {
        signal?.removeEventListener('abort', abandon);
        resolve(true);
      };
      const abandon = (): void => {
        this.#waiting.delete(release);
        resolve(false);
      };
      this.#waiting.add(release);
      signal?.addEventListener('abort', abandon, { once: true });
    });
  }

  #releaseAll(): void {
    const waiting = [...this.#waiting];
    this.#waiting.clear();
    for (const release of waiting) release();
  }
}

/** `POST <prefix>/hold` (body: `holdBody`) and `GET <prefix>/hold`, both answering the hold's state. */
export function holdRoutes(prefix: string, hold: SimHold): SimRoute[] {
  return [
    simRoute({ method: 'POST', path: `${prefix}/hold`, summary: 'Holds this simulator\'s requests (they wait, unanswered) until released; releaseWaiting lets the waiting ones go.', body: holdBody, handle: (body) => hold.set(body) }),
    simRoute({ method: 'GET', path: `${prefix}/hold`, summary: 'Says whether requests are held and how many are waiting.', handle: () => hold.state() }),
  ];
}
