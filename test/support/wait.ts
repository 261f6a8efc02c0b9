/** Lets promises and nextTick/setImmediate callbacks (serialport's mock delivers on nextTick) run. */
export async function flush(rounds = 5): Promise<void> {
  for (let i = 0; i < rounds; i += 1) await new Promise((r) => setImmediate(r));
}

/** Waits (real time) until `check` holds; for real I/O such as ptys. Throws with `what` when it never does. */
export async function waitFor(check: () => boolean, what: string, timeoutMs = 3000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}
