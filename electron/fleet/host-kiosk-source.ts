import type { ConsumableView, SessionState } from '../contract/index.ts';
import type { Unsubscribe } from '../../drivers/device.ts';
import { SessionSignals, type SessionSignal } from '../metrics/session-signals.ts';
import type { Maintenance } from '../maintenance/maintenance.ts';
import type { Clock } from '../../drivers/clock.ts';
import type { Consumable, FleetDevice } from './messages.ts';
import type { FleetEventBody, KioskParts, KioskSource } from './kiosk-source.ts';

export interface HostKioskSourceDeps {
  readonly session: { state(): SessionState; subscribe(listener: (state: SessionState) => void): Unsubscribe };
  readonly maintenance: Pick<Maintenance, 'status' | 'subscribe' | 'isOpen'>;
  readonly clock: Clock;
}

function fleetDevice(d: SessionState['devices'][number]): FleetDevice {
  const base = { id: d.id.slice(0, 40), kind: d.kind.slice(0, 20), state: d.status.state };
  return d.status.state === 'unavailable' ? { ...base, reason: d.status.reason.slice(0, 200), code: d.status.code.slice(0, 40) } : base;
}

/** A stock level as the console shows it: the count's state and percentage (unknown until staff first refill). */
function fleetConsumable(c: ConsumableView): Consumable {
  if (c.level === null) return { id: c.kind, kind: c.kind, state: 'unknown' };
  const state = c.level === 0 ? 'empty' : c.level <= c.low ? 'low' : 'ok';
  return { id: c.kind, kind: c.kind, state, percent: Math.min(100, Math.round((c.level / c.capacity) * 100)) };
}

function outcomeEvent(signal: SessionSignal, at: number): FleetEventBody | null {
  switch (signal.type) {
    case 'verification':
      return { type: 'outcome', at, outcome: signal.outcome, ms: signal.ms };
    case 'unreadable':
      return { type: 'outcome', at, outcome: 'unreadable' };
    case 'transaction':
      return { type: 'outcome', at, outcome: signal.outcome, flow: signal.flow };
    case 'sessionEnded':
      return signal.outcome === 'abandoned' ? { type: 'outcome', at, outcome: 'abandoned', ms: signal.ms } : null;
    default:
      return null;
  }
}

/**
 * The running kiosk as the fleet agent sees it: devices and out-of-service from the session's published state,
 * alerts, queues, counters and consumables from maintenance. Events are what changed:
 * a new alert, a device whose state changed, a session's outcome.
 */
export function hostKioskSource(deps: HostKioskSourceDeps): KioskSource & { dispose(): void } {
  const changeListeners = new Set<() => void>();
  const eventListeners = new Set<(event: FleetEventBody) => void>();
  const signals = new SessionSignals();
  const alertKey = (a: { at: number; kind: string; detail: string }) => `${a.at}|${a.kind}|${a.detail}`;
  let seenAlerts = new Set(deps.maintenance.status().alerts.map(alertKey));
  let deviceStates = new Map(deps.session.state().devices.map((d) => [d.id, d.status.state]));
  signals.next(deps.session.state(), deps.clock.now());

  const emit = (event: FleetEventBody) => {
    for (const l of [...eventListeners]) l(event);
  };
  const changed = () => {
    for (const l of [...changeListeners]) l();
  };

  const offSession = deps.session.subscribe((state) => {
    const now = deps.clock.now();
    for (const d of state.devices) {
      if (deviceStates.get(d.id) !== d.status.state) emit({ type: 'device', at: now, device: fleetDevice(d) });
    }
    deviceStates = new Map(state.devices.map((d) => [d.id, d.status.state]));
    for (const signal of signals.next(state, now)) {
      const event = outcomeEvent(signal, now);
      if (event) emit(event);
    }
    changed();
  });
  const offMaintenance = deps.maintenance.subscribe(() => {
    const alerts = deps.maintenance.status().alerts;
    for (const a of alerts) if (!seenAlerts.has(alertKey(a))) emit({ type: 'alert', at: a.at, alert: { ...a } });
    seenAlerts = new Set(alerts.map(alertKey));
    changed();
  });

  return {
    parts(): KioskParts {
      const state = deps.session.state();
      const status = deps.maintenance.status();
      return {
        outOfService: state.outOfService,
        activity: deps.maintenance.isOpen ? 'maintenance' : state.screen.name === 'attract' ? 'idle' : 'inSession',
        devices: state.devices.map(fleetDevice),
        alerts: status.alerts.slice(-20).map((a) => ({ ...a })),
        queues: status.queues.map((q) => ({ ...q })),
        consumables: status.consumables.map(fleetConsumable),
        counters: { ...status.counters },
      };
    },
    subscribe(onChange) {
      changeListeners.add(onChange);
      return () => changeListeners.delete(onChange);
    },
    onEvent(listener) {
      eventListeners.add(listener);
      return () => eventListeners.delete(listener);
    },
    dispose() {
      offSession();
      offMaintenance();
      changeListeners.clear();
      eventListeners.clear();
    },
  };
}
