import { describe, expect, it } from 'vitest';
import { platformConfigSchema, realConnection } from '../../electron/platform/platform-config.ts';

const real = {
  mode: 'real',
  baseUrl: 'https://platform.example:8443',
  caPath: '/etc/passage/platform-ca.pem',
  clientCertPath: '/etc/passage/kiosk.pem',
  clientKeyPath: '/etc/passage/kiosk-key.pem',
  platformPublicKeyPath: '/etc/passage/platform-sign.pem',
  keyId: 'hotel-42.kiosk-3',
};

describe('platformConfigSchema', () => {
  it('defaults to simulated mode with ECDSA, timeouts and breaker settings', () => {
    expect(platformConfigSchema.parse({})).toEqual({
      mode: 'simulated',
      signer: 'ecdsa-p256',
      timeouts: { connectMs: 3_000, totalMs: 10_000 },
      breaker: { failureThreshold: 3, openMs: 30_000, maxOpenMs: 300_000 },
      simulator: { port: 0 },
    });
  });

  it('requires the URL, certificates, keys and key id in real mode, naming each', () => {
    const result = platformConfigSchema.safeParse({ mode: 'real' });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join('.')).sort()).toEqual(['baseUrl', 'caPath', 'clientCertPath', 'clientKeyPath', 'keyId', 'platformPublicKeyPath']);
  });

  it('requires a separate signing key for SM2 (TLS keys are P-256)', () => {
    expect(platformConfigSchema.safeParse({ ...real, signer: 'sm2' }).error?.issues.map((i) => i.path.join('.'))).toEqual(['signingKeyPath']);
    expect(platformConfigSchema.safeParse({ ...real, signer: 'sm2', signingKeyPath: '/etc/passage/sm2.pem' }).success).toBe(true);
  });

  it('accepts only https URLs, known keys, and a connect timeout shorter than the total', () => {
    expect(platformConfigSchema.safeParse({ ...real, baseUrl: 'http://platform.example' }).success).toBe(false);
    expect(platformConfigSchema.safeParse({ ...real, baseUrl: 'https://platform.example/api' }).success).toBe(false);
    expect(platformConfigSchema.safeParse({ ...real, baseUrl: 'https://platform.example:8443/' }).success).toBe(true);
    expect(platformConfigSchema.safeParse({ ...real, retries: 3 }).success).toBe(false);
    expect(platformConfigSchema.safeParse({ timeouts: { connectMs: 5_000, totalMs: 4_000 } }).error?.issues[0]?.path).toEqual(['timeouts', 'connectMs']);
  });

  it('gives a real connection that signs with the client key unless another is set', () => {
    const connection = realConnection(platformConfigSchema.parse(real));
    expect(connection).toMatchObject({ baseUrl: real.baseUrl, signer: 'ecdsa-p256', signingKeyPath: real.clientKeyPath, keyId: real.keyId });
    expect(() => realConnection(platformConfigSchema.parse({}))).toThrow();
  });
});
