import { describe, expect, it } from 'vitest';
import { paceKey, performPace, type PaceInfo } from '../../drivers/chip/access/pace.ts';
import { authenticationToken, decryptNonce, mapGenerator } from '../../drivers/chip/access/pace-math.ts';
import { mrzInformation } from '../../drivers/chip/access/mrz-information.ts';
import { concat, hex, toHex } from '../../drivers/chip/bytes.ts';
import { decodePoint, encodePoint, namedDomain, xCoordinate } from '../../drivers/chip/crypto/curves.ts';
import { deriveKey } from '../../drivers/chip/crypto/kdf.ts';
import { AccessDeniedError } from '../../drivers/chip/access/access-error.ts';
import { readTlv, tlv } from '../../drivers/chip/tlv.ts';
import { parseSecurityInfos, encodeSecurityInfos } from '../../drivers/chip/lds/security-infos.ts';

// ICAO Doc 9303 part 11, appendix G.1: PACE, ECDH generic mapping, brainpoolP256r1, AES-128.
const key = { documentNumber: 'T22000129', birthDate: '640812', expiryDate: '101031' };
const v = {
  encryptedNonce: '95A3A016522EE98D01E76CB6B98B42C3',
  nonce: '3F00C4D39D153F2B2A214A078D899B22',
  terminalMapKey: '7F4EF07B9EA82FD78AD689B38D0BC78CF21F249D953BC46F4C6E19259C010F99',
  chipMapPoint: '04824FBA91C9CBE26BEF53A0EBE7342A3BF178CEA9F45DE0B70AA601651FBA3F5730D8C879AAA9C9F73991E61B58F4D52EB87A0A0C709A49DC63719363CCD13C54',
  mappedGenerator: '048CED63C91426D4F0EB1435E7CB1D74A46723A0AF21C89634F65A9AE87A9265E28C879506743F8611AC33645C5B985C80B5F09A0B83407C1B6A4D857AE76FE522',
  terminalKey: 'A73FB703AC1436A18E0CFA5ABB3F7BEC7A070E7A6788486BEE230C4A22762595',
  terminalPoint: '042DB7A64C0355044EC9DF190514C625CBA2CEA48754887122F3A5EF0D5EDD301C3556F3B3B186DF10B857B58F6A7EB80F20BA5DC7BE1D43D9BF850149FBB36462',
  chipPoint: '049E880F842905B8B3181F7AF7CAA9F0EFB743847F44A306D2D28C1D9EC65DF6DB7764B22277A2EDDC3C265A9F018F9CB852E111B768B326904B59A0193776F094',
  secret: '28768D20701247DAE81804C9E780EDE582A9996DB4A315020B2733197DB84925',
  kEnc: 'F5F0E35C0D7161EE6724EE513A0D9A7F',
  kMac: 'FE251C7858B356B24514B3BD5F4297D1',
  terminalToken: 'C2B0BD78D94BA866',
  chipToken: '3ABB9674BCE93C08',
};
const info: PaceInfo = { kind: 'pace', protocol: '0.4.0.127.0.7.2.2.4.2.2', cipher: 'aes128', version: 2, parameterId: 13 };

describe('PACE generic mapping (ICAO 9303-11 G.1)', () => {
  const domain = namedDomain('brainpoolP256r1');

  it('derives K_π from the MRZ and decrypts the nonce', () => {
    expect(mrzInformation(key)).toBe('T22000129364081251010318');
    const kPi = paceKey(key, 'aes128');
    expect(toHex(kPi)).toBe('89DED1B26624EC1E634C1989302849DD');
    expect(toHex(decryptNonce('aes128', kPi, hex(v.encryptedNonce)))).toBe(v.nonce);
  });

  it('maps the generator, agrees the key and computes both tokens', () => {
    const shared = decodePoint(domain, hex(v.chipMapPoint)).multiply(BigInt(`0x${v.terminalMapKey}`));
    const generator = mapGenerator(domain, hex(v.nonce), shared);
    expect(toHex(encodePoint(generator))).toBe(v.mappedGenerator);
    expect(toHex(encodePoint(generator.multiply(BigInt(`0x${v.terminalKey}`))))).toBe(v.terminalPoint);
    const secret = xCoordinate(domain, decodePoint(domain, hex(v.chipPoint)).multiply(BigInt(`0x${v.terminalKey}`)));
    expect(toHex(secret)).toBe(v.secret);
    expect(toHex(deriveKey(secret, 1, 'aes128'))).toBe(v.kEnc);
    expect(toHex(deriveKey(secret, 2, 'aes128'))).toBe(v.kMac);
    expect(toHex(authenticationToken('aes128', hex(v.kMac), info.protocol, decodePoint(domain, hex(v.chipPoint))))).toBe(v.terminalToken);
    expect(toHex(authenticationToken('aes128', hex(v.kMac), info.protocol, decodePoint(domain, hex(v.terminalPoint))))).toBe(v.chipToken);
  });

  it('runs the whole exchange against a chip that answers as the example does', async () => {
    const sent: string[] = [];
    const chip = {
      async transmit(cmd: { cla: number; ins: number; data?: Uint8Array }) {
        sent.push(toHex(concat(Uint8Array.of(cmd.cla, cmd.ins), cmd.data ?? new Uint8Array(0))));
        if (cmd.ins === 0x22) return { data: new Uint8Array(0), sw: 0x9000 };
        const inner = readTlv(cmd.data!).value;
        const tag = inner.length ? readTlv(inner).tag : 0;
        const answer = (t: number, value: string) => ({ data: tlv(0x7c, tlv(t, hex(value))), sw: 0x9000 });
        if (tag === 0) return answer(0x80, v.encryptedNonce);
        if (tag === 0x81) return answer(0x82, v.chipMapPoint);
        if (tag === 0x83) return answer(0x84, v.chipPoint);
        return toHex(readTlv(inner).value) === v.terminalToken ? answer(0x86, v.chipToken) : { data: new Uint8Array(0), sw: 0x6300 };
      },
    };
    // The injected randomness yields the example's two terminal private keys.
    const scalars = [v.terminalMapKey, v.terminalKey];
    const random = (n: number) => concat(new Uint8Array(n - 32), hex(scalars.shift()!));
    const channel = await performPace(chip, key, info, random);
    expect(channel.cipher.name).toBe('aes128');
    expect(toHex(channel.ssc)).toBe('0'.repeat(32));
    expect(sent[0]).toBe('0022' + '800A04007F00070202040202' + '830101' + '84010D');
    expect(sent.slice(1, 4).every((s) => s.startsWith('1086'))).toBe(true);
    expect(sent[4]!.startsWith('0086')).toBe(true);

    const wrong = [v.terminalMapKey, v.terminalKey];
    const random2 = (n: number) => concat(new Uint8Array(n - 32), hex(wrong.shift()!));
    await expect(performPace(chip, { ...key, birthDate: '640813' }, info, random2)).rejects.toBeInstanceOf(AccessDeniedError);
  });
});

describe('SecurityInfos', () => {
  it('round-trips PACE, chip authentication and active authentication entries', () => {
    const infos = [
      info,
      { kind: 'chipAuthentication', protocol: '0.4.0.127.0.7.2.2.3.2.2', cipher: 'aes128', version: 1, keyId: 1 },
      { kind: 'activeAuthentication', version: 1, signatureAlgorithm: '1.2.840.10045.4.3.2' },
    ] as const;
    expect(parseSecurityInfos(encodeSecurityInfos(infos))).toEqual(infos);
  });
});
