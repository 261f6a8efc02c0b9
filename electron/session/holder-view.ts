import type { DocumentKind, HolderView } from '../contract/index.ts';
import type { MrzResult } from '../../drivers/mrz/index.ts';
import { maskDocumentNumber } from '../log/mask.ts';

/** The MRZ engine's document kinds (drivers/mrz/interpret.ts) as the UI names them. */
const engineKinds: Readonly<Record<string, DocumentKind>> = {
  'prc-passport': 'prcPassport',
  'hksar-passport': 'hksarPassport',
  'roc-passport': 'rocPassport',
  'cn-exit-entry-permit-hk-macao': 'exitEntryPermitHkMacao',
  'cn-exit-entry-permit-taiwan': 'exitEntryPermitTaiwan',
  'cn-mainland-travel-permit-hk-macao': 'homeReturnPermit',
  'cn-home-return-permit-1999': 'homeReturnPermit',
  'cn-mainland-travel-permit-taiwan': 'taiwanPermit',
};

/**
 * The kind of document to name on screen: what the MRZ engine recognised (docs/mrz-formats.md §3), else the
 * document code (§1.7). A passport issued by `MAC` is named a Macao SAR passport (§3.8: `MAC` is accepted as
 * its issuer); this names the document, it decides nothing about residency.
 */
export function documentKind(code: string, engineKind: string | null = null, issuer: string | null = null): DocumentKind {
  const known = engineKind ? engineKinds[engineKind] : undefined;
  if (known) return known;
  if (code === 'CS') return 'exitEntryPermitHkMacao';
  if (code === 'CD') return 'exitEntryPermitTaiwan';
  if (code === 'CR' || code === 'C<' || code === 'C') return 'homeReturnPermit';
  if (code === 'CT') return 'taiwanPermit';
  if (code.startsWith('P')) return issuer === 'MAC' ? 'macaoSarPassport' : 'passport';
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
    documentKind: documentKind(document.documentCode ?? '', document.documentKind ?? null, document.issuer ?? null),
    documentNumberMasked: maskDocumentNumber(document.documentNumber ?? ''),
    nationality: document.nationality ?? document.issuer ?? '',
    issuer: document.issuer ?? '',
    expiryDate: document.expiryDate ?? null,
    expired: document.expired === true,
    confirm: confirm.filter((f): f is HolderView['confirm'][number] => confirmable.has(f as HolderView['confirm'][number])),
  };
}
