/**
 * The fleet's MQTT topic tree (docs/fleet.md "Topics"). Pure. One tree per protocol version, one branch per
 * site and kiosk, so a broker ACL can confine a kiosk to its own branch with a single `%u` pattern.
 */
export const topicRoot = 'passage/v1';

/** Kiosk ids and site names become topic levels: no MQTT wildcards, separators or ACL pattern characters. */
export const fleetIdPattern = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

export const commandNames = ['out-of-service', 'in-service', 'self-test', 'restart', 'config'] as const;
export type CommandName = (typeof commandNames)[number];

export interface KioskTopics {
  readonly state: string;
  readonly events: string;
  readonly commands: string;
  readonly commandResult: string;
  command(name: CommandName): string;
}

export function kioskTopics(site: string, kioskId: string): KioskTopics {
  if (!fleetIdPattern.test(site) || !fleetIdPattern.test(kioskId)) throw new Error(`not a valid site/kiosk id: ${site}/${kioskId}`);
  const base = `${topicRoot}/${site}/${kioskId}`;
  return {
    state: `${base}/state`,
    events: `${base}/events`,
    commands: `${base}/cmd/+`,
    commandResult: `${base}/cmd-result`,
    command: (name) => `${base}/cmd/${name}`,
  };
}

/** What a console subscribes to: every kiosk of every site (or of one site). */
export function fleetSubscriptions(site = '+'): string[] {
  return ['state', 'events', 'cmd-result'].map((leaf) => `${topicRoot}/${site}/+/${leaf}`);
}

export type ParsedTopic =
  | { readonly site: string; readonly kioskId: string; readonly kind: 'state' | 'events' | 'cmd-result' }
  | { readonly site: string; readonly kioskId: string; readonly kind: 'cmd'; readonly name: string };

export function parseTopic(topic: string): ParsedTopic | null {
  const parts = topic.split('/');
  if (parts.length < 5 || `${parts[0]}/${parts[1]}` !== topicRoot) return null;
  const [, , site, kioskId, leaf, name] = parts as [string, string, string, string, string, string | undefined];
  if (!fleetIdPattern.test(site) || !fleetIdPattern.test(kioskId)) return null;
  if (parts.length === 5 && (leaf === 'state' || leaf === 'events' || leaf === 'cmd-result')) return { site, kioskId, kind: leaf };
  if (parts.length === 6 && leaf === 'cmd' && name) return { site, kioskId, kind: 'cmd', name };
  return null;
}
