import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Unsubscribe } from '../../drivers/device.ts';
import type { SessionState } from '../contract/index.ts';
import type { Logger } from '../log/logger.ts';
import type { Maintenance } from '../maintenance/maintenance.ts';
import type { Clock } from '../../drivers/clock.ts';
import type { AuditTrail } from '../audit/audit-trail.ts';
import { overlay, type BootedConfig } from './boot-config.ts';
import { configHash } from '../audit/config-hash.ts';
import { FleetAgent } from './fleet-agent.ts';
import type { FleetConfig } from './fleet-config.ts';
import { hostKioskSource } from './host-kiosk-source.ts';
import { kioskVersion } from './kiosk-version.ts';
import { connectMqttLink } from './mqtt-link.ts';
import { SetupError } from '../../drivers/setup-error.ts';

export interface StartFleetDeps<C extends { mode: 'simulated' | 'real' }> {
  readonly fleet: FleetConfig;
  /** The configuration this start runs with, and the local file's alone (what a pushed document is laid over). */
  readonly config: C;
  readonly local: C;
  readonly booted: BootedConfig<C>;
  readonly parse: (input: unknown) => C;
  readonly session: { state(): SessionState; subscribe(listener: (state: SessionState) => void): Unsubscribe; setOutOfService(value: boolean): void };
  readonly maintenance: Pick<Maintenance, 'status' | 'subscribe' | 'isOpen'>;
  readonly deviceIds: () => readonly string[];
  readonly selfTest: (deviceId: string) => Promise<{ ok: boolean; detail: string }>;
  readonly restart: (reason: string) => void;
  readonly clock: Clock;
  readonly logger: Logger;
  /** The kiosk's audit trail: every command goes in. */
  readonly audit: AuditTrail;
}

export interface RunningFleet {
  readonly agent: FleetAgent;
  stop(): Promise<void>;
}

/** Connects the kiosk to its fleet broker and starts the agent (called by the host when `fleet` is configured). */
export async function startFleet<C extends { mode: 'simulated' | 'real' }>(deps: StartFleetDeps<C>): Promise<RunningFleet> {
  const { fleet, logger, clock } = deps;
  let configKey: string | null = null;
  if (fleet.configKeyPath) {
    try {
      configKey = await readFile(fleet.configKeyPath, 'utf8');
    } catch (error) {
      throw new SetupError(`fleet.configKeyPath: cannot read ${fleet.configKeyPath} (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
    }
  }
  const source = hostKioskSource({ session: deps.session, maintenance: deps.maintenance, clock });
  const link = await connectMqttLink(fleet, { clock, logger });
  const agent = new FleetAgent({
    link,
    identity: { site: fleet.site, kioskId: fleet.kioskId, version: kioskVersion(), mode: deps.config.mode, configHash: configHash(deps.config), startedAt: clock.now() },
    source,
    actions: {
      setOutOfService: (value) => deps.session.setOutOfService(value),
      selfTest: async (device) => {
        const ids = device ? deps.deviceIds().filter((id) => id === device) : deps.deviceIds();
        return Promise.all(ids.map(async (id) => ({ device: id, ...(await deps.selfTest(id)) })));
      },
      restart: deps.restart,
    },
    audit: deps.audit,
    configKey,
    boot: deps.booted,
    checkConfig: (document) => {
      try {
        deps.parse(overlay(deps.local, document));
        return null;
      } catch (error) {
        return (error as Error).message.slice(0, 300);
      }
    },
    clock,
    logger,
    newId: randomUUID,
    outboxLimit: fleet.outboxLimit,
    stateDebounceMs: fleet.stateDebounceMs,
    confirmAfterMs: fleet.confirmAfterSeconds * 1000,
  });
  agent.start();
  return {
    agent,
    async stop() {
      await agent.stop();
      source.dispose();
    },
  };
}
