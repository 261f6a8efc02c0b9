/**
 * Vocabulary shared by every device port. Mirrors CUSS 2 (docs/devices.md §2.3 ComponentState /
 * MessageCodes, §1.12 lifecycle events) so the session never cares which device is attached.
 */

/** CUSS-like component state. `unavailable` always carries a reason a member of staff can act on. */
export type DeviceStatus =
  | { readonly state: 'available' }
  | { readonly state: 'busy' }
  | { readonly state: 'unavailable'; readonly reason: string; readonly code: DeviceFaultCode };

/** Subset of CUSS MessageCodes that our adapters report. */
export type DeviceFaultCode =
  | 'NOT_REACHABLE' // not plugged in / cannot be opened
  | 'NOT_RESPONDING'
  | 'HARDWARE_ERROR'
  | 'SOFTWARE_ERROR'
  | 'FORMAT_ERROR' // e.g. keyboard-wedge device, unsupported mode
  | 'MEDIA_EMPTY' // paper out, card stock empty
  | 'MEDIA_JAMMED';

export const available: DeviceStatus = { state: 'available' };
export const busy: DeviceStatus = { state: 'busy' };
export function unavailable(reason: string, code: DeviceFaultCode = 'NOT_REACHABLE'): DeviceStatus {
  return { state: 'unavailable', reason, code };
}

/** A typed error a device reports without stopping (bad frame, garbage, overflow ...). */
export interface DeviceError {
  readonly code: string;
  readonly message: string;
}

export type Unsubscribe = () => void;
