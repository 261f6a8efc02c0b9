import type { KioskActions, KioskParts, KioskSource, FleetEventBody } from './kiosk-source.ts';
import type { FleetDevice } from './messages.ts';

/**
 * A kiosk without a kiosk, for `passage fleet sim` and the fleet benchmark: a state that can be changed by
 * hand (a printer out of paper, a session in progress) and actions that only change that state.
 */
export class SimulatedKiosk implements KioskSource, KioskActions {
  readonly #changeListeners = new Set<() => void>();
  readonly #eventListeners = new Set<(event: FleetEventBody) => void>();
  readonly #now: () => number;
  #parts: KioskParts;
  /** Reasons restart() was called with (a simulated kiosk does not restart). */
  readonly restarts: string[] = [];

  constructor(now: () => number) {
    this.#now = now;
    this.#parts = {
      outOfService: false,
      activity: 'idle',
      devices: [
        { id: 'reader', kind: 'reader', state: 'available' },
        { id: 'scanner', kind: 'scanner', state: 'available' },
        { id: 'printer', kind: 'printer', state: 'available' },
      ],
      alerts: [],
      queues: [],
      consumables: [],
      counters: { sessions: 0, verified: 0, notVerified: 0, unreadable: 0 },
    };
  }

  parts(): KioskParts {
    return this.#parts;
  }

  subscribe(onChange: () => void): () => void {
    this.#changeListeners.add(onChange);
    return () => this.#changeListeners.delete(onChange);
  }

  onEvent(listener: (event: FleetEventBody) => void): () => void {
    this.#eventListeners.add(listener);
    return () => this.#eventListeners.delete(listener);
  }

  /** Sets one device's state; an unavailable device raises a device alert as a real kiosk's would. */
  setDevice(id: string, state: FleetDevice['state'], fault?: { reason: string; code: string }): void {
    const device: FleetDevice = state === 'unavailable' && fault ? { id, kind: id, state, ...fault } : { id, kind: id, state };
    const at = this.#now();
    const devices = this.#parts.devices.map((d) => (d.id === id ? { ...device, kind: d.kind } : d));
    const alerts = state === 'unavailable' ? [...this.#parts.alerts, { kind: 'device' as const, detail: `${id}: ${fault?.reason ?? 'unavailable'} (${fault?.code ?? 'HARDWARE_ERROR'})`, at }].slice(-20) : this.#parts.alerts;
    this.#parts = { ...this.#parts, devices, alerts };
    this.#emit({ type: 'device', at, device: devices.find((d) => d.id === id) ?? device });
    this.#changed();
  }

  setActivity(activity: KioskParts['activity']): void {
    this.#parts = { ...this.#parts, activity };
    this.#changed();
  }

  setOutOfService(value: boolean): void {
    this.#parts = { ...this.#parts, outOfService: value };
    this.#changed();
  }

  async selfTest(device?: string): Promise<readonly { device: string; ok: boolean; detail: string }[]> {
    return this.#parts.devices
      .filter((d) => !device || d.id === device)
      .map((d) => ({ device: d.id, ok: d.state !== 'unavailable', detail: d.state === 'unavailable' ? `${d.code ?? 'fault'}: ${d.reason ?? ''}` : 'ok' }));
  }

  restart(reason: string): void {
    this.restarts.push(reason);
  }

  #emit(event: FleetEventBody): void {
    for (const l of [...this.#eventListeners]) l(event);
  }

  #changed(): void {
    for (const l of [...this.#changeListeners]) l();
  }
}
