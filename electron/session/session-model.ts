import type { Command, Language, UnreadableCode } from '../contract/index.ts';
import type { MrzResult } from '../../drivers/mrz/index.ts';

/**
 * The session as a pure state machine: attract → document → holder → attract, with an unreadable-document
 * branch and an idle timeout. Personal data (the parsed document) lives only inside `holder`, so every
 * transition back to attract drops it by construction.
 */
export type SessionScreen =
  | { readonly name: 'attract' }
  | { readonly name: 'document'; readonly reading: boolean }
  | { readonly name: 'holder'; readonly document: MrzResult }
  | { readonly name: 'unreadable'; readonly code: UnreadableCode };

export interface SessionModel {
  readonly screen: SessionScreen;
  readonly language: Language;
  /** Epoch ms; null on the attract screen, where nobody is being served. */
  readonly idle: { readonly warnAt: number; readonly endAt: number } | null;
}

export interface SessionTimings {
  /** How long a screen may go untouched before the session ends. */
  readonly idleTimeoutMs: number;
  /** How long before the end the "more time?" countdown shows. */
  readonly idleWarningMs: number;
}

export type SessionInput =
  | { readonly type: 'command'; readonly command: Command }
  | { readonly type: 'readStart' }
  | { readonly type: 'document'; readonly document: MrzResult }
  | { readonly type: 'unreadable'; readonly code: UnreadableCode }
  | { readonly type: 'tick' };

export function initialModel(language: Language): SessionModel {
  return { screen: { name: 'attract' }, language, idle: null };
}

export function reduce(
  model: SessionModel,
  input: SessionInput,
  now: number,
  timings: SessionTimings,
  defaultLanguage: Language,
): SessionModel {
  const attract = (): SessionModel => initialModel(defaultLanguage);
  const active = (screen: SessionScreen, language = model.language): SessionModel => ({
    screen,
    language,
    idle: { warnAt: now + timings.idleTimeoutMs - timings.idleWarningMs, endAt: now + timings.idleTimeoutMs },
  });
  const { screen } = model;

  switch (input.type) {
    case 'tick':
      return model.idle && now >= model.idle.endAt ? attract() : model;

    case 'readStart':
      // A document going onto the reader is activity; on attract it starts the session at once.
      if (screen.name === 'attract' || screen.name === 'document' || screen.name === 'unreadable') {
        return active({ name: 'document', reading: true });
      }
      return model;

    case 'document':
      // Placing a document is how travellers start: accepted on every screen, replacing any earlier one.
      return active({ name: 'holder', document: input.document });

    case 'unreadable':
      return active({ name: 'unreadable', code: input.code });

    case 'command': {
      const { command } = input;
      switch (command.type) {
        case 'setLanguage':
          return screen.name === 'attract'
            ? { ...model, language: command.language }
            : active(screen, command.language);
        case 'start':
          return screen.name === 'attract' ? active({ name: 'document', reading: false }) : model;
        case 'retry':
          return screen.name === 'unreadable' ? active({ name: 'document', reading: false }) : model;
        case 'moreTime':
          return screen.name === 'attract' ? model : active(screen);
        case 'cancel':
        case 'finish':
          return attract();
      }
    }
  }
}
