import type { DeviceStatus, Unsubscribe } from '../../drivers/device.ts';
import type { RoomKeyGrant } from './hotel-pms.ts';

/**
 * Port to a key-card encoder or dispenser (docs/hotel.md §2: VingCard Visionline, dormakaba
 * Saflok/Ambiance, or a dispenser that encodes; CUSS DS_TYPES_VING/SAFLOK/...).
 *
 * Guarantees every adapter keeps:
 * - `status()` follows drivers/device.ts: `unavailable` with code MEDIA_EMPTY when the card stock is empty,
 *   `busy` while encoding; every change is sent to `onStatus` listeners.
 * - `encode` writes cards one at a time and resolves with every card dispensed, also when it stops early
 *   (stock ran out mid-request): the caller can tell the guest how many cards they got. It never throws for a
 *   device problem, and refuses a second request while one is running (`busy`).
 * - Cards are valid from `validFrom` until `validUntil` (checkout time on the departure date).
 */
export interface KeyEncoder {
  readonly id: string;
  status(): DeviceStatus;
  onStatus(listener: (status: DeviceStatus) => void): Unsubscribe;
  encode(request: KeyEncodeRequest): Promise<KeyEncodeResult>;
}

export interface KeyEncodeRequest {
  readonly roomNumber: string;
  /** 1..4 */
  readonly count: number;
  readonly validFrom: string;
  readonly validUntil: string;
  /** Door-lock data from the PMS (RoomKeyGrant.keyData). */
  readonly keyData: string;
}

export interface EncodedCard {
  readonly serial: string;
  readonly roomNumber: string;
  readonly validUntil: string;
}

export type KeyEncodeErrorCode = 'stock-empty' | 'busy' | 'unavailable' | 'invalid-request' | 'hardware-error';

export type KeyEncodeResult =
  | { readonly ok: true; readonly cards: readonly EncodedCard[] }
  | { readonly ok: false; readonly error: { readonly code: KeyEncodeErrorCode; readonly message: string }; readonly cards: readonly EncodedCard[] };

/** What the PMS granted, as an encoder request (OHIP roomKey → encoder). */
export function keyRequestFromGrant(grant: RoomKeyGrant): KeyEncodeRequest {
  return {
    roomNumber: grant.roomNumber,
    count: grant.noOfKeys,
    validFrom: grant.keyValidityStart,
    validUntil: grant.keyValidityEnd,
    keyData: grant.keyData,
  };
}
