import { describe, expect, it } from 'vitest';
import { encodeCommand, parseCommand, parseResponse, encodeResponse } from '../../drivers/chip/apdu.ts';
import { bacKeys, bacSession, bacTerminalCryptogram, performBac } from '../../drivers/chip/access/bac.ts';
import { mrzInformation, parseMrzInformation } from '../../drivers/chip/access/mrz-information.ts';
import { hex, toHex } from '../../drivers/chip/bytes.ts';
import { desEdeDecrypt, desEdeEncrypt } from '../../drivers/chip/crypto/des.ts';
import { retailMac } from '../../drivers/chip/crypto/retail-mac.ts';
import { AccessDeniedError } from '../../drivers/chip/access/access-error.ts';

// ICAO Doc 9303 part 11, appendix D (worked example: BAC and secure messaging).
const specimen = { documentNumber: 'L898902C', birthDate: '690806', expiryDate: '940623' };
const rndIc = hex('4608F91988702212');
const rndIfd = hex('781723860C06C226');
const kIfd = hex('0B795240CB7049B01C19B33E32804F0B');
const kIc = hex('0B4F80323EB3191CB04970CB4052790B');

describe('BAC key derivation (ICAO 9303-11 D.2)', () => {
  it('builds MRZ_information from number, birth and expiry with their check digits', () => {
    expect(mrzInformation(specimen)).toBe('L898902C<369080619406236');
  });

  it('derives K_seed, K_enc and K_mac', () => {
    const keys = bacKeys(specimen);
    expect(toHex(keys.kSeed)).toBe('239AB9CB282DAF66231DC5A4DF6BFBAE');
    expect(toHex(keys.kEnc)).toBe('AB94FDECF2674FDFB9B391F85D7F76F2');
    expect(toHex(keys.kMac)).toBe('7962D9ECE03D1ACD4C76089DCE131543');
  });

  it('parses the CLI form and refuses a wrong check digit', () => {
    expect(parseMrzInformation('L898902C<3,6908061,9406236')).toEqual(specimen);
    expect(parseMrzInformation('L898902C<369080619406236')).toEqual(specimen);
    expect(() => parseMrzInformation('L898902C<4,6908061,9406236')).toThrow(/document number/);
    expect(() => parseMrzInformation('L898902C<3,6908062,9406236')).toThrow(/birth/);
  });
});

describe('BAC mutual authentication (ICAO 9303-11 D.3)', () => {
  const keys = bacKeys(specimen);

  it('computes the terminal cryptogram E_IFD ‖ M_IFD', () => {
    expect(toHex(bacTerminalCryptogram(keys, rndIc, rndIfd, kIfd))).toBe(
      '72C29C2371CC9BDB65B779B8E8D37B29ECC154AA56A8799FAE2F498F76ED92F2' + '5F1448EEA8AD90A7',
    );
  });

  it('derives the session keys and the send-sequence counter', () => {
    const channel = bacSession(kIfd, kIc, rndIc, rndIfd);
    expect(toHex(channel.ssc)).toBe('887022120C06C226');
    expect(channel.cipher.name).toBe('3des');
  });

  it('authenticates against a chip that answers as the example does, and refuses a wrong key', async () => {
    const chipAnswer = hex('46B9342A41396CD7386BF5803104D7CEDC122B9132139BAF2EEDC94EE178534F2F2D235D074D7449');
    // The chip side of the example: it must receive the example's cryptogram.
    const plain = desEdeDecrypt(keys.kEnc, chipAnswer.subarray(0, 32));
    expect(toHex(plain)).toBe(toHex(rndIc) + toHex(rndIfd) + toHex(kIc));
    expect(toHex(retailMac(keys.kMac, chipAnswer.subarray(0, 32)))).toBe(toHex(chipAnswer.subarray(32)));
    expect(toHex(desEdeEncrypt(keys.kEnc, plain))).toBe(toHex(chipAnswer.subarray(0, 32)));

    const random = (n: number) => (n === 8 ? rndIfd : kIfd);
    const chip = {
      async transmit(cmd: { ins: number; data?: Uint8Array }) {
        if (cmd.ins === 0x84) return { data: rndIc, sw: 0x9000 };
        return toHex(cmd.data!) === toHex(bacTerminalCryptogram(keys, rndIc, rndIfd, kIfd)) ? { data: chipAnswer, sw: 0x9000 } : { data: new Uint8Array(0), sw: 0x6300 };
      },
    };
    const channel = await performBac(chip, specimen, random);
    expect(toHex(channel.ssc)).toBe('887022120C06C226');
    await expect(performBac(chip, { ...specimen, birthDate: '690807' }, random)).rejects.toBeInstanceOf(AccessDeniedError);
  });
});

describe('secure messaging (ICAO 9303-11 D.4)', () => {
  const start = () => bacSession(kIfd, kIc, rndIc, rndIfd);

  it('protects SELECT EF.COM and checks the chip answer', () => {
    const terminal = start();
    const protectedSelect = terminal.protect({ cla: 0x00, ins: 0xa4, p1: 0x02, p2: 0x0c, data: hex('011E') });
    expect(toHex(encodeCommand(protectedSelect))).toBe('0CA4020C158709016375432908C044F68E08BF8B92D635FF24F800');
    const answer = terminal.unprotect(parseResponse(hex('990290008E08FA855A5D4C50A8ED9000')));
    expect(answer.sw).toBe(0x9000);
    expect(answer.data.length).toBe(0);
  });

  it('reads EF.COM in two protected READ BINARY commands', () => {
    const terminal = start();
    terminal.protect({ cla: 0, ins: 0xa4, p1: 2, p2: 0x0c, data: hex('011E') });
    terminal.unprotect(parseResponse(hex('990290008E08FA855A5D4C50A8ED9000')));
    const first = terminal.protect({ cla: 0, ins: 0xb0, p1: 0, p2: 0, le: 4 });
    expect(toHex(encodeCommand(first))).toBe('0CB000000D9701048E08ED6705417E96BA5500');
    const head = terminal.unprotect(parseResponse(hex('8709019FF0EC34F9922651990290008E08AD55CC17140B2DED9000')));
    expect(toHex(head.data)).toBe('60145F01');
    const rest = terminal.protect({ cla: 0, ins: 0xb0, p1: 0, p2: 4, le: 0x12 });
    expect(toHex(encodeCommand(rest))).toBe('0CB000040D9701128E082EA28A70F3C7B53500');
    const body = terminal.unprotect(parseResponse(hex('871901FB9235F4E4037F2327DCC8964F1F9B8C30F42C8E2FFF224A990290008E08C8B2787EAEA07D749000')));
    expect(toHex(body.data)).toBe('04303130365F36063034303030305C026175');
  });

  it('the chip side accepts the terminal command and its answer verifies at the terminal', () => {
    const terminal = start();
    const chip = start();
    const wire = encodeCommand(terminal.protect({ cla: 0, ins: 0xb0, p1: 0, p2: 0, le: 4 }));
    const opened = chip.unwrapCommand(parseCommand(wire));
    expect(opened).toMatchObject({ cla: 0, ins: 0xb0, p1: 0, p2: 0, le: 4 });
    const reply = chip.wrapResponse({ data: hex('60145F01'), sw: 0x9000 });
    expect(toHex(terminal.unprotect(parseResponse(encodeResponse(reply))).data)).toBe('60145F01');
  });

  it('refuses a response whose MAC was altered', () => {
    const terminal = start();
    terminal.protect({ cla: 0, ins: 0xa4, p1: 2, p2: 0x0c, data: hex('011E') });
    expect(() => terminal.unprotect(parseResponse(hex('990290008E08FA855A5D4C50A8EE9000')))).toThrow(/MAC/);
  });

  it('refuses a plain error status in place of a protected answer', () => {
    const terminal = start();
    terminal.protect({ cla: 0, ins: 0xb0, p1: 0, p2: 0, le: 4 });
    expect(() => terminal.unprotect({ data: new Uint8Array(0), sw: 0x6988 })).toThrow(/without secure messaging/);
  });
});
