import type { DeviceStatus, Unsubscribe } from '../device.ts';
import { ChipProtocolError } from './bytes.ts';

/** Lifecycle events of a contactless chip reader (CUSS 2 vocabulary, as the other devices use it). */
export type ChipReaderEvent =
  | { readonly type: 'status'; readonly status: DeviceStatus }
  | { readonly type: 'cardPresent' }
  | { readonly type: 'cardRemoved' };

/** One card in the field, opened for exchanges. */
export interface CardConnection {
  readonly atr: Uint8Array;
  /** One APDU out, its answer back. Rejects with CardRemovedError when the card left the field. */
  transmit(apdu: Uint8Array): Promise<Uint8Array>;
  /** Releases the card; idempotent. */
  close(): Promise<void>;
}

/** No card is in the reader's field. */
export class NoCardError extends ChipProtocolError {}

/**
 * A PC/SC-style contactless reader (the chip half of a passport reader). Guarantees every adapter keeps
 * (test/chip/chip-reader.contract.ts):
 * - `start()` resolves once the first attempt to reach the reader has finished; absence (no reader, no PC/SC
 *   service) is a status (`unavailable`), never a rejection, and the adapter keeps looking until `stop()`.
 * - A `status` event on every change; `status()` returns the latest.
 * - `cardPresent` when a card enters the field, `cardRemoved` when it leaves; `cardPresent()` tells the
 *   current state.
 * - `connect()` resets the card (a fresh session, no keys left from an earlier read) and resolves with it, or
 *   rejects with NoCardError; its `transmit` rejects with CardRemovedError once the card is gone.
 * - After `stop()` resolves no further events are emitted.
 */
export interface ChipReader {
  readonly id: string;
  status(): DeviceStatus;
  cardPresent(): boolean;
  start(): Promise<void>;
  stop(): Promise<void>;
  subscribe(listener: (event: ChipReaderEvent) => void): Unsubscribe;
  connect(): Promise<CardConnection>;
}
