import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import type { AccessibilityView } from '../../../electron/contract/index.ts';
import { publishedState } from './ui-socket.ts';
import type { KioskProcess } from './kiosk-process.ts';
import { poll } from './poll.ts';

export interface Utterance {
  readonly lang: string;
  readonly text: string;
}

/**
 * A traveller at the keypad with a headset (docs/accessibility.md "Simulation"): keys go to the page, words come
 * back from the simulated voice's transcript. Moving to an item means pressing an arrow until the voice names it,
 * as someone who cannot see the screen does.
 */
export class Listener {
  readonly #kiosk: KioskProcess;
  readonly #page: Page;
  #heard = 0;

  constructor(kiosk: KioskProcess, page: Page) {
    this.#kiosk = kiosk;
    this.#page = page;
  }

  async transcript(): Promise<Utterance[]> {
    const res = await fetch(`http://127.0.0.1:${this.#kiosk.port}/sim/speech`);
    return ((await res.json()) as { utterances: Utterance[] }).utterances;
  }

  /** What was said since the last call, once the voice has said something (or `timeout` passed). */
  async newWords(timeout = 5_000): Promise<Utterance[]> {
    const all = await poll(() => this.transcript(), (u) => u.length > this.#heard, timeout);
    const fresh = all.slice(this.#heard);
    this.#heard = all.length;
    return fresh;
  }

  /** Waits until the voice has said something containing `text` (since the last words read), and returns all of it. */
  async hear(text: string | RegExp, timeout = 10_000): Promise<Utterance[]> {
    const matches = (u: Utterance) => (typeof text === 'string' ? u.text.includes(text) : text.test(u.text));
    await poll(() => this.transcript(), (u) => u.slice(this.#heard).some(matches), timeout);
    const all = await this.#settled();
    const fresh = all.slice(this.#heard);
    expect(fresh.map((u) => u.text), `expected to hear ${String(text)}`).toEqual(expect.arrayContaining([expect.stringMatching(typeof text === 'string' ? escape(text) : text)]));
    this.#heard = all.length;
    return fresh;
  }

  /** The transcript once the voice has stopped adding to it: a screen's lines are said one after another. */
  async #settled(): Promise<Utterance[]> {
    let last = await this.transcript();
    for (;;) {
      await new Promise((resolve) => setTimeout(resolve, 150));
      const now = await this.transcript();
      if (now.length === last.length) return now;
      last = now;
    }
  }

  /** The accessibility part of the state the kiosk publishes. */
  async accessibility(): Promise<AccessibilityView> {
    return (await publishedState(this.#page)).accessibility;
  }

  async press(key: string): Promise<void> {
    await this.#page.keyboard.press(key);
  }

  /** Presses `key` until the voice names an item starting with `name`; fails after `max` presses. */
  async moveTo(name: string, key = 'ArrowDown', max = 40): Promise<Utterance> {
    for (let i = 0; i < max; i++) {
      await this.press(key);
      const said = await this.newWords();
      const last = said.at(-1);
      if (last?.text.startsWith(name)) return last;
    }
    throw new Error(`pressed ${key} ${max} times and never heard "${name}"`);
  }

  /** Moves to the item named `name` and presses Enter on it. */
  async choose(name: string, key = 'ArrowDown'): Promise<void> {
    await this.moveTo(name, key);
    await this.press('Enter');
  }
}

function escape(text: string): RegExp {
  return new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
}
