import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Unsubscribe } from '../../drivers/device.ts';
import type { SessionState } from '../contract/index.ts';
import type { DeviceManagerEvent, DeviceSnapshot } from '../devices/device-manager.ts';
import { SessionSignals } from './session-signals.ts';

/** Fleet link figures the metrics read when scraped. */
export interface FleetLinkFigures {
  readonly connected: boolean;
  readonly outboxDepth: number;
  readonly outboxDropped: number;
}

const seconds = (ms: number) => ms / 1000;

/**
 * The kiosk's Prometheus metrics (docs/fleet.md "Metrics"), in a registry of its own (never prom-client's
 * global one, so two hosts in one process or test do not share counters). Figures are taken from what the
 * kiosk already publishes — session states and device events — so no counting code lives in the session.
 */
export class KioskMetrics {
  readonly registry = new Registry();
  readonly #signals = new SessionSignals();
  readonly #readStarted = new Map<string, number>();
  #kinds = new Map<string, string>();
  #fleet: (() => FleetLinkFigures) | null = null;

  readonly #sessions = new Counter({ name: 'passage_sessions_total', help: 'Traveller sessions ended, by outcome', labelNames: ['outcome'], registers: [this.registry] });
  readonly #sessionSeconds = new Histogram({
    name: 'passage_session_duration_seconds',
    help: 'Length of a traveller session, first touch to back on the attract screen',
    buckets: [5, 15, 30, 60, 120, 240, 480],
    registers: [this.registry],
  });
  readonly #verifications = new Counter({ name: 'passage_verifications_total', help: 'Identity platform answers, by outcome', labelNames: ['outcome'], registers: [this.registry] });
  readonly #platformSeconds = new Histogram({
    name: 'passage_platform_verify_seconds',
    help: 'Time from asking the identity platform to its answer on screen',
    buckets: [0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10],
    registers: [this.registry],
  });
  readonly #transactions = new Counter({ name: 'passage_transactions_total', help: 'Check-in and registration outcomes', labelNames: ['flow', 'outcome'], registers: [this.registry] });
  readonly #reads = new Counter({ name: 'passage_document_reads_total', help: 'Document reads, by reader kind and result', labelNames: ['reader', 'result'], registers: [this.registry] });
  readonly #readSeconds = new Histogram({
    name: 'passage_document_read_seconds',
    help: 'Read start to parsed document, by reader kind (camera: the OCR)',
    labelNames: ['reader'],
    buckets: [0.05, 0.1, 0.2, 0.4, 0.8, 1.6, 3.2],
    registers: [this.registry],
  });
  readonly #deviceUp = new Gauge({ name: 'passage_device_up', help: '1 while a device is available or busy, 0 while unavailable', labelNames: ['device', 'kind'], registers: [this.registry] });
  readonly #deviceFault = new Gauge({
    name: 'passage_device_fault',
    help: '1 for the fault code an unavailable device reports (MEDIA_EMPTY: paper out)',
    labelNames: ['device', 'code'],
    registers: [this.registry],
  });
  readonly #outOfService = new Gauge({ name: 'passage_out_of_service', help: '1 while the kiosk is out of service', registers: [this.registry] });

  constructor(options: { defaultMetrics?: boolean } = {}) {
    if (options.defaultMetrics ?? true) collectDefaultMetrics({ register: this.registry, prefix: 'passage_' });
    const figures = () => this.#fleet?.();
    new Gauge({ name: 'passage_fleet_connected', help: '1 while connected to the fleet broker', registers: [this.registry], collect() { this.set(figures()?.connected ? 1 : 0); } });
    new Gauge({ name: 'passage_fleet_outbox_depth', help: 'Fleet events and results waiting for the broker', registers: [this.registry], collect() { this.set(figures()?.outboxDepth ?? 0); } });
    new Gauge({ name: 'passage_fleet_outbox_dropped', help: 'Fleet messages dropped because the outbox was full, since start', registers: [this.registry], collect() { this.set(figures()?.outboxDropped ?? 0); } });
  }

  /** Sessions, outcomes and platform latency from the published session states. */
  observeSession(session: { state(): SessionState; subscribe(listener: (state: SessionState) => void): Unsubscribe }, now: () => number): Unsubscribe {
    this.#signals.next(session.state(), now());
    this.#outOfService.set(session.state().outOfService ? 1 : 0);
    return session.subscribe((state) => {
      this.#outOfService.set(state.outOfService ? 1 : 0);
      for (const signal of this.#signals.next(state, now())) {
        switch (signal.type) {
          case 'sessionEnded':
            this.#sessions.inc({ outcome: signal.outcome });
            this.#sessionSeconds.observe(seconds(signal.ms));
            break;
          case 'verification':
            this.#verifications.inc({ outcome: signal.outcome });
            this.#platformSeconds.observe(seconds(signal.ms));
            break;
          case 'transaction':
            this.#transactions.inc({ flow: signal.flow, outcome: signal.outcome });
            break;
          default:
            break;
        }
      }
    });
  }

  /** Device status and read timings (OCR included: the camera reader) from the device manager's events. */
  observeDevices(devices: { snapshot(): DeviceSnapshot[]; subscribe(listener: (event: DeviceManagerEvent) => void): Unsubscribe }, now: () => number): Unsubscribe {
    this.#setDevices(devices.snapshot());
    return devices.subscribe((event) => {
      switch (event.type) {
        case 'devices':
          return this.#setDevices(event.devices);
        case 'readStart':
          this.#readStarted.set(event.readerId, now());
          return;
        case 'document':
        case 'unreadable': {
          const reader = this.#kinds.get(event.readerId) ?? 'reader';
          this.#reads.inc({ reader, result: event.type });
          const started = this.#readStarted.get(event.readerId);
          this.#readStarted.delete(event.readerId);
          if (started !== undefined) this.#readSeconds.observe({ reader }, seconds(now() - started));
          return;
        }
        default:
          return;
      }
    });
  }

  watchFleet(figures: () => FleetLinkFigures): void {
    this.#fleet = figures;
  }

  #setDevices(devices: readonly DeviceSnapshot[]): void {
    this.#kinds = new Map(devices.map((d) => [d.id, d.kind]));
    this.#deviceFault.reset();
    for (const d of devices) {
      this.#deviceUp.set({ device: d.id, kind: d.kind }, d.status.state === 'unavailable' ? 0 : 1);
      if (d.status.state === 'unavailable') this.#deviceFault.set({ device: d.id, code: d.status.code }, 1);
    }
  }
}
