import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { encodeMasterList } from '../../drivers/chip/sim/lds-builder.ts';
import { createCrl, createCsca, createDocumentSigner } from '../../drivers/chip/sim/test-pki.ts';
import { readMasterList } from '../../drivers/chip/trust/master-list.ts';
import { loadTrustStore } from '../../drivers/chip/trust/load-trust-store.ts';
import { now, random } from './support/documents.ts';

describe('trust store', () => {
  it('loads CSCA certificates, CRLs and a verified master list from a directory, and reports what it left out', async () => {
    const uto = await createCsca('UTO', now, random);
    const cscaA = await createCsca('CHN', now, random, 'Test CSCA A');
    const cscaB = await createCsca('PRT', now, random, 'Test CSCA B');
    const listSigner = await createDocumentSigner(cscaA, 'CHN', now, random);
    const dir = mkdtempSync(join(tmpdir(), 'passage-trust-'));
    writeFileSync(join(dir, 'uto.pem'), uto.certificate.toString('pem'));
    writeFileSync(join(dir, 'uto.crl'), Buffer.from((await createCrl(uto, now, [])).rawData));
    writeFileSync(join(dir, 'icao.ml'), encodeMasterList([cscaA.certificate, cscaB.certificate], listSigner));
    writeFileSync(join(dir, 'broken.der'), 'not a certificate');
    const loaded = await loadTrustStore(dir);
    expect(loaded.store.cscas.map((c) => c.subject).sort()).toEqual([uto, cscaA, cscaB].map((c) => c.certificate.subject).sort());
    expect(loaded.store.crls).toHaveLength(1);
    expect(loaded.rejected.map((r) => r.file)).toEqual(['broken.der']);
  });

  it('refuses a master list whose signer no listed CSCA issued, and one whose bytes were changed', async () => {
    const csca = await createCsca('CHN', now, random, 'Listed');
    const outsider = await createCsca('CHN', now, random, 'Outsider');
    const signer = await createDocumentSigner(outsider, 'CHN', now, random);
    expect(() => readMasterList(encodeMasterList([csca.certificate], signer))).toThrow(/signer is not issued/);
    const good = encodeMasterList([csca.certificate], await createDocumentSigner(csca, 'CHN', now, random));
    expect(readMasterList(good)).toHaveLength(1);
    const tampered = Uint8Array.from(good);
    tampered[200] = (tampered[200] as number) ^ 0x01;
    expect(() => readMasterList(tampered)).toThrow();
  });
});
