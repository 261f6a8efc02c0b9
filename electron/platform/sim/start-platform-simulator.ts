import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Logger, componentLogger } from '../../log/logger.ts';
import type { PlatformConfig, PlatformConnection } from '../platform-config.ts';
import { ensureDevPki, keyIds } from './dev-pki.ts';
import { PlatformSimulator, type PlatformSimulatorOptions } from './platform-simulator.ts';
import { defaultSeedPath, loadSeedFile } from './seed-schema.ts';
import { SetupError } from '../../../drivers/setup-error.ts';

export interface StartPlatformSimulatorOptions {
  /** The kiosk's data directory; the development PKI goes into `<dataDir>/platform-sim/`. */
  readonly dataDir: string;
  /** Seed identities (JSON); defaults to the bundled seed.json. */
  readonly seedFile?: string;
  readonly logger: Logger;
  /** Loopback port; 0 (default) picks a free one. */
  readonly port?: number;
  readonly now?: PlatformSimulatorOptions['now'];
  readonly random?: PlatformSimulatorOptions['random'];
  readonly sleep?: PlatformSimulatorOptions['sleep'];
}

export interface StartedPlatformSimulator {
  readonly url: string;
  /** PEM of the development CA: the client trusts only this for the platform's server certificate. */
  readonly caPath: string;
  readonly clientCertPath: string;
  readonly clientKeyPath: string;
  /** Request-signing keys of the simulated kiosk and their key ids, per suite. */
  readonly signingKeyPaths: Readonly<Record<'ecdsa-p256' | 'sm2', string>>;
  readonly signingKeyIds: Readonly<Record<'ecdsa-p256' | 'sm2', string>>;
  /** Public keys the simulator signs responses with, per suite. */
  readonly platformPublicKeyPaths: Readonly<Record<'ecdsa-p256' | 'sm2', string>>;
  /** true when this start created the PKI (first start in this data directory). */
  readonly generatedPki: boolean;
  readonly sim: PlatformSimulator;
  /** Connection settings for `createPlatformClient`, taking timeouts, breaker and signer from `config`. */
  connection(config: Pick<PlatformConfig, 'signer' | 'timeouts' | 'breaker'>): PlatformConnection;
  close(): Promise<void>;
}

export class SimulatorStartError extends SetupError {
  override readonly name = 'SimulatorStartError';
}

export async function startPlatformSimulator(options: StartPlatformSimulatorOptions): Promise<StartedPlatformSimulator> {
  const dir = join(options.dataDir, 'platform-sim');
  const { pki, generated, paths } = await ensureDevPki(dir);
  if (generated) options.logger.info({ dir }, 'platform sim: generated a development CA, server and client certificates');
  const seedPath = options.seedFile ?? fileURLToPath(defaultSeedPath);
  const seed = await loadSeedFile(seedPath);
  if (!seed.ok) throw new SimulatorStartError(seed.error);
  const sim = new PlatformSimulator({
    pki,
    seed: seed.seed,
    logger: componentLogger(options.logger, 'platform-sim'),
    ...(options.now ? { now: options.now } : {}),
    ...(options.random ? { random: options.random } : {}),
    ...(options.sleep ? { sleep: options.sleep } : {}),
  });
  const url = await sim.listen(options.port ?? 0);
  const signingKeyPaths = { 'ecdsa-p256': paths.clientKey, sm2: paths.clientSm2Key } as const;
  const platformPublicKeyPaths = { 'ecdsa-p256': paths.platformEcdsaPublic, sm2: paths.platformSm2Public } as const;
  return {
    url,
    caPath: paths.caCert,
    clientCertPath: paths.clientCert,
    clientKeyPath: paths.clientKey,
    signingKeyPaths,
    signingKeyIds: keyIds.client,
    platformPublicKeyPaths,
    generatedPki: generated,
    sim,
    connection: (config) => ({
      baseUrl: url,
      caPath: paths.caCert,
      clientCertPath: paths.clientCert,
      clientKeyPath: paths.clientKey,
      signer: config.signer,
      signingKeyPath: signingKeyPaths[config.signer],
      keyId: keyIds.client[config.signer],
      platformPublicKeyPath: platformPublicKeyPaths[config.signer],
      timeouts: config.timeouts,
      breaker: config.breaker,
    }),
    close: () => sim.close(),
  };
}
