import { readFile } from 'node:fs/promises';
import type { SimRoute } from '../../drivers/sim/sim-route.ts';
import type { Logger } from '../log/logger.ts';
import { systemClock, type Clock } from '../../drivers/clock.ts';
import { createAgent } from './https-exchange.ts';
import { HttpsPlatformClient } from './https-platform-client.ts';
import type { IdentityPlatform } from './identity-platform.ts';
import { realConnection, type PlatformConfig, type PlatformConnection } from './platform-config.ts';
import { fileSigner, keyVerifier } from './signing.ts';
import { platformSimRoutes } from './sim/platform-sim-routes.ts';
import { startPlatformSimulator, type StartedPlatformSimulator } from './sim/start-platform-simulator.ts';
import { SetupError } from '../../drivers/setup-error.ts';

export interface PlatformClientDeps {
  readonly logger: Logger;
  readonly clock?: Clock;
  readonly newRequestId?: () => string;
  readonly newNonce?: () => string;
}

/** A certificate or key file is missing or unusable: the message names the file, never its contents. */
export class PlatformSetupError extends SetupError {
  override readonly name = 'PlatformSetupError';
}

/** The HTTPS adapter for a connection (real platform, or a started simulator's `connection(...)`). */
export async function createPlatformClient(connection: PlatformConnection, deps: PlatformClientDeps): Promise<IdentityPlatform> {
  const read = async (what: string, path: string) => {
    try {
      return await readFile(path, 'utf8');
    } catch (error) {
      throw new PlatformSetupError(`platform ${what} ${path}: cannot read (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
    }
  };
  const [ca, cert, key, signingKey, platformKey] = await Promise.all([
    read('CA', connection.caPath),
    read('client certificate', connection.clientCertPath),
    read('client key', connection.clientKeyPath),
    read('signing key', connection.signingKeyPath),
    read('platform public key', connection.platformPublicKeyPath),
  ]);
  let signer, platformVerifier;
  try {
    signer = fileSigner(connection.signer, connection.keyId, signingKey);
  } catch (error) {
    throw new PlatformSetupError(`platform signing key ${connection.signingKeyPath}: ${(error as Error).message}`);
  }
  try {
    // The platform's key id is not configured separately: whatever it names, the key must verify.
    platformVerifier = keyVerifier(connection.signer, '', platformKey);
  } catch (error) {
    throw new PlatformSetupError(`platform public key ${connection.platformPublicKeyPath}: ${(error as Error).message}`);
  }
  return new HttpsPlatformClient({
    baseUrl: connection.baseUrl,
    agent: createAgent({ ca, cert, key }),
    signer,
    platformVerifier,
    timeouts: connection.timeouts,
    breaker: connection.breaker,
    logger: deps.logger,
    clock: deps.clock ?? systemClock,
    ...(deps.newRequestId ? { newRequestId: deps.newRequestId } : {}),
    ...(deps.newNonce ? { newNonce: deps.newNonce } : {}),
  });
}

export interface RunningIdentityPlatform {
  readonly platform: IdentityPlatform;
  /** The simulator in simulated mode, else null. */
  readonly simulator: StartedPlatformSimulator | null;
  /** Control-API routes to mount under /sim/ (empty in real mode). */
  readonly simRoutes: readonly SimRoute[];
  close(): Promise<void>;
}

/**
 * What the host calls at start-up with the validated `platform` config section: in simulated mode it starts the
 * simulator (PKI in `<dataDir>/platform-sim/`) and connects the real HTTPS client to it, so the kiosk always
 * runs the same client code.
 */
export async function startIdentityPlatform(config: PlatformConfig, deps: PlatformClientDeps & { readonly dataDir: string }): Promise<RunningIdentityPlatform> {
  if (config.mode === 'real') {
    const platform = await createPlatformClient(realConnection(config), deps);
    return { platform, simulator: null, simRoutes: [], close: async () => platform.close?.() };
  }
  const simulator = await startPlatformSimulator({
    dataDir: deps.dataDir,
    logger: deps.logger,
    port: config.simulator.port,
    ...(config.simulator.seedFile ? { seedFile: config.simulator.seedFile } : {}),
  });
  try {
    const platform = await createPlatformClient(simulator.connection(config), deps);
    return {
      platform,
      simulator,
      simRoutes: platformSimRoutes(simulator.sim),
      close: async () => {
        await platform.close?.();
        await simulator.close();
      },
    };
  } catch (error) {
    await simulator.close();
    throw error;
  }
}
