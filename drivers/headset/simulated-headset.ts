import type { Unsubscribe } from '../device.ts';
import { JackState, type HeadsetJack } from './headset-jack.ts';

/** A headphone jack plugged and unplugged through the control API (`POST /sim/audio/headset`). */
export class SimulatedHeadset implements HeadsetJack {
  readonly #state = new JackState();

  plugged(): boolean {
    return this.#state.plugged();
  }

  subscribe(listener: (plugged: boolean) => void): Unsubscribe {
    return this.#state.subscribe(listener);
  }

  plug(plugged: boolean): void {
    this.#state.report(plugged);
  }

  async close(): Promise<void> {
    this.#state.clear();
  }
}
