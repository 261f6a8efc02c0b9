import type { Unsubscribe } from '../../drivers/device.ts';

/**
 * The kiosk's connection to the fleet broker (docs/fleet.md "Birth, change and death"). One adapter, MQTT
 * (mqtt-link.ts); its tests run against a real Mosquitto rather than a simulator.
 */
export interface FleetLink {
  /** True between the broker's CONNACK and the loss of the connection. */
  readonly connected: boolean;
  /**
   * Publishes at QoS 1. Resolves once the broker acknowledged; rejects when not connected, when the
   * connection drops before the acknowledgement, or when the broker refuses (ACL: "not authorized").
   * Never queues: keeping messages while offline is the caller's choice (outbox.ts).
   */
  publish(topic: string, payload: string, options?: { retain?: boolean }): Promise<void>;
  /** Connects, and keeps reconnecting until close(). Call after the first setWill, so the first connection carries it. */
  start(): void;
  /** The payload the broker publishes, retained, on the state topic if this kiosk vanishes; used from the next connect on. */
  setWill(payload: string): void;
  /** Called on every (re)connection (`true`) and loss of it (`false`). */
  onConnection(listener: (up: boolean) => void): Unsubscribe;
  /** Messages on the command topics this kiosk subscribed to. */
  onCommand(listener: (topic: string, payload: string) => void): Unsubscribe;
  /**
   * Stops reconnecting and disconnects. With `finalState`, publishes it retained on the state topic first, so
   * an orderly shutdown reads offline at once (a normal DISCONNECT suppresses the last will).
   */
  close(finalState?: string): Promise<void>;
}
