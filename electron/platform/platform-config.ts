import { z } from 'zod';

/**
 * The `platform` section of the kiosk configuration (the host mounts it in electron/host/config.ts).
 * Defaults give simulated mode: the simulator is started on loopback and supplies the URL, certificates and
 * keys, so nothing below the timeouts needs to be set. Real mode needs the URL and every certificate and key
 * path (the superRefine names the missing ones).
 */
export const platformConfigSchema = z
  .strictObject({
    mode: z.enum(['simulated', 'real']).default('simulated'),
    /** https://host[:port] of the platform, nothing after it: the API paths (/v1/...) are signed as sent. */
    baseUrl: z
      .url({ protocol: /^https$/ })
      .refine(
        (u) => {
          const url = new URL(u);
          return url.pathname === '/' && !url.search && !url.hash && !url.username;
        },
        { message: 'must be https://host[:port] without a path, query or credentials' },
      )
      .optional(),
    /** PEM: the CA that issued the platform's server certificate (no system trust store is used). */
    caPath: z.string().min(1).optional(),
    /** PEM: this kiosk's client certificate (its subject names the institution and the kiosk) and key. */
    clientCertPath: z.string().min(1).optional(),
    clientKeyPath: z.string().min(1).optional(),
    signer: z.enum(['ecdsa-p256', 'sm2']).default('ecdsa-p256'),
    /** PEM private key for request signatures. For ecdsa-p256 it defaults to the client certificate's key. */
    signingKeyPath: z.string().min(1).optional(),
    /** Identifies the signing key to the platform (X-Passage-Key-Id). */
    keyId: z.string().min(1).max(128).regex(/^[A-Za-z0-9._:-]+$/).optional(),
    /** PEM public key the platform signs responses with (same suite as `signer`). */
    platformPublicKeyPath: z.string().min(1).optional(),
    timeouts: z
      .strictObject({
        /** TCP connect plus TLS handshake, per attempt. */
        connectMs: z.number().int().min(100).max(60_000).default(3_000),
        /** The whole call including the one retry: what a traveller may be kept waiting. */
        totalMs: z.number().int().min(200).max(120_000).default(10_000),
      })
      .refine((t) => t.connectMs < t.totalMs, { message: 'connectMs must be shorter than totalMs', path: ['connectMs'] })
      .prefault({}),
    breaker: z
      .strictObject({
        failureThreshold: z.number().int().min(1).max(100).default(3),
        openMs: z.number().int().min(100).max(3_600_000).default(30_000),
        maxOpenMs: z.number().int().min(100).max(3_600_000).default(300_000),
      })
      .refine((b) => b.openMs <= b.maxOpenMs, { message: 'openMs must not exceed maxOpenMs', path: ['openMs'] })
      .prefault({}),
    simulator: z
      .strictObject({
        /** Loopback port of the simulator; 0 picks a free one. */
        port: z.number().int().min(0).max(65535).default(0),
        /** Seed identities (JSON, electron/platform/sim/seed-schema.ts); defaults to the bundled seed.json. */
        seedFile: z.string().min(1).optional(),
      })
      .prefault({}),
  })
  .superRefine((c, ctx) => {
    if (c.mode !== 'real') return;
    const required = ['baseUrl', 'caPath', 'clientCertPath', 'clientKeyPath', 'platformPublicKeyPath', 'keyId'] as const;
    for (const key of required) if (!c[key]) ctx.addIssue({ code: 'custom', path: [key], message: `required in real mode` });
    if (c.signer === 'sm2' && !c.signingKeyPath) ctx.addIssue({ code: 'custom', path: ['signingKeyPath'], message: 'required for the sm2 signer' });
  });

export type PlatformConfig = z.infer<typeof platformConfigSchema>;
export type PlatformConfigInput = z.input<typeof platformConfigSchema>;

/** Everything the HTTPS client needs, all paths resolved (from real-mode config, or from a started simulator). */
export interface PlatformConnection {
  readonly baseUrl: string;
  readonly caPath: string;
  readonly clientCertPath: string;
  readonly clientKeyPath: string;
  readonly signer: 'ecdsa-p256' | 'sm2';
  readonly signingKeyPath: string;
  readonly keyId: string;
  readonly platformPublicKeyPath: string;
  readonly timeouts: PlatformConfig['timeouts'];
  readonly breaker: PlatformConfig['breaker'];
}

/** The connection settings of a real-mode configuration (the schema has already required every path). */
export function realConnection(config: PlatformConfig): PlatformConnection {
  if (config.mode !== 'real' || !config.baseUrl || !config.caPath || !config.clientCertPath || !config.clientKeyPath || !config.platformPublicKeyPath || !config.keyId) {
    throw new Error('realConnection needs a validated real-mode platform configuration');
  }
  const signingKeyPath = config.signingKeyPath ?? config.clientKeyPath;
  return {
    baseUrl: config.baseUrl,
    caPath: config.caPath,
    clientCertPath: config.clientCertPath,
    clientKeyPath: config.clientKeyPath,
    signer: config.signer,
    signingKeyPath,
    keyId: config.keyId,
    platformPublicKeyPath: config.platformPublicKeyPath,
    // Copied, so the client holds its own settings rather than a view of the configuration object.
    timeouts: { ...config.timeouts },
    breaker: { ...config.breaker },
  };
}
