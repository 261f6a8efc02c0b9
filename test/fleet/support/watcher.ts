import { readFileSync } from 'node:fs';
import mqtt, { type MqttClient } from 'mqtt';

export interface Received {
  readonly topic: string;
  readonly json: Record<string, unknown>;
  readonly retain: boolean;
  readonly at: number;
}

/** A staff MQTT client that records everything under passage/v1/ and waits for what a test expects. */
export interface Watcher {
  readonly client: MqttClient;
  readonly received: Received[];
  waitFor(predicate: (m: Received) => boolean, timeoutMs?: number, what?: string): Promise<Received>;
  /** Publishes at QoS 1; resolves with the broker's PUBACK reason code (0 = accepted, 135 = not authorized). */
  publish(topic: string, payload: unknown): Promise<number>;
  close(): Promise<void>;
}

export async function connectWatcher(url: string, caPath: string, login: { user: string; password: string } | { certPath: string; keyPath: string; clientId: string }): Promise<Watcher> {
  const auth = 'user' in login ? { username: login.user, password: login.password } : { cert: readFileSync(login.certPath), key: readFileSync(login.keyPath), clientId: login.clientId };
  const client = mqtt.connect(url, { ca: readFileSync(caPath), protocolVersion: 5, reconnectPeriod: 0, ...auth });
  await new Promise<void>((resolve, reject) => {
    client.once('connect', () => resolve());
    client.once('error', reject);
  });
  const received: Received[] = [];
  const waiters = new Set<() => void>();
  client.on('message', (topic, payload, packet) => {
    let json: Record<string, unknown> = {};
    try {
      json = JSON.parse(payload.toString('utf8')) as Record<string, unknown>;
    } catch {
      json = { raw: payload.toString('utf8') };
    }
    received.push({ topic, json, retain: packet.retain, at: Date.now() });
    for (const w of [...waiters]) w();
  });
  if ('user' in login) await client.subscribeAsync('passage/v1/#', { qos: 1 });
  return {
    client,
    received,
    waitFor(predicate, timeoutMs = 5_000, what = 'a message') {
      const found = received.find(predicate);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const check = () => {
          const hit = received.find(predicate);
          if (!hit) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve(hit);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`timed out waiting for ${what}; got ${received.map((m) => `${m.topic} ${JSON.stringify(m.json).slice(0, 160)}`).join('\n')}`));
        }, timeoutMs);
        waiters.add(check);
      });
    },
    async publish(topic, payload) {
      const packet = await client.publishAsync(topic, typeof payload === 'string' ? payload : JSON.stringify(payload), { qos: 1 }).catch((error: { code?: number }) => ({ reasonCode: error.code ?? -1 }));
      return (packet as { reasonCode?: number } | undefined)?.reasonCode ?? 0;
    },
    close: () => client.endAsync(),
  };
}
