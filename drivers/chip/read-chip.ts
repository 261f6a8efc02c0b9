import { SW } from './apdu.ts';
import { performBac, systemRandom, type RandomBytes } from './access/bac.ts';
import type { MrzKey } from './access/mrz-information.ts';
import { PaceUnavailableError, performPace, type PaceInfo } from './access/pace.ts';
import { performActiveAuthentication } from './auth/active-authentication.ts';
import { chipAuthenticationKey, performChipAuthentication } from './auth/chip-authentication.ts';
import { CardChannel, type ApduTransport } from './card-channel.ts';
import { ChipProtocolError } from './bytes.ts';
import { parseDg1, sameMrz } from './lds/dg1.ts';
import { parseDg11, parseDg12, type Dg11, type Dg12 } from './lds/dg11-dg12.ts';
import { parseDg2, type FaceImage } from './lds/dg2-face.ts';
import { parseEfCom } from './lds/ef-com.ts';
import { cardAccessFid, fileInfo, ldsAid } from './lds/files.ts';
import { FileNotFoundError, readFile } from './lds/read-file.ts';
import { parseSecurityInfos, type SecurityInfo } from './lds/security-infos.ts';
import { readTlv } from './tlv.ts';
import { passiveAuthentication, type PassiveAuthResult } from './trust/passive-auth.ts';
import type { TrustStore } from './trust/trust-store.ts';

export type ChipCheck = 'passed' | 'failed' | 'not-supported';

/** Why a chip that could be read is not accepted; the order is the order of severity for the traveller's message. */
export type ChipRefusal = 'cloned-chip' | 'data-altered' | 'mrz-mismatch' | 'untrusted-issuer' | 'certificate-expired' | 'certificate-revoked' | 'signature-invalid';

export interface ChipReadResult {
  readonly access: 'pace' | 'bac';
  /** DG1's MRZ lines; empty when the chip failed chip authentication and nothing more was read. */
  readonly mrz: readonly string[];
  /** DG2's first face; absent when the chip failed chip authentication. */
  readonly face?: FaceImage;
  readonly dg11?: Dg11;
  readonly dg12?: Dg12;
  readonly dataGroups: readonly number[];
  readonly passive: PassiveAuthResult;
  readonly chipAuthentication: ChipCheck;
  readonly activeAuthentication: ChipCheck;
  /** Whether DG1 equals the MRZ read from the page; undefined when no page MRZ was given. */
  readonly mrzMatchesPage?: boolean;
  readonly verified: boolean;
  /** Every reason the chip is not accepted, most serious first; empty when verified. */
  readonly refusals: readonly ChipRefusal[];
  readonly apdus: number;
}

export interface ReadChipOptions {
  readonly key: MrzKey;
  readonly printedMrz?: readonly string[];
  readonly trust: TrustStore;
  readonly now: Date;
  readonly extendedLength: boolean;
  readonly random?: RandomBytes;
}

const optionalGroups = [11, 12, 15] as const;

async function readCardAccess(channel: CardChannel): Promise<PaceInfo | undefined> {
  try {
    const infos = parseSecurityInfos(await readFile(channel, cardAccessFid));
    return infos.find((i): i is PaceInfo => i.kind === 'pace' && i.parameterId !== undefined);
  } catch (error) {
    if (error instanceof FileNotFoundError || error instanceof ChipProtocolError) return undefined;
    throw error;
  }
}

async function selectApplication(channel: CardChannel): Promise<void> {
  const r = await channel.transmit({ cla: 0, ins: 0xa4, p1: 0x04, p2: 0x0c, data: ldsAid });
  if (r.sw !== SW.ok) throw new ChipProtocolError(`the chip has no eMRTD application (${r.sw.toString(16).toUpperCase()})`);
}

/**
 * Reads and checks one eMRTD chip (docs/chip.md "Protocol steps"): PACE where EF.CardAccess offers it, else BAC;
 * EF.COM, EF.SOD and DG14 first, chip authentication, then DG1, DG2 and the optional groups, active
 * authentication, passive authentication and the comparison with the printed MRZ. Rejects with
 * AccessDeniedError (wrong key), CardRemovedError (card gone) or ChipProtocolError (chip broke the protocol).
 */
export async function readChip(transport: ApduTransport, options: ReadChipOptions): Promise<ChipReadResult> {
  const random = options.random ?? systemRandom;
  const channel = new CardChannel(transport, options.extendedLength);
  const pace = await readCardAccess(channel);
  let access: 'pace' | 'bac' = 'bac';
  if (pace) {
    try {
      channel.useSecureChannel(await performPace(channel, options.key, pace, random));
      access = 'pace';
      await selectApplication(channel);
    } catch (error) {
      if (!(error instanceof PaceUnavailableError)) throw error;
    }
  }
  if (access === 'bac') {
    await selectApplication(channel);
    channel.useSecureChannel(await performBac(channel, options.key, random));
  }

  const files = new Map<number, Uint8Array>();
  const com = parseEfCom(await readFile(channel, fileInfo('COM').fid));
  const sod = await readFile(channel, fileInfo('SOD').fid);
  let dg14Infos: SecurityInfo[] = [];
  let chipAuthentication: ChipCheck = 'not-supported';
  if (com.dataGroups.includes(14)) {
    const dg14 = await readFile(channel, fileInfo('DG14').fid);
    files.set(14, dg14);
    dg14Infos = parseSecurityInfos(readTlv(dg14).value);
    const caKey = chipAuthenticationKey(dg14Infos);
    if (caKey) chipAuthentication = await performChipAuthentication(channel, caKey, random);
  }
  const readable = chipAuthentication !== 'failed';
  if (readable) {
    for (const n of [1, 2, ...optionalGroups.filter((g) => com.dataGroups.includes(g))]) {
      files.set(n, await readFile(channel, fileInfo(`DG${n}`).fid));
    }
  }
  let activeAuthentication: ChipCheck = 'not-supported';
  const dg15 = files.get(15);
  if (readable && dg15) {
    const aaInfo = dg14Infos.find((i) => i.kind === 'activeAuthentication');
    activeAuthentication = await performActiveAuthentication(channel, readTlv(dg15).value, aaInfo?.kind === 'activeAuthentication' ? aaInfo.signatureAlgorithm : undefined, random);
  }

  const passive = passiveAuthentication(sod, files, options.trust, options.now);
  const dg1 = files.get(1);
  const dg2 = files.get(2);
  if (!dg1 || !dg2) {
    // Chip authentication failed: its session keys are unknown, so nothing more can be read from it.
    const refusals = refusalsOf(passive, chipAuthentication, activeAuthentication, undefined);
    return { access, mrz: [], dataGroups: com.dataGroups, passive, chipAuthentication, activeAuthentication, verified: false, refusals, apdus: channel.exchanges };
  }
  const mrz = parseDg1(dg1);
  const mrzMatchesPage = options.printedMrz ? sameMrz(options.printedMrz, mrz) : undefined;
  const dg11 = files.get(11);
  const dg12 = files.get(12);
  const refusals = refusalsOf(passive, chipAuthentication, activeAuthentication, mrzMatchesPage);
  return {
    access,
    mrz,
    face: parseDg2(dg2),
    ...(dg11 ? { dg11: parseDg11(dg11) } : {}),
    ...(dg12 ? { dg12: parseDg12(dg12) } : {}),
    dataGroups: com.dataGroups,
    passive,
    chipAuthentication,
    activeAuthentication,
    ...(mrzMatchesPage !== undefined ? { mrzMatchesPage } : {}),
    verified: refusals.length === 0,
    refusals,
    apdus: channel.exchanges,
  };
}

export function refusalsOf(passive: PassiveAuthResult, ca: ChipCheck, aa: ChipCheck, mrzMatchesPage: boolean | undefined): ChipRefusal[] {
  const out = new Set<ChipRefusal>();
  if (ca === 'failed' || aa === 'failed') out.add('cloned-chip');
  for (const f of passive.failures) {
    if (f.code === 'hash-mismatch' || f.code === 'data-group-not-signed') out.add('data-altered');
  }
  if (mrzMatchesPage === false) out.add('mrz-mismatch');
  for (const f of passive.failures) {
    if (f.code === 'untrusted-issuer' || f.code === 'no-document-signer') out.add('untrusted-issuer');
    if (f.code === 'certificate-expired' || f.code === 'certificate-not-yet-valid') out.add('certificate-expired');
    if (f.code === 'certificate-revoked') out.add('certificate-revoked');
    if (f.code === 'sod-signature-invalid' || f.code === 'sod-unreadable') out.add('signature-invalid');
  }
  return [...out];
}
