/**
 * Simulators remember what they were sent (jobs printed, idempotency keys, accepted registrations) so tests and
 * the control API can look back; a kiosk left running in simulated mode for weeks must not keep all of it. These
 * keep the most recent `limit` entries and drop the oldest.
 */

/** Sets `key` in `map` (insertion order is age) and drops the oldest entries beyond `limit`. */
export function rememberLatest<K, V>(map: Map<K, V>, key: K, value: V, limit: number): void {
  map.delete(key);
  map.set(key, value);
  while (map.size > limit) {
    const oldest = map.keys().next();
    if (oldest.done) break;
    map.delete(oldest.value);
  }
}

/** Appends `item` to `list` and drops the oldest items beyond `limit`. */
export function appendLatest<T>(list: T[], item: T, limit: number): void {
  list.push(item);
  if (list.length > limit) list.splice(0, list.length - limit);
}
