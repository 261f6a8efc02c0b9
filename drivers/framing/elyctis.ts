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
  splitLines,
  type Framer,
  type FramerEvent,
  type FramerOptions,
} from './framer.ts';

/**
 * Elyctis IDBOX One "Scanner Command Set" v1.7 (docs/devices.md §1.7): every response is an opcode
 * byte and a 16-bit big-endian length (`0x49 L1 L2 <MRZ ASCII>`, L1 = MSB).
 * GAP: the spec excerpt does not say how the MRZ lines are separated; CR/LF are accepted, and an unseparated
 * 88/72/90-character MRZ is cut at the TD3/TD2/TD1 line width. The reply to Continuous Read and the Card
 * State message layout were not captured: a `0x43` reply with MRZ text is taken as a read, an empty one as an
 * acknowledgement, and an empty Inquire reply means "no document" (no events).
 */
export const ELYCTIS_INQUIRE = 0x49;
export const ELYCTIS_INQUIRE_ONE_LINE = 0x4c;
export const ELYCTIS_CONTINUOUS = 0x43;

/** Inquire: `49 00 00` (§1.7). */
export const elyctisInquire = Uint8Array.from([ELYCTIS_INQUIRE, 0x00, 0x00]);
/**
 * Continuous Read: `43 00 01 <state>` (§1.7). The reader sends the MRZ once and deactivates itself, so the
 * adapter sends this again after every read.
 */
export function elyctisContinuousRead(on: boolean): Uint8Array {
  return Uint8Array.from([ELYCTIS_CONTINUOUS, 0x00, 0x01, on ? 0x01 : 0x00]);
}

const responseOpcodes = new Set([ELYCTIS_INQUIRE, ELYCTIS_INQUIRE_ONE_LINE, ELYCTIS_CONTINUOUS]);
/** An MRZ is at most 90 characters plus separators; anything longer means the opcode byte was noise. */
const maxMrzPayload = 128;
const lineWidthByLength = new Map([[88, 44], [72, 36], [90, 30]]);

type State = 'idle' | 'length' | 'payload';

export function createElyctisFramer(options: FramerOptions = {}): Framer {
  const timeout = options.timeoutMs ?? defaultTimeoutMs;
  const maxPayload = Math.min(options.maxFrameBytes ?? maxMrzPayload, maxMrzPayload);
  const noise = new NoiseCounter(options.maxFrameBytes ?? 1024);
  let state: State = 'idle';
  let opcode = 0;
  let head: number[] = [];
  let payload: number[] = [];
  let length = 0;
  let lastAt = 0;

  const reset = (): void => {
    state = 'idle';
    head = [];
    payload = [];
  };

  const feed = (byte: number, out: FramerEvent[]): void => {
    if (state === 'idle') {
      if (responseOpcodes.has(byte)) {
        opcode = byte;
        state = 'length';
        head = [];
      } else {
        noise.add(1, out);
      }
      return;
    }
    if (state === 'length') {
      head.push(byte);
      if (head.length < 2) return;
      length = ((head[0] ?? 0) << 8) | (head[1] ?? 0);
      if (length > maxPayload) {
        const replay = head;
        reset();
        noise.add(1, out);
        for (const b of replay) feed(b, out);
        return;
      }
      noise.flush(out);
      if (length === 0) {
        reset(); // "no document" or an acknowledgement: not a read
        return;
      }
      out.push({ type: 'readStart' });
      state = 'payload';
      payload = [];
      return;
    }
    if (!isPrintableAscii(byte) && byte !== CR && byte !== LF) {
      reset();
      failedRead(out, frameError('TRUNCATED', 'a control byte interrupted the MRZ payload: frame cut off'));
      feed(byte, out);
      return;
    }
    payload.push(byte);
    if (payload.length < length) return;
    const body = Uint8Array.from(payload);
    const op = opcode;
    reset();
    let lines = splitLines(body) ?? [];
    const only = lines[0];
    const width = only === undefined ? undefined : lineWidthByLength.get(only.length);
    if (lines.length === 1 && only !== undefined && width !== undefined && op !== ELYCTIS_INQUIRE_ONE_LINE) {
      lines = Array.from({ length: only.length / width }, (_, i) => only.slice(i * width, (i + 1) * width));
    }
    if (lines.length === 0) failedRead(out, frameError('BAD_PAYLOAD', 'Elyctis reply holds no MRZ text'));
    else completedRead(out, lines);
  };

  const pendingDeadline = (): number | undefined =>
    state !== 'idle' || noise.pending ? lastAt + timeout : undefined;

  return {
    push(chunk, now) {
      const out: FramerEvent[] = [];
      if (chunk.length > 0) lastAt = now;
      for (const byte of chunk) feed(byte, out);
      return out;
    },
    poll(now) {
      const out: FramerEvent[] = [];
      const due = pendingDeadline();
      if (due === undefined || now < due) return out;
      if (state === 'payload') failedRead(out, frameError('TIMEOUT', `partial Elyctis reply quiet for ${timeout} ms`));
      else if (state === 'length') noise.add(1 + head.length, out);
      reset();
      noise.flush(out);
      return out;
    },
    deadline: pendingDeadline,
    end() {
      const out: FramerEvent[] = [];
      if (state === 'payload') failedRead(out, frameError('TRUNCATED', 'the connection closed in the middle of a reply'));
      else if (state === 'length') noise.add(1 + head.length, out);
      reset();
      noise.flush(out);
      return out;
    },
  };
}

/** `49 L1 L2` + the lines separated by CR (the separator is a GAP, see above). */
export function encodeElyctis(lines: readonly string[], opcode = ELYCTIS_INQUIRE): Uint8Array {
  const body = lines.flatMap((line, i) => (i > 0 ? [CR, ...asciiBytes(line)] : asciiBytes(line)));
  return Uint8Array.from([opcode, (body.length >> 8) & 0xff, body.length & 0xff, ...body]);
}
