import { EventEmitter } from 'node:events';
import type { Readable, Writable } from 'node:stream';

/**
 * A Chrome DevTools Protocol client over the pipe Chromium opens with `--remote-debugging-pipe`: it reads
 * commands on its fd 3 and writes replies and events on its fd 4, each message one JSON object ended by a NUL
 * byte (docs/deployment.md "Chromium shell"). A pipe, unlike a debugging port, reaches only the process that
 * started the browser: nothing else on the kiosk can drive it.
 */

export interface CdpEvent {
  readonly method: string;
  readonly params: Record<string, unknown>;
  /** The target session the event belongs to; absent for browser-wide events. */
  readonly sessionId?: string;
}

export class CdpError extends Error {
  override readonly name = 'CdpError';
}

type Pending = { resolve: (result: Record<string, unknown>) => void; reject: (error: Error) => void };

/** Splits a byte stream into NUL-ended messages; keeps an unfinished tail for the next chunk. */
export function nulSplitter(onMessage: (text: string) => void): (chunk: Buffer) => void {
  let tail: Buffer[] = [];
  return (chunk) => {
    let start = 0;
    for (let end = chunk.indexOf(0, start); end !== -1; end = chunk.indexOf(0, start)) {
      onMessage(Buffer.concat([...tail, chunk.subarray(start, end)]).toString('utf8'));
      tail = [];
      start = end + 1;
    }
    if (start < chunk.length) tail.push(chunk.subarray(start));
  };
}

export class CdpPipe extends EventEmitter<{ event: [CdpEvent]; closed: [] }> {
  readonly #toBrowser: Writable;
  readonly #pending = new Map<number, Pending>();
  #nextId = 1;
  #closed = false;

  constructor(toBrowser: Writable, fromBrowser: Readable) {
    super();
    this.#toBrowser = toBrowser;
    fromBrowser.on('data', nulSplitter((text) => this.#receive(text)));
    fromBrowser.on('close', () => this.#close());
    fromBrowser.on('error', () => this.#close());
    toBrowser.on('error', () => this.#close());
  }

  get closed(): boolean {
    return this.#closed;
  }

  /** Sends a command; resolves with its result, rejects with the browser's error or when the pipe closes. */
  send(method: string, params: Record<string, unknown> = {}, sessionId?: string): Promise<Record<string, unknown>> {
    if (this.#closed) return Promise.reject(new CdpError(`${method}: the browser is gone`));
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      this.#toBrowser.write(`${JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) })}\0`);
    });
  }

  #receive(text: string): void {
    let message: { id?: number; result?: Record<string, unknown>; error?: { message?: string }; method?: string; params?: Record<string, unknown>; sessionId?: string };
    try {
      message = JSON.parse(text) as typeof message;
    } catch {
      return;
    }
    if (typeof message.id === 'number') {
      const pending = this.#pending.get(message.id);
      this.#pending.delete(message.id);
      if (message.error) pending?.reject(new CdpError(message.error.message ?? 'protocol error'));
      else pending?.resolve(message.result ?? {});
    } else if (typeof message.method === 'string') {
      this.emit('event', { method: message.method, params: message.params ?? {}, ...(message.sessionId ? { sessionId: message.sessionId } : {}) });
    }
  }

  #close(): void {
    if (this.#closed) return;
    this.#closed = true;
    for (const pending of this.#pending.values()) pending.reject(new CdpError('the browser is gone'));
    this.#pending.clear();
    this.emit('closed');
  }
}
