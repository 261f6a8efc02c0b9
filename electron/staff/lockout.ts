/**
 * PIN lockout (docs/staff.md "Lockout"): the kiosk has one PIN pad, so wrong PINs are counted for the pad, not
 * per account (otherwise one PIN could be tried against every id in turn). Three wrong PINs are free; each one
 * after that locks the pad, for twice as long as the time before, from 30 s up to 15 min. A correct login
 * clears it. Pure: the caller keeps the state (persisted, so a restart does not reset it) and passes the time.
 */
export interface LockoutState {
  /** Wrong PINs since the last successful login. */
  readonly failures: number;
  /** Epoch ms until which no PIN is checked; null when not locked. */
  readonly lockedUntil: number | null;
}

export interface LockoutPolicy {
  readonly freeAttempts: number;
  readonly firstLockMs: number;
  readonly maxLockMs: number;
}

export const defaultLockoutPolicy: LockoutPolicy = { freeAttempts: 3, firstLockMs: 30_000, maxLockMs: 15 * 60_000 };
export const noLockout: LockoutState = { failures: 0, lockedUntil: null };

export function isLocked(state: LockoutState, now: number): boolean {
  return state.lockedUntil !== null && now < state.lockedUntil;
}

/** How long the pad locks after the `failures`-th wrong PIN (0: not at all). */
export function lockDuration(failures: number, policy: LockoutPolicy = defaultLockoutPolicy): number {
  if (failures < policy.freeAttempts) return 0;
  return Math.min(policy.maxLockMs, policy.firstLockMs * 2 ** Math.min(30, failures - policy.freeAttempts));
}

export function afterFailure(state: LockoutState, now: number, policy: LockoutPolicy = defaultLockoutPolicy): LockoutState {
  const failures = state.failures + 1;
  const ms = lockDuration(failures, policy);
  return { failures, lockedUntil: ms > 0 ? now + ms : state.lockedUntil };
}
