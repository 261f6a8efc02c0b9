import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../electron/log/logger.ts';
import { createPlatformClient, PlatformSetupError } from '../../electron/platform/create-platform-client.ts';
import { FakeIdentityPlatform } from '../../electron/platform/fake-identity-platform.ts';
import type { IdentityPlatform } from '../../electron/platform/identity-platform.ts';
import { platformConfigSchema } from '../../electron/platform/platform-config.ts';
import { startPlatformSimulator, type StartedPlatformSimulator } from '../../electron/platform/sim/start-platform-simulator.ts';
import seedJson from '../../electron/platform/sim/seed.json' with { type: 'json' };
import { seedFileSchema } from '../../electron/platform/sim/seed-schema.ts';
import { describeIdentityPlatformContract, liveJpeg } from './identity-platform.contract.ts';
import { tempDir } from './support.ts';

const seed = seedFileSchema.parse(seedJson);
const defaults = platformConfigSchema.parse({});
const dir = tempDir();
let sim: StartedPlatformSimulator;
let client: IdentityPlatform;
let sm2Client: IdentityPlatform;

beforeAll(async () => {
  sim = await startPlatformSimulator({ dataDir: dir.path, logger: silentLogger() });
  client = await createPlatformClient(sim.connection(defaults), { logger: silentLogger() });
  sm2Client = await createPlatformClient(sim.connection({ ...defaults, signer: 'sm2' }), { logger: silentLogger() });
});

afterAll(async () => {
  await client.close?.();
  await sm2Client.close?.();
  await sim.close();
  dir.remove();
});

describeIdentityPlatformContract(
  'HTTPS client (ECDSA P-256) against the simulator',
  () => ({ platform: client, seed }),
  () => createPlatformClient(sim.connection(defaults), { logger: silentLogger() }),
);

describeIdentityPlatformContract(
  'HTTPS client (SM2/SM3) against the simulator',
  () => ({ platform: sm2Client, seed }),
  () => createPlatformClient(sim.connection({ ...defaults, signer: 'sm2' }), { logger: silentLogger() }),
);

describeIdentityPlatformContract(
  'in-process fake',
  () => ({ platform: fake, seed }),
  async () => new FakeIdentityPlatform(seed),
);
const fake = new FakeIdentityPlatform(seed);

describe('HTTPS client with the SM2/SM3 signer', () => {
  it('verifies a document and a face, signing with SM2 and checking the platform SM2 signature', async () => {
    const sm2 = await createPlatformClient(sim.connection({ ...defaults, signer: 'sm2' }), { logger: silentLogger() });
    try {
      const prc = seed.identities.find((i) => i.id === 'prc-passport-match')!;
      const document = await sm2.verifyDocument(prc.document);
      if (document.outcome !== 'verified') throw new Error(`expected verified, got ${JSON.stringify(document)}`);
      expect(await sm2.verifyFace({ documentRef: document.documentRef, image: liveJpeg, consent: true })).toMatchObject({ outcome: 'verified' });
      const stolen = seed.identities.find((i) => i.id === 'prc-stolen')!;
      expect(await sm2.verifyDocument(stolen.document)).toMatchObject({ outcome: 'not_verified', reason: 'INVALIDATED' });
    } finally {
      await sm2.close?.();
    }
  });

  it("carries the chip's photo to the platform as the face request's referenceImage", async () => {
    const prc = seed.identities.find((i) => i.id === 'prc-passport-match')!;
    const document = await client.verifyDocument(prc.document);
    if (document.outcome !== 'verified') throw new Error(`expected verified, got ${JSON.stringify(document)}`);
    const before = sim.sim.faceReferenceCount;
    await client.verifyFace({ documentRef: document.documentRef, image: liveJpeg, consent: true });
    expect(sim.sim.faceReferenceCount).toBe(before);
    expect(await client.verifyFace({ documentRef: document.documentRef, image: liveJpeg, consent: true, referenceImage: liveJpeg })).toMatchObject({ outcome: 'verified' });
    expect(sim.sim.faceReferenceCount).toBe(before + 1);
  });

  it('refuses at start-up a platform key that is not on the SM2 curve', async () => {
    const connection = { ...sim.connection({ ...defaults, signer: 'sm2' }), platformPublicKeyPath: sim.platformPublicKeyPaths['ecdsa-p256'] };
    await expect(createPlatformClient(connection, { logger: silentLogger() })).rejects.toThrow(PlatformSetupError);
  });

  it('refuses at start-up a missing certificate file, naming the file', async () => {
    const connection = { ...sim.connection(defaults), caPath: `${dir.path}/no-such-ca.pem` };
    await expect(createPlatformClient(connection, { logger: silentLogger() })).rejects.toThrow(/no-such-ca\.pem: cannot read \(ENOENT\)/);
  });
});
