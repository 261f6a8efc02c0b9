import type { Unsubscribe } from '../../drivers/device.ts';
import type { Logger } from '../log/logger.ts';
import type { Clock } from '../../drivers/clock.ts';
import type { AuditTrail } from '../audit/audit-trail.ts';
import type { BootedConfig } from './boot-config.ts';
import type { FleetLink } from './fleet-link.ts';
import type { KioskActions, KioskSource } from './kiosk-source.ts';
import { commandResultSchema, fleetCommandSchema, type CommandOutcome, type CommandResult, type ConfigDocument, type FleetCommand, type KioskState } from './messages.ts';
import { Outbox } from './outbox.ts';
import { verifyConfig } from './signed-config.ts';
import { commandNames, kioskTopics, parseTopic, type CommandName, type KioskTopics } from './topics.ts';

export interface FleetAgentDeps {
  readonly link: FleetLink;
  readonly identity: Pick<KioskState, 'site' | 'kioskId' | 'version' | 'mode' | 'configHash' | 'startedAt'>;
  readonly source: KioskSource;
  readonly actions: KioskActions;
  readonly audit: AuditTrail;
  /** The fleet's public key (PEM) for pushed configurations; null refuses every configuration command. */
  readonly configKey: string | null;
  /** Pushed-configuration state of this start (boot-config.ts). */
  readonly boot: Pick<BootedConfig<unknown>, 'slots' | 'trial' | 'rolledBack' | 'appliedIssuedAt'>;
  /** Whether the pushed keys, laid over this kiosk's configuration, still make a valid one (null: yes). */
  readonly checkConfig: (document: ConfigDocument) => string | null;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly newId: () => string;
  readonly outboxLimit: number;
  readonly stateDebounceMs: number;
  readonly confirmAfterMs: number;
}

type Deferred = { command: FleetCommand; name: CommandName; run: () => Promise<{ outcome: CommandOutcome; detail: string }> };

/** Commands that wait for no traveller to be using the kiosk; in-service is harmless and acts at once. */
const waitsForIdle: ReadonlySet<CommandName> = new Set(['out-of-service', 'self-test', 'restart']);
const rememberedIds = 500;

/**
 * The kiosk's fleet agent (docs/fleet.md): retained state on connect and on change, events through a bounded
 * store-and-forward outbox, commands in and their results out, every command in the audit trail. Commands
 * that would disturb a traveller wait for the next idle moment (no session in progress) and say so.
 */
export class FleetAgent {
  readonly #deps: FleetAgentDeps;
  readonly #topics: KioskTopics;
  readonly #outbox: Outbox;
  readonly #unsubscribes: Unsubscribe[] = [];
  readonly #seenIds: string[] = [];
  readonly #deferred: Deferred[] = [];
  #debounce: unknown = null;
  #confirmTimer: unknown = null;
  #lastPublished: string | null = null;
  #flushing: Promise<void> | null = null;
  #trial: { commandId: string } | null;
  #appliedIssuedAt: number | null;
  #stopped = false;

  constructor(deps: FleetAgentDeps) {
    this.#deps = deps;
    this.#topics = kioskTopics(deps.identity.site, deps.identity.kioskId);
    this.#outbox = new Outbox(deps.outboxLimit);
    this.#trial = deps.boot.trial;
    this.#appliedIssuedAt = deps.boot.appliedIssuedAt;
  }

  /** Messages waiting for the broker (events and command results). */
  get outboxDepth(): number {
    return this.#outbox.size;
  }

  get outboxDropped(): number {
    return this.#outbox.dropped;
  }

  get connected(): boolean {
    return this.#deps.link.connected;
  }

  start(): void {
    const { link, source } = this.#deps;
    const rolledBack = this.#deps.boot.rolledBack;
    if (rolledBack) this.#result({ id: rolledBack.commandId, by: 'kiosk' }, 'config', 'rolledBack', rolledBack.reason);
    this.#unsubscribes.push(
      link.onConnection((up) => (up ? this.#onConnected() : this.#onDisconnected())),
      link.onCommand((topic, payload) => void this.#onCommand(topic, payload)),
      source.subscribe(() => this.#onChange()),
      source.onEvent((event) => this.#enqueue(this.#topics.events, JSON.stringify({ ...event, id: this.#deps.newId() }))),
    );
    link.setWill(JSON.stringify(this.#state(false)));
    link.start();
  }

  async stop(): Promise<void> {
    if (this.#stopped) return;
    this.#stopped = true;
    for (const u of this.#unsubscribes.splice(0)) u();
    this.#clearTimers();
    await this.#drain(2_000);
    await this.#deps.link.close(JSON.stringify(this.#state(false)));
  }

  #state(online: boolean): KioskState {
    return { v: 1, ...this.#deps.identity, online, ...this.#deps.source.parts(), at: this.#deps.clock.now() };
  }

  #onConnected(): void {
    this.#lastPublished = null;
    this.#publishState();
    if (!this.#stopped) void this.#flush();
    if (this.#trial && this.#confirmTimer === null) {
      this.#confirmTimer = this.#deps.clock.setTimeout(() => void this.#confirmTrial(), this.#deps.confirmAfterMs);
    }
  }

  #onDisconnected(): void {
    // A pushed configuration is confirmed only after an unbroken spell connected with it.
    if (this.#confirmTimer !== null) this.#deps.clock.clearTimeout(this.#confirmTimer);
    this.#confirmTimer = null;
  }

  async #confirmTrial(): Promise<void> {
    this.#confirmTimer = null;
    const trial = this.#trial;
    if (!trial || this.#stopped) return;
    this.#trial = null;
    try {
      await this.#deps.boot.slots.confirm();
      this.#result({ id: trial.commandId, by: 'kiosk' }, 'config', 'done', 'the kiosk came up with the new configuration; it is confirmed');
    } catch (error) {
      this.#result({ id: trial.commandId, by: 'kiosk' }, 'config', 'failed', `could not confirm: ${(error as Error).message}`);
    }
  }

  #onChange(): void {
    if (this.#stopped) return;
    this.#runDeferredIfIdle();
    if (this.#debounce !== null) return;
    this.#debounce = this.#deps.clock.setTimeout(() => {
      this.#debounce = null;
      this.#publishState();
    }, this.#deps.stateDebounceMs);
  }

  #publishState(): void {
    const { link } = this.#deps;
    const state = this.#state(true);
    const { at: _at, ...comparable } = state;
    const key = JSON.stringify(comparable);
    link.setWill(JSON.stringify({ ...state, online: false }));
    if (key === this.#lastPublished || !link.connected) return;
    this.#lastPublished = key;
    link.publish(this.#topics.state, JSON.stringify(state), { retain: true }).catch((error: unknown) => {
      // Published again on the next change or connect; a retained state is never queued (only the latest counts).
      if (this.#lastPublished === key) this.#lastPublished = null;
      this.#deps.logger.warn({ err: (error as Error).message }, 'fleet state not published');
    });
  }

  #enqueue(topic: string, payload: string): void {
    this.#outbox.push({ topic, payload });
    if (!this.#stopped) void this.#flush();
  }

  /** Sends the outbox oldest first, one at a time, until it is empty or the link fails; one pass at a time. */
  #flush(): Promise<void> {
    if (this.#flushing) return this.#flushing;
    this.#flushing = this.#flushOnce().finally(() => (this.#flushing = null));
    return this.#flushing;
  }

  async #flushOnce(): Promise<void> {
    for (let message = this.#outbox.peek(); message && this.#deps.link.connected; message = this.#outbox.peek()) {
      try {
        await this.#deps.link.publish(message.topic, message.payload);
        this.#outbox.remove(message);
      } catch (error) {
        const refused = /refused|not authori[sz]ed/i.test((error as Error).message);
        if (!refused) return; // offline: kept for the next connection
        this.#deps.logger.error({ topic: message.topic, err: (error as Error).message }, 'broker refused a fleet message; dropped');
        this.#outbox.remove(message);
      }
    }
  }

  #result(command: Pick<FleetCommand, 'id' | 'by'>, name: CommandResult['command'], outcome: CommandOutcome, detail: string): void {
    const parsed = commandResultSchema.safeParse({ id: command.id, command: name, outcome, detail: detail.slice(0, 400), at: this.#deps.clock.now() });
    if (!parsed.success) {
      this.#deps.logger.error({ command: name, outcome }, 'command result not sendable (bad id)');
      return;
    }
    const result = parsed.data;
    // Every command is in the kiosk's audit trail (docs/staff.md "Audit trail"), with the id the console knows it by.
    this.#deps.audit
      .append({ type: 'fleet.command', actor: command.by ? `fleet:${command.by}` : 'fleet', data: { command: name, id: command.id, outcome, detail: result.detail } })
      .catch((error: unknown) => this.#deps.logger.error({ err: error, command: name }, 'audit trail refused a fleet command'));
    this.#enqueue(this.#topics.commandResult, JSON.stringify(result));
  }

  async #onCommand(topic: string, payload: string): Promise<void> {
    const parsedTopic = parseTopic(topic);
    if (!parsedTopic || parsedTopic.kind !== 'cmd' || parsedTopic.kioskId !== this.#deps.identity.kioskId) return;
    const name = (commandNames as readonly string[]).includes(parsedTopic.name) ? (parsedTopic.name as CommandName) : null;
    let json: unknown = null;
    try {
      json = JSON.parse(payload);
    } catch {
      json = null;
    }
    const parsed = fleetCommandSchema.safeParse(json);
    const id = parsed.success ? parsed.data.id : 'invalid';
    if (!name) return this.#result({ id }, 'unknown', 'refused', `no such command: ${parsedTopic.name.slice(0, 40)}`);
    if (!parsed.success) return this.#result({ id }, name, 'refused', `malformed command: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
    const command = parsed.data;
    // QoS 1 may deliver a command twice; a command is carried out once.
    if (this.#seenIds.includes(command.id)) return;
    this.#seenIds.push(command.id);
    if (this.#seenIds.length > rememberedIds) this.#seenIds.shift();
    this.#deps.logger.info({ command: name, id: command.id, by: command.by }, 'fleet command');
    if (name === 'config') return this.#configCommand(command);
    const run = this.#action(name, command);
    if (!waitsForIdle.has(name) || this.#idle()) return this.#finish(command, name, run);
    this.#deferred.push({ command, name, run });
    this.#result(command, name, 'accepted', 'a traveller is using the kiosk; it will be done at the next idle moment');
  }

  #action(name: Exclude<CommandName, 'config'>, command: FleetCommand): Deferred['run'] {
    const { actions } = this.#deps;
    switch (name) {
      case 'out-of-service':
        return async () => (actions.setOutOfService(true), { outcome: 'done', detail: 'out of service' });
      case 'in-service':
        return async () => (actions.setOutOfService(false), { outcome: 'done', detail: 'in service' });
      case 'self-test':
        return async () => {
          const results = await actions.selfTest(command.device);
          const failed = results.filter((r) => !r.ok);
          const detail = results.map((r) => `${r.device}: ${r.ok ? 'ok' : r.detail}`).join('; ') || 'no such device';
          return { outcome: results.length > 0 && failed.length === 0 ? 'done' : 'failed', detail };
        };
      case 'restart':
        return async () => {
          this.#deps.clock.setTimeout(() => actions.restart('fleet command'), 0);
          return { outcome: 'accepted', detail: 'restarting now' };
        };
    }
  }

  #finish(command: FleetCommand, name: CommandName, run: Deferred['run']): void {
    void run()
      .catch((error: unknown) => ({ outcome: 'failed' as const, detail: (error as Error).message }))
      .then(({ outcome, detail }) => {
        this.#result(command, name, outcome, detail);
        this.#onChange();
      });
  }

  #configCommand(command: FleetCommand): void {
    const { configKey, identity, boot } = this.#deps;
    if (!configKey) return this.#result(command, 'config', 'refused', 'this kiosk has no fleet key to verify configurations with');
    if (!command.signed) return this.#result(command, 'config', 'refused', 'the command carries no signed configuration');
    const verdict = verifyConfig(command.signed, configKey, { site: identity.site, kioskId: identity.kioskId, appliedIssuedAt: this.#appliedIssuedAt });
    if (!verdict.ok) return this.#result(command, 'config', 'refused', verdict.reason);
    const problem = this.#deps.checkConfig(verdict.document);
    if (problem) return this.#result(command, 'config', 'refused', `the configuration is not valid here: ${problem}`);
    const signed = command.signed;
    void boot.slots
      .stage({ commandId: command.id, document: signed.document, signature: signed.signature })
      .then(() => {
        this.#appliedIssuedAt = verdict.document.issuedAt;
        this.#result(command, 'config', 'accepted', 'verified and stored; the kiosk restarts into it at the next idle moment');
        const run: Deferred['run'] = async () => {
          this.#deps.clock.setTimeout(() => this.#deps.actions.restart('pushed configuration'), 0);
          return { outcome: 'accepted', detail: 'restarting into the new configuration' };
        };
        if (this.#idle()) return this.#finish(command, 'config', run);
        this.#deferred.push({ command, name: 'config', run });
      })
      .catch((error: unknown) => this.#result(command, 'config', 'failed', `could not store it: ${(error as Error).message}`));
  }

  #idle(): boolean {
    return this.#deps.source.parts().activity === 'idle';
  }

  #runDeferredIfIdle(): void {
    if (this.#deferred.length === 0 || !this.#idle()) return;
    for (const d of this.#deferred.splice(0)) this.#finish(d.command, d.name, d.run);
  }

  /** On the way out, gives the broker a moment to take what is waiting (the result of a restart command). */
  async #drain(withinMs: number): Promise<void> {
    const { clock, link } = this.#deps;
    const until = clock.now() + withinMs;
    while (this.#outbox.size > 0 && link.connected && clock.now() < until) {
      await this.#flush();
      if (this.#outbox.size > 0) await new Promise<void>((resolve) => clock.setTimeout(resolve, 50));
    }
  }

  #clearTimers(): void {
    if (this.#debounce !== null) this.#deps.clock.clearTimeout(this.#debounce);
    if (this.#confirmTimer !== null) this.#deps.clock.clearTimeout(this.#confirmTimer);
    this.#debounce = null;
    this.#confirmTimer = null;
  }
}
