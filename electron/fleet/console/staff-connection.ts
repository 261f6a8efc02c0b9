import { randomUUID } from 'node:crypto';
import mqtt, { type MqttClient } from 'mqtt';
import type { Logger } from '../../log/logger.ts';
import { commandResultSchema, fleetEventSchema, kioskStateSchema, type KioskState } from '../messages.ts';
import { fleetSubscriptions, kioskTopics, parseTopic } from '../topics.ts';
import type { ConsoleMessage, ConsoleRequest } from './console-protocol.ts';

/**
 * One member of staff's own MQTT connection, made with their user name and password: the broker
 * authenticates them and its ACL decides what they may read and command. The console server keeps one per
 * login and relays between it and that person's page; it adds no permission of its own.
 */
export class StaffConnection {
  readonly user: string;
  readonly #client: MqttClient;
  readonly #kiosks = new Map<string, KioskState>();
  readonly #listeners = new Set<(message: ConsoleMessage) => void>();
  readonly #logger: Logger;

  private constructor(user: string, client: MqttClient, logger: Logger) {
    this.user = user;
    this.#client = client;
    this.#logger = logger;
    client.on('message', (topic, payload) => this.#onMessage(topic, payload.toString('utf8')));
    client.on('connect', () => {
      this.#emit({ type: 'broker', connected: true });
      void client.subscribeAsync(fleetSubscriptions(), { qos: 1 }).catch((error: Error) => logger.warn({ err: error.message }, 'console subscription failed'));
    });
    client.on('close', () => this.#emit({ type: 'broker', connected: false }));
  }

  /** Logs in at the broker; rejects with the broker's reason (bad user name or password, broker down). */
  static async open(options: { url: string; ca: Buffer | null; user: string; password: string; logger: Logger }): Promise<StaffConnection> {
    const client = mqtt.connect(options.url, {
      protocolVersion: 5,
      clientId: `console-${options.user}-${randomUUID().slice(0, 8)}`,
      username: options.user,
      password: options.password,
      clean: true,
      reconnectPeriod: 2_000,
      connectTimeout: 8_000,
      ...(options.ca ? { ca: options.ca, rejectUnauthorized: true } : {}),
    });
    await new Promise<void>((resolve, reject) => {
      const fail = (error: Error) => {
        client.end(true);
        reject(error);
      };
      client.once('connect', () => {
        client.off('error', fail);
        resolve();
      });
      client.once('error', fail);
    });
    const connection = new StaffConnection(options.user, client, options.logger);
    await client.subscribeAsync(fleetSubscriptions(), { qos: 1 });
    return connection;
  }

  kiosks(): KioskState[] {
    return [...this.#kiosks.values()];
  }

  subscribe(listener: (message: ConsoleMessage) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Publishes the command as this member of staff; the answer says whether the broker accepted it. */
  async command(request: ConsoleRequest): Promise<ConsoleMessage> {
    const id = `${this.user}-${randomUUID()}`;
    const base = { id, site: request.site, kioskId: request.kioskId, name: request.name };
    let topic: string;
    try {
      topic = kioskTopics(request.site, request.kioskId).command(request.name);
    } catch {
      return { type: 'refused', ...base, reason: 'not a valid site or kiosk id' };
    }
    const payload = JSON.stringify({ id, by: this.user, at: Date.now(), ...(request.device ? { device: request.device } : {}), ...(request.signed ? { signed: request.signed } : {}) });
    try {
      const packet = await this.#client.publishAsync(topic, payload, { qos: 1 });
      const code = (packet as { reasonCode?: number } | undefined)?.reasonCode ?? 0;
      if (code >= 0x80) return { type: 'refused', ...base, reason: `the broker refused it (reason ${code})` };
      return { type: 'sent', ...base };
    } catch (error) {
      const code = (error as { code?: number }).code;
      const reason = code === 135 ? 'not authorised by the broker' : (error as Error).message;
      return { type: 'refused', ...base, reason };
    }
  }

  async close(): Promise<void> {
    this.#listeners.clear();
    await this.#client.endAsync(true);
  }

  #onMessage(topic: string, text: string): void {
    const where = parseTopic(topic);
    if (!where || where.kind === 'cmd') return;
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return;
    }
    if (where.kind === 'state') {
      const state = kioskStateSchema.safeParse(json);
      // A state must come from the topic it names: the ACL guarantees the topic, not the payload.
      if (!state.success || state.data.kioskId !== where.kioskId || state.data.site !== where.site) {
        this.#logger.warn({ topic }, 'console dropped a malformed kiosk state');
        return;
      }
      this.#kiosks.set(`${where.site}/${where.kioskId}`, state.data);
      this.#emit({ type: 'state', state: state.data });
    } else if (where.kind === 'events') {
      const event = fleetEventSchema.safeParse(json);
      if (event.success) this.#emit({ type: 'event', site: where.site, kioskId: where.kioskId, event: event.data });
    } else {
      const result = commandResultSchema.safeParse(json);
      if (result.success) this.#emit({ type: 'result', site: where.site, kioskId: where.kioskId, result: result.data });
    }
  }

  #emit(message: ConsoleMessage): void {
    for (const l of [...this.#listeners]) l(message);
  }
}
