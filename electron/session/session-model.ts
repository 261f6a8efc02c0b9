import type { Command, Language, Service, UnreadableCode } from '../contract/index.ts';
import type { MrzResult } from '../../drivers/mrz/index.ts';
import type { BarcodeScan } from '../../drivers/scanner/barcode-scanner.ts';
import type { ActiveEffect, ActiveFlow, ActiveInput, ActiveStep, FlowBinding, FlowKind, ReplyToken } from './active-flow.ts';
import type { VerifiedTraveller } from './flow.ts';
import type { NotVerifiedReason, VerificationOutcome } from './verification.ts';
import { accessAfterSession, headsetChanged, initialAccess, reduceAccess, type AccessSettings, type AccessState, type AccessStep, type SpeechEffect } from './accessible-mode.ts';
import { decideChip, type ChipEvidence, type ChipPolicy, type ChipRefusalReason, type ChipStepOutcome, type ChipUnreadReason } from './chip-step.ts';
import { DEFAULT_LIVE_CAPTURE, giveUpAt, judgeFrame, startAttempt, type CameraAttempt, type FrameRead, type LiveCaptureOptions } from './camera-capture.ts';

/**
 * The session as a pure state machine (the Elm shape: model + input → model + effects).
 * attract → [service] → document → verifying → holder → flow (check-in / hotel) → attract, with unreadable,
 * not-verified and platform-unavailable branches, an idle timeout and a call for assistance. Personal data
 * lives only inside the screens that need it, so every transition back to attract drops it by construction.
 */
export type { FlowKind } from './active-flow.ts';

export type SessionScreen =
  | { readonly name: 'attract' }
  /** Choosing the transaction; `traveller` is set when a document was placed before choosing. */
  | { readonly name: 'service'; readonly traveller: VerifiedTraveller | null }
  /** `camera`: an attempt at a live capture (camera-capture.ts), its frames tagged with `requestId`. */
  | { readonly name: 'document'; readonly reading: boolean; readonly camera: false }
  | { readonly name: 'document'; readonly reading: boolean; readonly camera: true; readonly requestId: number; readonly attempt: CameraAttempt }
  | { readonly name: 'unreadable'; readonly code: UnreadableCode }
  | { readonly name: 'verifying'; readonly document: MrzResult; readonly requestId: number; readonly confirm: readonly string[]; readonly chip?: ChipEvidence }
  /** Reading the document's chip (docs/chip.md "In the kiosk"); the platform is asked after it. */
  | { readonly name: 'chip'; readonly document: MrzResult; readonly requestId: number; readonly confirm: readonly string[] }
  | { readonly name: 'chipRefused'; readonly reason: ChipRefusalReason | ChipUnreadReason; readonly retry: MrzResult | null; readonly confirm: readonly string[] }
  /** `confirm`: OCR-read fields no check digit covers, which the traveller must confirm by going on. */
  | { readonly name: 'holder'; readonly traveller: VerifiedTraveller; readonly confirm: readonly string[] }
  | { readonly name: 'notVerified'; readonly reason: NotVerifiedReason }
  | { readonly name: 'verifyUnavailable' }
  | { readonly name: 'flow'; readonly flow: ActiveFlow };

export interface SessionModel {
  readonly screen: SessionScreen;
  readonly language: Language;
  /** Epoch ms; null on the attract screen, where nobody is being served. */
  readonly idle: { readonly warnAt: number; readonly endAt: number } | null;
  /** Monotonic id for the session's own requests, so a late answer for an ended session is recognised. */
  readonly nextRequestId: number;
  readonly service: Service | null;
  readonly assistance: boolean;
  /** Speech mode and the low-vision modes (accessible-mode.ts); reset when the session ends. */
  readonly access: AccessState;
}

export interface SessionSettings {
  /** How long a screen may go untouched before the session ends. */
  readonly idleTimeoutMs: number;
  /** How long before the end the "more time?" countdown shows. */
  readonly idleWarningMs: number;
  readonly defaultLanguage: Language;
  /** Whether documents are verified against the identity platform before the holder is shown. */
  readonly verify: boolean;
  /** The transactions this kiosk offers, in the order shown; empty for an identify-only kiosk. */
  readonly services: readonly Service[];
  /** Each offered transaction, bound to its call runner (active-flow.ts). */
  readonly flows: Partial<Record<FlowKind, FlowBinding>>;
  /** The venue's chip policy; absent or `off`: no chip step. */
  readonly chip?: ChipPolicy;
  /** Speech mode's volume and timeouts; absent: `defaultAccessSettings`. */
  readonly access?: AccessSettings;
  /** The live camera's limits (camera-capture.ts); absent: its defaults. */
  readonly camera?: LiveCaptureOptions;
}

/** Three times the usual idle timeout (60 s): listening to a screen takes longer than reading it. */
export const defaultAccessSettings: AccessSettings = { defaultVolume: 5, idleTimeoutMs: 180_000, idleWarningMs: 30_000 };

export const flowOfService: Record<Service, FlowKind> = { checkIn: 'airport', hotel: 'hotel' };

export type SessionInput =
  | { readonly type: 'command'; readonly command: Command }
  | { readonly type: 'readStart' }
  /** `confirm`: fields the OCR is unsure of (empty for hardware reads). */
  | { readonly type: 'document'; readonly document: MrzResult; readonly confirm?: readonly string[] }
  | { readonly type: 'unreadable'; readonly code: UnreadableCode }
  | { readonly type: 'scan'; readonly scan: BarcodeScan }
  | { readonly type: 'verification'; readonly target: 'session' | 'flow'; readonly requestId: number; readonly outcome: VerificationOutcome }
  | { readonly type: 'flowReply'; readonly token: ReplyToken }
  | { readonly type: 'chip'; readonly requestId: number; readonly outcome: ChipStepOutcome }
  /** The headphone jack: a headset plugged in or pulled out. */
  | { readonly type: 'headset'; readonly plugged: boolean }
  /** A camera frame the OCR read (null: it was not read, the OCR being busy or restarting). */
  | { readonly type: 'cameraRead'; readonly requestId: number; readonly read: FrameRead | null }
  | { readonly type: 'tick' };

/** Work the session runner performs outside the pure model; its answer comes back as an input. */
export type SessionEffect =
  | { readonly type: 'verify'; readonly target: 'session' | 'flow'; readonly requestId: number; readonly document: MrzResult }
  /** Run a flow's call (`perform` carries the flow's runner); its token comes back as a `flowReply`. */
  | { readonly type: 'flowCall'; readonly kind: FlowKind; readonly requestId: number; readonly call: string; readonly perform: (signal: AbortSignal) => Promise<ReplyToken> }
  /** The flow left the step that was waiting for this request: abort it. */
  | { readonly type: 'abortFlowRequest'; readonly requestId: number }
  /** Read and check the chip of the document just read (its answer comes back as a `chip` input). */
  | { readonly type: 'readChip'; readonly requestId: number; readonly document: MrzResult }
  /** Abandon every request still running (the session ended or moved on). */
  | { readonly type: 'cancelRequests' }
  /** Hand one camera frame to the OCR (its read comes back as a `cameraRead` input with the same requestId). */
  | { readonly type: 'readCameraFrame'; readonly requestId: number; readonly image: string }
  /** Tell staff that a transaction was left unfinished (see FlowDefinition.abandoned). */
  | { readonly type: 'flowAbandoned'; readonly kind: FlowKind; readonly note: string }
  /** Tell staff (maintenance view, log) that a traveller asked for help. */
  | { readonly type: 'assistanceRequested'; readonly screen: string }
  /** Say, stop, pause, resume or repeat speech (accessible-mode.ts). */
  | { readonly type: 'speech'; readonly effect: SpeechEffect };

export interface Step {
  readonly model: SessionModel;
  readonly effects: readonly SessionEffect[];
}

export function initialModel(language: Language, nextRequestId = 1, access: AccessState = initialAccess(defaultAccessSettings, false)): SessionModel {
  return { screen: { name: 'attract' }, language, idle: null, nextRequestId, service: null, assistance: false, access };
}

export function reduce(model: SessionModel, input: SessionInput, now: number, settings: SessionSettings): Step {
  const same: Step = { model, effects: [] };
  const accessSettings = settings.access ?? defaultAccessSettings;
  const attract = (): Step => {
    // A traveller leaving in the middle of a transaction may leave work for staff (checked in, pass not printed).
    const note = model.screen.name === 'flow' ? model.screen.flow.abandoned() : null;
    const kind = model.screen.name === 'flow' ? model.screen.flow.kind : null;
    const after = accessAfterSession(model.access, accessSettings);
    return {
      model: initialModel(settings.defaultLanguage, model.nextRequestId, after.access),
      effects: [{ type: 'cancelRequests' }, ...(note && kind ? [{ type: 'flowAbandoned' as const, kind, note }] : []), ...speechEffects(after)],
    };
  };
  const active = (screen: SessionScreen, extra: Partial<SessionModel> = {}, effects: readonly SessionEffect[] = []): Step => {
    // Speech mode gives longer to answer (docs/accessibility.md "Timeouts").
    const { idleTimeoutMs, idleWarningMs } = (extra.access ?? model.access).speech ? accessSettings : settings;
    return { model: { ...model, ...extra, screen, idle: { warnAt: now + idleTimeoutMs - idleWarningMs, endAt: now + idleTimeoutMs } }, effects };
  };
  /** A key, a toggle or the headset: the new accessibility state; the traveller's keys keep the session alive. */
  const accessStep = (step: AccessStep): Step => {
    const effects = speechEffects(step);
    if (model.screen.name === 'attract' || !step.activity) return { model: { ...model, access: step.access }, effects };
    return active(model.screen, { access: step.access }, effects);
  };

  /** Applies a flow's step: its effects become session effects; an exit ends the session. */
  const fromFlow = (step: ActiveStep, extra: Partial<SessionModel> = {}): Step => {
    if (step.type === 'exit') return attract();
    return active({ name: 'flow', flow: step.flow }, extra, step.effects.map((e) => flowEffect(step.flow.kind, e)));
  };
  const startFlow = (service: Service, traveller: VerifiedTraveller): Step => {
    const binding = settings.flows[flowOfService[service]];
    if (!binding) return attract(); // configuration promised a service without its flow: refuse politely
    return fromFlow(binding.start(traveller, now), { service });
  };
  /** After the holder: into the chosen (or only) transaction, to the choice, or home. */
  const afterHolder = (traveller: VerifiedTraveller): Step => {
    const service = model.service ?? (settings.services.length === 1 ? (settings.services[0] ?? null) : null);
    if (service) return startFlow(service, traveller);
    if (settings.services.length > 1) return active({ name: 'service', traveller });
    return attract();
  };
  const toFlow = (flowInput: ActiveInput): Step => {
    if (model.screen.name !== 'flow') return same;
    return fromFlow(model.screen.flow.step(flowInput, now));
  };

  const document = (): SessionScreen => ({ name: 'document', reading: false, camera: false });
  const cameraOptions = settings.camera ?? DEFAULT_LIVE_CAPTURE;
  const readChip = (doc: MrzResult, confirm: readonly string[]): Step => {
    const requestId = model.nextRequestId;
    return active({ name: 'chip', document: doc, requestId, confirm }, { nextRequestId: requestId + 1 }, [
      { type: 'cancelRequests' },
      { type: 'readChip', requestId, document: doc },
    ]);
  };
  const verifyOrShow = (doc: MrzResult, confirm: readonly string[], chip: ChipEvidence | undefined): Step => {
    if (!settings.verify) return active({ name: 'holder', traveller: { document: doc, verification: 'notChecked', ...(chip ? { chip } : {}) }, confirm });
    const requestId = model.nextRequestId;
    return active({ name: 'verifying', document: doc, requestId, confirm, ...(chip ? { chip } : {}) }, { nextRequestId: requestId + 1 }, [
      { type: 'cancelRequests' },
      { type: 'verify', target: 'session', requestId, document: doc },
    ]);
  };
  /** A read document goes to the chip step or the platform. */
  const documentRead = (doc: MrzResult, confirm: readonly string[]): Step => {
    if (settings.chip && settings.chip !== 'off') return readChip(doc, confirm);
    return verifyOrShow(doc, confirm, undefined);
  };
  const { screen } = model;
  if (input.type === 'headset') return accessStep(headsetChanged(model.access, input.plugged));
  if (input.type === 'command' && input.command.type === 'accessibility') return accessStep(reduceAccess(model.access, input.command.action, model.language));
  if (screen.name === 'flow' && input.type !== 'tick' && input.type !== 'command' && input.type !== 'flowReply' && input.type !== 'verification' && input.type !== 'chip' && input.type !== 'cameraRead') {
    return toFlow(input.type === 'document' ? { type: 'document', document: input.document } : input);
  }

  switch (input.type) {
    case 'tick':
      if (model.idle && now >= model.idle.endAt) return attract();
      // The camera looked long enough: the traveller is sent to the desk instead of being left to try forever.
      if (screen.name === 'document' && screen.camera && now >= giveUpAt(screen.attempt, cameraOptions)) return active({ name: 'unreadable', code: 'camera_timeout' });
      return same;

    case 'readStart':
      // A document going onto the reader is activity; on attract it starts the session at once.
      if (screen.name === 'document') return screen.reading ? same : active({ ...screen, reading: true });
      if (screen.name === 'attract' || screen.name === 'unreadable') return active({ name: 'document', reading: true, camera: false });
      return same;

    case 'document': {
      if (screen.name === 'verifying' || screen.name === 'chip') return same; // one check at a time
      return documentRead(input.document, input.confirm ?? []);
    }

    case 'cameraRead': {
      if (screen.name !== 'document' || !screen.camera || screen.requestId !== input.requestId) return same;
      const judged = judgeFrame(screen.attempt, input.read, cameraOptions);
      if (judged.capture) return documentRead(judged.capture.parse, judged.capture.needsConfirmation);
      // Reading frames is not the traveller's activity: the idle deadline stays.
      return { model: { ...model, screen: { ...screen, reading: false, attempt: judged.attempt } }, effects: [] };
    }

    case 'chip': {
      if (screen.name !== 'chip' || screen.requestId !== input.requestId || !settings.chip || settings.chip === 'off') return same;
      const decision = decideChip(settings.chip, input.outcome);
      if (decision.next === 'refuse') {
        return active({ name: 'chipRefused', reason: decision.reason, retry: decision.retry ? screen.document : null, confirm: screen.confirm });
      }
      return verifyOrShow(screen.document, screen.confirm, decision.evidence);
    }

    case 'unreadable':
      if (screen.name === 'verifying') return same;
      // The camera keeps looking until a frame reads; a frame without a readable MRZ is not a failure.
      if (screen.name === 'document' && screen.camera) return screen.reading ? active({ ...screen, reading: false }) : same;
      return active({ name: 'unreadable', code: input.code });

    case 'scan':
      return same; // barcodes mean something only inside a flow

    case 'verification': {
      if (input.target === 'flow') return toFlow({ type: 'verification', requestId: input.requestId, outcome: input.outcome });
      if (screen.name !== 'verifying' || screen.requestId !== input.requestId) return same;
      const { outcome } = input;
      if (outcome.outcome === 'verified') {
        return active({ name: 'holder', traveller: { document: screen.document, verification: 'verified', ...(screen.chip ? { chip: screen.chip } : {}) }, confirm: screen.confirm });
      }
      if (outcome.outcome === 'not_verified') return active({ name: 'notVerified', reason: outcome.reason });
      return active({ name: 'verifyUnavailable' });
    }

    case 'flowReply':
      return toFlow({ type: 'reply', token: input.token });

    case 'command': {
      const { command } = input;
      switch (command.type) {
        case 'setLanguage':
          return screen.name === 'attract'
            ? { model: { ...model, language: command.language }, effects: [] }
            : active(screen, { language: command.language });
        case 'start':
          if (screen.name !== 'attract') return same;
          if (settings.services.length > 1) return active({ name: 'service', traveller: null });
          return active(document(), { service: settings.services[0] ?? null });
        case 'chooseService':
          if (screen.name !== 'service' || !settings.services.includes(command.service)) return same;
          return screen.traveller
            ? startFlow(command.service, screen.traveller)
            : active(document(), { service: command.service });
        case 'continue':
          // Going on from the holder screen is the traveller's confirmation of any uncertain OCR field.
          return screen.name === 'holder' ? afterHolder({ ...screen.traveller, confirmed: screen.confirm }) : same;
        case 'retry':
          if (screen.name === 'chipRefused' && screen.retry) return readChip(screen.retry, screen.confirm);
          return screen.name === 'unreadable' || screen.name === 'verifyUnavailable'
            ? active(document(), {}, [{ type: 'cancelRequests' }])
            : same;
        case 'useCamera': {
          // After the camera gave up, the desk is the way on; a new attempt starts only from the reader.
          const allowed = screen.name === 'document' || (screen.name === 'unreadable' && screen.code !== 'camera_timeout');
          if (!allowed) return same;
          const requestId = model.nextRequestId;
          return active({ name: 'document', reading: false, camera: true, requestId, attempt: startAttempt(now) }, { nextRequestId: requestId + 1 });
        }
        case 'closeCamera':
          return screen.name === 'document' && screen.camera ? active(document()) : same;
        case 'cameraFrame':
          // One frame at a time: the next is taken when this one's read is back. Frames are not the
          // traveller's activity, so the idle timer still runs.
          return screen.name === 'document' && screen.camera && !screen.reading
            ? { model: { ...model, screen: { ...screen, reading: true } }, effects: [{ type: 'readCameraFrame', requestId: screen.requestId, image: command.image }] }
            : same;
        case 'back':
          switch (screen.name) {
            case 'flow':
              return toFlow({ type: 'back' });
            case 'document':
              if (screen.camera) return active(document());
              return model.service && settings.services.length > 1 && !screen.reading
                ? active({ name: 'service', traveller: null }, { service: null })
                : attract();
            case 'holder':
            case 'unreadable':
            case 'verifyUnavailable':
            case 'chipRefused':
              return active(document(), {}, [{ type: 'cancelRequests' }]);
            case 'attract':
              return same;
            default:
              return attract();
          }
        case 'moreTime':
          return screen.name === 'attract' ? same : active(screen);
        case 'assistance':
          if (screen.name === 'attract') return same;
          return active(screen, { assistance: true }, [{ type: 'assistanceRequested', screen: screen.name }]);
        case 'airport':
        case 'hotel':
          return screen.name === 'flow' && screen.flow.kind === command.type ? toFlow({ type: 'command', command }) : same;
        case 'maintenance':
          return same; // staff commands never reach the traveller's session (Session routes them)
        case 'accessibility':
          return same; // handled above, whatever the screen
        case 'cancel':
          return screen.name === 'attract' ? same : attract();
        case 'finish':
          // `finish` ends a session; inside a flow the flow decides when it is finished.
          return screen.name === 'attract' || screen.name === 'flow' ? same : attract();
      }
    }
  }
}

function speechEffects(step: AccessStep): SessionEffect[] {
  return step.effects.map((effect) => ({ type: 'speech', effect }));
}

function flowEffect(kind: FlowKind, effect: ActiveEffect): SessionEffect {
  switch (effect.type) {
    case 'verify':
      return { type: 'verify', target: 'flow', requestId: effect.requestId, document: effect.document };
    case 'call':
      return { type: 'flowCall', kind, requestId: effect.requestId, call: effect.call, perform: effect.perform };
    case 'abort':
      return { type: 'abortFlowRequest', requestId: effect.requestId };
  }
}

/** The next moment the model must be ticked: the idle deadline, or the camera's give-up if it comes first. */
export function nextDeadline(model: SessionModel, settings: SessionSettings): number | null {
  const { screen } = model;
  const camera = screen.name === 'document' && screen.camera ? giveUpAt(screen.attempt, settings.camera ?? DEFAULT_LIVE_CAPTURE) : null;
  const idle = model.idle?.endAt ?? null;
  if (camera === null) return idle;
  return idle === null ? camera : Math.min(idle, camera);
}
