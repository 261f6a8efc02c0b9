import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SetupError } from '../../drivers/setup-error.ts';
import { chipConfigSchema } from '../../electron/chip/chip-config.ts';
import { startChipStep } from '../../electron/chip/chip-step.ts';
import { silentLogger } from '../../electron/log/logger.ts';
import { systemClock } from '../../drivers/clock.ts';

const deps = { mode: 'real' as const, clock: systemClock, logger: silentLogger() };

describe('the chip step of a real kiosk', () => {
  it('refuses to start reading chips with no trust store, or with one that trusts nobody', async () => {
    const none = await startChipStep(chipConfigSchema.parse({ policy: 'preferred' }), deps).catch((e: unknown) => e);
    expect(none).toBeInstanceOf(SetupError);
    expect((none as Error).message).toMatch(/chip\.policy is 'preferred' but chip\.trustStore is not set/);
    const empty = mkdtempSync(join(tmpdir(), 'passage-empty-trust-'));
    await expect(startChipStep(chipConfigSchema.parse({ policy: 'required', trustStore: empty }), deps)).rejects.toThrow(/no usable CSCA certificate/);
  });

  it('loads nothing at all when the policy is off', async () => {
    const step = await startChipStep(chipConfigSchema.parse({}), deps);
    expect(step.readChip).toBeUndefined();
    expect(step.simRoutes).toEqual([]);
  });
});
