import { spawn, type ChildProcess } from 'node:child_process';
import { SetupError } from '../setup-error.ts';
import { defaultVoices, espeakArguments } from './espeak-voices.ts';
import type { SpeakOptions, SpeechEnd, SpeechLanguage, SpeechOutput, Utterance } from './speech-output.ts';

export interface EspeakOptions {
  /** The espeak-ng program (Debian package `espeak-ng`). */
  readonly binary?: string;
  /** A voice per language; missing ones take `defaultVoices`. */
  readonly voices?: Partial<Record<SpeechLanguage, string>>;
  /**
   * A program and its arguments that plays a WAV stream from its standard input on the kiosk's audio output
   * (`["aplay", "-q"]` from alsa-utils, `["paplay"]` under PulseAudio or PipeWire). Absent: espeak-ng plays through
   * its own audio output.
   */
  readonly player?: readonly string[];
  /** Speaking rate in words per minute (espeak-ng's default is 175). */
  readonly wordsPerMinute?: number;
}

interface Current {
  readonly processes: ChildProcess[];
  readonly settle: (end: SpeechEnd) => void;
}

/**
 * Text to speech with espeak-ng, offline (docs/accessibility.md "Speech output"). Each utterance is one engine
 * process (and one player process when a player is configured), so interrupting is ending those processes and
 * pausing is stopping them (SIGSTOP) until resumed (SIGCONT): the audio stops where it is and goes on from there.
 */
export class EspeakSpeech implements SpeechOutput {
  readonly #binary: string;
  readonly #voices: Record<SpeechLanguage, string>;
  readonly #player: readonly string[] | null;
  readonly #wordsPerMinute: number;
  #current: Current | null = null;
  #paused = false;
  #closed = false;

  constructor(options: EspeakOptions = {}) {
    this.#binary = options.binary ?? 'espeak-ng';
    this.#voices = { ...defaultVoices, ...options.voices };
    this.#player = options.player && options.player.length > 0 ? options.player : null;
    this.#wordsPerMinute = options.wordsPerMinute ?? 175;
  }

  speak(utterance: Utterance, options: SpeakOptions): Promise<SpeechEnd> {
    this.cancel();
    if (this.#closed) return Promise.resolve({ type: 'failed', reason: 'speech output closed' });
    const player = this.#player;
    return new Promise((resolve) => {
      const engine = spawn(this.#binary, espeakArguments(this.#voices[utterance.lang], options.volume, this.#wordsPerMinute, player !== null), {
        stdio: ['pipe', player ? 'pipe' : 'ignore', 'pipe'],
      });
      const playing = player ? spawn(player[0] as string, player.slice(1), { stdio: ['pipe', 'ignore', 'pipe'] }) : null;
      const processes = playing ? [engine, playing] : [engine];
      let stderr = '';
      let pending = processes.length;
      let failure: string | null = null;
      const current: Current = {
        processes,
        settle: (end) => {
          if (this.#current !== current) return;
          this.#current = null;
          this.#paused = false;
          for (const p of processes) if (p.exitCode === null && p.signalCode === null) p.kill('SIGKILL');
          resolve(end);
        },
      };
      this.#current = current;
      const fail = (reason: string) => {
        failure ??= reason;
        current.settle({ type: 'failed', reason: failure });
      };
      for (const p of processes) {
        p.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + String(chunk)).slice(0, 400)));
        p.once('error', (error: NodeJS.ErrnoException) => fail(`${p === engine ? this.#binary : (player?.[0] ?? '')}: ${error.code ?? error.message}`));
        p.once('close', (code, signal) => {
          if (code !== 0) return fail(`${p === engine ? this.#binary : (player?.[0] ?? '')} ended with ${code ?? signal}: ${stderr.trim()}`.trim());
          pending -= 1;
          if (pending > 0) return;
          // espeak-ng's own output exits 0 even when it found no audio device; it says so on stderr.
          if (!player && /error/i.test(stderr)) return fail(`${this.#binary}: ${stderr.trim()}`);
          current.settle({ type: 'done' });
        });
      }
      if (playing) {
        // The player ending early (a broken audio device) must not crash the host with EPIPE.
        playing.stdin?.on('error', () => undefined);
        engine.stdout?.pipe(playing.stdin as NodeJS.WritableStream);
      }
      engine.stdin?.on('error', () => undefined);
      engine.stdin?.end(utterance.text, 'utf8');
    });
  }

  cancel(): void {
    this.#current?.settle({ type: 'cancelled' });
  }

  pause(): void {
    if (!this.#current || this.#paused) return;
    this.#paused = true;
    this.#signal('SIGSTOP');
  }

  resume(): void {
    if (!this.#current || !this.#paused) return;
    this.#paused = false;
    this.#signal('SIGCONT');
  }

  async close(): Promise<void> {
    this.cancel();
    this.#closed = true;
  }

  #signal(signal: NodeJS.Signals): void {
    for (const p of this.#current?.processes ?? []) if (p.exitCode === null && p.signalCode === null) p.kill(signal);
  }
}

/**
 * Opens espeak-ng after checking, at start, that the program, every configured voice and the player are there:
 * a kiosk that cannot speak must say so when it starts (a set-up fault), not when a blind traveller arrives.
 */
export async function openEspeakSpeech(options: EspeakOptions = {}): Promise<EspeakSpeech> {
  const binary = options.binary ?? 'espeak-ng';
  const voices = { ...defaultVoices, ...options.voices };
  for (const [lang, voice] of Object.entries(voices)) {
    const result = await run(binary, ['-v', voice, '-q', 'a']);
    if (result.error === 'ENOENT') throw new SetupError(`${binary} not found: install the Debian package espeak-ng (accessibility.speech)`);
    if (result.code !== 0) throw new SetupError(`${binary} has no voice '${voice}' for ${lang} (accessibility.speech.voices): ${result.stderr.trim()}`);
  }
  const player = options.player?.[0];
  if (player) {
    const result = await run(player, ['--version']);
    if (result.error === 'ENOENT') throw new SetupError(`audio player '${player}' not found (accessibility.speech.player)`);
  }
  return new EspeakSpeech(options);
}

function run(command: string, args: string[]): Promise<{ code: number | null; stderr: string; error: string | null }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += String(chunk)));
    child.once('error', (error: NodeJS.ErrnoException) => resolve({ code: null, stderr, error: error.code ?? error.message }));
    child.once('close', (code) => resolve({ code, stderr, error: null }));
  });
}
