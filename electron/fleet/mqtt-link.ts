import { readFile } from 'node:fs/promises';
import mqtt, { type IClientOptions, type MqttClient } from 'mqtt';
import type { Logger } from '../log/logger.ts';
import type { Clock } from '../../drivers/clock.ts';
import { reconnectDelay } from './backoff.ts';
import type { FleetConfig } from './fleet-config.ts';
import type { FleetLink } from './fleet-link.ts';
import { kioskTopics } from './topics.ts';

export interface MqttLinkDeps {
  readonly clock: Clock;
  readonly logger: Logger;
  readonly random?: () => number;
}

type LinkSettings = Pick<FleetConfig, 'url' | 'site' | 'kioskId' | 'caPath' | 'certPath' | 'keyPath' | 'keepAliveSeconds' | 'reconnect'>;

/**
 * FleetLink over MQTT 5 (MQTT.js): TLS with the kiosk's client certificate, a clean session, the retained last
 * will on the state topic, and reconnects with exponential backoff on the injected clock (MQTT.js's own
 * reconnect is fixed-period, so it is turned off). Subscriptions are renewed on every connect.
 */
export async function connectMqttLink(settings: LinkSettings, deps: MqttLinkDeps): Promise<FleetLink> {
  const topics = kioskTopics(settings.site, settings.kioskId);
  const tls = settings.url.startsWith('mqtts:')
    ? {
        ca: await readFile(settings.caPath as string),
        cert: await readFile(settings.certPath as string),
        key: await readFile(settings.keyPath as string),
        rejectUnauthorized: true,
      }
    : {};
  const random = deps.random ?? Math.random;
  const log = deps.logger;
  // Settings are taken now: the link does not keep a view of the configuration object.
  const backoff = { ...settings.reconnect };
  let will = JSON.stringify({ online: false });
  const options: IClientOptions = {
    ...tls,
    protocolVersion: 5,
    clientId: settings.kioskId,
    clean: true,
    keepalive: settings.keepAliveSeconds,
    reconnectPeriod: 0,
    connectTimeout: 10_000,
    queueQoSZero: false,
    properties: { sessionExpiryInterval: 0 },
    will: { topic: topics.state, payload: Buffer.from(will), qos: 1, retain: true },
  };
  // Created stopped: the agent sets the will (its current state, offline) before the first connection.
  const client: MqttClient = mqtt.connect(settings.url, { ...options, manualConnect: true });
  const connectionListeners = new Set<(up: boolean) => void>();
  const commandListeners = new Set<(topic: string, payload: string) => void>();
  let attempt = 0;
  let timer: unknown = null;
  let closing = false;
  let up = false;

  const setUp = (value: boolean) => {
    if (up === value) return;
    up = value;
    for (const l of [...connectionListeners]) l(value);
  };

  client.on('connect', () => {
    attempt = 0;
    log.info({ url: settings.url }, 'fleet broker connected');
    client.subscribe(topics.commands, { qos: 1 }, (error, granted) => {
      const refused = granted?.some((g) => g.qos > 2);
      if (error || refused) log.error({ err: error?.message, granted }, 'fleet command subscription refused');
    });
    setUp(true);
  });
  client.on('message', (topic, payload) => {
    for (const l of [...commandListeners]) l(topic, payload.toString('utf8'));
  });
  client.on('error', (error) => log.warn({ err: error.message }, 'fleet broker connection error'));
  client.on('close', () => {
    setUp(false);
    if (closing || timer !== null) return;
    const delay = reconnectDelay(attempt++, backoff, random);
    log.info({ delayMs: delay, attempt }, 'fleet broker unreachable; reconnecting');
    timer = deps.clock.setTimeout(() => {
      timer = null;
      if (closing) return;
      client.options.will = { topic: topics.state, payload: Buffer.from(will), qos: 1, retain: true };
      client.reconnect();
    }, delay);
  });

  return {
    get connected() {
      return up && client.connected;
    },
    publish(topic, payload, opts = {}) {
      if (!up || !client.connected) return Promise.reject(new Error('not connected to the fleet broker'));
      return new Promise<void>((resolve, reject) => {
        client.publish(topic, payload, { qos: 1, retain: opts.retain ?? false }, (error, packet) => {
          const code = packet && 'reasonCode' in packet ? (packet.reasonCode as number | undefined) : undefined;
          if (error) reject(error);
          else if (code !== undefined && code >= 0x80) reject(new Error(`broker refused the publish (reason ${code})`));
          else resolve();
        });
      });
    },
    start() {
      client.options.will = { topic: topics.state, payload: Buffer.from(will), qos: 1, retain: true };
      client.connect();
    },
    setWill(payload) {
      will = payload;
    },
    onConnection(listener) {
      connectionListeners.add(listener);
      return () => connectionListeners.delete(listener);
    },
    onCommand(listener) {
      commandListeners.add(listener);
      return () => commandListeners.delete(listener);
    },
    async close(finalState) {
      closing = true;
      if (timer !== null) deps.clock.clearTimeout(timer);
      timer = null;
      if (finalState !== undefined && up && client.connected) {
        await new Promise<void>((resolve) => {
          const guard = setTimeout(resolve, 2_000);
          client.publish(topics.state, finalState, { qos: 1, retain: true }, () => {
            clearTimeout(guard);
            resolve();
          });
        });
      }
      await new Promise<void>((resolve) => client.end(false, {}, () => resolve()));
      setUp(false);
    },
  };
}
