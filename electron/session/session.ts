import type { Command, DeviceView, Language, Service, SessionState } from '../contract/index.ts';
import type { Unsubscribe } from '../../drivers/device.ts';
import type { DeviceManager, DeviceManagerEvent } from '../devices/device-manager.ts';
import type { Logger } from '../log/logger.ts';
import { maskDocumentNumber } from '../log/mask.ts';
import type { Clock } from '../../drivers/clock.ts';
import { holderView } from './holder-view.ts';
import type { FlowBinding } from './active-flow.ts';
import type { FrameRead, LiveCaptureOptions } from './camera-capture.ts';
import {
  defaultAccessSettings,
  initialModel,
  nextDeadline,
  reduce,
  type FlowKind,
  type SessionEffect,
  type SessionInput,
  type SessionModel,
  type SessionSettings,
} from './session-model.ts';
import type { VerificationOutcome, VerifyHolder } from './verification.ts';
import type { ChipPolicy, ChipStepOutcome, ReadDocumentChip } from './chip-step.ts';
import type { Maintenance } from '../maintenance/maintenance.ts';
import type { SpeechOutput } from '../../drivers/speech/speech-output.ts';
import { initialAccess, type AccessSettings } from './accessible-mode.ts';
import { SpeechChannel } from './speech-channel.ts';

export interface SessionOptions {
  readonly defaultLanguage: Language;
  readonly idleTimeoutMs: number;
  readonly idleWarningMs: number;
  readonly mode: 'simulated' | 'real';
  /** The parts running simulated (electron/host/simulated-parts.ts), shown on the "simulated" badge. */
  readonly simulatedParts?: readonly string[];
  /** Transactions offered, in order; empty for an identify-only kiosk. */
  readonly services?: readonly Service[];
  /** The venue's chip policy (docs/chip.md "In the kiosk"); absent: `off`. */
  readonly chip?: ChipPolicy;
  /** Speech mode's default volume and longer timeouts (docs/accessibility.md); absent: session-model's defaults. */
  readonly accessibility?: AccessSettings;
  /** The live camera's limits; absent: camera-capture.ts `DEFAULT_LIVE_CAPTURE`. */
  readonly camera?: LiveCaptureOptions;
}

export interface SessionDeps {
  readonly clock: Clock;
  readonly logger: Logger;
  /** The identity platform, adapted; without it documents are shown as `notChecked`. */
  readonly verifyHolder?: VerifyHolder;
  /** Each offered transaction: its pure flow bound to the runner of its calls (active-flow.ts `bindFlow`). */
  readonly flows?: Partial<Record<FlowKind, FlowBinding>>;
  /**
   * The OCR fallback's live camera: reads one frame, resolving with the read or null when the frame was not
   * read (the OCR busy or restarting); never rejects. Frames stay in memory. Absent: no camera path.
   */
  readonly readCameraFrame?: (image: Uint8Array) => Promise<FrameRead | null>;
  /** Maintenance mode for staff; absent on a kiosk without one. */
  readonly maintenance?: Maintenance;
  /** Reads and checks the chip of the document on the reader; needed unless the chip policy is `off`. */
  readonly readChip?: ReadDocumentChip;
  /**
   * Names each traveller session when it leaves the attract screen. The id is on every log line of that session
   * and on its audit entry, so staff can find a journal entry's logs; it says nothing about the traveller.
   */
  readonly newSessionId: () => string;
  /** A traveller's session ended: how, and on which screen (for the audit trail; nothing personal). */
  readonly onSessionEnd?: (end: SessionEnd) => void;
  /** The kiosk's voice for speech mode (docs/accessibility.md); absent: speech mode is keypad and screen only. */
  readonly speech?: SpeechOutput;
}

export interface SessionEnd {
  readonly sessionId: string;
  readonly service: string;
  readonly ended: 'finished' | 'cancelled' | 'timedOut' | 'outOfService';
  /** `notVerified`, `holder`, or a flow's step (`hotel.done`, `airport.refused`) the session ended on. */
  readonly lastScreen: string;
}

/**
 * Runs the pure session model against the world: device events and UI commands in, a published
 * SessionState out, effects performed (verification, flow calls) and one timer for the idle deadline.
 * It knows ports (the DeviceManager's events, injected runners), never adapters.
 */
export class Session {
  readonly #options: SessionOptions;
  readonly #deps: SessionDeps;
  #settings: SessionSettings;
  /** Offered services that cannot run now (setServiceAvailable). */
  readonly #withdrawn = new Set<Service>();
  readonly #listeners = new Set<(state: SessionState) => void>();
  /** Requests running now, by `session:<id>` / `flow:<id>`, so one can be aborted alone. */
  readonly #requests = new Map<string, AbortController>();
  #model: SessionModel;
  #devices: DeviceView[] = [];
  #revision = 0;
  #timer: unknown = null;
  #state: SessionState;
  #outOfService = false;
  #goingOutOfService = false;
  /** Whether maintenance was open at its last change: its closing ends staff's display modes. */
  #maintenanceOpen = false;
  #unsubscribeDevices: Unsubscribe | null = null;
  readonly #speech: SpeechChannel | null;
  /** The traveller session under way (null on the attract screen) and its logger, which names it. */
  #current: { readonly id: string; readonly logger: Logger } | null = null;

  constructor(options: SessionOptions, deps: SessionDeps) {
    this.#options = options;
    this.#deps = deps;
    this.#settings = {
      idleTimeoutMs: options.idleTimeoutMs,
      idleWarningMs: options.idleWarningMs,
      defaultLanguage: options.defaultLanguage,
      verify: deps.verifyHolder !== undefined,
      services: options.services ?? [],
      flows: deps.flows ?? {},
      chip: deps.readChip ? (options.chip ?? 'off') : 'off',
      ...(options.accessibility ? { access: options.accessibility } : {}),
      ...(options.camera ? { camera: options.camera } : {}),
    };
    this.#speech = deps.speech
      ? new SpeechChannel(deps.speech, (reason) => {
          deps.logger.warn({ reason }, 'speech output failed');
          deps.maintenance?.alert('device', `speech output: ${reason}`.slice(0, 200));
        })
      : null;
    this.#model = this.#freshModel();
    this.#state = this.#view();
  }

  attach(devices: DeviceManager): void {
    this.#devices = devices.snapshot();
    this.#deps.maintenance?.subscribe(() => this.#maintenanceChanged());
    this.#unsubscribeDevices = devices.subscribe((event) => this.#onDeviceEvent(event));
    this.#publish();
  }

  get #logger(): Logger {
    return this.#current?.logger ?? this.#deps.logger;
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
    const maintenance = this.#deps.maintenance;
    if (command.type === 'maintenance') {
      // Staff open maintenance only from the attract screen, never over a traveller's session.
      if (!maintenance || (!maintenance.isOpen && this.#model.screen.name !== 'attract')) return;
      return maintenance.handle(command.action);
    }
    // Staff may switch the language and the display modes of the staff screens; nothing else reaches the session while they work.
    if (maintenance?.isOpen && command.type !== 'setLanguage' && !isDisplayMode(command)) return;
    this.#apply({ type: 'command', command });
  }

  /** The headphone jack reported a headset plugged in or pulled out (docs/accessibility.md "Starting speech mode"). */
  headset(plugged: boolean): void {
    this.#apply({ type: 'headset', plugged });
  }

  /** Maintenance: take the kiosk out of service (ends any session) or put it back. */
  setOutOfService(value: boolean): void {
    this.#outOfService = value;
    this.#goingOutOfService = value;
    if (value) this.#apply({ type: 'command', command: { type: 'cancel' } });
    this.#goingOutOfService = false;
    this.#publish();
  }

  /**
   * A service that cannot run now (hotel registration while its outbox cannot store) leaves the service choice
   * until it can; with none left of those configured, the kiosk is out of service.
   */
  setServiceAvailable(service: Service, available: boolean): void {
    if (available === !this.#withdrawn.has(service)) return;
    if (available) this.#withdrawn.delete(service);
    else this.#withdrawn.add(service);
    this.#settings = { ...this.#settings, services: (this.#options.services ?? []).filter((s) => !this.#withdrawn.has(s)) };
    this.#deps.logger.warn({ service, available }, available ? 'service offered again' : 'service withdrawn');
    this.#publish();
  }

  /** Staff took the kiosk out of service, or every transaction it offers is withdrawn (setServiceAvailable). */
  #isOutOfService(): boolean {
    return this.#outOfService || ((this.#options.services ?? []).length > 0 && this.#settings.services.length === 0);
  }

  dispose(): void {
    this.#unsubscribeDevices?.();
    if (this.#timer !== null) this.#deps.clock.clearTimeout(this.#timer);
    this.#timer = null;
    this.#cancelRequests();
    this.#speech?.run({ type: 'stop' });
    this.#listeners.clear();
    this.#model = this.#freshModel();
    this.#current = null;
  }

  /**
   * Staff's large text and high contrast end when they leave maintenance, as a traveller's end with the session
   * (docs/accessibility.md "Low vision: large text and high contrast"): the next traveller starts from the default.
   */
  #maintenanceChanged(): void {
    const open = this.#deps.maintenance?.isOpen ?? false;
    const left = this.#maintenanceOpen && !open;
    this.#maintenanceOpen = open;
    const { largeText, highContrast } = this.#model.access;
    if (left && largeText) this.#apply({ type: 'command', command: { type: 'accessibility', action: { type: 'largeText', on: false } } });
    if (left && highContrast) this.#apply({ type: 'command', command: { type: 'accessibility', action: { type: 'highContrast', on: false } } });
    this.#publish();
  }

  #freshModel(): SessionModel {
    return initialModel(this.#options.defaultLanguage, 1, initialAccess(this.#options.accessibility ?? defaultAccessSettings, false));
  }

  #onDeviceEvent(event: DeviceManagerEvent): void {
    // While staff work, a barcode is a staff badge and a document may be a test read: maintenance takes them.
    if (this.#deps.maintenance?.isOpen && event.type !== 'devices') return this.#deps.maintenance.observe(event);
    if (this.#isOutOfService() && event.type !== 'devices') return;
    switch (event.type) {
      case 'devices': {
        const before = new Map(this.#devices.map((d) => [d.id, d.status.state]));
        this.#devices = event.devices.map((d) => ({ id: d.id, kind: d.kind, status: { ...d.status } }));
        for (const d of this.#devices) {
          if (d.status.state === 'unavailable' && before.get(d.id) !== 'unavailable') {
            this.#deps.maintenance?.alert('device', `${d.id}: ${d.status.reason} (${d.status.code})`);
          }
        }
        return this.#publish();
      }
      case 'readStart':
        return this.#apply({ type: 'readStart' });
      case 'document':
        this.#logger.info(
          { reader: event.readerId, format: event.result.format, documentRef: maskDocumentNumber(event.result.documentNumber ?? '') },
          'document read',
        );
        return this.#apply({ type: 'document', document: event.result, confirm: event.needsConfirmation ?? [] });
      case 'unreadable':
        this.#logger.info({ reader: event.readerId, reason: event.reason.code }, 'document unreadable');
        return this.#apply({ type: 'unreadable', code: event.reason.code });
      case 'scan':
        this.#logger.info({ scanner: event.scannerId, symbology: event.scan.symbology }, 'barcode scanned');
        return this.#apply({ type: 'scan', scan: event.scan });
    }
  }

  #apply(input: SessionInput): void {
    const { model: next, effects } = reduce(this.#model, input, this.#deps.clock.now(), this.#settings);
    for (const effect of effects) this.#run(effect);
    if (next === this.#model) return;
    if (next.screen.name !== 'attract' && this.#current === null) {
      const id = this.#deps.newSessionId();
      this.#current = { id, logger: this.#deps.logger.child({ sessionId: id }) };
      this.#logger.info({ cause: input.type }, 'session started');
    }
    if (next.screen.name === 'attract' && this.#model.screen.name !== 'attract') {
      this.#logger.info({ from: this.#model.screen.name, cause: input.type }, 'session ended');
      this.#deps.maintenance?.count('sessions');
      this.#deps.onSessionEnd?.(this.#sessionEnd(input));
      this.#speech?.forget();
      this.#current = null;
    }
    if (input.type === 'unreadable' && next.screen.name === 'unreadable') this.#deps.maintenance?.count('unreadable');
    if (input.type === 'cameraRead' && this.#model.screen.name === 'document' && next.screen.name !== 'document' && input.read?.parse) {
      this.#logger.info({ reader: 'camera', format: input.read.parse.format, documentRef: maskDocumentNumber(input.read.parse.documentNumber ?? '') }, 'document read');
    }
    if (next.screen.name === 'unreadable' && next.screen.code === 'camera_timeout' && this.#model.screen.name !== 'unreadable') {
      this.#logger.info({}, 'camera gave up; traveller sent to the desk');
      this.#deps.maintenance?.count('unreadable');
    }
    if (input.type === 'verification') {
      this.#deps.maintenance?.count(input.outcome.outcome === 'verified' ? 'verified' : 'notVerified');
    }
    this.#model = next;
    this.#schedule();
    this.#publish();
  }

  #run(effect: SessionEffect): void {
    switch (effect.type) {
      case 'cancelRequests':
        return this.#cancelRequests();
      case 'readCameraFrame': {
        const read = this.#deps.readCameraFrame;
        if (!read) return undefined;
        return this.#track(
          `camera:${effect.requestId}`,
          () => read(Buffer.from(effect.image, 'base64')),
          () => null,
          (frame) => this.#apply({ type: 'cameraRead', requestId: effect.requestId, read: frame }),
        );
      }
      case 'flowAbandoned':
        this.#logger.warn({ flow: effect.kind, note: effect.note }, 'transaction left unfinished');
        return this.#deps.maintenance?.alert('transaction', effect.note);
      case 'speech':
        return this.#speech?.run(effect.effect);
      case 'assistanceRequested':
        this.#logger.warn({ screen: effect.screen }, 'traveller asked for assistance');
        return this.#deps.maintenance?.alert('assistance', `a traveller asked for help on the ${effect.screen} screen`);
      case 'verify': {
        const verify = this.#deps.verifyHolder;
        if (!verify) return undefined;
        const started = this.#deps.clock.now();
        return this.#track(
          `${effect.target}:${effect.requestId}`,
          (signal) => verify(effect.document, signal),
          (): VerificationOutcome => ({ outcome: 'unavailable', reason: 'internal error' }),
          (outcome) => {
            this.#logger.info({ requestId: effect.requestId, outcome: outcome.outcome, ms: this.#deps.clock.now() - started }, 'verification');
            this.#apply({ type: 'verification', target: effect.target, requestId: effect.requestId, outcome });
          },
        );
      }
      case 'readChip': {
        const readChip = this.#deps.readChip;
        if (!readChip) return undefined;
        const started = this.#deps.clock.now();
        return this.#track(
          `chip:${effect.requestId}`,
          (signal) => readChip(effect.document, signal),
          (): ChipStepOutcome => ({ outcome: 'unread', reason: 'chip-error', detail: 'internal error' }),
          (outcome) => {
            const why = outcome.outcome === 'verified' ? undefined : outcome.reason;
            this.#logger.info({ requestId: effect.requestId, outcome: outcome.outcome, reason: why, ms: this.#deps.clock.now() - started }, 'chip');
            if (outcome.outcome === 'refused') this.#deps.maintenance?.alert('device', `chip refused (${outcome.reason}): ${outcome.detail}`);
            this.#apply({ type: 'chip', requestId: effect.requestId, outcome });
          },
        );
      }
      case 'flowCall':
        return this.#track(
          `flow:${effect.requestId}`,
          (signal) => effect.perform(signal),
          // A runner that broke its promise never to reject: the flow keeps waiting, staff are told by the log.
          () => null,
          (token) => {
            if (token) this.#apply({ type: 'flowReply', token });
          },
        );
      case 'abortFlowRequest':
        return this.#abort(`flow:${effect.requestId}`);
    }
  }

  /** Runs one asynchronous request whose answer is dropped if it was aborted meanwhile (step left, session ended). */
  #track<T>(key: string, start: (signal: AbortSignal) => Promise<T>, onBug: () => T, deliver: (value: T) => void): void {
    const controller = new AbortController();
    this.#requests.get(key)?.abort();
    this.#requests.set(key, controller);
    start(controller.signal)
      .catch((error: unknown) => {
        // Runners promise never to reject; if one does, it is a bug, and still never a success.
        this.#logger.error({ err: error }, 'request runner rejected');
        return onBug();
      })
      .then((value) => {
        if (this.#requests.get(key) === controller) this.#requests.delete(key);
        if (!controller.signal.aborted) deliver(value);
      });
  }

  #abort(key: string): void {
    this.#requests.get(key)?.abort();
    this.#requests.delete(key);
  }

  #cancelRequests(): void {
    for (const controller of this.#requests.values()) controller.abort();
    this.#requests.clear();
  }

  #schedule(): void {
    if (this.#timer !== null) this.#deps.clock.clearTimeout(this.#timer);
    this.#timer = null;
    const deadline = nextDeadline(this.#model, this.#settings);
    if (deadline === null) return;
    this.#timer = this.#deps.clock.setTimeout(() => {
      this.#timer = null;
      this.#apply({ type: 'tick' });
      // A tick that arrives early (clock adjustments) must not leave the session without a timer.
      if (this.#timer === null && nextDeadline(this.#model, this.#settings) !== null) this.#schedule();
    }, Math.max(0, deadline - this.#deps.clock.now()));
  }

  #view(): SessionState {
    const { language, idle, assistance } = this.#model;
    return {
      revision: this.#revision,
      language,
      idle: idle ? { ...idle } : null,
      devices: this.#devices,
      mode: this.#options.mode,
      simulatedParts: [...(this.#options.simulatedParts ?? [])],
      assistance,
      outOfService: this.#isOutOfService(),
      cameraAvailable: this.#deps.readCameraFrame !== undefined,
      canGoBack: this.#canGoBack(),
      accessibility: { ...this.#model.access },
      maintenance: this.#deps.maintenance?.view(this.#devices) ?? null,
      screen: this.#screenView(),
    };
  }

  #sessionEnd(input: SessionInput): SessionEnd {
    const screen = this.#model.screen;
    const view = screen.name === 'flow' ? (screen.flow.view() as { view?: { step?: unknown } }).view : undefined;
    const step = view?.step;
    const cancelled = input.type === 'command' && input.command.type === 'cancel';
    return {
      sessionId: this.#current?.id ?? 'none',
      service: this.#model.service ?? 'none',
      ended: this.#goingOutOfService ? 'outOfService' : input.type === 'tick' ? 'timedOut' : cancelled ? 'cancelled' : 'finished',
      lastScreen: screen.name === 'flow' ? `${screen.flow.kind}.${typeof step === 'string' ? step : 'unknown'}`.slice(0, 40) : screen.name,
    };
  }

  #canGoBack(): boolean {
    const screen = this.#model.screen;
    switch (screen.name) {
      case 'attract':
      case 'verifying':
      case 'notVerified':
      case 'chip':
        return false;
      case 'flow':
        return screen.flow.canGoBack();
      default:
        return true;
    }
  }

  /** The only place personal data is turned into what the UI may see. */
  #screenView(): SessionState['screen'] {
    const screen = this.#model.screen;
    switch (screen.name) {
      case 'holder':
        return {
          name: 'holder',
          holder: holderView(screen.traveller.document, screen.confirm),
          verification: screen.traveller.verification,
          next: this.#settings.services.length > 0 ? 'continue' : 'done',
          ...(screen.traveller.chip ? { chip: screen.traveller.chip.status === 'verified' ? { status: 'verified' as const, photo: `data:image/jpeg;base64,${screen.traveller.chip.photo}` } : { status: 'notRead' as const } } : {}),
        };
      case 'chip':
        return { name: 'chip' };
      case 'chipRefused':
        return { name: 'chipRefused', reason: screen.reason, retry: screen.retry !== null };
      case 'service':
        return { name: 'service', services: [...this.#settings.services] };
      case 'verifying':
        return { name: 'verifying' };
      case 'document':
        return screen.camera ? { name: 'document', reading: screen.reading, camera: true, guidance: screen.attempt.guidance } : { name: 'document', reading: screen.reading, camera: false };
      case 'unreadable':
        return { name: 'unreadable', code: screen.code };
      case 'notVerified':
        return { name: 'notVerified', reason: screen.reason };
      case 'flow':
        return screen.flow.view();
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

/** Large text and high contrast: the display modes staff may use on their screens too. */
function isDisplayMode(command: Command): boolean {
  return command.type === 'accessibility' && (command.action.type === 'largeText' || command.action.type === 'highContrast');
}
