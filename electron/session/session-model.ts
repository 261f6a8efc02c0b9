import type { Command, Language, UnreadableCode } from '../contract/index.ts';
import type { MrzResult } from '../../drivers/mrz/index.ts';
import type { NotVerifiedReason, VerificationOutcome } from './verification.ts';

/**
 * The session as a pure state machine (the Elm shape: model + input → model + effects).
 * attract → document → verifying → holder → attract, with unreadable, not-verified and
 * platform-unavailable branches and an idle timeout. Personal data (the parsed document) lives only
 * inside the screens that need it, so every transition back to attract drops it by construction.
 */
export type SessionScreen =
  | { readonly name: 'attract' }
  | { readonly name: 'document'; readonly reading: boolean }
  | { readonly name: 'unreadable'; readonly code: UnreadableCode }
  | { readonly name: 'verifying'; readonly document: MrzResult; readonly requestId: number }
  | { readonly name: 'holder'; readonly document: MrzResult; readonly verification: 'verified' | 'notChecked' }
  | { readonly name: 'notVerified'; readonly reason: NotVerifiedReason }
  | { readonly name: 'verifyUnavailable' };

export interface SessionModel {
  readonly screen: SessionScreen;
  readonly language: Language;
  /** Epoch ms; null on the attract screen, where nobody is being served. */
  readonly idle: { readonly warnAt: number; readonly endAt: number } | null;
  /** Monotonic id for asynchronous requests, so a late answer for an ended session is recognised. */
  readonly nextRequestId: number;
}

export interface SessionSettings {
  /** How long a screen may go untouched before the session ends. */
  readonly idleTimeoutMs: number;
  /** How long before the end the "more time?" countdown shows. */
  readonly idleWarningMs: number;
  readonly defaultLanguage: Language;
  /** Whether documents are verified against the identity platform before the holder is shown. */
  readonly verify: boolean;
}

export type SessionInput =
  | { readonly type: 'command'; readonly command: Command }
  | { readonly type: 'readStart' }
  | { readonly type: 'document'; readonly document: MrzResult }
  | { readonly type: 'unreadable'; readonly code: UnreadableCode }
  | { readonly type: 'verification'; readonly requestId: number; readonly outcome: VerificationOutcome }
  | { readonly type: 'tick' };

/** Work the session runner performs outside the pure model; its answer comes back as an input. */
export type SessionEffect =
  | { readonly type: 'verify'; readonly requestId: number; readonly document: MrzResult }
  /** Abandon any request still running (the session ended or moved on). */
  | { readonly type: 'cancelRequests' };

export interface Step {
  readonly model: SessionModel;
  readonly effects: readonly SessionEffect[];
}

export function initialModel(language: Language, nextRequestId = 1): SessionModel {
  return { screen: { name: 'attract' }, language, idle: null, nextRequestId };
}

export function reduce(model: SessionModel, input: SessionInput, now: number, settings: SessionSettings): Step {
  const same: Step = { model, effects: [] };
  const attract = (): Step => ({
    model: initialModel(settings.defaultLanguage, model.nextRequestId),
    effects: [{ type: 'cancelRequests' }],
  });
  const active = (screen: SessionScreen, extra: Partial<SessionModel> = {}, effects: SessionEffect[] = []): Step => ({
    model: {
      ...model,
      ...extra,
      screen,
      idle: { warnAt: now + settings.idleTimeoutMs - settings.idleWarningMs, endAt: now + settings.idleTimeoutMs },
    },
    effects,
  });
  const { screen } = model;

  switch (input.type) {
    case 'tick':
      return model.idle && now >= model.idle.endAt ? attract() : same;

    case 'readStart':
      // A document going onto the reader is activity; on attract it starts the session at once.
      if (screen.name === 'attract' || screen.name === 'document' || screen.name === 'unreadable') {
        return active({ name: 'document', reading: true });
      }
      return same;

    case 'document': {
      // Placing a document is how travellers start: accepted wherever a document is expected.
      if (screen.name === 'verifying') return same; // one verification at a time
      if (!settings.verify) return active({ name: 'holder', document: input.document, verification: 'notChecked' });
      const requestId = model.nextRequestId;
      return active({ name: 'verifying', document: input.document, requestId }, { nextRequestId: requestId + 1 }, [
        { type: 'cancelRequests' },
        { type: 'verify', requestId, document: input.document },
      ]);
    }

    case 'unreadable':
      return screen.name === 'verifying' ? same : active({ name: 'unreadable', code: input.code });

    case 'verification': {
      if (screen.name !== 'verifying' || screen.requestId !== input.requestId) return same;
      const { outcome } = input;
      if (outcome.outcome === 'verified') return active({ name: 'holder', document: screen.document, verification: 'verified' });
      if (outcome.outcome === 'not_verified') return active({ name: 'notVerified', reason: outcome.reason });
      return active({ name: 'verifyUnavailable' });
    }

    case 'command': {
      const { command } = input;
      switch (command.type) {
        case 'setLanguage':
          return screen.name === 'attract'
            ? { model: { ...model, language: command.language }, effects: [] }
            : active(screen, { language: command.language });
        case 'start':
          return screen.name === 'attract' ? active({ name: 'document', reading: false }) : same;
        case 'retry':
          return screen.name === 'unreadable' || screen.name === 'verifyUnavailable'
            ? active({ name: 'document', reading: false }, {}, [{ type: 'cancelRequests' }])
            : same;
        case 'moreTime':
          return screen.name === 'attract' ? same : active(screen);
        case 'cancel':
        case 'finish':
          return screen.name === 'attract' ? same : attract();
      }
    }
  }
}
