import { PassThrough } from 'node:stream';
import { writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { runPlatformSimulator, simCommand } from '../../electron/cli/sim-command.ts';
import type { CliIo } from '../../electron/cli/command.ts';
import { silentLogger } from '../../electron/log/logger.ts';
import { createPlatformClient } from '../../electron/platform/create-platform-client.ts';
import { platformConfigSchema } from '../../electron/platform/platform-config.ts';
import { tempDir } from './support.ts';

const dir = tempDir();
afterAll(() => dir.remove());

function io(): CliIo & { out: () => string; err: () => string } {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c: Buffer) => (out += c.toString()));
  stderr.on('data', (c: Buffer) => (err += c.toString()));
  return { stdout, stderr, stdin: new PassThrough(), out: () => out, err: () => err };
}

async function firstLine(cli: ReturnType<typeof io>): Promise<string> {
  for (let i = 0; i < 400 && !cli.out().includes('\n'); i++) await new Promise((r) => setTimeout(r, 10));
  return cli.out().split('\n')[0]!;
}

describe('passage sim platform', () => {
  it('prints the URL, CA and client paths as JSON, serves verifications and the control API, and stops cleanly', async () => {
    const cli = io();
    let stop!: () => void;
    const running = runPlatformSimulator(['--data-dir', dir.path], cli, new Promise<void>((r) => (stop = r)));
    const printed = JSON.parse(await firstLine(cli)) as Record<string, any>;
    expect(printed).toMatchObject({ url: expect.stringMatching(/^https:\/\/127\.0\.0\.1:\d+$/), caPath: `${dir.path}/platform-sim/ca.pem`, identities: 11 });

    const config = platformConfigSchema.parse({});
    const client = await createPlatformClient(
      { baseUrl: printed.url, caPath: printed.caPath, clientCertPath: printed.clientCertPath, clientKeyPath: printed.clientKeyPath, signer: 'ecdsa-p256', signingKeyPath: printed.signingKeyPaths['ecdsa-p256'], keyId: printed.signingKeyIds['ecdsa-p256'], platformPublicKeyPath: printed.platformPublicKeyPaths['ecdsa-p256'], timeouts: config.timeouts, breaker: config.breaker },
      { logger: silentLogger() },
    );
    const specimen = { documentType: 'P', documentNumber: 'L898902C3', issuer: 'UTO', surname: 'ERIKSSON', givenNames: 'ANNA MARIA', birthDate: '1974-08-12', expiryDate: '2034-04-15' };
    expect(await client.verifyDocument(specimen)).toMatchObject({ outcome: 'verified' });

    const faults = await fetch(`${printed.controlUrl}/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ errorRate: 1 }) });
    expect(faults.status).toBe(200);
    expect(await client.verifyDocument(specimen)).toMatchObject({ outcome: 'unavailable', reason: 'server_error' });
    await client.close?.();

    stop();
    expect(await running).toBe(0);
  });

  it('refuses a bad port with usage status 2', async () => {
    const cli = io();
    expect(await runPlatformSimulator(['--port', 'eighty'], cli, Promise.resolve())).toBe(2);
    expect(cli.err()).toContain("--port must be a port number, not 'eighty'");
  });

  it('fails with status 1 and names the file when the seed is not valid', async () => {
    const seed = `${dir.path}/bad-seed.json`;
    writeFileSync(seed, JSON.stringify({ identities: [{ id: 'x' }] }));
    const cli = io();
    expect(await runPlatformSimulator(['--data', seed, '--data-dir', dir.path], cli, Promise.resolve())).toBe(1);
    expect(cli.err()).toContain('bad-seed.json');
  });

  it('asks which simulator when none or an unknown one is named', async () => {
    const cli = io();
    expect(await simCommand.run([], cli)).toBe(2);
    expect(await simCommand.run(['teleporter'], cli)).toBe(2);
    expect(cli.err()).toContain("unknown simulator 'teleporter'");
  });
});
