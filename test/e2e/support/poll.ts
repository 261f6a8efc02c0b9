/** Reads until `until` holds or `timeout` ms pass; returns the last value read (the test asserts on it). */
export async function poll<T>(read: () => Promise<T>, until: (value: T) => boolean, timeout = 10_000): Promise<T> {
  const end = Date.now() + timeout;
  for (;;) {
    const value = await read();
    if (until(value) || Date.now() > end) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
}
