import type { Command, DeviceView, Language, SessionState } from '../contract/index.ts';
import type { Unsubscribe } from '../../drivers/device.ts';
import type { DeviceManager, DeviceManagerEvent } from '../devices/device-manager.ts';
import type { Logger } from '../log/logger.ts';
import { maskDocumentNumber } from '../log/mask.ts';
import type { Clock } from './clock.ts';
import { holderView } from './holder-view.ts';
import { initialModel, reduce, type SessionEffect, type SessionInput, type SessionModel, type SessionSettings } from './session-model.ts';
import type { VerifyHolder } from './verification.ts';

export interface SessionOptions extends Omit<SessionSettings, 'verify'> {
  readonly defaultLanguage: Language;
  readonly mode: 'simulated' | 'real';
}

export interface SessionDeps {
  readonly clock: Clock;
  readonly logger: Logger;
  /** The identity platform, adapted; without it documents are shown as `notChecked`. */
  readonly verifyHolder?: VerifyHolder;
}

/**
 * Runs the pure session model against the world: device events and UI commands in, a published
 * SessionState out, and one timer for the idle deadline. It knows ports (the DeviceManager's events),
 * never adapters.
 */
export class Session {
  readonly #options: SessionOptions;
  readonly #clock: Clock;
  readonly #logger: Logger;
  readonly #listeners = new Set<(state: SessionState) => void>();
  #model: SessionModel;
  #devices: DeviceView[] = [];
  #revision = 0;
  #timer: unknown = null;
  #state: SessionState;
  #unsubscribeDevices: Unsubscribe | null = null;
  readonly #settings: SessionSettings;
  readonly #verifyHolder: VerifyHolder | undefined;
  readonly #requests = new Map<number, AbortController>();

  constructor(options: SessionOptions, deps: SessionDeps) {
    this.#options = options;
    this.#clock = deps.clock;
    this.#logger = deps.logger;
    this.#verifyHolder = deps.verifyHolder;
    this.#settings = { ...options, verify: deps.verifyHolder !== undefined };
    this.#model = initialModel(options.defaultLanguage);
    this.#state = this.#view();
  }

  attach(devices: DeviceManager): void {
    this.#devices = devices.snapshot();
    this.#unsubscribeDevices = devices.subscribe((event) => this.#onDeviceEvent(event));
    this.#publish();
  }

  state(): SessionState {
    return this.#state;
  }

  subscribe(listener: (state: SessionState) => void): Unsubscribe {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  command(command: Command): void {
    this.#logger.info({ command: command.type, screen: this.#model.screen.name }, 'command');
    this.#apply({ type: 'command', command });
  }

  dispose(): void {
    this.#unsubscribeDevices?.();
    if (this.#timer !== null) this.#clock.clearTimeout(this.#timer);
    this.#timer = null;
    this.#cancelRequests();
    this.#listeners.clear();
    this.#model = initialModel(this.#options.defaultLanguage);
  }

  #onDeviceEvent(event: DeviceManagerEvent): void {
    switch (event.type) {
      case 'devices':
        this.#devices = event.devices.map((d) => ({ id: d.id, kind: d.kind, status: { ...d.status } }));
        return this.#publish();
      case 'readStart':
        return this.#apply({ type: 'readStart' });
      case 'document':
        this.#logger.info(
          { reader: event.readerId, format: event.result.format, documentRef: maskDocumentNumber(event.result.documentNumber ?? '') },
          'document read',
        );
        return this.#apply({ type: 'document', document: event.result });
      case 'unreadable':
        this.#logger.info({ reader: event.readerId, reason: event.reason.code }, 'document unreadable');
        return this.#apply({ type: 'unreadable', code: event.reason.code });
      case 'scan':
        return undefined;
    }
  }

  #apply(input: SessionInput): void {
    const { model: next, effects } = reduce(this.#model, input, this.#clock.now(), this.#settings);
    for (const effect of effects) this.#run(effect);
    if (next === this.#model) return;
    if (next.screen.name === 'attract' && this.#model.screen.name !== 'attract') {
      this.#logger.info({ from: this.#model.screen.name, cause: input.type }, 'session ended');
    }
    this.#model = next;
    this.#schedule();
    this.#publish();
  }

  #run(effect: SessionEffect): void {
    if (effect.type === 'cancelRequests') return this.#cancelRequests();
    const verify = this.#verifyHolder;
    if (!verify) return;
    const controller = new AbortController();
    this.#requests.set(effect.requestId, controller);
    const started = this.#clock.now();
    verify(effect.document, controller.signal)
      .catch((error: unknown) => {
        // The adapter promised never to reject; if it does, it is a bug, and still not a verification.
        this.#logger.error({ err: error }, 'verifyHolder rejected');
        return { outcome: 'unavailable', reason: 'internal error' } as const;
      })
      .then((outcome) => {
        this.#requests.delete(effect.requestId);
        if (controller.signal.aborted) return;
        this.#logger.info({ requestId: effect.requestId, outcome: outcome.outcome, ms: this.#clock.now() - started }, 'verification');
        this.#apply({ type: 'verification', requestId: effect.requestId, outcome });
      });
  }

  #cancelRequests(): void {
    for (const controller of this.#requests.values()) controller.abort();
    this.#requests.clear();
  }

  #schedule(): void {
    if (this.#timer !== null) this.#clock.clearTimeout(this.#timer);
    this.#timer = null;
    const idle = this.#model.idle;
    if (!idle) return;
    this.#timer = this.#clock.setTimeout(() => {
      this.#timer = null;
      this.#apply({ type: 'tick' });
      // A tick that arrives early (clock adjustments) must not leave the session without a timer.
      if (this.#timer === null && this.#model.idle) this.#schedule();
    }, Math.max(0, idle.endAt - this.#clock.now()));
  }

  #view(): SessionState {
    const { screen, language, idle } = this.#model;
    return {
      revision: this.#revision,
      language,
      idle: idle ? { ...idle } : null,
      devices: this.#devices,
      mode: this.#options.mode,
      screen: this.#screenView(screen),
    };
  }

  /** The only place personal data is turned into what the UI may see. */
  #screenView(screen: SessionModel['screen']): SessionState['screen'] {
    switch (screen.name) {
      case 'holder':
        return { name: 'holder', holder: holderView(screen.document), verification: screen.verification };
      case 'verifying':
        return { name: 'verifying' };
      case 'document':
        return { name: 'document', reading: screen.reading };
      case 'unreadable':
        return { name: 'unreadable', code: screen.code };
      case 'notVerified':
        return { name: 'notVerified', reason: screen.reason };
      case 'verifyUnavailable':
      case 'attract':
        return { name: screen.name };
    }
  }

  #publish(): void {
    this.#revision += 1;
    this.#state = this.#view();
    for (const listener of [...this.#listeners]) {
      try {
        listener(this.#state);
      } catch (error) {
        this.#logger.error({ err: error }, 'state listener failed');
      }
    }
  }
}
