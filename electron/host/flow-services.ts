import type { SimRoute } from '../../drivers/sim/sim-route.ts';
import type { DeviceKind, StatusSource } from '../devices/device-manager.ts';
import type { Logger } from '../log/logger.ts';
import type { Clock } from '../../drivers/clock.ts';
import type { FlowBinding } from '../session/active-flow.ts';
import type { FaceComparison } from '../session/face-comparison.ts';
import type { KioskPrinters } from './printers.ts';
import type { ConsumableKind, StaffQueue } from '../contract/index.ts';
import type { StaffRegistrations } from '../maintenance/registrations.ts';

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
  /**
   * Why it cannot be offered now (null: it can), and when that changes; absent: always offered. Hotel
   * registration cannot while its outbox cannot store registrations. The reason goes to staff as an alert.
   */
  readonly availability?: { now(): string | null; subscribe(listener: (unavailable: string | null) => void): () => void };
  close(): Promise<void>;
}
