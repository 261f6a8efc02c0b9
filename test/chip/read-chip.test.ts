import { beforeAll, describe, expect, it } from 'vitest';
import { AccessDeniedError } from '../../drivers/chip/access/access-error.ts';
import { CardRemovedError, type ApduTransport } from '../../drivers/chip/card-channel.ts';
import { readChip } from '../../drivers/chip/read-chip.ts';
import { EmulatorTransport } from '../../drivers/chip/sim/emulator-transport.ts';
import { clone, withAlteredDataGroup } from '../../drivers/chip/sim/personalise.ts';
import { createCsca } from '../../drivers/chip/sim/test-pki.ts';
import { createCrl } from '../../drivers/chip/sim/test-pki.ts';
import { trustStore } from '../../drivers/chip/trust/trust-store.ts';
import { emulator, key, now, printedMrz, random, testDocument, type TestDocument } from './support/documents.ts';

const read = (transport: ApduTransport, doc: TestDocument, extra: { printedMrz?: readonly string[]; trust?: TestDocument['trust']; key?: typeof key } = {}) =>
  readChip(transport, { key: extra.key ?? key, printedMrz: extra.printedMrz ?? doc.mrz, trust: extra.trust ?? doc.trust, now, extendedLength: false, random });

describe('reading a chip (emulated, in process)', () => {
  let genuine: TestDocument;
  beforeAll(async () => {
    genuine = await testDocument();
  });

  it('verifies a genuine document: PACE, every data group, passive, chip and active authentication, page MRZ', async () => {
    const result = await read(new EmulatorTransport(emulator(genuine.chip)), genuine);
    expect(result.access).toBe('pace');
    expect(result.verified).toBe(true);
    expect(result.refusals).toEqual([]);
    expect(result.passive.ok).toBe(true);
    expect(result.passive.dataGroups).toEqual({ 1: 'match', 2: 'match', 11: 'match', 12: 'match', 14: 'match', 15: 'match' });
    expect(result.chipAuthentication).toBe('passed');
    expect(result.activeAuthentication).toBe('passed');
    expect(result.mrzMatchesPage).toBe(true);
    expect(result.mrz).toEqual(genuine.mrz);
    expect(result.face?.format).toBe('jpeg2000');
    expect(result.dg11?.fullName).toBe('ERIKSSON<<ANNA MARIA');
    expect(result.dg12?.issuingAuthority).toBe('UTOPIA PASSPORT OFFICE');
  });

  it('falls back to BAC on a chip without EF.CardAccess, and reads with extended length where announced', async () => {
    const doc = await testDocument({ pace: false });
    const short = await read(new EmulatorTransport(emulator(doc.chip)), doc);
    expect(short.access).toBe('bac');
    expect(short.verified).toBe(true);
    const long = await readChip(new EmulatorTransport(emulator(doc.chip)), { key, printedMrz: doc.mrz, trust: doc.trust, now, extendedLength: true, random });
    expect(long.verified).toBe(true);
    expect(long.apdus).toBeLessThan(short.apdus);
  });

  it('runs PACE with 3DES and chip authentication with 3DES (MSE:Set KAT)', async () => {
    const doc = await testDocument({ pace: { parameterId: 12, cipher: '3des' }, chipAuthentication: { curve: 'prime256v1', cipher: '3des' } });
    const result = await read(new EmulatorTransport(emulator(doc.chip)), doc);
    expect(result.access).toBe('pace');
    expect(result.chipAuthentication).toBe('passed');
    expect(result.verified).toBe(true);
  });

  it('refuses an altered DG2: its hash does not match the SOD', async () => {
    const altered = withAlteredDataGroup(genuine.chip, 2, (bytes) => {
      const copy = Uint8Array.from(bytes);
      copy[copy.length - 10] = (copy[copy.length - 10] as number) ^ 0xff;
      return copy;
    });
    const result = await read(new EmulatorTransport(emulator(altered)), genuine);
    expect(result.verified).toBe(false);
    expect(result.refusals).toEqual(['data-altered']);
    expect(result.passive.dataGroups[2]).toBe('mismatch');
    expect(result.passive.dataGroups[1]).toBe('match');
  });

  it('refuses a SOD signed under a CSCA the venue does not trust', async () => {
    const other = await createCsca('UTO', now, random, 'Forged CSCA');
    const result = await read(new EmulatorTransport(emulator(genuine.chip)), genuine, { trust: trustStore([other.certificate]) });
    expect(result.verified).toBe(false);
    expect(result.refusals).toEqual(['untrusted-issuer']);
    expect(result.passive.failures.map((f) => f.code)).toEqual(['untrusted-issuer']);
  });

  it('refuses a document signer certificate that has expired', async () => {
    const doc = await testDocument({}, { notBefore: new Date('2020-01-01T00:00:00Z'), notAfter: new Date('2025-01-01T00:00:00Z') });
    const result = await read(new EmulatorTransport(emulator(doc.chip)), doc);
    expect(result.verified).toBe(false);
    expect(result.refusals).toEqual(['certificate-expired']);
  });

  it('refuses a document signer its CSCA has revoked, and accepts it under a CRL that does not list it', async () => {
    const revoked = trustStore([genuine.pki.csca.certificate], [await createCrl(genuine.pki.csca, now, [genuine.pki.documentSigner.certificate.serialNumber])]);
    const listed = await read(new EmulatorTransport(emulator(genuine.chip)), genuine, { trust: revoked });
    expect(listed.refusals).toEqual(['certificate-revoked']);
    const clean = trustStore([genuine.pki.csca.certificate], [await createCrl(genuine.pki.csca, now, ['0badc0de'])]);
    const fine = await read(new EmulatorTransport(emulator(genuine.chip)), genuine, { trust: clean });
    expect(fine.verified).toBe(true);
    expect(fine.passive.revocation).toBe('good');
  });

  it('refuses a cloned chip: same files, no private keys, so chip authentication fails', async () => {
    const result = await read(new EmulatorTransport(emulator(clone(genuine.chip))), genuine);
    expect(result.verified).toBe(false);
    expect(result.chipAuthentication).toBe('failed');
    expect(result.refusals).toContain('cloned-chip');
    expect(result.face).toBeUndefined();
  });

  it('refuses a cloned chip without chip authentication through active authentication', async () => {
    const doc = await testDocument({ chipAuthentication: false });
    const result = await read(new EmulatorTransport(emulator(clone(doc.chip))), doc);
    expect(result.chipAuthentication).toBe('not-supported');
    expect(result.activeAuthentication).toBe('failed');
    expect(result.refusals).toEqual(['cloned-chip']);
  });

  it('refuses a page whose MRZ differs from DG1 (an altered data page)', async () => {
    const result = await read(new EmulatorTransport(emulator(genuine.chip)), genuine, { printedMrz: printedMrz({ surname: 'ERIKSEN' }) });
    expect(result.verified).toBe(false);
    expect(result.mrzMatchesPage).toBe(false);
    expect(result.refusals).toEqual(['mrz-mismatch']);
  });

  it('rejects a wrong access key with AccessDeniedError, for PACE and for BAC', async () => {
    const wrong = { ...key, birthDate: '740813' };
    await expect(read(new EmulatorTransport(emulator(genuine.chip)), genuine, { key: wrong })).rejects.toBeInstanceOf(AccessDeniedError);
    const bacOnly = await testDocument({ pace: false });
    await expect(read(new EmulatorTransport(emulator(bacOnly.chip)), bacOnly, { key: wrong })).rejects.toMatchObject({ protocol: 'bac' });
  });

  it('rejects with CardRemovedError when the card is pulled mid-read, and a second read succeeds', async () => {
    const chip = emulator(genuine.chip);
    const transport = new EmulatorTransport(chip);
    let sent = 0;
    const pulling: ApduTransport = {
      transmit: (apdu) => {
        if (++sent === 30) transport.remove();
        return transport.transmit(apdu);
      },
    };
    await expect(read(pulling, genuine)).rejects.toBeInstanceOf(CardRemovedError);
    const retry = await read(new EmulatorTransport(chip), genuine);
    expect(retry.verified).toBe(true);
  });
});
