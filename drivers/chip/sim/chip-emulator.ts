import { sign } from 'node:crypto';
import { encodeResponse, parseCommand, SW, type CommandApdu, type ResponseApdu } from '../apdu.ts';
import { bacKeys, bacSession, type RandomBytes } from '../access/bac.ts';
import { paceKey } from '../access/pace.ts';
import { authenticationToken, encryptNonce, mapGenerator, nonceLength } from '../access/pace-math.ts';
import { capabilityHistoricalBytes, contactlessAtr } from '../atr.ts';
import { chipAuthenticationSession } from '../auth/chip-authentication.ts';
import { ChipProtocolError, bytesToBigInt, concat, equalBytes } from '../bytes.ts';
import { decodePoint, encodePoint, namedDomain, randomScalar, standardizedCurves, xCoordinate, type EcDomain, type EcPoint } from '../crypto/curves.ts';
import { desEdeDecrypt, desEdeEncrypt } from '../crypto/des.ts';
import { deriveKey, kdfCounter } from '../crypto/kdf.ts';
import { retailMac } from '../crypto/retail-mac.ts';
import { sessionCipher } from '../crypto/session-cipher.ts';
import { cardAccessFid, fileInfo, ldsAid, type LdsFile } from '../lds/files.ts';
import { SecureChannel, SecureMessagingError } from '../secure-messaging.ts';
import { oidContent as encodeOid } from '../oid.ts';
import { findTlv, readTlv, tlv } from '../tlv.ts';
import type { ChipPersonalisation } from './personalise.ts';

type Access =
  | { readonly state: 'none' }
  | { readonly state: 'bac'; readonly rndIc: Uint8Array }
  | { readonly state: 'pace'; readonly step: number; readonly domain: EcDomain; readonly nonce?: Uint8Array; readonly mapKey?: EcPoint; readonly generator?: EcPoint; readonly ownKey?: EcPoint; readonly terminalKey?: EcPoint; readonly kMac?: Uint8Array; readonly kEnc?: Uint8Array; readonly mapPoint?: EcPoint }
  | { readonly state: 'secure'; readonly channel: SecureChannel };

type Selected = LdsFile | 'CardAccess' | undefined;

const empty = new Uint8Array(0);
const status = (sw: number, data: Uint8Array = empty): ResponseApdu => ({ data, sw });

/**
 * An ICAO LDS1 eMRTD application answering ISO/IEC 7816-4 APDUs (docs/chip.md "Readers: PC/SC and simulated"): SELECT, READ
 * BINARY (with short file identifiers and offset DO 54), BAC, PACE generic mapping, secure messaging, chip and
 * active authentication. It plays the chip's side of the same protocol code the reader uses, so a protocol bug
 * on one side alone shows as a failure. Time and randomness are the caller's; it never sleeps.
 */
export class ChipEmulator {
  readonly #chip: ChipPersonalisation;
  readonly #random: RandomBytes;
  #access: Access = { state: 'none' };
  #application = false;
  #selected: Selected;
  /** The chip authentication key agreed in this command, switched to after the answer is protected. */
  #pendingChannel: SecureChannel | undefined;

  constructor(chip: ChipPersonalisation, random: RandomBytes) {
    this.#chip = chip;
    this.#random = random;
  }

  get atr(): Uint8Array {
    return contactlessAtr(capabilityHistoricalBytes(this.#chip.extendedLength));
  }

  /** Power cycle: every session state is lost, as when the card leaves the field. */
  reset(): void {
    this.#access = { state: 'none' };
    this.#application = false;
    this.#selected = undefined;
    this.#pendingChannel = undefined;
  }

  transmit(raw: Uint8Array): Uint8Array {
    let command: CommandApdu & { extended: boolean };
    try {
      command = parseCommand(raw);
    } catch {
      return encodeResponse(status(SW.wrongLength));
    }
    if (command.extended && !this.#chip.extendedLength) return encodeResponse(status(SW.wrongLength));
    const access = this.#access;
    if (access.state !== 'secure') return encodeResponse(this.#dispatch(command, false));
    let inner: CommandApdu;
    try {
      inner = access.channel.unwrapCommand(command);
    } catch (error) {
      if (!(error instanceof SecureMessagingError)) throw error;
      // ICAO 9303-11 §9.8.4: any secure messaging error ends the session; the answer is plain.
      this.reset();
      return encodeResponse(status((command.cla & 0x0c) === 0x0c ? SW.smDataObjectsIncorrect : SW.smDataObjectsMissing));
    }
    const answer = access.channel.wrapResponse(this.#dispatch(inner, true));
    if (this.#pendingChannel) {
      this.#access = { state: 'secure', channel: this.#pendingChannel };
      this.#pendingChannel = undefined;
    }
    return encodeResponse(answer);
  }

  #dispatch(c: CommandApdu, secure: boolean): ResponseApdu {
    try {
      switch (c.ins) {
        case 0xa4:
          return this.#select(c, secure);
        case 0xb0:
        case 0xb1:
          return this.#readBinary(c, secure);
        case 0x84:
          return this.#getChallenge(c);
        case 0x82:
          return this.#externalAuthenticate(c);
        case 0x22:
          return this.#manageSecurityEnvironment(c, secure);
        case 0x86:
          return secure ? this.#chipAuthenticate(c) : this.#pace(c);
        case 0x88:
          return this.#internalAuthenticate(c, secure);
        default:
          return status(SW.insNotSupported);
      }
    } catch (error) {
      if (error instanceof ChipProtocolError) return status(SW.wrongData);
      throw error;
    }
  }

  #fileByFid(fid: number): Selected {
    if (fid === cardAccessFid) return this.#chip.cardAccess ? 'CardAccess' : undefined;
    return [...this.#chip.files.keys()].find((f) => fileInfo(f).fid === fid);
  }

  #select(c: CommandApdu, secure: boolean): ResponseApdu {
    const data = c.data ?? empty;
    if (c.p1 === 0x04) {
      if (!equalBytes(data, ldsAid)) return status(SW.fileNotFound);
      this.#application = true;
      this.#selected = undefined;
      return status(SW.ok);
    }
    if (c.p1 === 0x00 && (data.length === 0 || (data[0] === 0x3f && data[1] === 0x00))) {
      this.#application = false;
      return status(SW.ok);
    }
    if ((c.p1 === 0x02 || c.p1 === 0x00) && data.length === 2) {
      const file = this.#fileByFid(((data[0] as number) << 8) | (data[1] as number));
      if (!file || (file !== 'CardAccess' && !this.#application)) return status(SW.fileNotFound);
      if (file !== 'CardAccess' && !secure) return status(SW.securityNotSatisfied);
      this.#selected = file;
      return status(SW.ok);
    }
    return status(SW.wrongP1P2);
  }

  #contents(file: Selected): Uint8Array | undefined {
    if (file === 'CardAccess') return this.#chip.cardAccess;
    return file ? this.#chip.files.get(file) : undefined;
  }

  #readBinary(c: CommandApdu, secure: boolean): ResponseApdu {
    let offset: number;
    if (c.ins === 0xb1) {
      const offsetObject = findTlv(c.data ?? empty, 0x54);
      if (!offsetObject) return status(SW.wrongData);
      offset = Number(bytesToBigInt(offsetObject.value));
    } else if (c.p1 & 0x80) {
      const sfi = c.p1 & 0x1f;
      const file = sfi === 0x1c ? this.#fileByFid(cardAccessFid) : this.#fileByFid(sfi === 0x1e ? 0x011e : sfi === 0x1d ? 0x011d : 0x0100 + sfi);
      if (!file) return status(SW.fileNotFound);
      if (file !== 'CardAccess' && !secure) return status(SW.securityNotSatisfied);
      this.#selected = file;
      offset = c.p2;
    } else offset = ((c.p1 & 0x7f) << 8) | c.p2;
    const contents = this.#contents(this.#selected);
    if (!contents) return status(0x6986);
    if (offset > contents.length) return status(SW.wrongP1P2);
    const chunk = contents.subarray(offset, offset + (c.le ?? 256));
    return status(SW.ok, c.ins === 0xb1 ? tlv(0x53, chunk) : chunk);
  }

  #getChallenge(c: CommandApdu): ResponseApdu {
    if (c.le !== 8 || !this.#chip.bac) return status(SW.wrongLength);
    const rndIc = this.#random(8);
    this.#access = { state: 'bac', rndIc };
    return status(SW.ok, rndIc);
  }

  /** BAC, the chip's half (ICAO 9303-11 §4.3.3.2). */
  #externalAuthenticate(c: CommandApdu): ResponseApdu {
    const access = this.#access;
    this.#access = { state: 'none' };
    const data = c.data ?? empty;
    if (access.state !== 'bac' || data.length !== 40) return status(SW.conditionsNotSatisfied);
    const keys = bacKeys(this.#chip.mrzKey);
    if (!equalBytes(retailMac(keys.kMac, data.subarray(0, 32)), data.subarray(32))) return status(SW.authenticationFailed);
    const plain = desEdeDecrypt(keys.kEnc, data.subarray(0, 32));
    const rndIfd = plain.subarray(0, 8);
    if (!equalBytes(plain.subarray(8, 16), access.rndIc)) return status(SW.authenticationFailed);
    const kIc = this.#random(16);
    const eIc = desEdeEncrypt(keys.kEnc, concat(access.rndIc, rndIfd, kIc));
    this.#access = { state: 'secure', channel: bacSession(plain.subarray(16, 32), kIc, access.rndIc, rndIfd) };
    return status(SW.ok, concat(eIc, retailMac(keys.kMac, eIc)));
  }

  #manageSecurityEnvironment(c: CommandApdu, secure: boolean): ResponseApdu {
    const data = c.data ?? empty;
    const p = (c.p1 << 8) | c.p2;
    if (p === 0xc1a4 && !secure) {
      const pace = this.#chip.pace;
      const protocol = findTlv(data, 0x80)?.value;
      const password = findTlv(data, 0x83)?.value;
      if (!pace || !protocol || !equalBytes(protocol, encodeOid(pace.protocol)) || password?.[0] !== 0x01) return status(SW.wrongData);
      this.#access = { state: 'pace', step: 0, domain: namedDomain(standardizedCurves[pace.parameterId!]!) };
      return status(SW.ok);
    }
    const ca = this.#chip.chipAuthentication;
    if (secure && ca && p === 0x41a4) return findTlv(data, 0x80) ? status(SW.ok) : status(SW.wrongData);
    if (secure && ca && p === 0x41a6) {
      const key = findTlv(data, 0x91)?.value;
      return key ? this.#agreeChipAuthentication(key) : status(SW.wrongData);
    }
    return status(SW.wrongP1P2);
  }

  /** Chip authentication, the chip's half (ICAO 9303-11 §6.2.4): new keys after this answer. */
  #agreeChipAuthentication(terminalPoint: Uint8Array): ResponseApdu {
    const ca = this.#chip.chipAuthentication!;
    const domain = namedDomain(ca.curve);
    const secret = xCoordinate(domain, decodePoint(domain, terminalPoint).multiply(ca.privateKey));
    this.#pendingChannel = chipAuthenticationSession(ca.cipher, secret);
    return status(SW.ok);
  }

  #chipAuthenticate(c: CommandApdu): ResponseApdu {
    const dynamic = readTlv(c.data ?? empty);
    const key = dynamic.tag === 0x7c ? findTlv(dynamic.value, 0x80)?.value : undefined;
    if (!key || !this.#chip.chipAuthentication) return status(SW.wrongData);
    const answer = this.#agreeChipAuthentication(key);
    return answer.sw === SW.ok ? status(SW.ok, tlv(0x7c)) : answer;
  }

  /** PACE generic mapping, the chip's half (ICAO 9303-11 §4.4.3). */
  #pace(c: CommandApdu): ResponseApdu {
    const access = this.#access;
    const pace = this.#chip.pace;
    if (access.state !== 'pace' || !pace) return status(SW.conditionsNotSatisfied);
    const dynamic = readTlv(c.data ?? empty);
    if (dynamic.tag !== 0x7c) return status(SW.wrongData);
    const inner = dynamic.value.length ? readTlv(dynamic.value) : undefined;
    const answer = (tag: number, value: Uint8Array) => status(SW.ok, tlv(0x7c, tlv(tag, value)));
    const { domain } = access;
    if (access.step === 0 && !inner) {
      const nonce = this.#random(nonceLength(pace.cipher));
      this.#access = { ...access, step: 1, nonce };
      return answer(0x80, encryptNonce(pace.cipher, paceKey(this.#chip.mrzKey, pace.cipher), nonce));
    }
    if (access.step === 1 && inner?.tag === 0x81) {
      const terminalMap = decodePoint(domain, inner.value);
      const mapKey = randomScalar(domain, this.#random);
      const mapPoint = domain.Point.BASE.multiply(mapKey);
      this.#access = { ...access, step: 2, generator: mapGenerator(domain, access.nonce!, terminalMap.multiply(mapKey)), mapPoint };
      return answer(0x82, encodePoint(mapPoint));
    }
    if (access.step === 2 && inner?.tag === 0x83) {
      const terminalKey = decodePoint(domain, inner.value);
      const own = randomScalar(domain, this.#random);
      const ownKey = access.generator!.multiply(own);
      const secret = xCoordinate(domain, terminalKey.multiply(own));
      this.#access = { ...access, step: 3, ownKey, terminalKey, kEnc: deriveKey(secret, kdfCounter.enc, pace.cipher), kMac: deriveKey(secret, kdfCounter.mac, pace.cipher) };
      return answer(0x84, encodePoint(ownKey));
    }
    if (access.step === 3 && inner?.tag === 0x85 && c.cla === 0x00) {
      const expected = authenticationToken(pace.cipher, access.kMac!, pace.protocol, access.ownKey!);
      if (!equalBytes(expected, inner.value)) {
        this.#access = { state: 'none' };
        return status(SW.authenticationFailed);
      }
      const token = authenticationToken(pace.cipher, access.kMac!, pace.protocol, access.terminalKey!);
      const cipher = sessionCipher(pace.cipher, access.kEnc!, access.kMac!);
      this.#access = { state: 'secure', channel: new SecureChannel(cipher, new Uint8Array(cipher.blockSize)) };
      return answer(0x86, token);
    }
    this.#access = { state: 'none' };
    return status(SW.conditionsNotSatisfied);
  }

  /** Active authentication: ECDSA over the challenge, r ‖ s (ICAO 9303-11 §6.1). */
  #internalAuthenticate(c: CommandApdu, secure: boolean): ResponseApdu {
    const aa = this.#chip.activeAuthentication;
    if (!secure) return status(SW.securityNotSatisfied);
    if (!aa || c.data?.length !== 8) return status(SW.wrongData);
    return status(SW.ok, new Uint8Array(sign('sha256', c.data, { key: aa.privateKey, dsaEncoding: 'ieee-p1363' })));
  }
}

