import type { Unsubscribe } from '../../drivers/device.ts';
import type { FleetEvent, KioskState } from './messages.ts';

/** The parts of the state that come from the running kiosk (the agent adds identity, version and times). */
export type KioskParts = Pick<KioskState, 'outOfService' | 'activity' | 'devices' | 'alerts' | 'queues' | 'consumables' | 'counters'>;

type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;
/** An event before the agent gives it an id. */
export type FleetEventBody = WithoutId<FleetEvent>;

/**
 * What the fleet agent reads from a kiosk: the host's adapter (host-kiosk-source.ts) for a real kiosk, a
 * synthetic one for `passage fleet sim`.
 */
export interface KioskSource {
  parts(): KioskParts;
  /** Called whenever any part may have changed (the agent debounces and compares). */
  subscribe(onChange: () => void): Unsubscribe;
  /** Alerts, device status changes and session outcomes, as they happen. */
  onEvent(listener: (event: FleetEventBody) => void): Unsubscribe;
}

/** What the fleet may ask a kiosk to do: the same actions staff have in maintenance mode. */
export interface KioskActions {
  setOutOfService(value: boolean): void;
  /** Runs the self-test of one device, or of every device; never rejects. */
  selfTest(device?: string): Promise<readonly { device: string; ok: boolean; detail: string }[]>;
  /**
   * Ends this process so that its supervisor starts it again (systemd `Restart=always`, or
   * `passage fleet supervise`); the host stops in order first.
   */
  restart(reason: string): void;
}
