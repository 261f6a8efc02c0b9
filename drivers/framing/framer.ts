/**
 * The shared shape of every byte framer (docs/devices.md §1.12 "One framer model, one lifecycle":
 * bytes → framer → lines[] → MRZ parser). A framer is a pure streaming decoder: it holds only the bytes of the
 * frame in progress, takes the current time as an argument (never reads a clock), and returns the events the
 * bytes completed. Feeding the same bytes in any chunking at the same times gives the same events.
 *
 * Framer rules (§1.12): bounded buffer (drop and report on overflow), resynchronise on the next start sequence
 * after garbage, time out a partial frame, never lose a complete frame that follows garbage.
 */

/** Why bytes did not make a document. Callers map these onto DeviceError (`code` + `message`). */
export type FrameErrorCode =
  | 'NOISE' // bytes outside any frame
  | 'TRUNCATED' // a frame cut off: a new frame started, or the transport closed, before its end
  | 'TIMEOUT' // a partial frame (or read) went quiet for longer than the profile's timeout
  | 'OVERFLOW' // a frame longer than the bounded buffer
  | 'BAD_CHECKSUM' // block check character mismatch (3M RTE)
  | 'BAD_LENGTH' // declared length disagrees with the bytes (3M RTE)
  | 'BAD_PAYLOAD' // a complete frame whose body is not MRZ text (control bytes, bad JSON, ...)
  | 'NO_DATA'; // the device announced a read and ended it without MRZ data (CN readers)

export interface FrameError {
  readonly code: FrameErrorCode;
  readonly message: string;
}

/**
 * Lifecycle in CUSS vocabulary (§1.12 "Lifecycle events"). Every `readStart` is followed by exactly one
 * `data` or one `error` with `inRead: true`, then `readEnd`. Errors with `inRead: false` (noise between
 * frames) stand alone.
 */
export type FramerEvent =
  | { readonly type: 'readStart' }
  | { readonly type: 'data'; readonly lines: readonly string[] }
  | { readonly type: 'readEnd' }
  | { readonly type: 'error'; readonly error: FrameError; readonly inRead: boolean };

export interface Framer {
  /** Feeds received bytes; `now` is a monotonic time in ms. */
  push(chunk: Uint8Array, now: number): FramerEvent[];
  /** Lets time pass: times out a partial frame once `now` reaches `deadline()`. */
  poll(now: number): FramerEvent[];
  /** When `poll` next has something to do, or undefined when nothing is pending. */
  deadline(): number | undefined;
  /** The transport closed: reports a frame cut off mid-way and any pending noise, then starts afresh. */
  end(): FramerEvent[];
}

export interface FramerOptions {
  /** Largest frame body kept in memory; longer frames are dropped and reported as OVERFLOW. */
  readonly maxFrameBytes?: number;
  /** A partial frame quiet for this long is dropped and reported as TIMEOUT (also the `lines` read gap). */
  readonly timeoutMs?: number;
}

export const defaultMaxFrameBytes = 1024; // DESKO CUTE: "up to 1024 ASCII chars" per frame (§1.3)
export const defaultTimeoutMs = 1000;

export const SOH = 0x01;
export const STX = 0x02;
export const ETX = 0x03;
export const LF = 0x0a;
export const CR = 0x0d;
export const FS = 0x1c;
export const GS = 0x1d;

export function frameError(code: FrameErrorCode, message: string): FrameError {
  return { code, message };
}

/** Printable ASCII, the only bytes an MRZ line may hold as delivered by a reader (`_` padding included). */
export function isPrintableAscii(byte: number): boolean {
  return byte >= 0x20 && byte <= 0x7e;
}

/**
 * Splits a reader's text body into MRZ lines: CR and/or LF separate lines; empty lines are dropped (3M sends
 * missing upper lines as empty CRs, DESKO ends every line with CR). Returns undefined when a byte is not
 * printable ASCII, so the caller reports BAD_PAYLOAD instead of passing control bytes to the MRZ parser.
 */
export function splitLines(body: Uint8Array): string[] | undefined {
  const lines: string[] = [];
  let current = '';
  for (const byte of body) {
    if (byte === CR || byte === LF) {
      if (current.length > 0) lines.push(current);
      current = '';
    } else if (isPrintableAscii(byte)) {
      current += String.fromCharCode(byte);
    } else {
      return undefined;
    }
  }
  if (current.length > 0) lines.push(current);
  return lines;
}

export function asciiBytes(text: string): number[] {
  return [...text].map((c) => c.charCodeAt(0) & 0xff);
}

/**
 * Accounting for noise bytes between frames. Noise is reported once per run (when the next frame starts, when
 * time passes, when the transport closes, or when the run reaches the buffer bound), never per chunk, so that
 * the events do not depend on how the transport chunked the bytes.
 */
export class NoiseCounter {
  #count = 0;
  readonly #limit: number;

  constructor(limit: number) {
    this.#limit = limit;
  }

  get pending(): boolean {
    return this.#count > 0;
  }

  add(n: number, out: FramerEvent[]): void {
    this.#count += n;
    if (this.#count >= this.#limit) this.flush(out);
  }

  flush(out: FramerEvent[]): void {
    if (this.#count === 0) return;
    out.push({
      type: 'error',
      inRead: false,
      error: frameError('NOISE', `${this.#count} byte(s) outside any frame were discarded`),
    });
    this.#count = 0;
  }
}

/** The three events of a read that failed inside its frame. */
export function failedRead(out: FramerEvent[], error: FrameError): void {
  out.push({ type: 'error', inRead: true, error }, { type: 'readEnd' });
}

export function completedRead(out: FramerEvent[], lines: readonly string[]): void {
  out.push({ type: 'data', lines }, { type: 'readEnd' });
}
