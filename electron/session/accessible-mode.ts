import { volumeSteps, type AccessibilityAction, type AccessibilityView, type Language, type Spoken } from '../contract/index.ts';

/**
 * Speech mode and the low-vision modes as pure state (docs/accessibility.md "Speech mode"): what a keypad key,
 * a headset and the end of a session change, and what the speech output must do about it.
 */
export type AccessState = AccessibilityView;

export interface AccessSettings {
  /** The volume step each session starts at (1–10). */
  readonly defaultVolume: number;
  /** Idle timeout and warning in speech mode: listening to a screen takes longer than reading it. */
  readonly idleTimeoutMs: number;
  readonly idleWarningMs: number;
}

export interface SpeechLine {
  readonly lang: Language;
  readonly text: string;
}

/** What the session runner asks of the speech output. `volume` is a step, 1–10. */
export type SpeechEffect =
  | { readonly type: 'say'; readonly lines: readonly SpeechLine[]; readonly volume: number }
  | { readonly type: 'stop' }
  | { readonly type: 'pause' }
  | { readonly type: 'resume' }
  | { readonly type: 'repeat'; readonly volume: number };

export interface AccessStep {
  readonly access: AccessState;
  readonly effects: readonly SpeechEffect[];
  /** Whether the traveller did something (a key, a toggle): it restarts the idle timeout. */
  readonly activity: boolean;
}

export function initialAccess(settings: AccessSettings, headset: boolean): AccessState {
  return { speech: headset, headset, blank: false, paused: false, volume: settings.defaultVolume, largeText: false, highContrast: false };
}

/**
 * The end of each use (14 CFR 382.57(c)(5)(ii): the volume is reset after every use): everything back
 * to the venue's defaults. Speech stays on only while a headset is still plugged in.
 */
export function accessAfterSession(access: AccessState, settings: AccessSettings): AccessStep {
  const next = initialAccess(settings, access.headset);
  return { access: next, effects: access.speech && !next.speech ? [{ type: 'stop' }] : [], activity: false };
}

/** A headset plugged in starts speech mode; pulled out, speech stops at once (never on to a speaker). */
export function headsetChanged(access: AccessState, plugged: boolean): AccessStep {
  if (plugged) return { access: { ...access, headset: true, speech: true }, effects: [], activity: false };
  return { access: { ...access, headset: false, speech: false, blank: false, paused: false }, effects: [{ type: 'stop' }], activity: false };
}

export function reduceAccess(access: AccessState, action: AccessibilityAction, language: Language): AccessStep {
  const keyed = (next: Partial<AccessState>, effects: readonly SpeechEffect[] = []): AccessStep => ({ access: { ...access, ...next }, effects, activity: true });
  // Speech commands mean nothing outside speech mode: the kiosk never talks to a traveller who did not ask it to.
  const speaking = (next: Partial<AccessState>, effects: readonly SpeechEffect[]): AccessStep =>
    access.speech ? keyed(next, effects) : { access, effects: [], activity: true };
  switch (action.type) {
    case 'startSpeech':
      return keyed({ speech: true });
    case 'speak':
      if (!access.speech) return { access, effects: [], activity: action.key };
      return {
        access: { ...access, paused: false },
        effects: [{ type: 'say', lines: action.utterances.map((u: Spoken) => ({ lang: u.lang ?? language, text: u.text })), volume: access.volume }],
        activity: action.key,
      };
    case 'stopSpeaking':
      return speaking({ paused: false }, [{ type: 'stop' }]);
    case 'pauseSpeech':
      return speaking({ paused: true }, [{ type: 'pause' }]);
    case 'resumeSpeech':
      return speaking({ paused: false }, [{ type: 'resume' }]);
    case 'repeat':
      return speaking({ paused: false }, [{ type: 'repeat', volume: access.volume }]);
    case 'volume': {
      const volume = Math.min(volumeSteps, Math.max(1, access.volume + (action.change === 'up' ? 1 : -1)));
      return keyed({ volume });
    }
    case 'blank':
      // Blanking is for privacy while listening; without speech a blank screen would leave the traveller with nothing.
      return keyed({ blank: action.on && access.speech });
    case 'largeText':
      return keyed({ largeText: action.on });
    case 'highContrast':
      return keyed({ highContrast: action.on });
  }
}
