import { languages, volumeSteps, type AccessibilityAction, type Command, type Language, type SessionState, type Spoken } from '../../../electron/contract/index.ts';
import { isMove, keypadIntent, type KeypadIntent, type KeyLike } from './keys.ts';
import { translate, type MessageKey } from '../i18n/index.ts';
import { describeItem, isDisabled, itemLanguage, keypadItems, keypadScope, liveTexts, moveFrom, screenLines, spokenContent } from './navigator.ts';

export interface KeypadHost {
  send(command: Command): void;
  /** The state the screen shows now. */
  state(): SessionState | null;
  /** The kiosk's root element (`main.kiosk`). */
  root(): HTMLElement | null;
}

/** Held this long on the attract screen, the back key opens maintenance, as the staff corner does for touch. */
const staffHoldMs = 3000;

/**
 * Drives the screen from the keypad and says what it shows in speech mode (docs/accessibility.md "Keypad",
 * "Speech mode", "What is spoken"). It follows the DOM: after every change it checks whether the screen is a new
 * one (say its title, text and the first item), whether a status or alert changed (say it), and whether the item
 * with the focus changed state (say it again). The words go to the host as `speak` commands; the host says them
 * only in speech mode.
 */
export class KeypadController {
  readonly #host: KeypadHost;
  #cursor: HTMLElement | null = null;
  /** The test id of the item the keypad was on while the screen has it not (see #refind). */
  #lostId: string | null = null;
  #screenKey = '';
  #dialog: HTMLElement | null = null;
  #live: string[] = [];
  #described = '';
  #speech = false;
  #volume = 0;
  #blank = false;
  #staffTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(host: KeypadHost) {
    this.#host = host;
  }

  onKeyDown(event: KeyboardEvent): void {
    const intent = keypadIntent(event);
    const state = this.#host.state();
    if (!intent || !state) return;
    event.preventDefault();
    if (event.repeat && !isMove(intent)) return;
    const attract = state.screen.name === 'attract' && !state.maintenance && !state.outOfService;
    // Held on the attract screen, the back key is staff's way in (it means nothing else there, and starts no speech).
    if (attract && intent === 'back') return this.#holdForStaff();
    // The first key on the attract screen only starts speech: nothing is chosen while the keypad is being found.
    if (attract && !state.accessibility.speech) return this.#access({ type: 'startSpeech' });
    this.#key(intent, state);
  }

  onKeyUp(event: KeyLike): void {
    if (keypadIntent(event) === 'back') clearTimeout(this.#staffTimer);
  }

  /** Call after every change of the DOM (a new state, a dialog opening); cheap when nothing changed for the keypad. */
  refresh(): void {
    const root = this.#host.root();
    const state = this.#host.state();
    if (!root || !state) return;
    const access = state.accessibility;
    const scope = keypadScope(root);
    const dialog = scope === root ? null : scope;
    const key = this.#keyOf(root, dialog);
    const speechStarted = access.speech && !this.#speech;
    const items = keypadItems(scope);
    if (key !== this.#screenKey || dialog !== this.#dialog) {
      this.#screenKey = key;
      this.#lostId = null;
      this.#dialog = dialog;
      this.#setCursor(items[0] ?? null);
      this.#live = liveTexts(root);
      this.#remember(access);
      return this.#say(this.#screenWords(root, dialog, speechStarted), false);
    }
    if (this.#lostId !== null || !this.#cursor?.isConnected) {
      // The screen redrew the item the keypad was on (or it went away for a moment, as seats do while the map reloads).
      const described = this.#described;
      this.#setCursor(this.#refind(items));
      this.#described = described;
    }
    if (speechStarted) {
      this.#remember(access);
      return this.#say(this.#screenWords(root, dialog, true), false);
    }
    const lines: Spoken[] = [];
    const live = liveTexts(root);
    lines.push(...live.filter((text) => !this.#live.includes(text)).map((text) => ({ text })));
    this.#live = live;
    if (access.volume !== this.#volume) lines.push({ text: this.#t('a11y.volume.is', { n: access.volume, max: volumeSteps }) });
    if (access.blank !== this.#blank) lines.push({ text: this.#t(access.blank ? 'a11y.blank.on' : 'a11y.blank.off') });
    const described = this.#cursor ? this.#describe(this.#cursor) : '';
    if (this.#cursor && described !== this.#described) lines.push(this.#spokenItem(this.#cursor));
    this.#remember(access);
    // While paused, only a key the traveller presses speaks again (speaking ends the pause).
    if (lines.length > 0 && !access.paused) this.#say(lines, false);
  }

  #key(intent: KeypadIntent, state: SessionState): void {
    const root = this.#host.root();
    if (!root) return;
    const items = keypadItems(keypadScope(root));
    if (isMove(intent)) {
      this.#lostId = null;
      const next = moveFrom(items, this.#cursor && items.includes(this.#cursor) ? this.#cursor : null, intent);
      this.#setCursor(next);
      next?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
      return next ? this.#say([this.#spokenItem(next)], true) : this.#activity(state);
    }
    switch (intent) {
      case 'select': {
        const item = this.#cursor && items.includes(this.#cursor) ? this.#cursor : null;
        if (!item) return this.#activity(state);
        if (isDisabled(item)) return this.#say([this.#spokenItem(item)], true);
        this.#stop(state);
        return item.click();
      }
      case 'back':
        if (state.canGoBack && !state.maintenance && !this.#dialog) {
          this.#stop(state);
          return this.#host.send({ type: 'back' });
        }
        return this.#say([{ text: this.#t('a11y.back.none') }], true);
      case 'help':
        if (!state.accessibility.speech) this.#access({ type: 'startSpeech' });
        return this.#say([...this.#screenWords(root, this.#dialog, false), { text: this.#t('a11y.keys.guide') }], true);
      case 'volumeUp':
      case 'volumeDown':
        return this.#access({ type: 'volume', change: intent === 'volumeUp' ? 'up' : 'down' });
      case 'pause':
        return this.#access({ type: state.accessibility.paused ? 'resumeSpeech' : 'pauseSpeech' });
      case 'blank':
        return this.#access({ type: 'blank', on: !state.accessibility.blank });
    }
  }

  /** What a new screen says: its title and text, then the item the keypad starts on. */
  #screenWords(root: HTMLElement, dialog: HTMLElement | null, intro: boolean): Spoken[] {
    const state = this.#host.state();
    const scope = dialog ?? root.querySelector<HTMLElement>('[data-keypad-group="0"]') ?? root;
    const lines: Spoken[] = intro ? [{ text: this.#t('a11y.speech.on') }] : [];
    if (state?.screen.name === 'attract' && !state.maintenance && !state.outOfService && !dialog) {
      // The attract screen is one big button: its words, then how to start and choose a language.
      const start = scope.querySelector<HTMLElement>('.attract');
      if (start) lines.push({ text: spokenContent(start) });
      lines.push({ text: this.#t('a11y.attract.keys') });
      return lines;
    }
    lines.push(...screenLines(scope).map((text) => ({ text })));
    if (this.#cursor) lines.push(this.#spokenItem(this.#cursor));
    return lines;
  }

  #spokenItem(el: HTMLElement): Spoken {
    const lang = itemLanguage(el);
    const text = this.#describe(el);
    return lang && (languages as readonly string[]).includes(lang) && lang !== this.#language() ? { text, lang: lang as Language } : { text };
  }

  #describe(el: HTMLElement): string {
    return describeItem(el, { selected: this.#t('a11y.state.selected'), unavailable: this.#t('a11y.state.unavailable'), on: this.#t('a11y.state.on'), off: this.#t('a11y.state.off') });
  }

  #setCursor(el: HTMLElement | null): void {
    this.#cursor?.classList.remove('kp-focus');
    this.#cursor = el;
    this.#described = el ? this.#describe(el) : '';
    if (!el) return;
    el.classList.add('kp-focus');
    if (!isDisabled(el)) el.focus({ preventScroll: true });
  }

  /**
   * The item that replaced the cursor's when the screen redrew it: the one with the same test id. While that is
   * missing (a seat map reloading) the keypad waits for it to come back; an item without an id falls back to the first.
   */
  #refind(items: HTMLElement[]): HTMLElement | null {
    const id = this.#lostId ?? this.#cursor?.dataset['testid'] ?? null;
    const found = id ? items.find((el) => el.dataset['testid'] === id) : undefined;
    this.#lostId = id && !found ? id : null;
    return found ?? (id ? null : (items[0] ?? null));
  }

  #keyOf(root: HTMLElement, dialog: HTMLElement | null): string {
    const screen = root.getAttribute('data-screen') ?? '';
    const panel = root.querySelector('[data-keypad-group="0"] [data-testid]')?.getAttribute('data-testid') ?? '';
    const title = root.querySelector('[data-keypad-group="0"] h1')?.textContent ?? '';
    return `${screen}|${panel}|${title}|${dialog ? (dialog.getAttribute('data-testid') ?? 'dialog') : ''}`;
  }

  #remember(access: SessionState['accessibility']): void {
    this.#speech = access.speech;
    this.#volume = access.volume;
    this.#blank = access.blank;
    this.#described = this.#cursor ? this.#describe(this.#cursor) : '';
  }

  #say(utterances: Spoken[], key: boolean): void {
    const state = this.#host.state();
    if (!state) return;
    const said = utterances.filter((u) => u.text.trim().length > 0).slice(0, 60);
    if (!state.accessibility.speech || said.length === 0) return key ? this.#activity(state) : undefined;
    this.#access({ type: 'speak', utterances: said, key });
  }

  /** A key that says nothing still counts as the traveller being there. */
  #activity(state: SessionState): void {
    if (state.accessibility.speech) return this.#access({ type: 'stopSpeaking' });
    if (state.screen.name !== 'attract' && !state.maintenance) this.#host.send({ type: 'moreTime' });
  }

  /** A key that acts stops the words about the screen it leaves. */
  #stop(state: SessionState): void {
    if (state.accessibility.speech) this.#access({ type: 'stopSpeaking' });
  }

  #holdForStaff(): void {
    clearTimeout(this.#staffTimer);
    this.#staffTimer = setTimeout(() => this.#host.send({ type: 'maintenance', action: { type: 'open' } }), staffHoldMs);
  }

  #access(action: AccessibilityAction): void {
    this.#host.send({ type: 'accessibility', action });
  }

  #language(): Language {
    return this.#host.state()?.language ?? 'zh-Hans';
  }

  #t(key: MessageKey & `a11y.${string}`, params?: Record<string, string | number>): string {
    return translate(this.#language(), key, params);
  }
}
