import { concat } from '../bytes.ts';
import { aesCbcDecrypt, aesCbcEncrypt } from '../crypto/aes.ts';
import { aesCmac } from '../crypto/cmac.ts';
import { desEdeDecrypt, desEdeEncrypt } from '../crypto/des.ts';
import { encodePoint, type EcDomain, type EcPoint } from '../crypto/curves.ts';
import type { CipherName } from '../crypto/kdf.ts';
import { retailMac } from '../crypto/retail-mac.ts';
import { oidContent } from '../oid.ts';
import { tlv } from '../tlv.ts';

/** The pieces of PACE both ends compute (ICAO 9303-11 §4.4), shared by the terminal and the emulated chip. */

/** The nonce is encrypted under K_π in CBC mode with a zero IV (§4.4.3.3.1). */
export function encryptNonce(cipher: CipherName, kPi: Uint8Array, nonce: Uint8Array): Uint8Array {
  return cipher === '3des' ? desEdeEncrypt(kPi, nonce) : aesCbcEncrypt(kPi, new Uint8Array(16), nonce);
}

export function decryptNonce(cipher: CipherName, kPi: Uint8Array, encrypted: Uint8Array): Uint8Array {
  return cipher === '3des' ? desEdeDecrypt(kPi, encrypted) : aesCbcDecrypt(kPi, new Uint8Array(16), encrypted);
}

/** Nonce length: one block of the cipher (§4.4.3.3.1). */
export function nonceLength(cipher: CipherName): number {
  return cipher === '3des' ? 8 : 16;
}

/** Generic mapping (§4.4.3.3.2): G' = s·G + H, H the ECDH point of the two mapping keys. */
export function mapGenerator(domain: EcDomain, nonce: Uint8Array, shared: EcPoint): EcPoint {
  const s = BigInt(`0x${Buffer.from(nonce).toString('hex')}`) % domain.Point.Fn.ORDER;
  return domain.Point.BASE.multiply(s).add(shared);
}

/** Public key data object 7F49 {06 protocol OID, 86 point} that the authentication tokens cover (§4.4.3.4, §9.4.2). */
export function publicKeyDataObject(protocol: string, point: EcPoint): Uint8Array {
  return tlv(0x7f49, tlv(0x06, oidContent(protocol)), tlv(0x86, encodePoint(point)));
}

/** Authentication token T = MAC(KS_mac, public key data object), 8 bytes. */
export function authenticationToken(cipher: CipherName, kMac: Uint8Array, protocol: string, point: EcPoint): Uint8Array {
  const data = publicKeyDataObject(protocol, point);
  return cipher === '3des' ? retailMac(kMac, data) : aesCmac(kMac, data).subarray(0, 8);
}

/** MSE:Set AT data for PACE with the MRZ as password (§4.4.4.1): 80 protocol, 83 password 01, 84 parameter. */
export function mseSetAtData(protocol: string, parameterId: number | undefined): Uint8Array {
  return concat(tlv(0x80, oidContent(protocol)), tlv(0x83, Uint8Array.of(0x01)), parameterId === undefined ? new Uint8Array(0) : tlv(0x84, Uint8Array.of(parameterId)));
}
