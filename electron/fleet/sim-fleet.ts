import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { Logger } from '../log/logger.ts';
import type { Clock } from '../../drivers/clock.ts';
import { ConfigSlots } from './config-slots.ts';
import type { KioskCredentials } from './dev-broker.ts';
import { FleetAgent } from './fleet-agent.ts';
import { fleetConfigSchema } from './fleet-config.ts';
import { connectMqttLink } from './mqtt-link.ts';
import { SimulatedKiosk } from './simulated-kiosk.ts';

export interface SimulatedFleetKiosk {
  readonly kioskId: string;
  readonly kiosk: SimulatedKiosk;
  readonly agent: FleetAgent;
}

export interface SimFleetOptions {
  readonly url: string;
  readonly site: string;
  readonly kiosks: readonly KioskCredentials[] | readonly { kioskId: string }[];
  readonly dataDir: string;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly keepAliveSeconds?: number;
  readonly stateDebounceMs?: number;
  readonly reconnect?: { minMs: number; maxMs: number };
  /** Fleet public key (PEM) the simulated kiosks verify pushed configurations with. */
  readonly configKey?: string | null;
}

/**
 * N fleet agents in one process, each with its own MQTT connection and a SimulatedKiosk behind it
 * (`passage fleet sim`, the fleet benchmark). Agents only: no session, no devices, no UI.
 */
export async function startSimFleet(options: SimFleetOptions): Promise<{ kiosks: SimulatedFleetKiosk[]; stop(): Promise<void> }> {
  const kiosks: SimulatedFleetKiosk[] = [];
  for (const credentials of options.kiosks) {
    const settings = fleetConfigSchema.parse({
      url: options.url,
      site: options.site,
      kioskId: credentials.kioskId,
      ...('certPath' in credentials ? { caPath: credentials.caPath, certPath: credentials.certPath, keyPath: credentials.keyPath } : {}),
      keepAliveSeconds: options.keepAliveSeconds ?? 30,
      ...(options.stateDebounceMs !== undefined ? { stateDebounceMs: options.stateDebounceMs } : {}),
      ...(options.reconnect ? { reconnect: options.reconnect } : {}),
    });
    const kiosk = new SimulatedKiosk(options.clock.now);
    const logger = options.logger.child({ kiosk: credentials.kioskId });
    const link = await connectMqttLink(settings, { clock: options.clock, logger });
    const agent = new FleetAgent({
      link,
      identity: { site: options.site, kioskId: credentials.kioskId, version: 'sim', mode: 'simulated', configHash: 'sha256:sim', startedAt: options.clock.now() },
      source: kiosk,
      actions: kiosk,
      // Simulated kiosks have no trail of their own: their audit entries go to the log.
      audit: { append: async (entry) => logger.info({ audit: entry }, 'audit') },
      configKey: options.configKey ?? null,
      boot: { slots: new ConfigSlots(join(options.dataDir, credentials.kioskId)), trial: null, rolledBack: null, appliedIssuedAt: null },
      checkConfig: () => null,
      clock: options.clock,
      logger,
      newId: randomUUID,
      outboxLimit: settings.outboxLimit,
      stateDebounceMs: settings.stateDebounceMs,
      confirmAfterMs: settings.confirmAfterSeconds * 1000,
    });
    agent.start();
    kiosks.push({ kioskId: credentials.kioskId, kiosk, agent });
  }
  return {
    kiosks,
    async stop() {
      await Promise.all(kiosks.map((k) => k.agent.stop()));
    },
  };
}
