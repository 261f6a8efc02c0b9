/**
 * IPC channel names, in a file of their own so the sandboxed preload can import them without pulling
 * in the schemas. Main and preload both derive from this, so they cannot drift.
 */
export const ipcChannels = { toHost: 'passage:ui-message', toUi: 'passage:host-message' } as const;
