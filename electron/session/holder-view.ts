import type { HolderView } from '../contract/index.ts';
import type { MrzResult } from '../../drivers/mrz/index.ts';
import { maskDocumentNumber } from '../log/mask.ts';

/** Document code → the kind of document the UI names (docs/mrz-formats.md §1.7 and §3.0). */
export function documentKind(code: string): HolderView['documentKind'] {
  if (code === 'CS' || code === 'CD') return 'exitEntryPermit';
  if (code === 'CR' || code === 'CT' || code === 'C<' || code === 'C') return 'travelPermit';
  if (code.startsWith('P')) return 'passport';
  if (code.startsWith('V')) return 'visa';
  if (/^[ACI]/.test(code)) return 'idCard';
  return 'other';
}

/** What leaves the host for the holder screen: names in full (the holder confirms them), number masked. */
const confirmable = new Set<HolderView['confirm'][number]>(['surname', 'givenNames', 'nationality', 'sex', 'issuer', 'documentCode']);

export function holderView(document: MrzResult, confirm: readonly string[] = []): HolderView {
  const code = (document.documentCode ?? '').replace(/<+$/, '') || (document.documentCode ?? '');
  return {
    surname: document.surname ?? '',
    givenNames: document.givenNames ?? '',
    nameChinese: document.nameChinese ?? null,
    documentCode: code,
    documentKind: documentKind(document.documentCode ?? ''),
    documentNumberMasked: maskDocumentNumber(document.documentNumber ?? ''),
    nationality: document.nationality ?? document.issuer ?? '',
    issuer: document.issuer ?? '',
    expiryDate: document.expiryDate ?? null,
    expired: document.expired === true,
    confirm: confirm.filter((f): f is HolderView['confirm'][number] => confirmable.has(f as HolderView['confirm'][number])),
  };
}
