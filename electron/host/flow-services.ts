import type { SimRoute } from '../../drivers/sim/sim-route.ts';
import type { DeviceKind, StatusSource } from '../devices/device-manager.ts';
import type { Logger } from '../log/logger.ts';
import type { Clock } from '../../drivers/clock.ts';
import type { Result } from '../../drivers/result.ts';
import type { FlowBinding } from '../session/active-flow.ts';
import type { KioskPrinters } from './printers.ts';
import type { MrzResult } from '../../drivers/mrz/index.ts';
import type { ConsumableKind, StaffQueue } from '../contract/index.ts';
import type { StaffRegistrations } from '../maintenance/registrations.ts';

/** One face comparison: a JPEG capture against the holder of `document`. Never rejects. */
export type FaceComparison = (
  document: MrzResult,
  image: Uint8Array,
  signal: AbortSignal,
) => Promise<Result<{ readonly match: boolean }, { readonly reason: string }>>;

/** What the composition root gives a transaction's builder. */
export interface FlowBuildDeps {
  readonly mode: 'simulated' | 'real';
  readonly logger: Logger;
  readonly clock: Clock;
  /** Where simulators keep certificates and seeds, and the outbox its database. */
  readonly dataDir: string;
  readonly printers: KioskPrinters;
  /** Compares a live face capture with a document's holder on the identity platform (absent without one). */
  readonly compareFace?: FaceComparison;
  /** Raises something staff must act on in maintenance mode. The detail must already be masked. */
  readonly staffAlert?: (detail: string) => void;
  /** Counts stock used (key cards encoded) for the consumables staff refill. */
  readonly consumed?: (kind: ConsumableKind, count: number) => void;
}

/** A built transaction: its pure flow bound to the runner of its calls, and what the host must mount and close. */
export interface FlowServices {
  readonly binding: FlowBinding;
  readonly simRoutes: readonly SimRoute[];
  /** Work it owes back-ends, as counts for the maintenance panel. */
  readonly queues?: () => readonly StaffQueue[];
  /** Police registrations staff must act on, and the means to (hotel only). */
  readonly registrations?: StaffRegistrations;
  /** Devices it owns (key encoder, payment terminal ...), for the status the kiosk shows staff. */
  readonly devices: readonly { kind: DeviceKind; source: StatusSource }[];
  close(): Promise<void>;
}
