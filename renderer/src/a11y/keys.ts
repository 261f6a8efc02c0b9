/**
 * The tactile keypad's keys (docs/accessibility.md "Keypad"). EZ Access style keypads are USB keyboards whose
 * keys send these codes, so every ordinary keyboard works the same way.
 */
export type KeypadIntent =
  | 'next'
  | 'previous'
  | 'up'
  | 'down'
  | 'left'
  | 'right'
  | 'select'
  | 'back'
  | 'help'
  | 'volumeUp'
  | 'volumeDown'
  | 'pause'
  | 'blank';

export interface KeyLike {
  readonly key: string;
  readonly ctrlKey?: boolean;
  readonly altKey?: boolean;
  readonly metaKey?: boolean;
}

const intents: Readonly<Record<string, KeypadIntent>> = {
  ArrowUp: 'up',
  ArrowDown: 'down',
  ArrowLeft: 'left',
  ArrowRight: 'right',
  Enter: 'select',
  Escape: 'back',
  F1: 'help',
  '+': 'volumeUp',
  // The unshifted key that carries `+` on most keyboards, so a keypad sending it without Shift still works.
  '=': 'volumeUp',
  '-': 'volumeDown',
  F2: 'pause',
  Pause: 'pause',
  F3: 'blank',
  AudioVolumeUp: 'volumeUp',
  AudioVolumeDown: 'volumeDown',
};

/** What a key means on the kiosk, or null for keys it ignores (letters, and anything with a modifier held). */
export function keypadIntent(event: KeyLike): KeypadIntent | null {
  if (event.ctrlKey || event.altKey || event.metaKey) return null;
  return intents[event.key] ?? null;
}

/** Arrows move; in a list, right and down both mean "next". */
export function isMove(intent: KeypadIntent): intent is 'up' | 'down' | 'left' | 'right' | 'next' | 'previous' {
  return intent === 'up' || intent === 'down' || intent === 'left' || intent === 'right' || intent === 'next' || intent === 'previous';
}
