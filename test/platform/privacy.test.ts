import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../electron/log/logger.ts';
import { startIdentityPlatform, type RunningIdentityPlatform } from '../../electron/platform/create-platform-client.ts';
import { platformConfigSchema } from '../../electron/platform/platform-config.ts';
import seedJson from '../../electron/platform/sim/seed.json' with { type: 'json' };
import { liveJpeg } from './identity-platform.contract.ts';
import { tempDir } from './support.ts';

const dir = tempDir();
let lines: string[] = [];
let running: RunningIdentityPlatform;

beforeAll(async () => {
  const sink = new Writable({ write: (chunk, _enc, done) => (lines.push(String(chunk)), done()) });
  const logger = createLogger({ level: 'debug', destination: sink as never });
  running = await startIdentityPlatform(platformConfigSchema.parse({}), { dataDir: dir.path, logger });
});
afterAll(async () => {
  await running.close();
  dir.remove();
});

describe('platform logging', () => {
  it('logs request ids and outcomes, never names, numbers, dates or images (client and simulator)', async () => {
    lines = [];
    for (const identity of seedJson.identities) {
      const result = await running.platform.verifyDocument(identity.document);
      if (result.outcome === 'verified') await running.platform.verifyFace({ documentRef: result.documentRef, image: liveJpeg, consent: true });
    }
    const text = lines.join('');
    expect(lines.length).toBeGreaterThanOrEqual(seedJson.identities.length * 2);
    expect(text).toContain('"outcome":"verified"');
    expect(text).toContain('"requestId"');
    for (const identity of seedJson.identities) {
      const d = identity.document as Record<string, string | undefined>;
      for (const value of [d.documentNumber, d.surname, d.givenNames, d.birthDate, d.optionalData]) {
        // Whole-word match: two-letter names (LI, NA) occur inside random ids by chance.
        if (value) expect(new RegExp(`(^|[^A-Za-z0-9_-])${value}([^A-Za-z0-9_-]|$)`).test(text), `${identity.id} leaked ${value}`).toBe(false);
      }
    }
    expect(text).not.toContain(Buffer.from(liveJpeg).toString('base64'));
  });
});
