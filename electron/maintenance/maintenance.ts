import type {
  ConsumableKind, ConsumableView, DeviceView, MaintenanceAction, MaintenanceView, SelfTestResult, StaffAlert, StaffNotice, StaffQueue, StaffRole, StaffSection,
} from '../contract/index.ts';
import type { Unsubscribe } from '../../drivers/device.ts';
import type { AuditTrail } from '../audit/audit-trail.ts';
import type { DeviceManagerEvent } from '../devices/device-manager.ts';
import type { Logger } from '../log/logger.ts';
import type { Clock } from '../../drivers/clock.ts';
import { afterFailure, isLocked, noLockout } from '../staff/lockout.ts';
import type { StaffAccounts } from '../staff/staff-accounts.ts';
import { consume, consumableViews, type ConsumableSettings } from './consumables.ts';
import type { MaintenanceState } from './maintenance-state.ts';
import { panelView, type SectionData } from './panel-view.ts';
import { performStaffAction, type StaffActionContext, type StaffWork } from './staff-actions.ts';

export interface MaintenanceDeps extends StaffWork {
  readonly clock: Clock;
  readonly logger: Logger;
  readonly audit: AuditTrail;
  readonly accounts: Pick<StaffAccounts, 'authenticate' | 'list' | 'isEmpty' | 'add' | 'setPin' | 'setDisabled'>;
  /** Out of service, counters, consumables and lockout, persisted. */
  readonly state: MaintenanceState;
  readonly consumables: { readonly settings: Readonly<Record<ConsumableKind, ConsumableSettings>>; readonly offered: readonly ConsumableKind[] };
  readonly setOutOfService: (value: boolean) => void;
}

/** Maintenance closes itself when staff walk away, so the kiosk is never left open on the panel. */
export const inactivityMs = 120_000;
/** The panel shows queues that change on their own (deliveries): it refreshes while open. */
const refreshMs = 2_000;
const keep = 50;

type Counter = 'sessions' | 'verified' | 'notVerified' | 'unreadable';

/**
 * Maintenance mode (docs/staff.md): the login (staff id or badge, and PIN, with a lockout that survives
 * restarts), the panel each role may see, and every staff action, recorded in the audit trail before it takes
 * effect. The session shows its view instead of the traveller's screens while it is open. Holds no personal
 * data: alerts carry device ids, screen names and counts; registrations come masked.
 */
export class Maintenance {
  readonly #deps: MaintenanceDeps;
  readonly #listeners = new Set<() => void>();
  #step: 'closed' | 'login' | 'panel' = 'closed';
  #badge: string | null = null;
  #problem: 'wrongPin' | 'auditFailed' | null = null;
  #checking = false;
  #noAccounts = false;
  #staff: { id: string; role: StaffRole } | null = null;
  #section: StaffSection = 'overview';
  #sectionData: SectionData = { journal: null, settings: null, accounts: null };
  #notice: StaffNotice | null = null;
  #alerts: StaffAlert[] = [];
  #selfTests: SelfTestResult[] = [];
  #testRead: string | null = null;
  #timer: unknown = null;
  #refresh: unknown = null;
  #work: Promise<void> = Promise.resolve();

  constructor(deps: MaintenanceDeps) {
    this.#deps = deps;
    const { lockout } = deps.state.get();
    if (isLocked(lockout, deps.clock.now())) this.alert('security', `PIN entry locked until ${new Date(lockout.lockedUntil as number).toISOString()} after ${lockout.failures} wrong PINs`);
  }

  get isOpen(): boolean {
    return this.#step !== 'closed';
  }

  get outOfService(): boolean {
    return this.#deps.state.get().outOfService;
  }

  subscribe(listener: () => void): Unsubscribe {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  view(devices: readonly DeviceView[]): MaintenanceView | null {
    const now = this.#deps.clock.now();
    const state = this.#deps.state.get();
    if (this.#step === 'closed') return null;
    if (this.#step === 'login' || this.#staff === null) {
      return {
        step: 'login',
        badge: this.#badge !== null,
        problem: this.#problem,
        lockedUntil: isLocked(state.lockout, now) ? state.lockout.lockedUntil : null,
        failures: state.lockout.failures,
        noAccounts: this.#noAccounts,
      };
    }
    return panelView({
      staff: this.#staff,
      section: this.#section,
      notice: this.#notice,
      state,
      devices,
      alerts: this.#alerts,
      selfTests: this.#selfTests,
      queues: this.#deps.queues?.() ?? [],
      registrations: this.#deps.registrations?.list() ?? [],
      consumables: this.#deps.consumables,
      sectionData: this.#sectionData,
    });
  }

  /** Alerts, queues, counters and stock as the panel would show them, without opening it (fleet agent, metrics). */
  status(): { alerts: readonly StaffAlert[]; queues: readonly StaffQueue[]; counters: Readonly<Record<string, number>>; consumables: readonly ConsumableView[] } {
    const state = this.#deps.state.get();
    return {
      alerts: [...this.#alerts],
      queues: (this.#deps.queues?.() ?? []).map((q) => ({ ...q })),
      counters: { ...state.counters },
      consumables: consumableViews(state.consumables, this.#deps.consumables.settings, this.#deps.consumables.offered),
    };
  }

  alert(kind: StaffAlert['kind'], detail: string): void {
    this.#alerts = [...this.#alerts, { kind, detail: detail.slice(0, 200), at: this.#deps.clock.now() }].slice(-keep);
    this.#changed();
  }

  count(what: Counter): void {
    void this.#deps.state.update((s) => ({ ...s, counters: { ...s.counters, [what]: s.counters[what] + 1 } }));
  }

  /** The kiosk used `count` of a consumable (printed, encoded). */
  consumed(kind: ConsumableKind, count: number): void {
    const settings = this.#deps.consumables.settings[kind];
    const { level, crossed } = consume(this.#deps.state.get().consumables[kind], count, settings);
    void this.#deps.state.update((s) => ({ ...s, consumables: { ...s.consumables, [kind]: level } }));
    if (crossed === 'low') this.alert('consumable', `${kind}: ${level} left (low at ${settings.low})`);
    else if (crossed === 'empty') this.alert('consumable', `${kind}: used up by the count`);
    else this.#changed();
  }

  /** The device reported its stock empty (paper out, card hopper empty): the count follows the device. */
  deviceEmpty(kind: ConsumableKind): void {
    if (this.#deps.state.get().consumables[kind] === 0) return;
    void this.#deps.state.update((s) => ({ ...s, consumables: { ...s.consumables, [kind]: 0 } }));
    this.#changed();
  }

  /**
   * Device events while maintenance is open: a barcode on the login screen is a staff badge; a document on a
   * reader staff asked to test is a test read (reported by format and check digits only).
   */
  observe(event: DeviceManagerEvent): void {
    if (this.#step === 'login' && event.type === 'scan') {
      this.#badge = event.scan.text.slice(0, 200);
      this.#problem = null;
      this.#touch();
      return this.#changed();
    }
    if (this.#step !== 'panel' || this.#testRead === null) return;
    if ((event.type === 'document' || event.type === 'unreadable') && event.readerId === this.#testRead) {
      const ok = event.type === 'document' && event.result.ok && event.result.valid;
      const detail = event.type === 'document'
        ? `test read: ${event.result.format ?? 'unknown format'}, check digits ${event.result.valid ? 'valid' : 'invalid'}`
        : `test read: unreadable (${event.reason.code})`;
      this.#testRead = null;
      this.#pushSelfTest({ device: event.readerId, ok, detail });
    }
  }

  handle(action: MaintenanceAction): void {
    this.#touch();
    this.#work = this.#work.then(() => this.#perform(action)).catch((error: unknown) => {
      this.#deps.logger.error({ err: error, action: action.type }, 'maintenance action failed');
    });
  }

  /** Resolves when every action handled so far is done (tests; the host's stop). */
  async idle(): Promise<void> {
    let seen: Promise<void> | null = null;
    while (seen !== this.#work) {
      seen = this.#work;
      await seen;
    }
    await this.#deps.state.flushed();
  }

  dispose(): void {
    if (this.#timer !== null) this.#deps.clock.clearTimeout(this.#timer);
    if (this.#refresh !== null) this.#deps.clock.clearTimeout(this.#refresh);
    this.#timer = null;
    this.#refresh = null;
    this.#listeners.clear();
  }

  async #perform(action: MaintenanceAction): Promise<void> {
    switch (action.type) {
      case 'open':
        if (this.#step !== 'closed') return;
        this.#badge = null;
        this.#problem = null;
        this.#noAccounts = await this.#deps.accounts.isEmpty().catch(() => false);
        return this.#set('login');
      case 'close':
        return this.#close('closed');
      case 'login':
        return this.#login(action.id, action.pin);
      default:
        if (this.#step !== 'panel' || this.#staff === null) return; // everything else needs a login
        await performStaffAction(this.#context(this.#staff), action);
        return this.#changed();
    }
  }

  #context(staff: { id: string; role: StaffRole }): StaffActionContext {
    return {
      staff,
      deps: this.#deps,
      now: () => this.#deps.clock.now(),
      notice: (code, detail = '') => {
        this.#notice = { code, detail: detail.slice(0, 200) };
      },
      section: (section) => {
        this.#section = section;
        this.#notice = null;
        this.#sectionData = { journal: null, settings: null, accounts: null };
      },
      setSectionData: (data) => {
        this.#sectionData = { ...this.#sectionData, ...data };
      },
      currentSection: () => this.#section,
      clearAlerts: () => {
        const count = this.#alerts.length;
        this.#alerts = [];
        return count;
      },
      selfTestResult: (result) => this.#pushSelfTest(result),
      armTestRead: (reader) => {
        this.#testRead = reader;
      },
    };
  }

  async #login(id: string, pin: string): Promise<void> {
    const { clock, state, audit, accounts, logger } = this.#deps;
    if (this.#step !== 'login' || this.#checking || isLocked(state.get().lockout, clock.now())) return;
    const method = this.#badge !== null ? 'badge' : 'pin';
    this.#checking = true;
    try {
      const staff = await accounts.authenticate({ id: method === 'badge' ? null : id, badge: this.#badge, pin }).catch((error: unknown) => {
        logger.error({ err: error }, 'staff accounts cannot be read');
        return null;
      });
      if (staff) {
        try {
          await audit.append({ type: 'staff.login', actor: staff.id, data: { method, role: staff.role } });
        } catch (error) {
          logger.error({ err: error }, 'audit trail refused the login: the panel stays closed');
          this.#problem = 'auditFailed';
          return this.#changed();
        }
        await state.update((s) => ({ ...s, lockout: noLockout }));
        logger.info({ staff: staff.id, role: staff.role, method }, 'staff logged in');
        this.#staff = staff;
        this.#section = 'overview';
        this.#notice = null;
        this.#problem = null;
        return this.#set('panel');
      }
      const before = state.get().lockout;
      const after = afterFailure(before, clock.now());
      await state.update((s) => ({ ...s, lockout: after }));
      this.#problem = 'wrongPin';
      this.#badge = null;
      logger.warn({ failures: after.failures, method }, 'wrong staff PIN');
      const attempted = method === 'badge' ? null : id || null;
      await audit.append({ type: 'staff.loginFailed', actor: 'kiosk', data: { id: attempted, method, failures: after.failures } }).catch((error: unknown) => {
        logger.error({ err: error }, 'audit trail refused a failed login');
      });
      if (after.lockedUntil !== before.lockedUntil && after.lockedUntil !== null) {
        const until = new Date(after.lockedUntil).toISOString();
        this.alert('security', `PIN entry locked until ${until} after ${after.failures} wrong PINs`);
        await audit.append({ type: 'staff.lockout', actor: 'kiosk', data: { failures: after.failures, until } }).catch((error: unknown) => {
          logger.error({ err: error }, 'audit trail refused a lockout');
        });
        this.#touch();
      }
      this.#changed();
    } finally {
      this.#checking = false;
    }
  }

  async #close(reason: 'closed' | 'timeout'): Promise<void> {
    if (this.#step === 'closed') return;
    const staff = this.#staff;
    if (staff) {
      await this.#deps.audit.append({ type: 'staff.logout', actor: staff.id, data: { reason } }).catch((error: unknown) => {
        this.#deps.logger.error({ err: error }, 'audit trail refused a logout');
      });
    }
    this.#staff = null;
    this.#badge = null;
    this.#problem = null;
    this.#testRead = null;
    this.#notice = null;
    this.#sectionData = { journal: null, settings: null, accounts: null };
    this.#set('closed');
  }

  #pushSelfTest(result: Omit<SelfTestResult, 'at'>): void {
    this.#selfTests = [...this.#selfTests, { ...result, detail: result.detail.slice(0, 200), at: this.#deps.clock.now() }].slice(-keep);
    this.#changed();
  }

  #set(step: 'closed' | 'login' | 'panel'): void {
    this.#step = step;
    this.#touch();
    this.#scheduleRefresh();
    this.#changed();
  }

  #scheduleRefresh(): void {
    if (this.#refresh !== null) this.#deps.clock.clearTimeout(this.#refresh);
    this.#refresh = null;
    if (this.#step === 'closed') return;
    // The login screen refreshes too, so a lockout's end shows without a touch.
    this.#refresh = this.#deps.clock.setTimeout(() => {
      this.#refresh = null;
      this.#changed();
      this.#scheduleRefresh();
    }, refreshMs);
  }

  #touch(): void {
    if (this.#timer !== null) this.#deps.clock.clearTimeout(this.#timer);
    this.#timer = this.#step === 'closed' ? null : this.#deps.clock.setTimeout(() => {
      this.#timer = null;
      this.#work = this.#work.then(() => this.#close('timeout'));
    }, inactivityMs);
  }

  #changed(): void {
    for (const listener of [...this.#listeners]) listener();
  }
}
