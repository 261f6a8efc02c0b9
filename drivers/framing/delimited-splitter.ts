import {
  defaultMaxFrameBytes,
  defaultTimeoutMs,
  frameError,
  NoiseCounter,
  type FrameError,
  type Framer,
  type FramerEvent,
  type FramerOptions,
} from './framer.ts';

/** What the splitter found: a frame start, a complete body, or an error (in a frame, or noise between frames). */
export type SplitEvent =
  | { readonly type: 'start' }
  | { readonly type: 'body'; readonly body: Uint8Array }
  | { readonly type: 'frameError'; readonly error: FrameError }
  | { readonly type: 'noise'; readonly event: FramerEvent };

export interface DelimitedSplitterOptions extends FramerOptions {
  readonly start: readonly number[];
  readonly end: readonly number[];
  /** Bytes that may sit between frames without being noise (CN readers end each frame with CR LF). */
  readonly ignoreBetween?: (byte: number) => boolean;
}

/**
 * Cuts a byte stream into `start … end` delimited frames, the common core of the Access-IS (FS … GS),
 * DESKO CUTE (SODn STX … ETX EODn) and CN JSON (STX … ETX) framings (docs/devices.md §1.12).
 * Resynchronises on the next start sequence: a start seen inside a frame ends the cut-off frame as TRUNCATED
 * and opens the new one, so a complete frame after garbage is never lost.
 */
export class DelimitedSplitter {
  readonly #start: readonly number[];
  readonly #end: readonly number[];
  readonly #ignore: (byte: number) => boolean;
  readonly #max: number;
  readonly #timeout: number;
  readonly #noise: NoiseCounter;
  #inFrame = false;
  #matched = 0;
  #buf: number[] = [];
  #lastAt = 0;

  constructor(options: DelimitedSplitterOptions) {
    this.#start = options.start;
    this.#end = options.end;
    this.#ignore = options.ignoreBetween ?? (() => false);
    this.#max = options.maxFrameBytes ?? defaultMaxFrameBytes;
    this.#timeout = options.timeoutMs ?? defaultTimeoutMs;
    this.#noise = new NoiseCounter(this.#max);
  }

  push(chunk: Uint8Array, now: number): SplitEvent[] {
    const out: SplitEvent[] = [];
    if (chunk.length > 0) this.#lastAt = now;
    for (const byte of chunk) {
      if (this.#inFrame) this.#inFrameByte(byte, out);
      else this.#betweenFramesByte(byte, out);
    }
    return out;
  }

  poll(now: number): SplitEvent[] {
    const out: SplitEvent[] = [];
    const due = this.deadline();
    if (due === undefined || now < due) return out;
    if (this.#inFrame) {
      this.#inFrame = false;
      this.#buf = [];
      out.push({ type: 'frameError', error: frameError('TIMEOUT', `partial frame quiet for ${this.#timeout} ms`) });
    } else {
      this.#flushNoise(out);
    }
    return out;
  }

  deadline(): number | undefined {
    return this.#inFrame || this.#matched > 0 || this.#noise.pending ? this.#lastAt + this.#timeout : undefined;
  }

  end(): SplitEvent[] {
    const out: SplitEvent[] = [];
    if (this.#inFrame) {
      out.push({ type: 'frameError', error: frameError('TRUNCATED', 'the connection closed in the middle of a frame') });
    } else {
      this.#flushNoise(out);
    }
    this.#inFrame = false;
    this.#buf = [];
    return out;
  }

  #betweenFramesByte(byte: number, out: SplitEvent[]): void {
    if (byte === this.#start[this.#matched]) {
      this.#matched += 1;
      if (this.#matched === this.#start.length) {
        this.#matched = 0;
        this.#flushNoise(out);
        this.#inFrame = true;
        this.#buf = [];
        out.push({ type: 'start' });
      }
      return;
    }
    if (this.#matched > 0) {
      this.#addNoise(this.#matched, out);
      this.#matched = 0;
      if (byte === this.#start[0]) {
        this.#matched = 1;
        return;
      }
    }
    if (!this.#ignore(byte)) this.#addNoise(1, out);
  }

  #inFrameByte(byte: number, out: SplitEvent[]): void {
    this.#buf.push(byte);
    if (endsWith(this.#buf, this.#end)) {
      const body = Uint8Array.from(this.#buf.slice(0, this.#buf.length - this.#end.length));
      this.#inFrame = false;
      this.#buf = [];
      out.push({ type: 'body', body });
    } else if (endsWith(this.#buf, this.#start)) {
      this.#buf = [];
      out.push(
        { type: 'frameError', error: frameError('TRUNCATED', 'a new frame started before the previous one ended') },
        { type: 'start' },
      );
    } else if (this.#buf.length > this.#max + this.#end.length) {
      this.#inFrame = false;
      this.#buf = [];
      out.push({ type: 'frameError', error: frameError('OVERFLOW', `frame longer than ${this.#max} bytes was dropped`) });
    }
  }

  #addNoise(n: number, out: SplitEvent[]): void {
    const events: FramerEvent[] = [];
    this.#noise.add(n, events);
    for (const event of events) out.push({ type: 'noise', event });
  }

  #flushNoise(out: SplitEvent[]): void {
    if (this.#matched > 0) {
      this.#addNoise(this.#matched, out);
      this.#matched = 0;
    }
    const events: FramerEvent[] = [];
    this.#noise.flush(events);
    for (const event of events) out.push({ type: 'noise', event });
  }
}

function endsWith(buf: readonly number[], seq: readonly number[]): boolean {
  if (buf.length < seq.length) return false;
  for (let i = 0; i < seq.length; i += 1) if (buf[buf.length - seq.length + i] !== seq[i]) return false;
  return true;
}

/**
 * Adapts a splitter into a Framer where one frame is one read: `start` → readStart, a body decoded into lines
 * → data + readEnd, a frame error → error + readEnd.
 */
export function framerFromSplitter(
  splitter: DelimitedSplitter,
  decode: (body: Uint8Array) => { lines: string[] } | { error: FrameError },
): Framer {
  const map = (events: SplitEvent[]): FramerEvent[] => {
    const out: FramerEvent[] = [];
    for (const e of events) {
      if (e.type === 'start') out.push({ type: 'readStart' });
      else if (e.type === 'noise') out.push(e.event);
      else if (e.type === 'frameError') out.push({ type: 'error', inRead: true, error: e.error }, { type: 'readEnd' });
      else {
        const decoded = decode(e.body);
        if ('lines' in decoded) out.push({ type: 'data', lines: decoded.lines }, { type: 'readEnd' });
        else out.push({ type: 'error', inRead: true, error: decoded.error }, { type: 'readEnd' });
      }
    }
    return out;
  };
  return {
    push: (chunk, now) => map(splitter.push(chunk, now)),
    poll: (now) => map(splitter.poll(now)),
    deadline: () => splitter.deadline(),
    end: () => map(splitter.end()),
  };
}
