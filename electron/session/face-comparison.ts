import type { MrzResult } from '../../drivers/mrz/index.ts';
import type { Result } from '../../drivers/result.ts';

/**
 * One face comparison (docs/china-rules.md §3: only with the traveller's consent): a live capture against the
 * holder of `document`. `reference` is the holder's photo read from the document's chip, when passive
 * authentication verified it (docs/chip.md "In the kiosk"): the platform may compare against it as well as its
 * own record. Images are sent once and kept nowhere.
 */
export interface FaceQuery {
  readonly document: MrzResult;
  /** The live capture, JPEG. */
  readonly image: Uint8Array;
  /** The chip's DG2 photo, JPEG, when the chip was verified. */
  readonly reference?: Uint8Array;
}

/** Never rejects; answers `match` only from the platform's own decision. */
export type FaceComparison = (query: FaceQuery, signal: AbortSignal) => Promise<Result<{ readonly match: boolean }, { readonly reason: string }>>;
