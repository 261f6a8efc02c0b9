import type {
  AccountView, DeviceSettingsView, JournalEntry, MaintenanceAction, SelfTestResult, StaffNotice, StaffPermission, StaffQueue, StaffRole, StaffSection,
} from '../contract/index.ts';
import type { AuditEntry, AuditTrail } from '../audit/audit-trail.ts';
import type { Logger } from '../log/logger.ts';
import { can } from '../staff/roles.ts';
import type { AccountResult, StaffAccounts } from '../staff/staff-accounts.ts';
import type { ConsumableSettings } from './consumables.ts';
import type { MaintenanceState } from './maintenance-state.ts';
import { mayOpen, type SectionData } from './panel-view.ts';
import type { StaffRegistrations } from './registrations.ts';
import type { SettingProblem } from './device-settings.ts';

/** The kiosk's parts staff work with, each absent where the kiosk has none. */
export interface StaffWork {
  /** Runs a device's self-test (a printer's test page, a reader's status check ...). Never rejects. */
  readonly selfTest: (deviceId: string) => Promise<{ ok: boolean; detail: string }>;
  /** Work owed to back-ends (police registrations waiting in the outbox), read each time the panel refreshes. */
  readonly queues?: () => readonly StaffQueue[];
  readonly registrations?: StaffRegistrations;
  readonly deviceSettings?: {
    view(): Promise<DeviceSettingsView>;
    save(change: { device: string; path: string | null; profile: string | null }): Promise<SettingProblem | null>;
  };
  /** Writes the diagnostics bundle; resolves with its path. */
  readonly diagnostics?: () => Promise<string>;
  /** Ends the process in a way its supervisor restarts (docs/staff.md "Restart"). */
  readonly restart?: () => void;
  /** The day's transaction journal. */
  readonly journal?: () => Promise<JournalEntry[]>;
}

export interface StaffActionContext {
  readonly staff: { readonly id: string; readonly role: StaffRole };
  readonly deps: StaffWork & {
    readonly audit: AuditTrail;
    readonly logger: Logger;
    readonly state: MaintenanceState;
    readonly accounts: Pick<StaffAccounts, 'list' | 'add' | 'setPin' | 'setDisabled'>;
    readonly consumables: { readonly settings: Readonly<Record<'paper' | 'keyCards', ConsumableSettings>> };
    readonly setOutOfService: (value: boolean) => void;
  };
  readonly now: () => number;
  notice(code: StaffNotice['code'], detail?: string): void;
  section(section: StaffSection): void;
  currentSection(): StaffSection;
  setSectionData(data: Partial<SectionData>): void;
  clearAlerts(): number;
  selfTestResult(result: Omit<SelfTestResult, 'at'>): void;
  armTestRead(reader: string): void;
}

type PanelAction = Exclude<MaintenanceAction, { type: 'open' | 'close' | 'login' }>;

/** The permission each action needs (docs/staff.md "Roles"); `section` is checked per page. */
const actionPermission: Record<Exclude<PanelAction['type'], 'section'>, StaffPermission> = {
  setOutOfService: 'outOfService',
  selfTest: 'selfTest',
  testRead: 'selfTest',
  clearAlerts: 'alerts',
  refill: 'consumables',
  resendRegistration: 'registrations',
  closeRegistration: 'registrations',
  saveDeviceSetting: 'deviceSettings',
  writeDiagnostics: 'diagnostics',
  restart: 'restart',
  addAccount: 'accounts',
  setPin: 'accounts',
  setDisabled: 'accounts',
};

/**
 * One staff action from the panel. The host checks the person's role here, whatever the screens showed; a
 * refused action is itself recorded. Each allowed action is recorded in the audit trail *before* it takes
 * effect, and if the trail cannot record it, it does not take effect (`auditFailed`); an action that then fails
 * is recorded as failed too.
 */
export async function performStaffAction(ctx: StaffActionContext, action: PanelAction): Promise<void> {
  const { staff, deps } = ctx;
  const allowed = action.type === 'section' ? mayOpen(staff.role, action.section) : can(staff.role, actionPermission[action.type]);
  if (!allowed) {
    deps.logger.warn({ staff: staff.id, role: staff.role, action: action.type }, 'staff action refused: not allowed for the role');
    ctx.notice('notAllowed');
    await record(ctx, { type: 'staff.refused', data: { action: action.type, ...(action.type === 'section' ? { section: action.section } : {}) } });
    return;
  }
  switch (action.type) {
    case 'section':
      ctx.section(action.section);
      return loadSection(ctx);
    case 'setOutOfService':
      if (!(await record(ctx, { type: 'kiosk.outOfService', data: { value: action.value } }))) return;
      await deps.state.update((s) => ({ ...s, outOfService: action.value }));
      deps.logger.warn({ staff: staff.id, value: action.value }, 'staff set out of service');
      return deps.setOutOfService(action.value);
    case 'clearAlerts': {
      if (!(await record(ctx, { type: 'alerts.cleared' }))) return;
      ctx.clearAlerts();
      return;
    }
    case 'selfTest': {
      const result = await deps.selfTest(action.device).catch((error: unknown) => ({ ok: false, detail: `self-test failed: ${(error as Error).message}` }));
      if (!(await record(ctx, { type: 'device.selfTest', data: { device: action.device, ok: result.ok } }))) return;
      ctx.selfTestResult({ device: action.device, ok: result.ok, detail: result.detail });
      return;
    }
    case 'testRead':
      if (!(await record(ctx, { type: 'device.testRead', data: { reader: action.reader } }))) return;
      ctx.armTestRead(action.reader);
      return ctx.notice('testReadWaiting', action.reader);
    case 'refill': {
      const capacity = deps.consumables.settings[action.consumable].capacity;
      if (!(await record(ctx, { type: 'consumable.refilled', data: { consumable: action.consumable, level: capacity } }))) return;
      await deps.state.update((s) => ({ ...s, consumables: { ...s.consumables, [action.consumable]: capacity } }));
      return ctx.notice('refilled', action.consumable);
    }
    case 'resendRegistration':
    case 'closeRegistration':
      return resolveRegistration(ctx, action);
    case 'saveDeviceSetting': {
      if (!deps.deviceSettings) return ctx.notice('failed', 'no device settings on this kiosk');
      const change = { device: action.device, path: action.path, profile: action.profile };
      if (!(await record(ctx, { type: 'config.deviceSetting', data: change }))) return;
      const problem = await deps.deviceSettings.save(change).catch((error: unknown) => (error as Error).message);
      if (problem !== null) return failed(ctx, action.type, problem);
      ctx.notice('settingsSaved', action.device);
      return loadSection(ctx);
    }
    case 'writeDiagnostics': {
      if (!deps.diagnostics) return ctx.notice('failed', 'no diagnostics on this kiosk');
      if (!(await record(ctx, { type: 'kiosk.diagnostics' }))) return;
      const path = await deps.diagnostics().catch((error: unknown) => {
        void failed(ctx, action.type, (error as Error).message);
        return null;
      });
      if (path !== null) ctx.notice('diagnosticsWritten', path);
      return;
    }
    case 'restart':
      if (!deps.restart) return ctx.notice('failed', 'this kiosk cannot restart itself');
      if (!(await record(ctx, { type: 'kiosk.restart' }))) return;
      ctx.notice('restarting');
      return deps.restart();
    case 'addAccount':
      if (!(await record(ctx, { type: 'account.added', data: { id: action.id, role: action.role } }))) return;
      return accountChange(ctx, action.type, deps.accounts.add({ id: action.id, role: action.role, pin: action.pin }));
    case 'setPin':
      if (!(await record(ctx, { type: 'account.pinChanged', data: { id: action.id } }))) return;
      return accountChange(ctx, action.type, deps.accounts.setPin(action.id, action.pin));
    case 'setDisabled':
      if (!(await record(ctx, { type: action.disabled ? 'account.disabled' : 'account.enabled', data: { id: action.id } }))) return;
      return accountChange(ctx, action.type, deps.accounts.setDisabled(action.id, action.disabled));
  }
}

async function resolveRegistration(
  ctx: StaffActionContext,
  action: Extract<PanelAction, { type: 'resendRegistration' | 'closeRegistration' }>,
): Promise<void> {
  const registrations = ctx.deps.registrations;
  if (!registrations) return ctx.notice('registrationGone');
  const entry: Omit<AuditEntry, 'actor'> = action.type === 'resendRegistration'
    ? { type: 'registration.resend', data: { registrationId: action.id } }
    : { type: 'registration.closedAtDesk', data: { registrationId: action.id, reason: action.reason } };
  if (!(await record(ctx, entry))) return;
  const outcome = action.type === 'resendRegistration' ? registrations.resend(action.id) : registrations.close(action.id);
  if (outcome === 'resent') return ctx.notice('registrationResent', action.id);
  if (outcome === 'closed') return ctx.notice('registrationClosed', action.id);
  await failed(ctx, action.type, outcome);
  ctx.notice('registrationGone', action.id);
}

async function accountChange(ctx: StaffActionContext, action: string, change: Promise<AccountResult>): Promise<void> {
  const result = await change.catch((error: unknown): AccountResult => ({ ok: false, error: 'accountNotFound', message: (error as Error).message }));
  if (!result.ok) {
    await failed(ctx, action, result.error);
    return ctx.notice(result.error, result.message);
  }
  ctx.notice('accountSaved');
  return loadSection(ctx);
}

/** Loads what the open page shows from disk. */
async function loadSection(ctx: StaffActionContext): Promise<void> {
  const { deps } = ctx;
  try {
    switch (ctx.currentSection()) {
      case 'journal':
        return ctx.setSectionData({ journal: (await deps.journal?.()) ?? [] });
      case 'settings':
        return ctx.setSectionData({ settings: (await deps.deviceSettings?.view()) ?? null });
      case 'accounts':
        return ctx.setSectionData({ accounts: (await deps.accounts.list()) as AccountView[] });
      default:
        return;
    }
  } catch (error) {
    deps.logger.error({ err: error, section: ctx.currentSection() }, 'maintenance page could not be loaded');
    ctx.notice('failed', (error as Error).message);
  }
}

/** Appends a staff action; false (and the `auditFailed` notice) when the trail could not record it. */
async function record(ctx: StaffActionContext, entry: Omit<AuditEntry, 'actor'>): Promise<boolean> {
  try {
    await ctx.deps.audit.append({ ...entry, actor: ctx.staff.id });
    return true;
  } catch (error) {
    ctx.deps.logger.error({ err: error, type: entry.type }, 'audit trail refused a staff action: not done');
    ctx.notice('auditFailed');
    return false;
  }
}

async function failed(ctx: StaffActionContext, action: string, error: string): Promise<void> {
  ctx.notice('failed', error);
  await record(ctx, { type: 'staff.actionFailed', data: { action, error: error.slice(0, 200) } });
}
