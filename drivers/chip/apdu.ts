import { ChipProtocolError, concat, uint } from './bytes.ts';

/**
 * ISO/IEC 7816-4 §5.1 command and response APDUs. `le` is the number of bytes expected: undefined for none,
 * 256 (short) or 65536 (extended) for "as many as available".
 */
export interface CommandApdu {
  readonly cla: number;
  readonly ins: number;
  readonly p1: number;
  readonly p2: number;
  readonly data?: Uint8Array;
  readonly le?: number;
}

export interface ResponseApdu {
  readonly data: Uint8Array;
  /** SW1-SW2 as one number, e.g. 0x9000. */
  readonly sw: number;
}

export const SW = {
  ok: 0x9000,
  wrongLength: 0x6700,
  securityNotSatisfied: 0x6982,
  authenticationFailed: 0x6300,
  conditionsNotSatisfied: 0x6985,
  wrongData: 0x6a80,
  fileNotFound: 0x6a82,
  wrongP1P2: 0x6b00,
  insNotSupported: 0x6d00,
  claNotSupported: 0x6e00,
  smDataObjectsIncorrect: 0x6988,
  smDataObjectsMissing: 0x6987,
  endOfFile: 0x6282,
} as const;

/** Whether a command needs extended length fields (ISO/IEC 7816-4 §5.1: Nc > 255 or Ne > 256). */
export function needsExtended(command: CommandApdu): boolean {
  return (command.data?.length ?? 0) > 255 || (command.le ?? 0) > 256;
}

/** Encodes a command; `extended` forces extended length fields even where short ones would do. */
export function encodeCommand(command: CommandApdu, extended = needsExtended(command)): Uint8Array {
  const header = Uint8Array.of(command.cla, command.ins, command.p1, command.p2);
  const data = command.data ?? new Uint8Array(0);
  const { le } = command;
  if (data.length > (extended ? 65535 : 255)) throw new RangeError(`command data of ${data.length} bytes`);
  if (le !== undefined && (le < 1 || le > (extended ? 65536 : 256))) throw new RangeError(`Le ${le}`);
  const lc = data.length === 0 ? [] : extended ? [Uint8Array.of(0), uint(data.length, 2)] : [Uint8Array.of(data.length)];
  let leField: Uint8Array[] = [];
  if (le !== undefined) {
    if (!extended) leField = [Uint8Array.of(le === 256 ? 0 : le)];
    else leField = [data.length === 0 ? Uint8Array.of(0) : new Uint8Array(0), uint(le === 65536 ? 0 : le, 2)];
  }
  return concat(header, ...lc, data, ...leField);
}

/** Parses a command APDU (the chip's side), short or extended, cases 1 to 4. */
export function parseCommand(bytes: Uint8Array): CommandApdu & { readonly extended: boolean } {
  if (bytes.length < 4) throw new ChipProtocolError('command shorter than its header');
  const [cla, ins, p1, p2] = bytes as unknown as [number, number, number, number];
  const body = bytes.subarray(4);
  const base = { cla, ins, p1, p2 };
  if (body.length === 0) return { ...base, extended: false };
  if (body.length === 1) return { ...base, le: body[0] === 0 ? 256 : (body[0] as number), extended: false };
  if (body[0] !== 0) {
    const lc = body[0] as number;
    if (body.length === 1 + lc) return { ...base, data: body.subarray(1), extended: false };
    if (body.length === 2 + lc) {
      const le = body[1 + lc] as number;
      return { ...base, data: body.subarray(1, 1 + lc), le: le === 0 ? 256 : le, extended: false };
    }
    throw new ChipProtocolError('short command length fields do not match');
  }
  // Extended: body starts with 00.
  const word = (at: number) => ((body[at] as number) << 8) | (body[at + 1] as number);
  if (body.length === 3) return { ...base, le: word(1) || 65536, extended: true };
  const lc = word(1);
  if (lc === 0) throw new ChipProtocolError('extended Lc of zero');
  if (body.length === 3 + lc) return { ...base, data: body.subarray(3), extended: true };
  if (body.length === 5 + lc) return { ...base, data: body.subarray(3, 3 + lc), le: word(3 + lc) || 65536, extended: true };
  throw new ChipProtocolError('extended command length fields do not match');
}

export function parseResponse(bytes: Uint8Array): ResponseApdu {
  if (bytes.length < 2) throw new ChipProtocolError('response shorter than its status word');
  const n = bytes.length;
  return { data: bytes.subarray(0, n - 2), sw: ((bytes[n - 2] as number) << 8) | (bytes[n - 1] as number) };
}

export function encodeResponse(response: ResponseApdu): Uint8Array {
  return concat(response.data, uint(response.sw, 2));
}

export function swHex(sw: number): string {
  return sw.toString(16).toUpperCase().padStart(4, '0');
}
