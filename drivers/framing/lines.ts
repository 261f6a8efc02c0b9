import {
  asciiBytes,
  CR,
  completedRead,
  defaultTimeoutMs,
  failedRead,
  frameError,
  isPrintableAscii,
  LF,
  NoiseCounter,
  type Framer,
  type FramerEvent,
  type FramerOptions,
} from './framer.ts';

/**
 * Plain text lines (CR, LF or CR LF), for simple readers and keyboard-style output that send the MRZ with no
 * framing bytes. Nothing marks the end of a read, so an inter-byte gap does (the idea of serialport's
 * InterByteTimeout parser): the first printable byte starts a read, `timeoutMs` of quiet ends it.
 * A control byte inside a read spoils it (BAD_PAYLOAD); one before any text is noise.
 */
export interface LinesOptions extends FramerOptions {
  /** At most this many lines per read (default 4). */
  readonly maxLines?: number;
  /** At most this many characters per line (default 60: an MRZ line is 44 at most; scanners need more). */
  readonly maxLineLength?: number;
}

export function createLinesFramer(options: LinesOptions = {}): Framer {
  const timeout = options.timeoutMs ?? defaultTimeoutMs;
  const maxLines = options.maxLines ?? 4;
  const maxLineLength = options.maxLineLength ?? 60;
  const noise = new NoiseCounter(options.maxFrameBytes ?? 1024);
  let inRead = false;
  let spoiled: string | undefined;
  let lines: string[] = [];
  let current = '';
  let lastAt = 0;

  const reset = (): void => {
    inRead = false;
    spoiled = undefined;
    lines = [];
    current = '';
  };

  const finish = (out: FramerEvent[]): void => {
    if (current.length > 0) lines.push(current);
    if (spoiled !== undefined) failedRead(out, frameError(spoiled === 'overflow' ? 'OVERFLOW' : 'BAD_PAYLOAD', spoiled === 'overflow' ? `more than ${maxLines} lines of ${maxLineLength} characters` : 'control byte inside the text'));
    else completedRead(out, lines);
    reset();
  };

  const feed = (byte: number, out: FramerEvent[]): void => {
    if (!inRead) {
      if (byte === CR || byte === LF) return;
      if (!isPrintableAscii(byte)) {
        noise.add(1, out);
        return;
      }
      noise.flush(out);
      inRead = true;
      out.push({ type: 'readStart' });
    }
    if (spoiled !== undefined) return; // keep swallowing until the gap ends the read
    if (byte === CR || byte === LF) {
      if (current.length > 0) lines.push(current);
      current = '';
    } else if (isPrintableAscii(byte)) {
      current += String.fromCharCode(byte);
    } else {
      spoiled = 'control';
    }
    if (current.length > maxLineLength || lines.length > maxLines) spoiled = 'overflow';
  };

  const pendingDeadline = (): number | undefined => (inRead || noise.pending ? lastAt + timeout : undefined);

  return {
    push(chunk, now) {
      const out: FramerEvent[] = [];
      if (chunk.length > 0) {
        // A gap longer than the timeout ends the previous read even when no poll ran in between.
        if (inRead && now - lastAt >= timeout) finish(out);
        lastAt = now;
      }
      for (const byte of chunk) feed(byte, out);
      return out;
    },
    poll(now) {
      const out: FramerEvent[] = [];
      const due = pendingDeadline();
      if (due === undefined || now < due) return out;
      if (inRead) finish(out);
      noise.flush(out);
      return out;
    },
    deadline: pendingDeadline,
    end() {
      const out: FramerEvent[] = [];
      // Without an end marker a read cut by a disconnect cannot be told from a complete one: report it cut.
      if (inRead) failedRead(out, frameError('TRUNCATED', 'the connection closed in the middle of a read'));
      reset();
      noise.flush(out);
      return out;
    },
  };
}

export function encodeLines(lines: readonly string[]): Uint8Array {
  return Uint8Array.from(lines.flatMap((l) => [...asciiBytes(l), CR, LF]));
}
