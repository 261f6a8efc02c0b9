import {
  asciiBytes,
  CR,
  defaultMaxFrameBytes,
  defaultTimeoutMs,
  ETX,
  failedRead,
  frameError,
  isPrintableAscii,
  NoiseCounter,
  SOH,
  splitLines,
  STX,
  completedRead,
  type Framer,
  type FramerEvent,
  type FramerOptions,
} from './framer.ts';

/**
 * 3M RTE Native protocol (docs/devices.md §1.4, 3M RTE6701-OEM manual pp. 25–26):
 * `SOH [len lo][len hi] "O" "U" STX [flag] line1 CR line2 CR line3 CR ETX [BCC]`; the length word has 14
 * significant bits, low byte first; device `O` = optical, type `U` = unsolicited.
 * The bottom MRZ line is always line 3 (missing upper lines come as empty CRs). Short lines are padded with
 * `_`, which stays in the line as an unread character — never `<` — so a check digit covering it fails
 * visibly (docs/mrz-formats.md §4).
 *
 * GAP (§1.4: "verify against a captured trace before enforcing"): the manual pages cited do not pin down what
 * the length word counts or what the BCC covers. Assumed here, in these two functions only, so a trace fixes
 * one place: the length counts the text between STX and ETX (flag byte included), and the BCC is the XOR of
 * every byte after SOH up to and including ETX.
 */
export function rteLengthOf(text: Uint8Array): number {
  return text.length;
}

export function rteBcc(afterSohThroughEtx: Iterable<number>): number {
  let bcc = 0;
  for (const b of afterSohThroughEtx) bcc ^= b;
  return bcc;
}

const DEVICE_OPTICAL = 0x4f; // 'O'
const TYPE_UNSOLICITED = 0x55; // 'U'
const HEADER_BYTES = 5; // len lo, len hi, device, type, STX

type State = 'idle' | 'header' | 'text' | 'etx' | 'bcc';

export function createRteFramer(options: FramerOptions = {}): Framer {
  const max = options.maxFrameBytes ?? defaultMaxFrameBytes;
  const timeout = options.timeoutMs ?? defaultTimeoutMs;
  const noise = new NoiseCounter(max);
  let state: State = 'idle';
  let header: number[] = [];
  let text: number[] = [];
  let length = 0;
  let lastAt = 0;

  const reset = (): void => {
    state = 'idle';
    header = [];
    text = [];
  };

  const feed = (byte: number, out: FramerEvent[]): void => {
    switch (state) {
      case 'idle':
        if (byte === SOH) {
          state = 'header';
          header = [];
        } else {
          noise.add(1, out);
        }
        return;
      case 'header': {
        header.push(byte);
        if (header.length < HEADER_BYTES) return;
        const [lo = 0, hi = 0, device, type, stx] = header;
        length = (lo | (hi << 8)) & 0x3fff;
        if (device === DEVICE_OPTICAL && type === TYPE_UNSOLICITED && stx === STX && length >= 1 && length <= max) {
          noise.flush(out);
          out.push({ type: 'readStart' });
          state = 'text';
          text = [];
          return;
        }
        // Not a header after all: the SOH was noise; look for a real SOH in what followed it.
        const replay = header;
        reset();
        noise.add(1, out);
        for (const b of replay) feed(b, out);
        return;
      }
      case 'text':
        // After the flag byte only MRZ text and CR may appear; anything else means the frame was cut off and
        // the device started over, so end this read and resynchronise on the byte.
        if (text.length > 0 && !isPrintableAscii(byte) && byte !== CR) {
          reset();
          failedRead(out, frameError('TRUNCATED', 'a control byte interrupted the RTE text: frame cut off'));
          feed(byte, out);
          return;
        }
        text.push(byte);
        if (text.length === length) state = 'etx';
        return;
      case 'etx':
        if (byte !== ETX) {
          reset();
          failedRead(out, frameError('BAD_LENGTH', `no ETX after the ${length} text bytes the header announced`));
          feed(byte, out);
          return;
        }
        state = 'bcc';
        return;
      case 'bcc': {
        const expected = rteBcc([...header.slice(0, 4), STX, ...text, ETX]);
        const body = Uint8Array.from(text.slice(1)); // text[0] is the flag byte
        reset();
        if (byte !== expected) {
          failedRead(out, frameError('BAD_CHECKSUM', `BCC 0x${hex(byte)} but the block sums to 0x${hex(expected)}`));
          return;
        }
        const lines = splitLines(body);
        if (lines === undefined || lines.length === 0) {
          failedRead(out, frameError('BAD_PAYLOAD', 'RTE text holds no MRZ lines'));
          return;
        }
        completedRead(out, lines);
        return;
      }
    }
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
      if (state === 'idle') {
        noise.flush(out);
      } else if (state === 'header') {
        reset();
        noise.add(1 + header.length, out);
        noise.flush(out);
      } else {
        reset();
        failedRead(out, frameError('TIMEOUT', `partial RTE block quiet for ${timeout} ms`));
      }
      return out;
    },
    deadline: pendingDeadline,
    end() {
      const out: FramerEvent[] = [];
      if (state === 'idle' || state === 'header') {
        if (state === 'header') noise.add(1 + header.length, out);
        noise.flush(out);
      } else {
        failedRead(out, frameError('TRUNCATED', 'the connection closed in the middle of an RTE block'));
      }
      reset();
      return out;
    },
  };
}

function hex(b: number): string {
  return b.toString(16).padStart(2, '0');
}

/**
 * Frames lines as an RTE Native OCR block. Lines are placed so that the last one is line 3 (missing upper
 * lines as empty CRs); the encoder pads nothing — fixtures that model reader padding carry their `_`.
 */
export function encodeRte(lines: readonly string[], options: { flag?: number } = {}): Uint8Array {
  const placed = lines.length >= 3 ? [...lines] : [...Array<string>(3 - lines.length).fill(''), ...lines];
  const text = Uint8Array.from([options.flag ?? 0x30, ...placed.flatMap((l) => [...asciiBytes(l), CR])]);
  const length = rteLengthOf(text);
  const head = [length & 0xff, (length >> 8) & 0x3f, DEVICE_OPTICAL, TYPE_UNSOLICITED, STX];
  const bcc = rteBcc([...head, ...text, ETX]);
  return Uint8Array.from([SOH, ...head, ...text, ETX, bcc]);
}
