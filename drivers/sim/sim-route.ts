import type { ZodType } from 'zod';

/**
 * One route of the simulation control API (docs/architecture.md "Simulation control"). Each simulator
 * contributes its own routes; the host mounts them under `/sim/` only in simulated mode.
 * The body is validated with `body` before `handle` sees it; a validation failure is a 400 naming the field.
 */
export interface SimRoute<B = unknown> {
  readonly method: 'GET' | 'POST';
  /** Path under /sim, e.g. `/reader/document`. */
  readonly path: string;
  readonly body?: ZodType<B>;
  handle(body: B): Promise<unknown> | unknown;
}

export function simRoute<B>(route: SimRoute<B>): SimRoute<unknown> {
  return route as SimRoute<unknown>;
}
