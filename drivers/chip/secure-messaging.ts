import type { CommandApdu, ResponseApdu } from './apdu.ts';
import { SW } from './apdu.ts';
import { ChipProtocolError, bytesToBigInt, concat, equalBytes, uint, unpad } from './bytes.ts';
import { padFor, type SessionCipher } from './crypto/session-cipher.ts';
import { readTlvs, tlv } from './tlv.ts';

/** Secure messaging was broken: a wrong MAC, a missing data object, or the chip dropped the session. */
export class SecureMessagingError extends ChipProtocolError {}

/**
 * ICAO 9303-11 §9.8 secure messaging, both ends of it: the terminal protects commands and checks responses,
 * the chip (our emulator) checks commands and protects responses. Each message increments the send-sequence
 * counter first, so the two ends stay in step only while no message is lost; after any error the session must
 * be thrown away (§9.8.4: the chip ends secure messaging on any error).
 */
export class SecureChannel {
  readonly cipher: SessionCipher;
  #ssc: bigint;

  constructor(cipher: SessionCipher, ssc: Uint8Array) {
    if (ssc.length !== cipher.blockSize) throw new RangeError(`SSC of ${ssc.length} bytes for ${cipher.name}`);
    this.cipher = cipher;
    this.#ssc = bytesToBigInt(ssc);
  }

  /** The current counter, for tests that follow ICAO's worked examples. */
  get ssc(): Uint8Array {
    return uint(this.#ssc, this.cipher.blockSize);
  }

  #next(): Uint8Array {
    this.#ssc = (this.#ssc + 1n) % (1n << BigInt(this.cipher.blockSize * 8));
    return this.ssc;
  }

  /** Terminal: wraps a plain command. `extended` chooses the protected APDU's length fields. */
  protect(command: CommandApdu, extended = false): CommandApdu {
    const ssc = this.#next();
    const cla = command.cla | 0x0c;
    const header = padFor(this.cipher, Uint8Array.of(cla, command.ins, command.p1, command.p2));
    const dataObject = this.#encryptedDataObject(ssc, command.ins, command.data);
    const leObject = command.le === undefined ? new Uint8Array(0) : tlv(0x97, leBytes(command.le, extended));
    const mac = this.cipher.mac(ssc, padFor(this.cipher, concat(header, dataObject, leObject)));
    return { cla, ins: command.ins, p1: command.p1, p2: command.p2, data: concat(dataObject, leObject, tlv(0x8e, mac)), le: extended ? 65536 : 256 };
  }

  /** Terminal: checks and opens a protected response. Throws SecureMessagingError on any fault. */
  unprotect(response: ResponseApdu): ResponseApdu {
    const ssc = this.#next();
    if (response.data.length === 0) {
      throw new SecureMessagingError(`chip answered ${response.sw.toString(16).toUpperCase()} without secure messaging`);
    }
    const objects = parseObjects(response.data);
    const { do87, do99, do8e } = objects;
    if (!do99 || !do8e) throw new SecureMessagingError('response lacks its status or MAC object');
    const expected = this.cipher.mac(ssc, padFor(this.cipher, concat(objects.raw87, objects.raw99)));
    if (!equalBytes(expected, do8e)) throw new SecureMessagingError('response MAC does not verify');
    if (do99.length !== 2) throw new SecureMessagingError('status object is not two bytes');
    const sw = ((do99[0] as number) << 8) | (do99[1] as number);
    return { data: do87 ? this.#decryptDataObject(ssc, do87) : new Uint8Array(0), sw };
  }

  /** Chip: checks and opens a protected command; a fault is a SecureMessagingError with the status to answer. */
  unwrapCommand(command: CommandApdu): CommandApdu {
    const ssc = this.#next();
    if ((command.cla & 0x0c) !== 0x0c) throw new SecureMessagingError('command is not protected');
    const objects = parseObjects(command.data ?? new Uint8Array(0));
    if (!objects.do8e) throw new SecureMessagingError('command lacks its MAC object');
    const header = padFor(this.cipher, Uint8Array.of(command.cla, command.ins, command.p1, command.p2));
    const expected = this.cipher.mac(ssc, padFor(this.cipher, concat(header, objects.raw87, objects.raw97)));
    if (!equalBytes(expected, objects.do8e)) throw new SecureMessagingError('command MAC does not verify');
    const data = objects.do87 ? this.#decryptDataObject(ssc, objects.do87) : undefined;
    const le = objects.do97 ? leFromBytes(objects.do97) : undefined;
    return { cla: command.cla & ~0x0c, ins: command.ins, p1: command.p1, p2: command.p2, ...(data ? { data } : {}), ...(le ? { le } : {}) };
  }

  /** Chip: protects a response. */
  wrapResponse(response: ResponseApdu, ins = 0): ResponseApdu {
    const ssc = this.#next();
    const dataObject = this.#encryptedDataObject(ssc, ins, response.data.length ? response.data : undefined, false);
    const statusObject = tlv(0x99, uint(response.sw, 2));
    const mac = this.cipher.mac(ssc, padFor(this.cipher, concat(dataObject, statusObject)));
    return { data: concat(dataObject, statusObject, tlv(0x8e, mac)), sw: response.sw };
  }

  #encryptedDataObject(ssc: Uint8Array, ins: number, data: Uint8Array | undefined, command = true): Uint8Array {
    if (!data || data.length === 0) return new Uint8Array(0);
    const encrypted = this.cipher.encrypt(ssc, padFor(this.cipher, data));
    // §9.8.5: an odd INS (READ BINARY with offset DO) carries DO'85' without the padding-indicator byte.
    return command && ins % 2 === 1 ? tlv(0x85, encrypted) : tlv(0x87, Uint8Array.of(0x01), encrypted);
  }

  #decryptDataObject(ssc: Uint8Array, object: { tag: number; value: Uint8Array }): Uint8Array {
    const body = object.tag === 0x87 ? object.value.subarray(1) : object.value;
    if (object.tag === 0x87 && object.value[0] !== 0x01) throw new SecureMessagingError('unknown padding indicator');
    if (body.length === 0 || body.length % this.cipher.blockSize !== 0) throw new SecureMessagingError('encrypted data is not whole blocks');
    return unpad(this.cipher.decrypt(ssc, body));
  }
}

function leBytes(le: number, extended: boolean): Uint8Array {
  if (!extended && le <= 256) return Uint8Array.of(le === 256 ? 0 : le);
  return uint(le === 65536 ? 0 : le, 2);
}

function leFromBytes(bytes: Uint8Array): number {
  if (bytes.length === 1) return bytes[0] === 0 ? 256 : (bytes[0] as number);
  if (bytes.length === 2) return Number(bytesToBigInt(bytes)) || 65536;
  throw new SecureMessagingError('Le object of a bad length');
}

interface Objects {
  do87?: { tag: number; value: Uint8Array };
  do97?: Uint8Array;
  do99?: Uint8Array;
  do8e?: Uint8Array;
  raw87: Uint8Array;
  raw97: Uint8Array;
  raw99: Uint8Array;
}

function parseObjects(data: Uint8Array): Objects {
  const out: Objects = { raw87: new Uint8Array(0), raw97: new Uint8Array(0), raw99: new Uint8Array(0) };
  let start = 0;
  let tlvs;
  try {
    tlvs = readTlvs(data);
  } catch {
    throw new SecureMessagingError('secure messaging objects are malformed');
  }
  for (const t of tlvs) {
    const raw = data.subarray(start, t.end);
    start = t.end;
    if (t.tag === 0x87 || t.tag === 0x85) [out.do87, out.raw87] = [{ tag: t.tag, value: t.value }, raw];
    else if (t.tag === 0x97) [out.do97, out.raw97] = [t.value, raw];
    else if (t.tag === 0x99) [out.do99, out.raw99] = [t.value, raw];
    else if (t.tag === 0x8e) out.do8e = t.value;
    else throw new SecureMessagingError(`unexpected secure messaging object 0x${t.tag.toString(16)}`);
  }
  return out;
}

/** The status a chip answers when a protected command fails its checks (§9.8.4). */
export const smFailureStatus = SW.smDataObjectsIncorrect;
