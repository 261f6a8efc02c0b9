import { z } from 'zod';
import { fleetIdPattern } from './topics.ts';

const id = z.string().regex(fleetIdPattern, 'letters, digits, _ . - (at most 64), starting with a letter or digit');

/**
 * The `fleet` section of the kiosk configuration (mounted in electron/host/config.ts): where the broker is and
 * who this kiosk is. Absent: the kiosk runs standalone and needs no broker. `mqtts://` needs the CA, the
 * kiosk's client certificate and key; plain `mqtt://` is refused on a real kiosk (see `fleetModeProblem`).
 */
export const fleetConfigSchema = z
  .strictObject({
    url: z.url({ protocol: /^mqtts?$/ }),
    site: id,
    /** Must equal the client certificate's CN: the broker's ACL confines a kiosk to topics under its CN. */
    kioskId: id,
    caPath: z.string().min(1).optional(),
    certPath: z.string().min(1).optional(),
    keyPath: z.string().min(1).optional(),
    /** PEM public key that pushed configurations must be signed with. Absent: configuration commands are refused. */
    configKeyPath: z.string().min(1).optional(),
    /** MQTT keep-alive: the broker publishes the last will after 1.5 × this without traffic. */
    keepAliveSeconds: z.number().int().min(2).max(600).default(30),
    /** Events kept while the broker is unreachable; the oldest are dropped (and counted) beyond this. */
    outboxLimit: z.number().int().min(10).max(100_000).default(1_000),
    /** A pushed configuration is confirmed once the kiosk has run with it, connected, this long. */
    confirmAfterSeconds: z.number().int().min(1).max(3_600).default(30),
    /** State changes closer together than this are sent as one message. */
    stateDebounceMs: z.number().int().min(0).max(10_000).default(250),
    reconnect: z
      .strictObject({
        minMs: z.number().int().min(100).max(60_000).default(1_000),
        maxMs: z.number().int().min(100).max(600_000).default(60_000),
      })
      .refine((r) => r.minMs <= r.maxMs, { message: 'minMs must not exceed maxMs', path: ['minMs'] })
      .prefault({}),
  })
  .superRefine((f, ctx) => {
    if (!f.url.startsWith('mqtts:')) return;
    for (const key of ['caPath', 'certPath', 'keyPath'] as const) {
      if (!f[key]) ctx.addIssue({ code: 'custom', path: [key], message: 'mqtts:// needs the CA, the client certificate and its key' });
    }
  });

export type FleetConfig = z.infer<typeof fleetConfigSchema>;

/** A real kiosk talks to its broker over TLS with a client certificate only; plain MQTT is for simulation. */
export function fleetModeProblem(mode: 'simulated' | 'real', fleet: FleetConfig | undefined): string | null {
  if (fleet && mode === 'real' && !fleet.url.startsWith('mqtts:')) return 'a real kiosk connects with mqtts:// only (plain mqtt:// is for simulated mode)';
  return null;
}
