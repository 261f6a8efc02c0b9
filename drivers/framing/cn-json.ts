import { DelimitedSplitter } from './delimited-splitter.ts';
import {
  CR,
  ETX,
  failedRead,
  frameError,
  isPrintableAscii,
  LF,
  STX,
  type FrameError,
  type Framer,
  type FramerEvent,
  type FramerOptions,
} from './framer.ts';

/**
 * Chinese multi-document readers, e.g. EST-100PR-NZ (docs/devices.md §1.8): active output over RS-232
 * 256000 8-O-1, each message `0x02` + UTF-8 JSON + `0x03` + `\r\n`, the JSON prefixed by its type:
 * `PCSign:{"stage":"readStart"|"readEnd","type":…}` brackets a read; `CameraData:{"data":"<MRZ lines
 * separated by \n>","type":"PassPort"}` carries the OCR'd MRZ (`"type":"QRCode"` carries a QR code, not a
 * document); `EidlinkResult:` carries chip data we do not use.
 * A `CameraData` outside a PCSign bracket is a read of its own; a read that ends without MRZ is NO_DATA; a
 * readStart that is never closed times out (`readTimeoutMs`).
 */
export interface CnJsonOptions extends FramerOptions {
  readonly readTimeoutMs?: number;
}

export const cnJsonDefaultReadTimeoutMs = 10_000;

export function createCnJsonFramer(options: CnJsonOptions = {}): Framer {
  const splitter = new DelimitedSplitter({
    ...options,
    start: [STX],
    end: [ETX],
    ignoreBetween: (b) => b === CR || b === LF,
  });
  const readTimeout = options.readTimeoutMs ?? cnJsonDefaultReadTimeoutMs;
  let inRead = false;
  let hasData = false;
  let readSince = 0;

  const fail = (out: FramerEvent[], error: FrameError): void => {
    if (!inRead) out.push({ type: 'readStart' });
    failedRead(out, error);
    inRead = false;
  };

  const onMessage = (body: Uint8Array, now: number, out: FramerEvent[]): void => {
    const text = new TextDecoder('utf-8', { fatal: false }).decode(body);
    const match = /^\s*([A-Za-z]+)\s*:/.exec(text);
    const prefix = match?.[1];
    let message: unknown;
    try {
      message = JSON.parse(match ? text.slice(match[0].length) : text);
    } catch {
      fail(out, frameError('BAD_PAYLOAD', `message${prefix ? ` ${prefix}` : ''} is not JSON`));
      return;
    }
    const m = (typeof message === 'object' && message !== null ? message : {}) as Record<string, unknown>;
    if (prefix === 'PCSign' && m.stage === 'readStart') {
      if (inRead) fail(out, frameError('TRUNCATED', 'a new read started before the previous one ended'));
      out.push({ type: 'readStart' });
      inRead = true;
      hasData = false;
      readSince = now;
    } else if (prefix === 'PCSign' && m.stage === 'readEnd') {
      if (!inRead) return;
      if (!hasData) failedRead(out, frameError('NO_DATA', `the reader ended a ${String(m.type ?? '')} read without MRZ data`));
      else out.push({ type: 'readEnd' });
      inRead = false;
    } else if (prefix === 'CameraData' && m.type === 'PassPort') {
      const lines = typeof m.data === 'string' ? m.data.split(/\r\n|\r|\n/).filter((l) => l.length > 0) : [];
      const printable = lines.every((l) => [...l].every((c) => isPrintableAscii(c.charCodeAt(0))));
      if (lines.length === 0 || !printable) {
        fail(out, frameError('BAD_PAYLOAD', 'CameraData holds no MRZ text'));
        return;
      }
      if (inRead && hasData) return; // one data per read (DocumentReader guarantee); a repeat is dropped
      if (!inRead) {
        out.push({ type: 'readStart' }, { type: 'data', lines }, { type: 'readEnd' });
        return;
      }
      out.push({ type: 'data', lines });
      hasData = true;
    }
    // QR codes, chip data and unknown messages carry no MRZ: ignored.
  };

  const map = (events: ReturnType<DelimitedSplitter['push']>, now: number): FramerEvent[] => {
    const out: FramerEvent[] = [];
    for (const e of events) {
      if (e.type === 'noise') out.push(e.event);
      else if (e.type === 'frameError') fail(out, e.error);
      else if (e.type === 'body') onMessage(e.body, now, out);
    }
    return out;
  };

  const readDeadline = (): number | undefined => (inRead ? readSince + readTimeout : undefined);

  return {
    push: (chunk, now) => map(splitter.push(chunk, now), now),
    poll(now) {
      const out = map(splitter.poll(now), now);
      const due = readDeadline();
      if (due !== undefined && now >= due) {
        const error = hasData ? undefined : frameError('TIMEOUT', `no readEnd within ${readTimeout} ms`);
        if (error) failedRead(out, error);
        else out.push({ type: 'readEnd' });
        inRead = false;
      }
      return out;
    },
    deadline() {
      const a = splitter.deadline();
      const b = readDeadline();
      if (a === undefined) return b;
      return b === undefined ? a : Math.min(a, b);
    },
    end() {
      const out = map(splitter.end(), 0);
      if (inRead) {
        if (hasData) out.push({ type: 'readEnd' });
        else failedRead(out, frameError('TRUNCATED', 'the connection closed in the middle of a read'));
        inRead = false;
      }
      return out;
    },
  };
}

function frame(prefix: string, payload: unknown): number[] {
  return [STX, ...new TextEncoder().encode(`${prefix}:${JSON.stringify(payload)}`), ETX, CR, LF];
}

/** The three messages a CN reader sends for one passport: PCSign readStart, CameraData, PCSign readEnd. */
export function encodeCnJson(lines: readonly string[], options: { bracket?: boolean } = {}): Uint8Array {
  const data = frame('CameraData', { data: lines.join('\n'), type: 'PassPort' });
  if (options.bracket === false) return Uint8Array.from(data);
  return Uint8Array.from([
    ...frame('PCSign', { stage: 'readStart', type: 'PassPort' }),
    ...data,
    ...frame('PCSign', { stage: 'readEnd', type: 'PassPort' }),
  ]);
}

export function encodeCnJsonMessage(prefix: string, payload: unknown): Uint8Array {
  return Uint8Array.from(frame(prefix, payload));
}
