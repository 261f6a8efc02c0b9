/**
 * Reconnect delay: exponential from `minMs`, capped at `maxMs`, with "equal jitter" (half fixed, half random)
 * so a site's kiosks that lost the broker together do not all come back in the same millisecond. Pure:
 * `random` is injected (returns [0, 1)).
 */
export function reconnectDelay(attempt: number, range: { minMs: number; maxMs: number }, random: () => number): number {
  const ceiling = Math.min(range.maxMs, range.minMs * 2 ** Math.min(attempt, 30));
  return Math.round(ceiling / 2 + (ceiling / 2) * random());
}
