import 'reflect-metadata';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { X509Certificate, X509Crl } from '@peculiar/x509';
import { readMasterList } from './master-list.ts';
import { trustStore, type TrustStore } from './trust-store.ts';

export interface LoadedTrustStore {
  readonly store: TrustStore;
  /** Files that were not used, with why (for the maintenance screen and the log; no personal data). */
  readonly rejected: readonly { readonly file: string; readonly reason: string }[];
}

/**
 * Loads a venue's trust store directory (docs/chip.md "Passive authentication and the trust store"): CSCA certificates as `.pem`, `.crt`,
 * `.cer` or `.der`, revocation lists as `.crl`, and ICAO master lists as `.ml`. A file that does not parse or
 * (a master list) does not verify is reported and left out; it never makes the store trust more.
 */
export async function loadTrustStore(dir: string): Promise<LoadedTrustStore> {
  const cscas: X509Certificate[] = [];
  const crls: X509Crl[] = [];
  const lists: { file: string; der: Uint8Array }[] = [];
  const rejected: { file: string; reason: string }[] = [];
  for (const file of (await readdir(dir)).sort()) {
    const path = join(dir, file);
    const ext = file.toLowerCase().split('.').pop() ?? '';
    try {
      const bytes = await readFile(path);
      if (['pem', 'crt', 'cer', 'der'].includes(ext)) cscas.push(new X509Certificate(bytes.toString('latin1').includes('-----BEGIN') ? bytes.toString('latin1') : bytes));
      else if (ext === 'crl') crls.push(new X509Crl(bytes.toString('latin1').includes('-----BEGIN') ? bytes.toString('latin1') : bytes));
      else if (ext === 'ml') lists.push({ file, der: new Uint8Array(bytes) });
    } catch (error) {
      rejected.push({ file, reason: (error as Error).message });
    }
  }
  for (const { file, der } of lists) {
    try {
      cscas.push(...readMasterList(der, cscas));
    } catch (error) {
      rejected.push({ file, reason: (error as Error).message });
    }
  }
  return { store: trustStore(cscas, crls), rejected };
}
