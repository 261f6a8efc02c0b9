/**
 * A value, or a typed error the caller must handle (errors callers handle are values; exceptions are for bugs).
 * The one result shape of the codebase; it lives in the lowest layer so drivers, the host and the session share it.
 */
export type Result<T, E> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: E };

export function ok<T>(value: T): { readonly ok: true; readonly value: T } {
  return { ok: true, value };
}

export function err<E>(error: E): { readonly ok: false; readonly error: E } {
  return { ok: false, error };
}
